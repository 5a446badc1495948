"""Rule-based finder and normaliser of English time expressions (TimeML TIMEX3 values).

Candidates come from compiled patterns over the raw text; overlapping candidates are settled
longest-first, left to right, and each is normalised against the document creation time (DCT)
in text order, so that anaphoric expressions ("the quarter", "a year earlier") can use what
the text mentioned before. Span boundaries follow TempEval-3 gold: determiners and modifiers
("the", "last", "early", "about") are inside; prepositions ("on", "since", "in") are outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sitrep.timex import calendar as cal
from sitrep.timex.lexicon import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    WORD_NUMBER_RE,
    read_number,
    read_spelled_year,
    unit_key,
)

Tense = str | None  # "past", "present", "future" or None
_FORWARD = ("future",)


@dataclass(frozen=True)
class Timex:
    """One found expression: offsets into the text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None
    resolved: bool
    note: str | None = None


@dataclass
class Hints:
    """What the tagger may ask of a linguistic analysis; defaults know nothing."""

    tense: Callable[[int], Tense] = lambda _start: None
    tag: Callable[[int], str | None] = lambda _start: None
    ent: Callable[[int], str] = lambda _start: ""


@dataclass
class _State:
    text: str
    dct: date | None
    hints: Hints
    last_quarter: tuple[int, int] | None = None
    last_year: int | None = None
    # the day the previous expression named, and where it ended (the reference time)
    last_day: tuple[date, int] | None = None
    financial: bool = False
    found: list[Timex] = field(default_factory=list)


class _M(Protocol):
    """What handlers read of a match (``re.Match`` or a renaming view of one)."""

    @property
    def re(self) -> re.Pattern[str]: ...

    def __getitem__(self, key: str | int, /) -> Any: ...

    def start(self, group: str | int = 0, /) -> int: ...

    def end(self, group: str | int = 0, /) -> int: ...


class _Out(Exception):
    """Internal: a candidate is rejected."""


# ---------------------------------------------------------------- pattern fragments

_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.]\d)"
_ORDW = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    + "|".join(sorted(ORDINALS, key=len, reverse=True))
    + r")"
)
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|\s*percent|,\d)"
_SPYEAR = (
    r"(?:nineteen[- ](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|o[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine))|two thousand(?:(?: and)? (?:one|two|three|four|five"
    r"|six|seven|eight|nine|ten))?)"
)
_NUM = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{WORD_NUMBER_RE}(?:\s+and\s+a\s+half)?|(?:a\s+)?couple\s+of"
    r"|a\s+few|few|several|some|many|a|an|one\s+and\s+a\s+half)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|century|centuries)"
)
_APPROX = (
    r"(?:about|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|over(?!\s+the\b)"
    r"|under|some|roughly|around|approximately|up\s+to|no\s+more\s+than|only|just|barely"
    r"|well\s+over|a\s+further|another|an\s+additional|the\s+better\s+part\s+of)"
)
_POD = r"(?:morning|afternoon|evening|night)"
_EDGE = r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)"
_ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time))?"
_AMPM = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b)"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$#£€'-])" + pattern + r"(?![\w-])", re.IGNORECASE)


# ---------------------------------------------------------------- helpers


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _need(st: _State) -> date:
    if st.dct is None:
        raise _NoAnchor
    return st.dct


class _NoAnchor(Exception):
    """Internal: the expression is relative and there is no anchor."""


def _preceding_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z$]+)\W*$", text[max(0, start - 25) : start])
    return m.group(1).lower() if m else ""


_TRIGGER_PREPS = {
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "of",
    "during",
    "through",
    "before",
    "after",
    "to",
    "on",
    "for",
    "last",
    "this",
    "next",
    "early",
    "late",
    "mid",
    "between",
    "and",
    "or",
    "throughout",
    "around",
    "into",
    "as",
}


def _day_num(s: str) -> int:
    s = s.lower()
    digits = re.match(r"\d+", s)
    if digits:
        return int(digits.group())
    parts = re.split(r"[- ]", s)
    if len(parts) == 2:
        return (20 if parts[0] == "twenty" else 30) + ORDINALS[parts[1]]
    return ORDINALS[s]


# ---------------------------------------------------------------- handlers
# each: (match, state) -> (type, value, note) ; raise _Out to reject, _NoAnchor if relative.

Result = tuple[str, str, str | None]


def _h_iso(m: _M, st: _State) -> Result:
    d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        raise _Out
    if m["hh"]:
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}", None
    return "DATE", d.isoformat(), None


def _h_slash(m: _M, st: _State) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    mo, dy = (a, b) if a <= 12 else (b, a)
    d = cal.safe_date(y, mo, dy)
    if d is None:
        raise _Out
    return "DATE", d.isoformat(), None


def _year_of(m: _M, group: str) -> int | None:
    y = m[group]
    if not y:
        return None
    if y[0].isdigit():
        return int(y)
    return read_spelled_year(y)


#: words just before a calendar date that fix its direction whatever the verb's tense:
#: "payable Dec. 7", "effective Feb. 1", "until January" look ahead, "since Oct. 23" back
_DATE_AHEAD = re.compile(
    r"\b(?:payable|effective|due|until|till|expir(?:es|ing|e)|starting|beginning"
    r"|no\s+later\s+than)\s+(?:on\s+)?$",
    re.I,
)
_DATE_BEHIND = re.compile(
    r"\bsince\s+(?:(?:shortly|just|soon)\s+(?:after|before)\s+)?(?:the\s+)?$", re.I
)


def _date_tense(m: _M, st: _State) -> Tense:
    """The direction of a date written without its year: a cue word before it, else the
    tense of the governing verb."""
    lo = max(0, m.start() - 30)
    if _DATE_AHEAD.search(st.text, lo, m.start()):
        return "future"
    if _DATE_BEHIND.search(st.text, lo, m.start()):
        return "past"
    return st.hints.tense(m.start())


def _h_mdy(m: _M, st: _State) -> Result:
    if not _is_cap(m["mon"]):
        raise _Out
    month = _month_of(m["mon"])
    day = _day_num(m["day"])
    year = _year_of(m, "year")
    if year is None and m["rel"]:
        year = _need(st).year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    if year is None and m["ago"]:
        year = _need(st).year - 1
    if year is None:
        dct = _need(st)
        if (m["mod"] or "").lower() == "last":
            year = dct.year if (month, day) < (dct.month, dct.day) else dct.year - 1
        else:
            year = cal.pick_year_for(month, day, dct, _date_tense(m, st))
    else:
        st.last_year = year
    d = cal.safe_date(year, month, day)
    if d is None:
        raise _Out
    return "DATE", d.isoformat(), None


def _h_my(m: _M, st: _State) -> Result:
    if not _is_cap(m["mon"]):
        raise _Out
    month = _month_of(m["mon"])
    year = _year_of(m, "year")
    if year is None:
        rel = (m["rel"] or "").lower()
        year = _need(st).year + {"this": 0, "last": -1, "next": 1}[rel]
    else:
        st.last_year = year
    return "DATE", cal.fmt_month(year, month), None


def _h_month(m: _M, st: _State) -> Result:
    word = m["mon"]
    if not _is_cap(word):
        raise _Out
    low = word.lower().rstrip(".")
    mod = (m["mod"] or "").lower()
    if len(low) <= 4 and low not in ("may", "june", "july") and not mod:
        raise _Out  # a bare abbreviation ("Jan") is more often a name than a month
    tag = st.hints.tag(m.start("mon"))
    ent = st.hints.ent(m.start("mon"))
    if ent in ("PERSON", "ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "NORP"):
        raise _Out
    if low in ("may", "march") and (tag is None or tag.startswith(("MD", "VB"))) and not mod:
        prev = _preceding_word(st.text, m.start())
        if prev not in _TRIGGER_PREPS or tag is not None and tag.startswith(("MD", "VB")):
            raise _Out
    if not mod and tag is None and _preceding_word(st.text, m.start()) not in _TRIGGER_PREPS:
        raise _Out
    month = _month_of(word)
    if mod in ("every", "each"):
        return "SET", f"XXXX-{month:02d}", None
    dct = _need(st)
    if mod == "last":
        y = dct.year if month < dct.month else dct.year - 1
    elif mod == "next":
        y = dct.year if month > dct.month else dct.year + 1
    elif mod == "this":
        y = dct.year
    else:
        y = cal.pick_year_for(month, None, dct, _date_tense(m, st))
    return "DATE", cal.fmt_month(y, month), None


def _h_year(m: _M, st: _State) -> Result:
    text = st.text
    s = m.start("year")
    y = int(m["year"])
    before = text[max(0, s - 2) : s]
    if "$" in before or re.search(r"\d[,.]$", before):
        raise _Out
    ent = st.hints.ent(s)
    if ent in ("MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        raise _Out
    if ent == "CARDINAL" and not m["mod"] and not m["edge"]:
        raise _Out
    prev = _preceding_word(text, m.start())
    if (y < 1900 or y > 2050) and ent != "DATE" and not m["mod"] and prev not in _TRIGGER_PREPS:
        raise _Out
    after = text[m.end() : m.end() + 10]
    if re.match(r"\s+quarter\b", after) and m[0].lower().startswith("the "):
        raise _Out
    st.last_year = y
    return "DATE", f"{y}", None


def _h_spyear(m: _M, st: _State) -> Result:
    y = read_spelled_year(m["year"])
    if y is None:
        raise _Out
    if m["mon"]:
        if not _is_cap(m["mon"]):
            raise _Out
        return "DATE", cal.fmt_month(y, _month_of(m["mon"])), None
    if m["season"]:
        return "DATE", f"{y}-{SEASONS[m['season'].lower()]}", None
    return "DATE", str(y), None


def _h_decade(m: _M, st: _State) -> Result:
    if m["dig"]:
        digits = m["dig"]
        if len(digits) == 1:
            cent = 19
            if st.dct is not None and int(digits) * 10 + 1900 > st.dct.year + 5:
                cent = 19
            value = f"{cent}{digits}"
        else:
            value = digits
    else:
        value = f"19{DECADE_WORDS[m['word'].lower()]}"
    if not m["the"] and len(value) == 3 and m["dig"] and len(m["dig"]) == 3:
        return "DATE", value + "X", None
    return "DATE", value, None


def _h_century(m: _M, st: _State) -> Result:
    n = int(m["n"]) if m["n"] else ORDINALS.get((m["w"] or "").lower(), 0)
    if not n:
        raise _Out
    return "DATE", f"{n - 1:02d}", None


def _h_season(m: _M, st: _State) -> Result:
    season = SEASONS[m["season"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    if rel == "this past":
        rel = "last"  # "this past spring"
    year = _year_of(m, "year")
    if year is None and not rel:
        raise _Out
    if year is None and rel == "the":
        nxt = st.text[m.end() : m.end() + 4].lower()
        if nxt.startswith(" of"):
            raise _Out
    if year is None:
        dct = _need(st)
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
        if rel == "last":
            year = dct.year if start_month + 2 < dct.month else dct.year - 1
        elif rel == "next":
            year = dct.year if start_month > dct.month else dct.year + 1
        else:
            year = dct.year
    return "DATE", f"{year}-{season}", None


_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _h_quarter(m: _M, st: _State) -> Result:
    n = _ORD_Q[m["ord"].lower()]
    half = m["unit"].lower().startswith("half")
    if half and n > 2:
        raise _Out
    plural = m["unit"].lower().endswith("s")
    year = _year_of(m, "year") or _year_of(m, "year2")
    if year is None and m["ago"]:
        year = _need(st).year - 1
    if year is None and m["rel"]:
        year = _need(st).year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    if plural and not year:
        return "SET", f"XXXX-{'H' if half else 'Q'}{n}", None
    if year is None:
        dct = _need(st)
        cur = cal.quarter(dct) if not half else (1 if dct.month <= 6 else 2)
        future = st.hints.tense(m.start()) == "future"
        year = dct.year if n <= cur or future else dct.year - 1
    if not half:
        reported = (year, n) <= _last_done_quarter(st.dct) if st.dct else True
        if reported or "fiscal" in m[0].lower():
            st.last_quarter = max(st.last_quarter or (year, n), (year, n))
    return "DATE", f"{year}-{'H' if half else 'Q'}{n}", None


def _last_done_quarter(dct: date) -> tuple[int, int]:
    return cal.add_quarters(dct.year, cal.quarter(dct), -1)


def _reported_quarter(st: _State) -> tuple[int, int]:
    """The quarter that an anaphoric "the quarter", "the latest period" or a financial "a
    year earlier" builds on: the latest reported quarter the text has named so far (one
    already over at the publication date, or a fiscal quarter), else the last quarter over
    at that date."""
    if st.last_quarter is not None:
        return st.last_quarter
    return _last_done_quarter(_need(st))


def _h_the_quarter(m: _M, st: _State) -> Result:
    mods = (m["mods"] or "").lower()
    unit = m["unit"].lower()
    if unit == "period" and not mods.strip() and not m["year"]:
        raise _Out
    dct = _need(st)
    if m["year"]:
        y = int(m["year"])
        q = _reported_quarter(st)[1]
        return "DATE", f"{y}-Q{q}", None
    y, q = _reported_quarter(st)
    if "year-ago" in mods or "year-earlier" in mods or "year ago" in mods:
        return "DATE", f"{y - 1}-Q{q}", None
    if "next" in mods or "coming" in mods:
        y, q = cal.add_quarters(dct.year, cal.quarter(dct), 1)
    elif "current" in mods or "this" in mods:
        y, q = dct.year, cal.quarter(dct)
    elif "previous" in mods or "prior" in mods:
        y, q = cal.add_quarters(y, q, -1)
    return "DATE", f"{y}-Q{q}", None


def _h_year_ago_adj(m: _M, st: _State) -> Result:
    dct = _need(st)
    if st.financial:
        y, q = _reported_quarter(st)
        return "DATE", f"{y - 1}-Q{q}", None
    return "DATE", str(dct.year - 1), None


def _h_relday(m: _M, st: _State) -> Result:
    dct = _need(st)
    word = m["day"].lower()
    d = dct + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word])
    pod = (m["pod"] or m["pod2"] or "").lower()
    if pod:
        return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}", None
    return "DATE", d.isoformat(), None


def _h_this_pod(m: _M, st: _State) -> Result:
    dct = _need(st)
    rel = m["rel"].lower()
    pod = m["pod"].lower()
    if rel == "last":
        if pod not in ("night", "evening"):
            raise _Out
        return "TIME", f"{(dct - timedelta(days=1)).isoformat()}TNI", None
    return "TIME", f"{dct.isoformat()}T{PARTS_OF_DAY[pod]}", None


def _h_pod_alone(m: _M, st: _State) -> Result:
    dct = _need(st)
    w = m["w"].lower().replace("-", "").replace(" ", "")
    if w == "midday":
        return "TIME", f"{dct.isoformat()}T12:00", None
    if w == "overnight":
        ref = _reference_day(m, st) or dct
        return "TIME", f"{(ref - timedelta(days=1)).isoformat()}TNI", None
    return "TIME", f"{dct.isoformat()}T{'AF' if 'after' in w else 'MO'}", None


def _h_that_year(m: _M, st: _State) -> Result:
    if st.last_year is None:
        raise _Out
    return "DATE", str(st.last_year), None


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * mm + 114) // 31
    day = (h + l_ - 7 * mm + 114) % 31 + 1
    return date(y, month, day)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO ``weekday`` of a month; n = -1 for the last one."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(y + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _holiday(name: str, y: int) -> date:
    n = " ".join(name.lower().split())
    if n.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 4, 4)
    if n.startswith("christmas"):
        return date(y, 12, 24 if n.endswith("eve") else 25)
    if n.startswith("new year"):
        return date(y, 12, 31) if n.endswith("eve") else date(y, 1, 1)
    if n.startswith("election"):
        return _nth_weekday(y, 11, 1, 1) + timedelta(days=1)
    if n.startswith("independence") or "fourth of july" in n:
        return date(y, 7, 4)
    if n.startswith("labor"):
        return _nth_weekday(y, 9, 1, 1)
    if n.startswith("memorial"):
        return _nth_weekday(y, 5, 1, -1)
    if n.startswith("veterans"):
        return date(y, 11, 11)
    if n.startswith("halloween"):
        return date(y, 10, 31)
    if n.startswith("valentine"):
        return date(y, 2, 14)
    if n.startswith("easter"):
        return _easter(y)
    if n.startswith("good friday"):
        return _easter(y) - timedelta(days=2)
    if n.startswith("boxing"):
        return date(y, 12, 26)
    raise _Out


def _h_holiday(m: _M, st: _State) -> Result:
    if not _is_cap(m["h"]) or m["h"].lower().startswith("the") and not _is_cap(m["h"][4:]):
        raise _Out
    dct = _need(st)
    mod = (m["mod"] or "").lower()
    this_year = _holiday(m["h"], dct.year)
    if mod == "last":
        y = dct.year if this_year < dct else dct.year - 1
    elif mod == "next":
        y = dct.year if this_year > dct else dct.year + 1
    elif mod == "this":
        y = dct.year
    else:
        y = cal.pick_year_for(this_year.month, this_year.day, dct, st.hints.tense(m.start()))
    return "DATE", _holiday(m["h"], y).isoformat(), None


def _weekday_date(m: _M, st: _State, group: str = "wd") -> date:
    dct = _need(st)
    wd = WEEKDAYS[m[group].lower()]
    mod = " ".join((m["mod"] or "").lower().split()) if "mod" in m.re.groupindex else ""
    if mod in ("last", "past"):
        return cal.weekday_date(wd, dct, "last")
    if mod in ("next", "this coming", "coming"):
        return cal.weekday_date(wd, dct, "future" if mod != "next" else "next")
    if mod == "this":
        return cal.weekday_date(wd, dct, "this")
    if wd == dct.isoweekday():
        return dct
    if _FORWARD_CUE.search(st.text, max(0, m.start() - 20), m.start()):
        return cal.weekday_date(wd, dct, "future")  # "until Tuesday", "as soon as Friday"
    if _POSSESSIVE.match(st.text, m.end(group)):
        return cal.weekday_date(wd, dct, "past")  # "Wednesday's ruling": a day already named
    tense = st.hints.tense(m.start(group))
    return cal.weekday_date(wd, dct, "future" if tense in _FORWARD else "past")


_POSSESSIVE = re.compile(r"['’]s\b")

#: words before a weekday that point forward whatever the verb's tense
_FORWARD_CUE = re.compile(
    r"\b(?:until|till|as\s+(?:soon|early|late)\s+as|no\s+later\s+than)\s+"
    r"(?:(?:about|around|noon|midnight|\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?(?:\s+[A-Z]{3})?)"
    r",?\s+)?(?:on\s+)?$",
    re.I,
)


def _h_weekday(m: _M, st: _State) -> Result:
    if not _is_cap(m["wd"]):
        raise _Out
    pod_word = (m["pod"] or "").lower()
    if m["plural"] or pod_word.endswith("s"):  # "Tuesdays", "Tuesday nights": every one
        wd = WEEKDAYS[m["wd"].lower()]
        pod = pod_word.rstrip("s")
        return "SET", f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[pod]}" if pod else ""), None
    d = _weekday_date(m, st)
    pod = (m["pod"] or "").lower().rstrip("s")
    if pod:
        return "DATE", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}", None
    return "DATE", d.isoformat(), None


def _clock(m: _M) -> str:
    if m["word"]:
        w = m["word"].lower()
        return {"noon": "12:00", "midday": "12:00", "midnight": "24"}[w]
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = (m["ap"] or "").lower()
    if h > 12 and ap or h > 24 or mi > 59:
        raise _Out
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


def _h_clock(m: _M, st: _State) -> Result:
    if m["word"] and re.search(r"\bhigh\W*$", st.text[max(0, m.start() - 6) : m.start()], re.I):
        raise _Out  # "High Noon", "high noon comes today": the idiom
    hhmm = _clock(m)
    d: date | None = None
    if m["wd"]:
        d = _weekday_date(m, st)
    elif m["rd"]:
        dct = _need(st)
        d = dct + timedelta(
            days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m["rd"].lower()]
        )
    elif m["mon"]:
        dct = _need(st)
        month, day = _month_of(m["mon"]), _day_num(m["day"])
        y = cal.pick_year_for(month, day, dct, st.hints.tense(m.start()))
        if not isinstance(y, int):
            raise _Out
        d = cal.safe_date(y, month, day)
    else:
        d = _clock_day(m, st)
    if d is None:
        raise _Out
    return "TIME", f"{d.isoformat()}T{hhmm}", None


_AFTER_WEEKDAY = re.compile(
    rf"\s*\([^()]{{1,30}}\)\s*(?:on\s+)?(?P<wd>{_WD})\b|,?\s+(?:on\s+)?(?P<wd2>{_WD})\b"
    rf"|\s*\([^()]{{0,30}}?\b(?P<wd3>{_WD})\)"
)


def _clock_day(m: _M, st: _State) -> date:
    """The day of a time of day written without one.

    A weekday just after it ("10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m.
    Thursday)") names the day; otherwise the publication date.
    """
    dct = _need(st)
    after = _AFTER_WEEKDAY.match(st.text, m.end())
    if after:
        wd = WEEKDAYS[(after["wd"] or after["wd2"] or after["wd3"]).lower()]
        if wd == dct.isoweekday():
            return dct
        tense = st.hints.tense(m.start())
        return cal.weekday_date(wd, dct, "future" if tense in _FORWARD else "past")
    ref = _reference_day(m, st)
    return ref if ref is not None else dct


def _reference_day(m: _M, st: _State) -> date | None:
    """In a past-tense sentence, the day that the expression just before (at most 300
    characters back) named: "were dashed Friday. Dealers ... in the morning"."""
    if st.last_day is None or st.hints.tense(m.start()) != "past":
        return None
    day, where = st.last_day
    if m.start() - where > 300 or st.dct is None or day >= st.dct:
        return None
    return day


def _h_next_day(m: _M, st: _State) -> Result:
    """'the following day', 'the previous night', 'that same day': the day the text named
    just before (within 400 characters), moved by one; nothing to say without that day."""
    if st.last_day is None or m.start() - st.last_day[1] > 400:
        raise _Out
    rel = " ".join(m["rel"].lower().split())
    step = 1 if rel in ("the following", "the next") else -1 if rel == "the previous" else 0
    d = st.last_day[0] + timedelta(days=step)
    unit = m["unit"].lower()
    if unit == "day":
        return "DATE", d.isoformat(), None
    return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[unit]}", None


def _h_the_pod(m: _M, st: _State) -> Result:
    """'(in) the morning' after a sentence that named the day: that day's morning."""
    ref = _reference_day(m, st)
    if ref is None:
        raise _Out
    return "TIME", f"{ref.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", None


def _h_clock_pod(m: _M, st: _State) -> Result:
    """'4 in the morning', 'eight o'clock in the evening', '11 at night'."""
    h = read_number(m["h"])
    if h is None or h != int(h) or not 1 <= h <= 12:
        raise _Out
    hour = int(h)
    pod = m["pod"].lower()
    if pod in ("afternoon", "evening") or pod == "night" and hour >= 6:
        hour = hour % 12 + 12
    elif pod == "morning" and hour == 12:
        hour = 0
    d = _clock_day(m, st)
    return "TIME", f"{d.isoformat()}T{hour:02d}:00", None


def _h_relunit(m: _M, st: _State) -> Result:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    if rel in ("the past", "past") and unit == "year":
        return "DATE", str(_need(st).year - 1), None
    following = rel in ("the following", "following", "the previous", "the next")
    if following and unit == "year" and st.last_year is not None:
        return "DATE", str(st.last_year + (-1 if "previous" in rel else 1)), None
    if rel in ("the past", "past", "the last") and unit not in ("weekend",):
        if rel == "the last" and unit == "decade":
            pass
        else:
            u, k, in_t = UNITS[unit]
            return "DURATION", cal.duration_value(1 * k, u, in_t), None
    dct = _need(st)
    step = {
        "last": -1,
        "the last": -1,
        "previous": -1,
        "the previous": -1,
        "this": 0,
        "current": 0,
        "the current": 0,
        "next": 1,
        "the next": 1,
        "coming": 1,
        "the coming": 1,
        "the following": 1,
        "following": 1,
        "this coming": 1,
    }.get(rel)
    if step is None:
        raise _Out
    if unit == "week":
        return "DATE", cal.iso_week(dct + timedelta(weeks=step)), None
    if unit == "weekend":
        base = dct + timedelta(weeks=step)
        if step == -1 and dct.isoweekday() >= 6:
            base = dct
        return "DATE", f"{cal.iso_week(base)}-WE", None
    if unit == "month":
        y, mo = cal.add_months(dct.year, dct.month, step)
        return "DATE", cal.fmt_month(y, mo), None
    if unit == "year":
        return "DATE", str(dct.year + step), None
    if unit == "quarter":
        y, q = cal.add_quarters(dct.year, cal.quarter(dct), step)
        return "DATE", f"{y}-Q{q}", None
    if unit == "decade":
        return "DATE", str(dct.year // 10 + step), None
    if unit == "century":
        return "DATE", f"{dct.year // 100 + step:02d}", None
    raise _Out


def _h_the_weekend(m: _M, st: _State) -> Result:
    dct = _need(st)
    base = dct if dct.isoweekday() >= 6 else dct - timedelta(weeks=1)
    if st.hints.tense(m.start()) == "future" and dct.isoweekday() < 6:
        base = dct
    return "DATE", f"{cal.iso_week(base)}-WE", None


def _h_ago(m: _M, st: _State) -> Result:
    key = unit_key(m["unit"])
    if key is None:
        raise _Out
    n = read_number(m["num"])
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if direction in ("earlier", "later") and not (key == "year" and n == 1):
        u, k, in_t = UNITS[key]
        return "DURATION", cal.duration_value(None if n is None else n * k, u, in_t), None
    dct = _need(st)
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if key == "year" and n == 1 and st.financial and sign < 0:
        y, q = _reported_quarter(st)
        return "DATE", f"{y - 1}-Q{q}", None
    k = int(n) * sign
    if n != int(n):
        raise _Out
    if key in ("day", "night"):
        return "DATE", (dct + timedelta(days=k)).isoformat(), None
    if key in ("week", "fortnight"):
        weeks = k * (2 if key == "fortnight" else 1)
        return "DATE", cal.iso_week(dct + timedelta(weeks=weeks)), None
    if key == "month":
        y, mo = cal.add_months(dct.year, dct.month, k)
        return "DATE", cal.fmt_month(y, mo), None
    if key == "quarter":
        y, q = cal.add_quarters(dct.year, cal.quarter(dct), k)
        return "DATE", f"{y}-Q{q}", None
    if key == "year":
        return "DATE", str(dct.year + k), None
    if key == "decade":
        return "DATE", str(dct.year + 10 * k), None
    if key == "century":
        return "DATE", f"{(dct.year + 100 * k) // 100:02d}", None
    if key in ("hour", "minute", "second"):
        return "TIME", (dct.isoformat() + "TXX:XX"), None
    raise _Out


#: words after "a second" that keep it a span of time ("a second or two", "a second later")
_AFTER_A_SECOND = frozenset("or and later earlier ago before after longer too".split())

#: an amount just before "a year": a number or money, at most one word between
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:hundred|thousand|million|billion|trillion|dozen))(?:\s+[A-Za-z]+)?\s+$", re.I
)


def _h_duration(m: _M, st: _State) -> Result:
    key = unit_key(m["unit"])
    if key is None:
        raise _Out
    num = " ".join(m["num"].lower().split())
    n = read_number(num)
    plural = (
        m["unit"].lower().endswith("s") and key != "century" or m["unit"].lower() == ("centuries")
    )
    joiner = m["joiner"]
    if num in ("a", "an") and plural:
        raise _Out
    if (
        num in ("a", "an", "one")
        and key == "year"
        and not (m["approx"] or m["rel"] or joiner == "-")
    ):
        prev = _preceding_word(st.text, m.start())
        if num != "one" and _AMOUNT_BEFORE.search(st.text, max(0, m.start() - 24), m.start()):
            return "SET", "P1Y", None  # a yearly amount: "$2 billion a year", "5,000 cars a year"
        if prev not in ("for", "in", "within", "over", "than", "after", "about", "nearly", "of"):
            raise _Out
    if num in ("some", "many") and not m["approx"] and not m["rel"]:
        raise _Out
    if n is not None and n != 1 and not plural and joiner == " " and num[0].isdigit():
        raise _Out
    after = st.text[m.end() : m.end() + 8]
    if m[0].lower().endswith("old") or re.match(r"(?:-|\s+)olds?\b", after):
        raise _Out  # an age, not a duration
    if key == "second" and num in ("a", "an") and not m["approx"] and not m["rel"]:
        nxt = re.match(r"\s+([A-Za-z]+)", st.text[m.end() : m.end() + 20])
        if nxt and nxt.group(1).lower() not in _AFTER_A_SECOND:
            raise _Out  # the ordinal: "a second group", "a second term"
    vague = num in ("several", "few", "a few", "many", "some")
    if key == "quarter" and (
        joiner != " " or re.match(r"\s+of\b", after) and not vague or num in ("a", "an")
    ):
        raise _Out  # a fraction ("three quarters of"), not "several quarters of losses"
    if num in ("a", "an") and not m["approx"] and not m["rel"]:
        prev = _preceding_word(st.text, m.start())
        near = st.text[max(0, m.start() - 30) : m.start()]
        rate = re.search(r"\d", near) or prev in ("once", "twice", "times", "per")
        if rate and prev not in ("for", "in", "within", "over", "than", "after", "of", "about"):
            if key == "year":
                return "SET", "P1Y", None
            raise _Out  # a rate: "four flights a week"
    if m["half"] and n is not None:
        n += 0.5  # "a minute and a half", "two years and a half"
    u, k, in_t = UNITS[key]
    if u == "WE":
        u, k = "D", 2
    value = cal.duration_value(None if n is None else n * k, u, in_t)
    return "DURATION", value, None


def _h_plural(m: _M, st: _State) -> Result:
    key = unit_key(m["unit"])
    if key is None:
        raise _Out
    u, _k, in_t = UNITS[key]
    if u == "WE":
        raise _Out
    mod = " ".join((m["mod"] or "").lower().split())
    if mod == "the early" and key == "hour":
        raise _Out  # "in the early hours of Sunday": a part of the day named after it
    if mod in ("coming", "the coming") and key in ("month", "quarter"):
        return "DATE", "FUTURE_REF", None
    if mod in ("recent", "in recent") and key == "year":
        return "DATE", "PAST_REF", None
    return "DURATION", cal.duration_value(None, u, in_t), None


def _h_one_unit(m: _M) -> Result:
    """'a day-long meeting', 'a year-long siege': one unit."""
    key = unit_key(m["unit"])
    if key is None:
        raise _Out
    u, k, in_t = UNITS[key]
    return "DURATION", cal.duration_value(k, u, in_t), None


def _h_bare_plural(m: _M, st: _State) -> Result:
    key = unit_key(m["unit"])
    if key is None:
        raise _Out
    u, _k, in_t = UNITS[key]
    return "DURATION", cal.duration_value(None, u, in_t), None


def _h_set(m: _M, st: _State) -> Result:
    w = " ".join(m[0].lower().split())
    simple = {
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
    }
    if w in simple:
        return "SET", simple[w], None
    unit = (m["u"] or "").lower()
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit]}", None
    if unit in PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", None
    if unit in SEASONS:
        return "SET", f"XXXX-{SEASONS[unit]}", None
    key = unit_key(unit)
    if key is None:
        raise _Out
    u, k, in_t = UNITS[key]
    return "SET", cal.duration_value(k, u, in_t), None


def _h_a_year(m: _M, st: _State) -> Result:
    key = unit_key(m["u"])
    if key is None:
        raise _Out
    u, k, in_t = UNITS[key]
    return "SET", cal.duration_value(k, u, in_t), None


def _h_ref(value: str) -> Callable[[_M, _State], Result]:
    def handler(m: _M, st: _State) -> Result:
        return "DATE", value, None

    return handler


def _h_year_end(m: _M, st: _State) -> Result:
    dct = _need(st)
    return "DATE", str(dct.year), None


def _h_the_year(m: _M, st: _State) -> Result:
    mods = " ".join((m["mods"] or "").lower().split())
    after = st.text[m.end() : m.end() + 12].lower()
    dct = _need(st)
    if "current" in mods or "full" in mods:
        return "DATE", str(dct.year), None
    if mods == "fiscal":
        return "DURATION", "P1Y", None
    if "latest" in mods or "previous" in mods or "prior" in mods:
        return "DATE", str(dct.year - 1), None
    if re.match(r"\s+(?:ended|ending|to\b|through)", after):
        return "DURATION", "P1Y", None
    return "DATE", str(dct.year), None


def _h_first_months(m: _M, st: _State) -> Result:
    n = read_number(m["num"])
    key = unit_key(m["unit"])
    if n is None or key is None:
        raise _Out
    u, k, in_t = UNITS[key]
    return "DURATION", cal.duration_value(n * k, u, in_t), None


_RELMOD = (
    r"(?:last|this|next|the\s+past|past|the\s+coming|coming|the\s+current|current|previous"
    r"|the\s+previous|the\s+last|the\s+next|the\s+following|this\s+coming)"
)
_PRE = (
    r"(?:(?:early|late|earlier|later|sometime|mid|the\s+end\s+of|the\s+beginning\s+of"
    r"|the\s+middle\s+of|the\s+start\s+of|by\s+the\s+end\s+of)[- ]?\s*)?"
)

_RULES: list[tuple[str, re.Pattern[str], Callable[[_M, _State], Result]]] = [
    (
        "iso",
        _rx(
            r"(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d))?"
        ),
        _h_iso,
    ),
    (
        "slash",
        _rx(r"(?P<a>[01]?\d|[12]\d|3[01])/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)"),
        _h_slash,
    ),
    (
        "mdy",
        _rx(
            rf"(?:(?P<wd>{_WD}),?\s+)?{_PRE}(?:(?P<mod>last|this|next)\s+)?(?P<mon>{_MON})\s+"
            rf"(?:(?P<day>{_DAY})|the\s+(?P<dayw2>{_ORDW})|(?P<dayw>{_ORDW}))"
            rf"(?:,?\s+(?P<year>{_YEAR}|{_SPYEAR})|\s+(?P<rel>this|last|next)\s+year"
            r"|,?\s+(?P<ago>a\s+year\s+ago))?"
        ),
        lambda m, st: _h_mdy(_DayFix(m), st),
    ),
    (
        "dmy",
        _rx(
            rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MON})"
            rf"(?:,?\s+(?P<year>{_YEAR}))?(?P<rel>)(?P<ago>)(?P<mod>)"
        ),
        _h_mdy,
    ),
    (
        "my",
        _rx(
            rf"{_PRE}(?P<mon>{_MON})(?:\s+of)?,?\s+(?:(?P<year>{_YEAR}|{_SPYEAR})"
            r"|(?P<rel>this|last|next)\s+year)"
        ),
        _h_my,
    ),
    (
        "month",
        _rx(
            r"(?:(?P<mod>last|this|next|each|every|early|mid|late|the\s+end\s+of|the\s+beginning"
            rf"\s+of|the\s+middle\s+of|the\s+start\s+of)[- ]?\s*)?(?P<mon>{_MON})"
        ),
        _h_month,
    ),
    (
        "quarter",
        _rx(
            rf"(?:the\s+)?(?:(?P<year>{_YEAR})(?:'s)?\s+|(?P<rel>this|last|next)\s+year's\s+"
            r"|(?:comparable\s+)?(?P<ago>year-ago|year-earlier)\s+)?"
            r"(?:fiscal[- ]\s*)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]"
            r"(?:fiscal[- ])?(?P<unit>quarters?|half|halves)"
            rf"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>{_YEAR}))?"
        ),
        _h_quarter,
    ),
    (
        "the_quarter",
        _rx(
            rf"the\s+(?:(?P<year>{_YEAR})\s+)?(?P<mods>(?:(?:latest|last|current|same|comparable|year-ago|year-earlier"
            r"|year\s+ago|previous|prior|fiscal|recent|most\s+recent|next|coming|this)\s+)*)"
            r"(?P<unit>quarter|period)"
        ),
        _h_the_quarter,
    ),
    ("year_ago_adj", _rx(r"year-(?:ago|earlier)"), _h_year_ago_adj),
    (
        "first_months",
        _rx(
            r"the\s+(?:first|latest|last|past|final)?\s*(?P<num>" + WORD_NUMBER_RE + r"|\d+)"
            r"\s+(?P<unit>months|weeks|quarters|years|days)"
        ),
        _h_first_months,
    ),
    (
        "year",
        _rx(
            rf"(?:(?P<mod>fiscal|calendar|the\s+year|FY)\s*)?(?P<edge>{_EDGE}[- ]?\s*)?"
            rf"(?P<year>{_YEAR})(?P<fy>-\d\d(?!\d))?"
        ),
        _h_year,
    ),
    (
        "spyear",
        _rx(
            rf"(?:(?:the\s+)?(?:(?P<season>spring|summer|fall|autumn|winter)\s+of\s+)|the\s+year\s+"
            rf"|(?P<mon>{_MON})\s+)?(?P<year>{_SPYEAR})"
        ),
        _h_spyear,
    ),
    (
        "decade",
        _rx(
            r"(?P<the>the\s+)?(?:(?:early|mid|late|last\s+half\s+of\s+the|first\s+half\s+of\s+the)"
            r"[- ]?\s*)?(?:(?P<dig>1\d\d|20\d)0'?s|'(?P<dig2>\d)0s|(?P<word>twenties|thirties"
            r"|forties|fifties|sixties|seventies|eighties|nineties))"
        ),
        lambda m, st: _h_decade(_DecadeFix(m), st),
    ),
    (
        "century",
        _rx(
            r"(?:the\s+)?(?:(?:early|mid|late)[- ]?\s*)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>"
            + "|".join(ORDINALS)
            + r"))[- ]century"
        ),
        _h_century,
    ),
    (
        "season",
        _rx(
            r"(?:(?P<rel>last|this\s+past|this|next|the|early|late)\s+)?"
            r"(?:(?:early|late|mid)[- ]?\s*)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<year>{_YEAR})"
            rf"|\s+(?P<year2>{_YEAR}))?"
        ),
        lambda m, st: _h_season(_SeasonFix(m), st),
    ),
    (
        "relday",
        _rx(
            r"(?:(?:early|late|earlier|later|(?P<pod2>mid-?afternoon|midday|overnight))\s+)?"
            rf"(?P<day>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>{_POD}))?"
        ),
        _h_relday,
    ),
    (
        "pod_alone",
        _rx(r"(?P<w>mid-?\s?afternoon|midday|overnight|mid-?morning)"),
        _h_pod_alone,
    ),
    (
        "that_year",
        _rx(r"(?:(?:later|earlier)\s+)?(?:in\s+)?(?:that|the\s+same)\s+year"),
        _h_that_year,
    ),
    (
        "holiday",
        _rx(
            r"(?:(?P<mod>last|this|next)\s+)?(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day"
            r"|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)|Election\s+Day|Independence\s+Day"
            r"|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day"
            r"|Easter(?:\s+Sunday)?|Good\s+Friday|Boxing\s+Day|the\s+Fourth\s+of\s+July)"
        ),
        _h_holiday,
    ),
    (
        "this_pod",
        _rx(rf"(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last)\s+(?P<pod>{_POD})"),
        _h_this_pod,
    ),
    (
        "weekday",
        _rx(
            r"(?:(?P<mod>last|this|next|this\s+coming|coming|past|early|late|earlier|later)\s+)?"
            rf"(?P<wd>{_WD})(?P<plural>s)?(?:\s+(?P<pod>{_POD}s?))?"
        ),
        lambda m, st: _h_weekday(_ModFix(m), st),
    ),
    (
        "next_day",
        _rx(
            r"(?:(?P<edge>earlier|later)\s+)?(?P<rel>the\s+(?:following|next|previous|same)|that"
            r"(?:\s+same)?)\s+(?P<unit>day|morning|afternoon|evening|night)"
        ),
        _h_next_day,
    ),
    (
        "the_pod",
        _rx(r"(?<=\bin\s)the\s+(?P<pod>morning|afternoon|evening)(?!\s+(?:of|after|before))"),
        _h_the_pod,
    ),
    (
        "clock_pod",
        _rx(
            r"(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            r"|twelve)(?:\s+o'clock)?\s+(?:in\s+the\s+(?P<pod1>morning|afternoon|evening)"
            r"|at\s+(?P<pod2>night))"
        ),
        lambda m, st: _h_clock_pod(_PodFix(m), st),
    ),
    (
        "clock",
        _rx(
            r"(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))"
            r"\s+)?(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
            r"|(?P<word>noon|midnight|midday))" + _ZONE + rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WD})"
            r"|(?P<rd>today|yesterday|tomorrow|tonight)"
            rf"|(?P<mon>{_MON})\s+(?P<day>{_DAY})))?"
        ),
        lambda m, st: _h_clock(_ModFix(m), st),
    ),
    (
        "relunit",
        _rx(
            rf"{_PRE}(?P<rel>{_RELMOD})\s+(?P<unit>week|weekend|month|year|quarter|decade"
            r"|century)"
        ),
        _h_relunit,
    ),
    ("the_weekend", _rx(r"the\s+weekend"), _h_the_weekend),
    (
        "ago",
        _rx(
            rf"(?:{_APPROX}\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|later|from\s+now|hence)"
        ),
        _h_ago,
    ),
    (
        "set",
        _rx(
            r"daily|nightly|weekly|monthly|annually|yearly|hourly|(?:every|each)\s+(?:other\s+)?"
            r"(?P<u>day|week|month|year|quarter|hour|minute|morning|afternoon|evening|night"
            rf"|summer|winter|spring|fall|autumn|{_WD})"
        ),
        _h_set,
    ),
    (
        "a_year",
        _rx(
            r"(?:(?<=\d )|(?<=\d\s\w{3} )|(?<=once )|(?<=twice )|(?<=times ))(?:a|per)\s+"
            r"(?P<u>year|month|week|day|hour)"
        ),
        _h_a_year,
    ),
    (
        "duration",
        _rx(
            rf"(?:(?P<approx>{_APPROX})\s+)?(?:the\s+)?(?:(?P<rel>past|last|next|first|final|coming"
            r"|previous|following|latest|remaining|initial|last\s+several|past\s+several)\s+)?"
            rf"(?P<num>{_NUM})(?:\s+more)?(?P<joiner>[- ]|\s+)(?P<unit>{_UNIT})(?:-old)?"
            r"(?P<half>\s+and\s+a\s+half)?"
        ),
        _h_duration,
    ),
    (
        "plural",
        _rx(
            r"(?P<mod>recent|the\s+coming|coming|the\s+past|past|in\s+recent|the\s+next|the\s+last"
            r"|the\s+first|the\s+early|upcoming|the\s+ensuing"
            r"|the(?=\s+(?:days|weeks|months|years)\s+ahead\b))\s+(?P<unit>days|weeks|months|years"
            r"|decades|centuries|quarters|hours|minutes)(?:\s+ahead)?"
        ),
        _h_plural,
    ),
    (
        "bare_plural",
        _rx(
            r"(?:(?<=for )|(?<=within )|(?<=\bin ))(?P<unit>years|months|weeks|decades|centuries"
            r"|days|hours)(?!\s+(?:of|ago))"
        ),
        _h_bare_plural,
    ),
    (
        "decades_long",
        _rx(r"(?P<unit>years|months|weeks|decades|days|hours)-long"),
        _h_bare_plural,
    ),
    (
        "day_long",
        _rx(r"(?P<unit>day|week|month|year|hour|decade)-long"),
        lambda m, st: _h_one_unit(m),
    ),
    (
        "present",
        _rx(
            r"now|right\s+now|currently|at\s+present|presently|these\s+days|nowadays"
            r"|at\s+this\s+(?:crucial|critical)\s+moment|the\s+present(?!\s+(?:day|time))"
            r"|(?:(?<=the\s)|(?<=its\s)|(?<=his\s)|(?<=her\s)|(?<=their\s)|(?<=our\s))current"
            r"(?!\s+(?:account|affairs|events|year|quarter|month|week|fiscal|period|rate|price|level))"
        ),
        _h_ref("PRESENT_REF"),
    ),
    (
        "past",
        _rx(
            r"recently|lately|more\s+recently|until\s+recently"
            r"|the\s+past(?!\s+(?:\d|[a-z]+\s+(?:years?|months?|weeks?|days?|decades?)|years?"
            r"|months?|weeks?|days?|decades?|quarters?|hours?|centur|few|several))"
        ),
        _h_ref("PAST_REF"),
    ),
    (
        "future",
        _rx(
            r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|as\s+soon\s+as"
            r"\s+possible|a\s+later\s+date"
        ),
        _h_ref("FUTURE_REF"),
    ),
    ("year_end", _rx(r"(?:around\s+)?year[- ]end|the\s+end\s+of\s+the\s+year"), _h_year_end),
    (
        "the_year",
        _rx(
            r"the\s+(?P<mods>(?:(?:full|fiscal|current|latest|entire|whole|previous|prior)\s+)*)year"
        ),
        _h_the_year,
    ),
]


class _MatchView:
    """A thin wrapper over a match that renames or fills groups for a shared handler."""

    def __init__(self, m: _M) -> None:
        self._m = m

    @property
    def re(self) -> re.Pattern[str]:
        return self._m.re

    def __getitem__(self, key: str | int, /) -> Any:
        return self._m[key]

    def start(self, group: str | int = 0, /) -> int:
        return self._m.start(group)

    def end(self, group: str | int = 0, /) -> int:
        return self._m.end(group)


class _DayFix(_MatchView):
    def __getitem__(self, key: str | int, /) -> Any:
        if key == "day":
            return self._m["day"] or self._m["dayw"] or self._m["dayw2"]
        return self._m[key]


class _DecadeFix(_MatchView):
    def __getitem__(self, key: str | int, /) -> Any:
        if key == "dig":
            return self._m["dig"] or self._m["dig2"]
        return self._m[key]


class _SeasonFix(_MatchView):
    def __getitem__(self, key: str | int, /) -> Any:
        if key == "year":
            return self._m["year"] or self._m["year2"]
        return self._m[key]


class _PodFix(_MatchView):
    def __getitem__(self, key: str | int, /) -> Any:
        if key == "pod":
            return self._m["pod1"] or self._m["pod2"]
        return self._m[key]


class _ModFix(_MatchView):
    def __getitem__(self, key: str | int, /) -> Any:
        if isinstance(key, str) and key not in self._m.re.groupindex:
            return None
        return self._m[key]


# A rule with an anchor only runs in windows around the anchor's hits: every match of the rule
# holds one, so scanning the whole text with the (costlier) rule pattern is wasted work.
_ANCHOR_RX = {  # matched against the lower-cased text
    "unit": re.compile(
        r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
    ),
    "month": re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"),
    "spelled": re.compile(r"nineteen|two thousand"),
    "season": re.compile(r"spring|summer|fall|autumn|winter"),
    "weekday": re.compile(r"day"),
    "clock": re.compile(r"a\.m|p\.m|am\b|pm\b|noon|midnight|midday"),
    "decade": re.compile(r"0'?s\b|ties\b"),
    "century": re.compile(r"century"),
    "present": re.compile(r"now|current|present|these days|moment"),
    "relday": re.compile(r"today|yesterday|tomorrow|tonight"),
    "quarter": re.compile(r"quarter|half|halves"),
    "digits": re.compile(r"\d\d\d\d"),
    "iso": re.compile(r"\d\d\d\d-|/\d"),
    "holiday": re.compile(r" day| eve|thanksgiving|christmas|easter|halloween|good friday|july"),
    "set": re.compile(r"ly\b|every|each|a year|per "),
    "past": re.compile(r"recent|lately|past"),
    "future": re.compile(r"future|possible|later"),
    "yearish": re.compile(r"year"),
    "pod": re.compile(r"morning|afternoon|evening|night|midday"),
    "weekend": re.compile(r"weekend"),
    "long": re.compile(r"-long"),
    "period": re.compile(r"quarter|period"),
}
_ANCHORS = {
    "iso": "iso",
    "slash": "iso",
    "mdy": "month",
    "dmy": "month",
    "my": "month",
    "month": "month",
    "quarter": "quarter",
    "the_quarter": "period",
    "year_ago_adj": "yearish",
    "first_months": "unit",
    "year": "digits",
    "spyear": "spelled",
    "decade": "decade",
    "century": "century",
    "season": "season",
    "relday": "relday",
    "pod_alone": "pod",
    "that_year": "yearish",
    "holiday": "holiday",
    "this_pod": "pod",
    "weekday": "weekday",
    "clock": "clock",
    "clock_pod": "pod",
    "the_pod": "pod",
    "next_day": "unit",
    "relunit": "unit",
    "the_weekend": "weekend",
    "ago": "unit",
    "set": "set",
    "a_year": "unit",
    "duration": "unit",
    "plural": "unit",
    "bare_plural": "unit",
    "decades_long": "long",
    "day_long": "long",
    "present": "present",
    "past": "past",
    "future": "future",
    "year_end": "yearish",
    "the_year": "yearish",
}
#: anchors that are plain alternations of literal words: their hits are found with str.find
#: (far cheaper than the regex engine trying every alternative at every character)
_LITERAL_ANCHOR = re.compile(r"[a-z0-9 ]+(?:\|[a-z0-9 ]+)*")
_BEFORE, _AFTER = 70, 50
#: the words of each anchor that alternates several literal words (one word: the regex
#: engine already searches it fast)
_ANCHOR_WORDS = {
    rx.pattern: rx.pattern.split("|")
    for rx in _ANCHOR_RX.values()
    if "|" in rx.pattern and _LITERAL_ANCHOR.fullmatch(rx.pattern)
}


def _literal_hits(words: list[str], lower: str) -> list[tuple[int, int]]:
    """The hits ``re.finditer("|".join(words), lower)`` gives: leftmost first, the earliest
    alternative at a position, no overlaps."""
    found: list[tuple[int, int, int]] = []
    for k, w in enumerate(words):
        i = lower.find(w)
        while i >= 0:
            found.append((i, k, i + len(w)))
            i = lower.find(w, i + 1)
    found.sort()
    hits: list[tuple[int, int]] = []
    pos = 0
    for start, _k, end in found:
        if start >= pos:
            hits.append((start, end))
            pos = end
    return hits


def _anchor_hits(anchor: re.Pattern[str], lower: str) -> list[tuple[int, int]]:
    words = _ANCHOR_WORDS.get(anchor.pattern)
    if words is not None:
        return _literal_hits(words, lower)
    return [a.span() for a in anchor.finditer(lower)]


def _windows(anchor: re.Pattern[str], lower: str) -> list[tuple[int, int]]:
    """Merged (lo, hi) windows around the hits of ``anchor`` in the lower-cased text."""
    out: list[tuple[int, int]] = []
    n = len(lower)
    for a_start, a_end in _anchor_hits(anchor, lower):
        lo, hi = max(0, a_start - _BEFORE), min(n, a_end + _AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_FINANCIAL = re.compile(r"\bquarter\b|\bquarterly\b|\bfiscal\b|\bnine months\b", re.I)
_SPAN_STRIP = re.compile(r"[\s.,;:]+$")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d(?:T|$)")


def find_times(text: str, dct: date | None, hints: Hints | None = None) -> list[Timex]:
    """Find and normalise the time expressions of ``text`` against ``dct``."""
    st = _State(text=text, dct=dct, hints=hints or Hints())
    st.financial = bool(_FINANCIAL.search(text))
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    windows: dict[str, list[tuple[int, int]]] = {}
    lower = text.lower()
    for prio, (name, rx, _h) in enumerate(_RULES):
        anchor = _ANCHORS.get(name)
        if anchor is None or len(lower) != len(text):  # lower() may change lengths
            spans = [(0, len(text))]
        else:
            if anchor not in windows:
                windows[anchor] = _windows(_ANCHOR_RX[anchor], lower)
            spans = windows[anchor]
        for lo, hi in spans:
            for m in rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    cands.append((m.start(), -(m.end() - m.start()), prio, m))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    out: list[Timex] = []
    last_end = 0
    for start, neg_len, prio, m in cands:
        if start < last_end:
            continue
        end = start - neg_len
        handler = _RULES[prio][2]
        try:
            typ, value, note = handler(m, st)
            resolved = not value.startswith(("P", "X")) and not value.endswith("_REF")
            resolved = resolved or typ in ("DURATION", "SET")
            tx = Timex(start, end, typ, value, resolved, note)
        except _Out:
            continue
        except _NoAnchor:
            note = "relative to the publication date, which is unknown"
            tx = Timex(start, end, _guess_type(m), None, False, note)
        # trailing punctuation never belongs to the span ("Sept." keeps its dot)
        tail = _SPAN_STRIP.search(text, tx.start, tx.end)
        if (
            tail
            and tail.start() > tx.start
            and not re.search(r"\b(?:[A-Z][a-z]{2,3}|[ap]\.m|Sept)\.$", text[tx.start : tx.end])
        ):
            tx = Timex(tx.start, tail.start(), tx.type, tx.value, tx.resolved, tx.note)
        out.append(tx)
        last_end = end
        if tx.value and _DAY_VALUE.match(tx.value) and tx.type in ("DATE", "TIME"):
            st.last_day = (date.fromisoformat(tx.value[:10]), tx.end)
        else:
            st.last_day = None
    return out


def _guess_type(m: re.Match[str]) -> str:
    s = m[0].lower()
    if re.search(r"\b(?:a\.m|p\.m|noon|midnight|morning|afternoon|evening|night)\b", s):
        return "TIME"
    return "DATE"
