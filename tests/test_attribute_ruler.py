"""The attribute ruler's reused matches are spaCy's own matches (same annotations)."""

from __future__ import annotations

from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.attrs import ORTH  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from sitrep.stages.attribute_ruler import speed_up  # noqa: E402

PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Plur"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": {"IN": ["DT", "PDT"]}}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"LOWER": "harbour", "TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"TEXT": "Velmor"}]], "attrs": {"LEMMA": "velmor-x"}},
    {"patterns": [[{"DEP": "nsubj", "LOWER": "it"}]], "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}},
    {"patterns": [[{"LOWER": "in"}, {"LOWER": "spite"}]], "attrs": {"POS": "ADP"}, "index": -1},
    {"patterns": [[{"LOWER": "as"}, {"LOWER": "well"}]], "attrs": {"POS": "ADV"}, "index": 1},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Sing|Gender=Neut"}},
    {"patterns": [[{"LOWER": {"IN": ["walls", "piers"]}}]], "attrs": {"MORPH": "Number=Plur"}},
    {"patterns": [[{"LOWER": {"REGEX": "^r.*ed$"}, "TAG": "VBD"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the"]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^ro"}}, {"TAG": "VBD"}]], "attrs": {"POS": "NOUN"}},
]

SENTENCES = [
    (
        ["The", "harbour", "flooded", "in", "spite", "of", "the", "walls", "\n", "Velmor"],
        ["DT", "NN", "VBD", "IN", "NN", "IN", "DT", "NNS", "_SP", "NNP"],
        ["det", "nsubj", "ROOT", "prep", "pobj", "prep", "det", "pobj", "dep", "npadvmod"],
        [1, 2, 2, 2, 3, 4, 7, 5, 7, 2],
    ),
    (
        ["It", "rained", "as", "well", "and", "all", "the", "roads", "closed", "  "],
        ["PRP", "VBD", "RB", "RB", "CC", "PDT", "DT", "NNS", "VBD", "_SP"],
        ["nsubj", "ROOT", "advmod", "advmod", "cc", "predet", "det", "nsubj", "conj", "dep"],
        [1, 1, 3, 1, 1, 7, 7, 8, 1, 8],
    ),
    ([], [], [], []),
]


def _nlp(patterns: list[dict[str, Any]]) -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


def _doc(nlp: Any, words: list[str], tags: list[str], deps: list[str], heads: list[int]) -> Doc:
    if not words:
        return Doc(nlp.vocab, words=[])
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _same_as_spacy(patterns: list[dict[str, Any]]) -> Any:
    """The sped-up ruler of ``patterns`` after asserting that it matches and annotates
    :data:`SENTENCES` as spaCy's does, twice (the second round answers from the memo)."""
    plain, fast = _nlp(patterns), _nlp(patterns)
    assert speed_up(fast)
    ruler_a, ruler_b = plain.get_pipe("attribute_ruler"), fast.get_pipe("attribute_ruler")
    for _ in range(2):
        for words, tags, deps, heads in SENTENCES:
            a = _doc(plain, words, tags, deps, heads)
            b = _doc(fast, words, tags, deps, heads)
            assert ruler_b.match(b) == ruler_a.match(a)
            assert _annotations(ruler_b(b)) == _annotations(ruler_a(a))
    return ruler_b


def test_reused_matches_and_annotations_are_spacys() -> None:
    ruler = _same_as_spacy(PATTERNS)
    memo = ruler.match.__self__
    assert memo.starts is not None  # the longer patterns are matched where they start
    fast = _nlp(PATTERNS)
    speed_up(fast)
    annotated = fast.get_pipe("attribute_ruler")(_doc(fast, *SENTENCES[0]))
    assert [t.pos_ for t in annotated][:5] == ["DET", "PROPN", "VERB", "", "ADP"]
    assert str(annotated[1].morph) == "Gender=Neut|Number=Sing"
    assert str(annotated[7].morph) == "Number=Plur"
    assert [t.pos_ for t in fast.get_pipe("attribute_ruler")(_doc(fast, *SENTENCES[1]))][:2] == [
        "",
        "AUX",
    ]


def test_words_no_pattern_names_are_one_kind() -> None:
    """Nouns that no pattern names and that the REGEX tests answer alike are one kind: the
    memo asks spaCy's matcher once for all of them."""
    fast = _nlp(PATTERNS)
    assert speed_up(fast)
    ruler = fast.get_pipe("attribute_ruler")
    words = ["grain", "salt", "timber", "wool", "copper", "rope", "rice"]
    n = len(words)
    doc = Doc(
        fast.vocab,
        words=words,
        tags=["NN"] * n,
        deps=["dep"] * (n - 1) + ["ROOT"],
        heads=[n - 1] * n,
    )
    plain = _nlp(PATTERNS).get_pipe("attribute_ruler")
    assert ruler.match(doc) == plain.match(doc)
    kinds = ruler.match.__self__.known
    assert len(kinds) == 3  # "rope" (^ro), "rice" (^r.*ed$ fails: no "ed"), the rest; by dep


def test_other_patterns_are_matched_over_the_whole_doc_or_by_value() -> None:
    """A longer pattern with an operator is matched over the whole document as before; a word
    tested otherwise than by value, IN, NOT_IN or REGEX keeps its values in the kind."""
    with_op = [
        *PATTERNS,
        {"patterns": [[{"LOWER": "as"}, {"TAG": "RB", "OP": "+"}]], "attrs": {"POS": "ADV"}},
    ]
    assert _same_as_spacy(with_op).match.__self__.starts is None
    fuzzy = [*PATTERNS, {"patterns": [[{"LOWER": {"FUZZY": "harbor"}}]], "attrs": {"POS": "PROPN"}}]
    memo = _same_as_spacy(fuzzy).match.__self__
    assert [memo.key_ids[j] for j in memo.classes] == [ORTH]  # LOWER's values kept


def test_rulers_it_cannot_serve_are_left_alone() -> None:
    with_operator = _nlp([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}])
    assert not speed_up(with_operator)
    assert "match" not in vars(with_operator.get_pipe("attribute_ruler"))
    assert not speed_up(spacy.blank("en"))  # no ruler at all
    twice = _nlp(PATTERNS)
    assert speed_up(twice)
    assert not speed_up(twice)


@pytest.mark.model
def test_the_models_ruler_gives_the_same_parse() -> None:
    from sitrep.settings import DEFAULT_MODEL
    from sitrep.stages.nlp import load_nlp

    text = (
        "The harbour authority in Velmor said on Tuesday that it had closed two piers as well "
        "as the ferry terminal, in spite of protests by fishermen.\n\n  Officials   said the "
        'closures would last "at least a week"; nobody was hurt. It\'s the third time '
        "this year -- and, they added, probably not the last."
    )
    plain = spacy.load(DEFAULT_MODEL)
    fast = load_nlp(DEFAULT_MODEL)
    assert "match" in vars(fast.get_pipe("attribute_ruler"))
    for _ in range(2):
        a, b = plain(text), fast(text)
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in a] == [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in b
        ]


def test_a_match_whose_index_falls_outside_it_raises_spacys_error() -> None:
    """The sped-up ``set_annotations`` leaves such a match to spaCy's own method on the
    document as it was: the same error (E1001), the same annotations left behind."""
    patterns = [
        {"patterns": [[{"LOWER": "as"}, {"LOWER": "well"}]], "attrs": {"POS": "ADV"}, "index": 1},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    ]
    left = []
    for sped in (False, True):
        nlp = _nlp(patterns)
        if sped:
            assert speed_up(nlp)
            assert "set_annotations" in vars(nlp.get_pipe("attribute_ruler"))
        ruler = nlp.get_pipe("attribute_ruler")
        doc = _doc(nlp, *SENTENCES[0])
        matches = ruler.match(doc)
        bad = (*matches[-1][:3], matches[-1][2])  # a match that spans no token at all
        with pytest.raises(ValueError, match="E1001"):
            ruler.set_annotations(doc, [*matches, bad])
        left.append(_annotations(doc))
    assert left[0] == left[1] and left[0][1][0] == "NOUN"
