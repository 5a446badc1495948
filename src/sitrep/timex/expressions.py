"""The record model's time expressions: :func:`find_times` results as ``TimeExpression``."""

from __future__ import annotations

from datetime import date

from sitrep.model import Span, TimeExpression
from sitrep.timex.tagger import Hints, find_times


def time_expressions(
    text: str, anchor: date | None, hints: Hints | None = None, skip: Span | None = None
) -> list[TimeExpression]:
    """The time expressions of ``text`` normalised against ``anchor``, as records; those inside
    ``skip`` (a dateline that dates the page, not an event) are left out."""
    out = []
    for tx in find_times(text, anchor, hints):
        span = Span(start=tx.start, end=tx.end)
        if skip is not None and skip.contains(span):
            continue
        out.append(
            TimeExpression(
                span=span,
                text=text[tx.start : tx.end],
                type=tx.type,
                value=tx.value,
                anchor=anchor,
                resolved=tx.resolved,
                note=tx.note,
            )
        )
    return out
