"""Span edges learned from PolNeAR train: which dependents of a role's head belong to the role.

The candidate finder reads a role off the parse (the cue verb, the subject noun phrase, the
clausal complement). Where the annotators draw the edges is a convention: the cue takes its
auxiliaries, negation and particles ("has not said", "called for"), the source takes its
appositions and parentheticals ("Sen. X (D-Mont.), the panel's chair,"), the content leaves
out trailing asides. This model is a table of inclusion rates, one per edge context (role,
side, dependency label, closed-class word, comma), counted on the train split by
``scripts/train_quotes.py``; an edge is taken when its rate is at least one half. Contexts
back off from the most specific key to the dependency label alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.attribution.candidates import tok_end
from sitrep.attribution.pinned import checked_json, read_packaged

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.attribution.candidates import Candidate

__all__ = ["SpanModel", "edge_keys", "load_span_model"]

MODEL_FILE = "span_model.json"
MODEL_SHA256 = "ecbde0e63b4d72d1332602772c613b12d625edb5745070b16cfea48c77650330"
_CLOSED = {"ADV", "PART", "ADP", "AUX", "PUNCT", "SCONJ", "CCONJ", "DET", "PRON"}
_QUOTE_CHARS = set("“”\"'‘’")
_NO_CUE_EDGES = {"according", "adverb", "noun"}
# a content loses only adjuncts at its edges, never its core (subject, auxiliary, object, ...)
_TRIMMABLE = {"advmod", "advcl", "prep", "npadvmod", "cc", "conj", "intj", "parataxis", "dep"}
MAX_SOURCE_EDGE = 20  # tokens; longer appositions and clauses are descriptions, not the source
GROW_RATE = 0.65


def _word(tok: Token) -> str:
    return tok.lower_ if tok.pos_ in _CLOSED or tok.is_stop else tok.pos_


def edge_keys(role: str, side: str, child: Token, comma: bool, alone: bool = False) -> list[str]:
    """Keys for one dependent of a role's head, most specific first (``alone``: the
    dependent's own token without its subtree)."""
    c = "c" if comma else "n"
    dep = child.dep_ + ("/alone" if alone else "")
    return [
        f"{role}|{side}|{dep}|{_word(child)}|{c}",
        f"{role}|{side}|{dep}|{c}",
        f"{role}|{side}|{dep}",
    ]


def trail_keys(role: str, last_dep: str) -> list[str]:
    """Keys for the comma right after a role ("X, an analyst at Y, said")."""
    return [f"{role}|trail|{last_dep}", f"{role}|trail"]


def _tokens(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _extent(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i


def _comma_between(doc: Doc, a: int, b: int) -> bool:
    return any(doc[i].text == "," for i in range(min(a, b) + 1, max(a, b)))


def right_children(head: Token) -> Iterator[tuple[Token, bool]]:
    """Non-punctuation dependents right of the head, nearest first, with "comma before"."""
    prev = head.i
    for child in head.rights:
        if child.is_punct:
            continue
        yield child, _comma_between(head.doc, prev, child.left_edge.i)
        prev = child.right_edge.i


def left_children(head: Token) -> Iterator[tuple[Token, bool]]:
    """Non-punctuation dependents left of the head, nearest first, with "comma after"."""
    nxt = head.i
    for child in reversed(list(head.lefts)):
        if child.is_punct:
            continue
        yield child, _comma_between(head.doc, child.right_edge.i, nxt)
        nxt = child.left_edge.i


@dataclass(frozen=True)
class SpanModel:
    """Inclusion rates per edge context; ``take`` answers whether an edge joins the role."""

    rates: dict[str, float]

    def rate(self, keys: Iterable[str]) -> float | None:
        for k in keys:
            r = self.rates.get(k)
            if r is not None:
                return r
        return None

    def take(self, keys: list[str], default: bool, lo: int, hi: int) -> bool:
        """Whether tokens [lo, hi] (one edge, described by ``keys``) join the role.

        Training overrides this to read the answer off the gold spans and count it."""
        r = self.rate(keys)
        if r is None:
            return default
        # growing a cue or source past the gold fails the strict match, stopping short only
        # the exact one: grow on a clear majority, trim on a plain one
        return r >= (0.5 if default else GROW_RATE)

    # ------------------------------------------------------------------ roles

    def cue(self, tok: Token, blocked: set[int]) -> tuple[int, int]:
        """Token range [lo, hi] of the cue around its verb."""
        lo = hi = tok.i
        for child, comma in left_children(tok):
            if comma or child.right_edge.i != lo - 1 or not self._free(child, blocked):
                break
            if not self.take(edge_keys("cue", "L", child, comma), False, *_extent(child)):
                break
            lo = child.left_edge.i
        for child, comma in right_children(tok):
            if comma or child.left_edge.i != hi + 1:
                break
            if not self._free(child, blocked):
                # "called for <content>": the preposition joins the cue, its object does not
                if (
                    child.dep_ == "prep"
                    and child.i == hi + 1
                    and child.i not in blocked
                    and self.take(
                        edge_keys("cue", "R", child, comma, alone=True), False, child.i, child.i
                    )
                ):
                    hi = child.i
                break
            if not self.take(edge_keys("cue", "R", child, comma), False, *_extent(child)):
                break
            hi = child.right_edge.i
        return lo, hi

    def source(self, head: Token, lo: int, hi: int, blocked: set[int]) -> tuple[int, int]:
        """Extend a source [lo, hi] over the head's right dependents the annotators include."""
        doc = head.doc
        last = None
        for child, comma in right_children(head):
            if child.left_edge.i <= hi:
                continue
            gap = range(hi + 1, child.left_edge.i)
            if any(not doc[i].is_punct for i in gap) or not self._free(child, blocked):
                break
            if child.right_edge.i - child.left_edge.i >= MAX_SOURCE_EDGE:
                break
            if not self.take(edge_keys("source", "R", child, comma), False, *_extent(child)):
                break
            hi = child.right_edge.i
            last = child.dep_
        opened = sum(t.text == "(" for t in doc[lo : hi + 1]) - sum(
            t.text == ")" for t in doc[lo : hi + 1]
        )
        if opened > 0 and hi + 1 < len(doc) and doc[hi + 1].text == ")":
            hi += 1  # "Sen. X (D-Mo.)": the parser leaves the closing bracket on the head
        if (
            last is not None
            and hi + 1 < len(doc)
            and doc[hi + 1].text == ","
            and hi + 1 not in blocked
            and self.take(trail_keys("source", last), False, hi + 1, hi + 1)
        ):
            hi += 1
        return lo, hi

    def content(self, head: Token, lo: int, hi: int) -> tuple[int, int]:
        """Trim a content [lo, hi] of the trailing and leading dependents annotators leave out."""
        rights = [(c, comma) for c, comma in right_children(head) if c.right_edge.i <= hi]
        for child, comma in reversed(rights):
            if child.right_edge.i < hi - 1 or self._quoted(child) or child.dep_ not in _TRIMMABLE:
                break
            if self.take(edge_keys("content", "R", child, comma), True, *_extent(child)):
                break
            hi = child.left_edge.i - 1
            while hi > head.i and (head.doc[hi].is_punct or head.doc[hi].lower_ == "and"):
                hi -= 1
        lefts = [(c, comma) for c, comma in left_children(head) if c.left_edge.i >= lo]
        for child, comma in reversed(lefts):
            if child.left_edge.i > lo + 1 or self._quoted(child) or child.dep_ not in _TRIMMABLE:
                break
            if self.take(edge_keys("content", "L", child, comma), True, *_extent(child)):
                break
            lo = child.right_edge.i + 1
            while lo < head.i and head.doc[lo].is_punct:
                lo += 1
        return lo, hi

    def refine(self, doc: Doc, c: Candidate) -> None:
        """Redraw the candidate's cue, source and content edges in place."""
        content_toks = _tokens(doc, c.content)
        source_toks = _tokens(doc, [c.source]) if c.source is not None else set()
        if c.ctype not in _NO_CUE_EDGES:
            lo, hi = self.cue(doc[c.cue_tok], content_toks | source_toks)
            c.cue = (doc[lo].idx, tok_end(doc[hi]))
        cue_toks = _tokens(doc, [c.cue])
        if c.source is not None and c.source_tok is not None and source_toks:
            lo, hi = self.source(
                doc[c.source_tok], min(source_toks), max(source_toks), content_toks | cue_toks
            )
            c.source = (doc[lo].idx, tok_end(doc[hi]))
            source_toks = set(range(lo, hi + 1))
        if c.content_tok is not None and len(c.content) == 1 and content_toks:
            lo, hi = self.content(doc[c.content_tok], min(content_toks), max(content_toks))
            if hi >= lo and not (set(range(lo, hi + 1)) & (cue_toks | source_toks)):
                a, b = doc[lo].idx, tok_end(doc[hi])
                if b - a >= 3 and not all(t.is_space for t in doc[lo : hi + 1]):
                    c.content = [(a, b)]

    @staticmethod
    def _free(child: Token, blocked: set[int]) -> bool:
        return not any(t.i in blocked for t in child.subtree)

    @staticmethod
    def _quoted(child: Token) -> bool:
        return any(t.text in _QUOTE_CHARS or t.text == "''" for t in child.subtree)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SpanModel:
        rates = data.get("rates", {})
        assert isinstance(rates, dict)
        return cls(rates={str(k): float(v) for k, v in rates.items()})


def parse_span_model(data: bytes, sha256: str) -> SpanModel:
    return SpanModel.from_dict(checked_json(data, sha256, "span model"))


@lru_cache(maxsize=1)
def load_span_model() -> SpanModel:
    """Load the packaged span-edge model (cached per process)."""
    return parse_span_model(read_packaged(MODEL_FILE, "span model"), MODEL_SHA256)
