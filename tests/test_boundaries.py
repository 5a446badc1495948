"""Learned content boundaries (sitrep.attribution.boundaries): candidate edges and the move."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sitrep.model import Article
from sitrep.stages.base import Analysis

if TYPE_CHECKING:
    from spacy.language import Language


def test_boundary_model_is_pinned_by_hash() -> None:
    from importlib import resources

    from sitrep.attribution.boundaries import (
        MODEL_SHA256,
        load_boundary_model,
        parse_boundary_model,
    )
    from sitrep.errors import SitrepError

    assert load_boundary_model().weights
    data = resources.files("sitrep").joinpath("data", "quotes", "boundary_model.json").read_bytes()
    with pytest.raises(SitrepError, match="hash mismatch"):
        parse_boundary_model(data + b" ", MODEL_SHA256)


TRAILING = (
    "Councillor Beatrix Olum said the city will buy forty buses from Halvik Motors, "
    "which builds them in Tarn."
)


def _content(nlp: Language, text: str, bounds) -> str:
    from sitrep.stages.quotes import QuotesStage

    stage = QuotesStage(bounds=bounds)
    art = stage(Analysis(article=Article(id="t", text=text), doc=nlp(text))).article
    (q,) = [q for q in art.quotes if art.snippet(q.cue) == "said"]
    return art.snippet(q.content)


@pytest.mark.model
def test_an_edge_moves_only_when_a_boundary_wins_by_the_margin(nlp: Language) -> None:
    """A model that favours cutting a trailing relative clause cuts it; with no margin for
    that move (or a margin larger than the win) the edge stays where the parse drew it."""
    from sitrep.attribution.boundaries import BoundaryModel

    keep = _content(nlp, TRAILING, BoundaryModel(weights={}, margins={}))
    assert keep == "the city will buy forty buses from Halvik Motors, which builds them in Tarn"
    weights = {"end|rm_dep=relcl": 5.0}
    cut = BoundaryModel(weights=weights, margins={"end_shrink": 0.0})
    assert _content(nlp, TRAILING, cut) == "the city will buy forty buses from Halvik Motors"
    held = BoundaryModel(weights=weights, margins={"end_shrink": 6.0})
    assert _content(nlp, TRAILING, held) == keep


@pytest.mark.model
def test_edges_move_over_whole_constituents_inside_the_sentence(nlp: Language) -> None:
    """Every boundary offered removes or adds whole constituents, and an end never grows
    into a blocked token (another report's words) nor past its sentence."""
    from sitrep.attribution.boundaries import Tokens, end_points, start_points
    from sitrep.attribution.candidates import Candidate

    text = (
        "Warden Ilse Marrow told the committee that the reservoir near Quillby, "
        "which had been dry since June, would fill by spring after the rains. The rest waits."
    )
    doc = nlp(text)
    t = Tokens(doc)
    that = next(tok for tok in doc if tok.lower_ == "that")
    fill = next(tok for tok in doc if tok.lower_ == "fill")
    spring = next(tok for tok in doc if tok.lower_ == "spring")
    told = next(tok for tok in doc if tok.lower_ == "told")
    lo, hi = that.i, spring.i
    cand = Candidate(
        told.i,
        (told.idx, told.idx + 4),
        [(doc[lo].idx, doc[hi].idx + len(doc[hi].text))],
        None,
        None,
        "ccomp",
        content_tok=fill.i,
    )
    sent_end = doc[hi].sent.end
    ends = end_points(t, cand, lo, hi, set())
    assert any(p.current and p.tok == hi for p in ends)
    assert all(p.tok < sent_end for p in ends)
    assert any(p.tok > hi for p in ends)  # "after the rains" can join
    for p in ends:
        a, b = (p.tok + 1, hi) if p.tok < hi else (hi + 1, p.tok)
        words = [doc[i] for i in range(a, b + 1) if not doc[i].is_punct]
        assert all(a <= w.left_edge.i and w.right_edge.i <= b for w in words), p
    blocked = {hi + 2}
    assert all(p.tok <= hi + 1 for p in end_points(t, cand, lo, hi, blocked))
    starts = start_points(t, cand, lo, hi, set())
    assert any(p.current and p.tok == lo for p in starts)
    assert all(p.tok > told.i for p in start_points(t, cand, lo, hi, {told.i}))


def test_a_boundary_model_file_of_the_wrong_shape_is_a_model_error() -> None:
    from sitrep.attribution.boundaries import BoundaryModel
    from sitrep.errors import ModelError

    with pytest.raises(ModelError):
        BoundaryModel.from_dict({"weights": [], "margins": {}})
