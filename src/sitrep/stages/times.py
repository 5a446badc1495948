"""Times stage: time expressions found in the text and normalised TIMEX3-style.

Finding and normalising is rule-based (:mod:`sitrep.timex.tagger`); the spaCy parse only
answers small questions: the part of speech of an ambiguous word ("May", "March"), its entity
label, and the tense of the verb that governs an expression (past-tense "Friday" is the last
Friday, future-tense "Friday" the next one).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from sitrep.stages.base import Analysis
from sitrep.timex.expressions import time_expressions
from sitrep.timex.tagger import Hints, Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["TimesStage", "doc_hints"]

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "going", "would"}
_FUTURE_HEADS = {
    "expect",
    "schedule",
    "plan",
    "set",
    "due",
    "hope",
    "intend",
    "want",
    "seek",
    "agree",
    "prepare",
    "try",
    "go",
    "promise",
    "vow",
    "threaten",
    "like",
    "aim",
    "propose",
}


#: verbs whose present perfect or passive sets something up ahead: "has scheduled"
_PLAN_VERBS = {"schedule", "plan", "set", "slate", "expect", "call"}


def _tense_of(tok: Token) -> Tense:
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _FUTURE_AUX for a in auxes):
        return "future"
    if t.tag_ == "VB" and "to" in auxes:
        head = t.head
        governors = (head, head.head)
        if any(c.lower_ == "had" and c.dep_ == "aux" for g in governors for c in g.children):
            return "past"  # "had been due to expire Friday": a plan already behind us
        if head.tag_ in ("VBD",) and head.lemma_ not in _FUTURE_HEADS:
            return "past"
        return "future"
    if t.tag_ == "VBD":
        return "past"
    if t.tag_ == "VBN":
        if t.lemma_ in _PLAN_VERBS and any(a in ("has", "have", "is", "are") for a in auxes):
            return "future"  # "has scheduled a news conference Thursday"
        if any(a in ("is", "are", "am", "be") for a in auxes):
            return "present"
        return "past"
    if t.tag_ in ("VBZ", "VBP"):
        return "present"
    if t.tag_ == "VBG":
        if any(a in ("was", "were") for a in auxes):
            return "past"
        if any(a in ("is", "are", "am", "'s", "'re") for a in auxes):
            return "future"
    if t.tag_ == "MD":
        return "future" if t.lower_ in _FUTURE_AUX else None
    return None


def doc_hints(doc: Doc) -> Hints:
    """Hints for the tagger drawn from a spaCy ``Doc`` of the same text."""
    starts: list[int] = []

    def token_at(char: int) -> Token | None:
        if not starts and len(doc):  # on first use, from one array (no Token objects)
            starts.extend(doc.to_array(IDX).tolist())
        i = bisect_right(starts, char) - 1
        return doc[i] if i >= 0 else None

    def tense(char: int) -> Tense:
        tok = token_at(char)
        return None if tok is None else _tense_of(tok)

    def tag(char: int) -> str | None:
        tok = token_at(char)
        return None if tok is None else tok.tag_

    def ent(char: int) -> str:
        tok = token_at(char)
        return "" if tok is None else tok.ent_type_

    return Hints(tense=tense, tag=tag, ent=ent)


class TimesStage:
    """Fill ``article.times`` with normalised time expressions anchored on ``published``."""

    name = "times"

    def __call__(self, analysis: Analysis) -> Analysis:
        article = analysis.article
        text = article.text
        hints = doc_hints(analysis.doc) if analysis.doc is not None else None
        anchor = article.published
        article.times = time_expressions(text, anchor, hints)
        return analysis
