"""Calendar arithmetic and TIMEX3 value formatting (no third-party dependency)."""

from __future__ import annotations

from datetime import date, timedelta


def iso_week(d: date) -> str:
    """'2023-W20' for the ISO week holding ``d``."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) shifted by ``k`` months."""
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_quarters(year: int, q: int, k: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def fmt_date(d: date) -> str:
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def pick_year_for(month: int, day: int | None, dct: date, tense: str | None) -> int:
    """Choose the year of a month (and day) written without one.

    The anchor's year unless the date would then lie more than half a year away (or more
    than a month against the tense of the governing verb), in which case the year before or
    after.
    """
    same = safe_date(dct.year, month, day) if day else None
    diff = (same - dct).days if same else (month - dct.month) * 30
    if diff > 0 and (diff > 183 and tense != "future" or tense == "past" and diff > 31):
        return dct.year - 1
    if diff < 0 and (-diff > 183 and tense != "past" or tense == "future" and -diff > 31):
        return dct.year + 1
    return dct.year


def weekday_date(weekday: int, dct: date, direction: str) -> date:
    """The date of ISO ``weekday`` (1 = Monday) near ``dct``.

    ``direction``: 'past' (the most recent, today included), 'future' (the next, today
    included), 'last' (strictly before), 'next' (strictly after), 'this' (same ISO week).
    """
    delta = weekday - dct.isoweekday()
    if direction == "this":
        return dct + timedelta(days=delta)
    if direction == "past":
        return dct - timedelta(days=(-delta) % 7)
    if direction == "future":
        return dct + timedelta(days=delta % 7)
    if direction == "last":
        return dct - timedelta(days=((-delta) % 7) or 7)
    if direction == "next":
        return dct + timedelta(days=(delta % 7) or 7)
    raise ValueError(direction)


def duration_value(n: float | None, unit: str, in_time: bool) -> str:
    """'P3Y', 'PT5H30M', 'P2Y6M', 'PXD' for ``n`` units (None = unknown)."""
    if n is None:
        return f"PTX{unit}" if in_time else f"PX{unit}"
    if unit == "DE":
        n, unit = n * 10, "Y"
    elif unit == "CE":
        n, unit = n * 100, "Y"
    whole = int(n)
    frac = n - whole
    head = f"{whole}{unit}" if whole else ""
    if not frac:
        return f"PT{head}" if in_time else f"P{head}"
    if in_time:
        mult, sub = (60, "M") if unit == "H" else (60, "S")
        return f"PT{head}{round(frac * mult)}{sub}"
    if unit == "Y":
        return f"P{head}{round(frac * 12)}M"
    if unit in ("M", "W"):
        return f"P{head}{round(frac * (30 if unit == 'M' else 7))}D"
    if unit == "D":
        return f"P{head}T{round(frac * 24)}H"
    return f"P{n:g}{unit}"
