"""Word lists and number reading for the time-expression tagger (English)."""

from __future__ import annotations

import re

ONES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "mid afternoon": "AF",
}
DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
# unit word -> (TIMEX3 unit letter, multiplier, inside the time part "T")
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "weekend": ("WE", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("DE", 1, False),
    "century": ("CE", 1, False),
}
VAGUE_NUMBERS = {"a few", "few", "several", "some", "many"}
#: "a couple of years" is two years (TimeML reads it as P2Y)
_COUPLE = {"a couple of", "a couple", "couple of"}

_ONES_RE = "|".join(ONES)
_TEENS_RE = "|".join(TEENS)
_TENS_RE = "|".join(TENS)
WORD_NUMBER_RE = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:{_ONES_RE}))?|{_TEENS_RE}|{_ONES_RE}"
    r"|(?:a |one )?hundred|(?:a |one )?thousand|(?:a )?dozen)"
)


def unit_key(word: str) -> str | None:
    """Map 'years', 'centuries', 'Week' to the singular key of :data:`UNITS`."""
    w = word.lower()
    if w == "centuries":
        return "century"
    if w in UNITS:
        return w
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return None


_HALF_RE = re.compile(r"\s*(?:1/2|and\s+a\s+half|½)$")


def read_number(text: str) -> float | None:
    """Read '2', '2.5', 'two', 'twenty-four', 'a', 'a hundred', '2 1/2', 'one and a half'.

    Returns None for vague quantities ('several', 'a few') or anything unreadable.
    """
    t = " ".join(text.lower().replace(",", "").split())
    if not t or t in VAGUE_NUMBERS:
        return None
    if t in _COUPLE:
        return 2.0
    half = 0.0
    m = _HALF_RE.search(t)
    if m:
        half = 0.5
        t = t[: m.start()].strip()
        if not t:
            return half
    if t in ("a", "an", "one"):
        return 1 + half
    if t in ("a half", "half"):
        return 0.5
    try:
        return float(t) + half
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", t):
        if part in ("a", "and", ""):
            continue
        if part in ONES:
            total += ONES[part]
        elif part in TEENS:
            total += TEENS[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part == "thousand":
            total = max(total, 1) * 1000
        elif part == "dozen":
            total = max(total, 1) * 12
        else:
            return None
    return total + half if total else None


def read_spelled_year(text: str) -> int | None:
    """Read 'nineteen ninety-six', 'nineteen eighty', 'two thousand', 'two thousand and one'."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.startswith("the year "):
        t = t[len("the year ") :]
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].replace("and", " ").strip()
        n = read_number(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    parts = t.split(" ", 1)
    if len(parts) != 2:
        return None
    head = TEENS.get(parts[0])
    if head is None:
        return None
    rest = parts[1]
    if rest == "hundred":
        return head * 100
    n = read_number(rest)
    if n is None or not 0 < n < 100:
        return None
    return head * 100 + int(n)
