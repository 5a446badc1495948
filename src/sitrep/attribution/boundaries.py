"""Content boundaries learned from PolNeAR train: where a chosen report's content starts and ends.

The candidate finder reads a content off the parse (a clausal complement, an object, the rest
of a clause) and the span model trims its edge dependents one by one. Where annotators end a
content is often a clause boundary further in or further out: before a trailing relative
clause, apposition or ", and <second report>"; after a trailing prepositional phrase the
parse left out; without a leading object ("urged voters to ..."). This model weighs the
constituent boundaries near each edge of a chosen content and moves the edge to the best one.

Each boundary (the current edge included) is described by sparse features (the dependency,
part of speech and word of what the move adds or removes, commas, quotation marks, distance,
the content's type) and scored by a logistic regression fitted by
``scripts/train_boundaries.py`` on the chosen reports of the PolNeAR train split; an edge moves
only when a boundary outscores the current edge by the model's margin.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.attribution.lexicon import SEED_CUE_VERBS
from sitrep.attribution.pinned import checked_json, read_packaged
from sitrep.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.attribution.candidates import Candidate

__all__ = ["BoundaryModel", "Point", "Tokens", "end_points", "load_boundary_model", "start_points"]

MODEL_FILE = "boundary_model.json"
MODEL_SHA256 = "796aaf02ccd1c6370ec26576d31ae90c7050d774058636ccdc13a3ec3ff2d285"
_CLOSED = {"ADV", "PART", "ADP", "AUX", "PUNCT", "SCONJ", "CCONJ", "DET", "PRON"}
_QUOTES = set("“”\"'‘’«»") | {"''", "``"}
_MARKS = {",", ";", ":", "—", "–", "-", "--", "(", ")"}
MAX_MOVE = 40  # tokens an edge may move


@dataclass(frozen=True)
class Point:
    """One possible edge: the content's last (``end``) or first (``start``) token index."""

    tok: int
    current: bool
    feats: list[str]


def _bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 13, 21):
        if n <= edge:
            return str(edge)
    return "many"


def _share(moved: int, size: int) -> str:
    """How much of the content a move adds or removes (a strict match needs half)."""
    r = moved / max(1, size)
    return "<.25" if r < 0.25 else ("<.5" if r < 0.5 else ("<1" if r < 1 else ">=1"))


class Tokens:
    """The token attributes the features read, taken from the doc once (spaCy builds a
    ``Token`` object on every index)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import (
            DEP,
            HEAD,
            IDX,
            IS_PUNCT,
            IS_SPACE,
            IS_STOP,
            LEMMA,
            LENGTH,
            LOWER,
            POS,
            SENT_START,
        )

        cols = (HEAD, DEP, POS, IS_PUNCT, IS_SPACE, IS_STOP, LOWER, LEMMA, IDX, LENGTH, SENT_START)
        rows = doc.to_array(list(cols)).astype("int64").tolist()
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def name(h: int) -> str:
            v = names.get(h)
            if v is None:
                v = names[h] = strings[h & 0xFFFFFFFFFFFFFFFF]
            return v

        n = self.n = len(rows)
        self.word: list[str] = []
        self.dep: list[str] = []
        self.pos: list[str] = []
        self.head: list[int] = []
        self.punct: list[bool] = []
        self.space: list[bool] = []
        self.quote: list[bool] = []
        self.mark: list[bool] = []
        self.speech: list[bool] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        first = 0
        for i, (
            head,
            dep,
            pos_h,
            punct,
            space,
            stop,
            lower_h,
            lemma_h,
            idx,
            length,
            ss,
        ) in enumerate(rows):
            lower = name(lower_h)
            pos = name(pos_h)
            quote = lower in _QUOTES
            self.quote.append(quote)
            self.mark.append(lower in _MARKS)
            self.pos.append(pos)
            self.word.append("Q" if quote else (lower if pos in _CLOSED or stop else pos))
            self.dep.append(name(dep))
            self.head.append(i + head)
            self.punct.append(bool(punct))
            self.space.append(bool(space))
            self.speech.append(pos == "VERB" and name(lemma_h).lower() in SEED_CUE_VERBS)
            self.start.append(idx)
            self.end.append(idx + length)
            if ss == 1 and i > first:
                for j in range(first, i):
                    self.sent_start[j], self.sent_end[j] = first, i
                first = i
        for j in range(first, n):
            self.sent_start[j], self.sent_end[j] = first, n
        # subtree edges: each token stretches the edges of all its ancestors
        self.left = list(range(n))
        self.right = list(range(n))
        for i in range(n):
            j = i
            seen = 0
            while self.head[j] != j and seen < n:
                j = self.head[j]
                seen += 1
                if self.left[j] > i:
                    self.left[j] = i
                if self.right[j] < i:
                    self.right[j] = i
        self._depth: dict[int, int] = {}

    def depth(self, i: int) -> int:
        d = self._depth.get(i)
        if d is None:
            up = self.head[i]
            d = 0 if up == i else self.depth(up) + 1
            self._depth[i] = d
        return d

    def tok_range(self, a: int, b: int) -> tuple[int, int] | None:
        """First and last token overlapping the characters [a, b)."""
        lo = bisect_right(self.end, a)
        hi = bisect_left(self.start, b) - 1
        return (lo, hi) if lo <= hi else None

    def tokens(self, spans: Iterable[tuple[int, int] | None]) -> set[int]:
        out: set[int] = set()
        for sp in spans:
            r = self.tok_range(*sp) if sp is not None else None
            if r is not None:
                out.update(range(r[0], r[1] + 1))
        return out

    def complete_runs(self, anchor: int, stop: int) -> set[int]:
        """The indices j from ``anchor`` to ``stop`` (either side) such that the tokens from
        ``anchor`` to j are whole constituents: no word among them has a dependent outside."""
        out: set[int] = set()
        step = 1 if stop >= anchor else -1
        lo_edge, hi_edge = self.n, -1
        for j in range(anchor, stop + step, step):
            if not self.punct[j]:
                lo_edge = min(lo_edge, self.left[j])
                hi_edge = max(hi_edge, self.right[j])
            a, b = (anchor, j) if step > 0 else (j, anchor)
            if lo_edge >= a and hi_edge <= b:
                out.add(j)
        return out

    def open_quote(self, lo: int, hi: int) -> bool:
        """Whether the tokens leave a quotation mark unclosed."""
        return sum(self.quote[lo : hi + 1]) % 2 == 1

    def part(self, lo: int, hi: int, tag: str, role: tuple[int, int, int, int]) -> list[str]:
        """Features of the tokens [lo, hi] that a move adds or removes; ``role``: the
        content's first and last token, its head (-1: none) and the cue token."""
        idx = range(lo, hi + 1)
        words = sum(1 for i in idx if not self.punct[i])
        root = min((i for i in idx if not self.punct[i] or not words), key=self.depth)
        dep = self.dep[root]
        up = self.head[root]
        where = "cue" if up == role[3] else ("in" if role[0] <= up <= role[1] else "out")
        rel = "head" if up == role[2] else "deep"
        first = self.word[lo]
        mark = int(any(self.mark[i] for i in idx))
        feats = [
            f"{tag}dep={dep}",
            f"{tag}dep={dep}|{rel}",
            f"{tag}first={first}",
            f"{tag}first={first}|{dep}",
            f"{tag}rootpos={self.pos[root]}",
            f"{tag}rootword={self.word[root]}|{dep}",
            f"{tag}len={_bucket(words)}",
            f"{tag}mark={mark}",
            f"{tag}mark={mark}|{dep}",
            f"{tag}at={where}",
            f"{tag}at={where}|{dep}",
            f"{tag}at={where}|{first}",
        ]
        if self.punct[lo] and lo + 1 <= hi:
            feats.append(f"{tag}after_mark={self.word[lo + 1]}")
        if any(self.quote[i] for i in idx):
            feats.append(f"{tag}quote")
        if any(self.pos[i] in ("VERB", "AUX") for i in idx):
            feats.append(f"{tag}verb")
        if any(self.speech[i] for i in idx):
            feats.append(f"{tag}speech_verb")
            feats.append(f"{tag}speech_verb|{dep}")
        if not words:
            feats.append(f"{tag}punct_only")
        return feats


def end_points(t: Tokens, c: Candidate, lo: int, hi: int, blocked: set[int]) -> list[Point]:
    """The current end ``hi`` and the constituent boundaries near it: an end moves in over
    whole trailing constituents or out over whole constituents of its sentence."""
    head = c.content_tok if c.content_tok is not None else -1
    role = (lo, hi, head, c.cue_tok)
    s0, s1 = t.sent_start[hi], t.sent_end[hi]
    last = s1 - 1
    while last > s0 and (t.punct[last] or t.space[last]):
        last -= 1
    grow_to = hi
    while grow_to + 1 <= s1 - 1 and grow_to + 1 not in blocked and grow_to - hi < MAX_MOVE:
        grow_to += 1
    first = max(lo + 1, hi - MAX_MOVE)
    # removing [e+1, hi] / adding [hi+1, e] must move over whole constituents
    shrink = {j - 1 for j in t.complete_runs(hi, first + 1)} if hi > first else set()
    grow = t.complete_runs(hi + 1, grow_to) if grow_to > hi else set()
    common = f"ctype={c.ctype}"
    out: list[Point] = []
    for e in range(first, grow_to + 1):
        if t.space[e]:
            continue
        feats = [common]
        if e == hi:
            feats += ["cur", f"cur|{c.ctype}"]
            if e + 1 < s1:
                feats.append(f"cur_next={t.word[e + 1]}")
        elif e < hi:
            if e not in shrink or e + 1 <= head <= hi:
                continue
            part = t.part(e + 1, hi, "rm_", role)
            feats += part
            feats += [f"{c.ctype}|{f}" for f in part[:2]]
            feats.append(f"rm_dist={_bucket(hi - e)}")
            feats.append(f"rm_share={_share(hi - e, hi - lo + 1)}")
        else:
            if e not in grow:
                continue
            part = t.part(hi + 1, e, "add_", role)
            feats += part
            feats += [f"{c.ctype}|{f}" for f in part[:2]]
            feats.append(f"add_dist={_bucket(e - hi)}")
            feats.append(f"add_share={_share(e - hi, hi - lo + 1)}")
        feats.append(f"end={t.word[e]}")
        if e + 1 < t.n:
            feats.append(f"next={t.word[e + 1]}")
            feats.append(f"end_next={t.word[e]}|{t.word[e + 1]}")
        if e >= last:
            feats.append("sent_end")
        if t.open_quote(lo, e):
            feats.append("open_quote")
        feats.append(f"keep_len={_bucket(e - lo + 1)}")
        out.append(Point(e, e == hi, feats))
    return out


def start_points(t: Tokens, c: Candidate, lo: int, hi: int, blocked: set[int]) -> list[Point]:
    """The current start ``lo`` and the constituent boundaries near it."""
    head = c.content_tok if c.content_tok is not None else -1
    role = (lo, hi, head, c.cue_tok)
    s0 = t.sent_start[lo]
    grow_to = lo
    while grow_to - 1 >= s0 and grow_to - 1 not in blocked and lo - grow_to < MAX_MOVE:
        grow_to -= 1
    last = min(hi - 1, lo + MAX_MOVE)
    # removing [lo, s-1] / adding [s, lo-1] must move over whole constituents
    shrink = {j + 1 for j in t.complete_runs(lo, last - 1)} if last > lo else set()
    grow = t.complete_runs(lo - 1, grow_to) if grow_to < lo else set()
    common = f"ctype={c.ctype}"
    out: list[Point] = []
    for s in range(grow_to, last + 1):
        if t.space[s]:
            continue
        feats = [common]
        if s == lo:
            feats += ["cur", f"cur|{c.ctype}"]
            if s - 1 >= s0:
                feats.append(f"cur_prev={t.word[s - 1]}")
        elif s > lo:
            if s not in shrink or lo <= head <= s - 1:
                continue
            part = t.part(lo, s - 1, "rm_", role)
            feats += part
            feats += [f"{c.ctype}|{f}" for f in part[:2]]
            feats.append(f"rm_dist={_bucket(s - lo)}")
            feats.append(f"rm_share={_share(s - lo, hi - lo + 1)}")
        else:
            if s not in grow:
                continue
            part = t.part(s, lo - 1, "add_", role)
            feats += part
            feats += [f"{c.ctype}|{f}" for f in part[:2]]
            feats.append(f"add_dist={_bucket(lo - s)}")
            feats.append(f"add_share={_share(lo - s, hi - lo + 1)}")
        feats.append(f"start={t.word[s]}")
        if s - 1 >= 0:
            feats.append(f"prev={t.word[s - 1]}")
            feats.append(f"prev_start={t.word[s - 1]}|{t.word[s]}")
        if s == s0:
            feats.append("sent_start")
        if head >= 0 and s == t.left[head]:
            feats.append("head_left_edge")
        if t.open_quote(s, hi):
            feats.append("open_quote")
        out.append(Point(s, s == lo, feats))
    return out


@dataclass(frozen=True)
class BoundaryModel:
    """Linear scores of content edges; ``redraw`` moves the edges of chosen reports in place."""

    weights: dict[str, float]  # keyed "<side>|<feature>", side "end" or "start"
    margins: dict[str, float]  # "<side>_grow" / "<side>_shrink": how much a move must win by

    def score(self, side: str, feats: list[str]) -> float:
        """A point's score; only differences between the points of one edge mean anything
        (a conditional logit: the chance that a point is the edge is its ``exp(score)`` over
        the sum of all the edge's points')."""
        w = self.weights
        return sum(w.get(side + "|" + f, 0.0) for f in feats)

    def pick(self, side: str, doc: Doc, c: Candidate, points: list[Point]) -> int | None:
        """The token of the best point, or None to keep the current edge. Training
        overrides this to read the answer off the gold spans."""
        cur = next((p for p in points if p.current), None)
        if cur is None:
            return None
        best, best_score = None, self.score(side, cur.feats)
        for p in points:
            if p.current:
                continue
            way = "grow" if (p.tok > cur.tok) == (side == "end") else "shrink"
            s = self.score(side, p.feats) - self.margins.get(f"{side}_{way}", 99.0)
            if s > best_score:
                best, best_score = p.tok, s
        return best

    def redraw(self, doc: Doc, chosen: list[Candidate]) -> None:
        """Move the start and end of each chosen single-segment content to its best boundary;
        an edge never grows into another report's cue, source or content, nor its own cue or
        source, nor past its sentence."""
        todo = [c for c in chosen if len(c.content) == 1 and c.ctype not in ("label", "adverb")]
        if not todo:
            return
        t = Tokens(doc)
        taken = {id(c): t.tokens([c.cue, c.source, *c.content]) for c in chosen}
        for c in todo:
            r = t.tok_range(*c.content[0])
            if r is None or r[1] - r[0] < 1:
                continue
            lo, hi = r
            blocked = t.tokens([c.cue, c.source])
            for o in chosen:
                if o is not c:
                    blocked |= taken[id(o)]
            new_hi = self.pick("end", doc, c, end_points(t, c, lo, hi, blocked))
            if new_hi is not None:
                hi = new_hi
            new_lo = self.pick("start", doc, c, start_points(t, c, lo, hi, blocked))
            if new_lo is not None:
                lo = new_lo
            a = c.content[0][0] if new_lo is None else t.start[lo]
            b = c.content[0][1] if new_hi is None else t.end[hi]
            if b > a:
                c.content = [(a, b)]
                taken[id(c)] = t.tokens([c.cue, c.source, *c.content])

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> BoundaryModel:
        weights = data.get("weights", {})
        margins = data.get("margins", {})
        if not isinstance(weights, dict) or not isinstance(margins, dict):
            raise ModelError("boundary model: 'weights' and 'margins' must be objects")
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            margins={str(k): float(v) for k, v in margins.items()},
        )


def parse_boundary_model(data: bytes, sha256: str) -> BoundaryModel:
    return BoundaryModel.from_dict(checked_json(data, sha256, "boundary model"))


@lru_cache(maxsize=1)
def load_boundary_model() -> BoundaryModel:
    """Load the packaged content-boundary model (cached per process)."""
    return parse_boundary_model(read_packaged(MODEL_FILE, "boundary model"), MODEL_SHA256)
