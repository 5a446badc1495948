"""Lookup keys of the gazetteer index and what its builder and its reader share: the name
normalisation, code and region-stem keys, the kinds of names, the version and the default
location of the index (:mod:`sitrep.gazetteer`, :mod:`sitrep.gazetteer_build`)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

#: bumped whenever the schema or the build changes; an index of another version is rebuilt
GAZETTEER_VERSION = "5"

#: progress callback: ``(done, total, message)``, e.g. ``(45, 100, "cities")``; total None
#: when unknown
Progress = Callable[[int, int | None, str], None]

#: compass words that open a place's name ("North Carolina", "Western Cape")
COMPASS_WORDS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western central northeastern northwestern southeastern southwestern upstate downstate "
    "far".split()
)
#: words that open or close a place's name without telling which place ("Lake Charles",
#: "Mount Vernon", "Union City")
GENERIC_PLACE_WORDS = frozenset(
    """north south east west central northern southern eastern western gulf metro delta city
    county state downtown midtown uptown coast island valley river lake bay park center centre
    harbor harbour capital district region province mount sun union victory liberty hope
    independence""".split()
)

# kinds of names in the ``name`` table
PRIMARY, ALTERNATE, CODE, STEM = 0, 1, 2, 3

#: ids of regions that GeoNames has no entry for here: negative, so never taken for GeoNames'
REGION_ID_BASE = -1_000_000

# administrative words around a region's name ("Kharkiv Oblast", "the Republic of ...")
_ADMIN_WORDS = (
    "oblast'",
    "oblast",
    "oblysy",
    "region",
    "province",
    "provincia",
    "county",
    "district",
    "governorate",
    "prefecture",
    "state",
    "kray",
    "krai",
    "rayon",
    "raion",
    "municipality",
    "department",
    "departamento",
    "parish",
    "borough",
    "city",
    "territory",
    "autonomous okrug",
    "republic",
)
_ADMIN_WORDS_RE = re.compile(
    r"^(?:(?:the )?(?:" + "|".join(re.escape(w) for w in _ADMIN_WORDS) + r") of )?(.+?)"
    r"(?: (?:" + "|".join(re.escape(w) for w in _ADMIN_WORDS) + r"))?$"
)


def norm(name: str) -> str:
    """Lookup key: case-folded, accents and periods removed, apostrophes unified."""
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace(".", "").replace("-", " ").replace("\u2013", " ")
    return " ".join(s.casefold().split())


def code_key(name: str) -> str | None:
    """``'U.S.'`` -> ``'=US'``: a case-sensitive key for codes of 2-3 capital letters."""
    k = re.sub(r"[.\s]", "", name)
    if 2 <= len(k) <= 3 and k.isalpha() and k.isascii() and k.isupper():
        return "=" + k
    return None


def code_keys(name: str) -> list[str]:
    """Case-sensitive keys of a code or abbreviation: ``'U.S.'`` -> ``['=U.S.', '=US']``."""
    keys = []
    if "." in name:
        keys.append("=" + name.replace(" ", ""))
    k = code_key(name)
    if k:
        keys.append(k)
    return keys


def _latin(s: str) -> bool:
    """True when every letter is Latin (drops names in other scripts from the index)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in s)


def region_stem(name: str) -> str:
    """``'Belgorod Oblast'`` -> ``'belgorod'``: a normalised name without its admin word."""
    key = norm(name)
    m = _ADMIN_WORDS_RE.match(key)
    return m.group(1) if m else key


def default_path() -> Path:
    """``$SITREP_GAZETTEER`` or ``~/.cache/sitrep/gazetteer.sqlite``."""
    env = os.environ.get("SITREP_GAZETTEER")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep" / "gazetteer.sqlite"
