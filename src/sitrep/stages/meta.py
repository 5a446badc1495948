"""Document metadata for the extract stage: dates, titles, hosts, the content hash."""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sitrep.stages.boilerplate import _is_boilerplate, _words
from sitrep.stages.decode import _CONTROL_CHARS_RE
from sitrep.stages.furniture import Furniture, is_furniture
from sitrep.timex.tagger import find_times

log = logging.getLogger(__name__)

# ---- metadata helpers ------------------------------------------------------------------------

#: publication dates outside these years are placeholders ("0001-01-01", "9999-12-31"); they
#: are dropped (date arithmetic on them would overflow)
MIN_YEAR, MAX_YEAR = 1000, 2999
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_date(value: Any) -> date | None:
    """A date from a ``date``/``datetime`` or a string starting ``YYYY-MM-DD`` (or ``/``, ``.``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DATE_RE.search(str(value))
    if not m:
        return None
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:  # "0001-01-01": a placeholder, not a date
        return None
    try:
        return date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_STAMP_DAY_RE = re.compile(r"\d{4}-\d\d-\d\d")


def stamp_date(found: list[Furniture]) -> date | None:
    """The day the first update stamp among removed furniture states ("Published: April 16,
    2013 9: 09 AM", "Updated Monday, March 02, 2015 7: 14 PM"): the page's own date, for
    a text that came without one. A stamp without a full date ("Updated 2 hours ago") gives
    none."""
    for item in found:
        if item.kind != "update stamp":
            continue
        for tx in find_times(item.text, None):
            if tx.type in ("DATE", "TIME") and tx.value and _STAMP_DAY_RE.match(tx.value):
                day = parse_date(tx.value[:10])
                if day is not None:
                    return day
    return None


def content_hash(text: str) -> str:
    """sha256 of the text after Unicode NFKC and whitespace normalisation (exact-dedup key)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _mostly_control(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL_CHARS_RE.findall(sample)) > 0.05 * len(sample)


_NOT_TITLE_RE = re.compile(
    r"(?:by|posted by|written by|updated|published|posted)\s.*|(?:photo|image)s?\s*:.*|"
    r".*(?:https?://|"
    r"www\.|@\w).*|[\d\W_]+",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?(?:\d{1,2} )?(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)\w*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?(?:,? [\d:apm. ]+)?|"
    r"(?:\d{1,2} )(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}",
    re.IGNORECASE,
)


def _detect_title(text: str) -> str | None:
    """The first line when it reads as a headline: 2-25 words starting with a capital, a digit
    or a quote, not ending as a sentence or a label, more text after it, and not a byline, a
    date, a link, site furniture or navigation."""
    stripped = text.lstrip()
    line, sep, rest = stripped.partition("\n")
    line = line.strip()
    if not sep or not rest.strip() or not line or len(line) > 200:
        return None
    if (
        not (2 <= _words(line) <= 25)
        or line[-1] in ".,;:!|"
        or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        or _NOT_TITLE_RE.fullmatch(line)
        or _DATELINE_RE.fullmatch(line.rstrip("."))
        or is_furniture(line)
        or _is_boilerplate(line)
    ):
        return None
    return line


def _furniture_record(found: list[Furniture]) -> list[dict[str, str]]:
    """What the extract trace keeps of removed furniture: its kind (the reason) and text."""
    for item in found:
        log.debug("furniture removed (%s): %s", item.kind, item.text[:120])
    return [{"kind": item.kind, "text": item.text.strip()} for item in found]


def _meta_str(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return str(value).strip() or None if value not in (None, "") else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[bad": not a URL
        return None
    return host.removeprefix("www.") or None
