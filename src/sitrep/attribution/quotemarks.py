"""Find quoted stretches of text (double quotation marks), paragraph by paragraph.

Curly marks open and close, a straight ``"`` toggles, and a run of two ASCII apostrophes
(``''``, an old typesetting convention) counts as a straight double quote. The state resets at
each newline; a quote left open at the end of a paragraph continues into the next paragraph
when that one starts with an opening mark (news reopens the mark for each paragraph of a long
quote), or when its first mark closes the quote (text with a line per sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MARK = re.compile(r"“|”|\"|''|„|«|»")
_OPENERS = {"“", "„", "«"}
#: A name and a speech verb right after a mark (`"Deng said`, `"AMD Chief Executive Lisa Su said`),
#: the name perhaps followed by a relative clause set off by commas (`"Mayor Ann Lee, who
#: chairs the board, said`)
_NAME_SAID = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,6}[A-Z][\w.'’-]*"
    r"(?:,\s+(?:who|whose|which)\s[^,;:\"“”]{1,80},)?"
    r"\s+(?:said|says|told|added|asked|wrote|explained|stated|noted)\b"
)
_CLOSERS = {"”", "»"}


@dataclass(frozen=True)
class QuoteRegion:
    """A quoted stretch, marks included; ``closed`` is False when it ran to a paragraph end."""

    start: int
    end: int
    closed: bool

    @property
    def length(self) -> int:
        return self.end - self.start


def _line_quotes(text: str, start: int, end: int) -> list[QuoteRegion]:
    out: list[QuoteRegion] = []
    open_at: int | None = None
    for m in _MARK.finditer(text, start, end):
        mark = m.group()
        if open_at is None:
            if mark in _CLOSERS:
                continue
            open_at = m.start()
        else:
            if mark in _OPENERS:
                # a new opener while open: the previous quote was never closed; restart here
                open_at = m.start()
                continue
            out.append(QuoteRegion(open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        stop = end
        while stop > open_at and text[stop - 1].isspace():
            stop -= 1
        out.append(QuoteRegion(open_at, stop, False))
    return out


def _continuation_close(text: str, start: int, end: int) -> int | None:
    """Where a paragraph that does not reopen a pending quote closes it: its first mark, when
    that is a closing mark (a curly closer, or an odd straight mark followed by a space, a
    punctuation mark or the paragraph end), else None."""
    marks = list(_MARK.finditer(text, start, end))
    if not marks:
        return None
    first = marks[0]
    mark = first.group()
    if mark in _CLOSERS:
        return first.end()
    if mark in _OPENERS:
        return None
    straight = sum(1 for m in marks if m.group() not in _OPENERS and m.group() not in _CLOSERS)
    after = text[first.end()] if first.end() < end else " "
    # text spaced around its punctuation puts the space before the closing mark instead
    # (`... regulations, "he told reporters`, `..., "Deng said`); after `, ` a mark before a
    # capital that no speech verb follows opens one (`the master replied, "No one asked us`)
    before = text[max(start, first.start() - 2) : first.start()]
    spaced = before in (", ", ". ", "? ", "! ") and (
        after.islower() or _NAME_SAID.match(text, first.end(), end) is not None
    )
    if straight % 2 == 1 and (after.isspace() or after in ",.;:!?)" or spaced):
        return first.end()
    return None


def find_quotes(text: str) -> list[QuoteRegion]:
    """Quoted regions of ``text`` in order; multi-paragraph quotes come back as one region."""
    regions: list[QuoteRegion] = []
    pos = 0
    pending: QuoteRegion | None = None  # an open quote waiting for its continuation
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        if stop > pos and not text[pos:stop].isspace():
            line = _line_quotes(text, pos, stop)
            first_nonspace = pos
            while first_nonspace < stop and text[first_nonspace].isspace():
                first_nonspace += 1
            if pending is not None:
                if line and line[0].start == first_nonspace:
                    line[0] = QuoteRegion(pending.start, line[0].end, line[0].closed)
                elif (close := _continuation_close(text, pos, stop)) is not None:
                    # the paragraph carries the quote on and closes it (text with a line per
                    # sentence breaks a quote without reopening it)
                    regions.append(QuoteRegion(pending.start, close, True))
                    line = _line_quotes(text, close, stop)
                else:
                    regions.append(pending)
                pending = None
            if line and not line[-1].closed:
                pending = line.pop()
            regions.extend(line)
        if nl < 0:
            break
        pos = nl + 1
    if pending is not None:
        regions.append(pending)
    return regions


def quoted_tokens(doc: Doc, text: str) -> set[int]:
    """Indices of the tokens inside the quoted regions of ``text`` (``doc``'s text), the
    quotation marks themselves left out."""
    out: set[int] = set()
    for r in find_quotes(text):
        opener = _MARK.match(text, r.start)
        a = opener.end() if opener else r.start
        b = r.end
        if r.closed:
            b -= 2 if text[r.end - 2 : r.end] == "''" else 1
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None:
            out.update(range(span.start, span.end))
    return out
