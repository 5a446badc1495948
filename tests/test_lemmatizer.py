"""The sped-up rule lemmatizer gives spaCy's own lemmas (one answer per token kind)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.lookups import Lookups  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from sitrep.stages.lemmatizer import speed_up  # noqa: E402

RULES = {
    "noun": [["ves", "f"], ["s", ""], ["ies", "y"]],
    "verb": [["ed", ""], ["ed", "e"], ["ing", ""], ["s", ""]],
    "adj": [["er", ""], ["est", ""]],
}
INDEX = {"noun": ["wall", "leaf", "ferry", "pier"], "verb": ["close", "moor", "drift"], "adj": []}
EXCEPTIONS = {"verb": {"ran": ["run"], "drove": ["drive"]}, "adj": {"better": ["good"]}}

#: (words, pos, morphs, preset lemmas): "leaves" as a singular and as a plural noun (the
#: base-form test reads the morphology), a verb form, an exception, a word with no part of
#: speech, a token whose lemma another component set, and a form no rule knows
SENTENCES: list[tuple[list[str], list[str], list[str], list[str]]] = [
    (
        ["The", "leaves", "drifted", "past", "the", "piers", "and", "ferries"],
        ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "CCONJ", "NOUN"],
        ["", "Number=Plur", "Tense=Past|VerbForm=Fin", "", "", "Number=Plur", "", "Number=Plur"],
        ["", "", "", "", "", "", "", ""],
    ),
    (
        ["Leaves", "leaves", "closed", "ran", "better", "Zorvath", "moors", "x"],
        ["NOUN", "NOUN", "VERB", "VERB", "ADJ", "PROPN", "VERB", ""],
        ["Number=Sing", "Number=Sing", "VerbForm=Inf", "Tense=Past", "Degree=Cmp", "", "", ""],
        ["", "", "", "", "", "", "", ""],
    ),
    (
        ["They", "moored", "closer", "Velmorans", "walls"],
        ["PRON", "VERB", "ADJ", "PROPN", "NOUN"],
        ["", "Tense=Past|VerbForm=Fin", "Degree=Cmp", "Number=Plur", "Number=Plur"],
        ["", "", "", "velmoran", ""],
    ),
    ([], [], [], []),
]


def _nlp(lang: str = "en", mode: str = "rule", overwrite: bool = False) -> Any:
    nlp = spacy.blank(lang)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": mode, "overwrite": overwrite})
    lookups = Lookups()
    if mode == "rule":
        lookups.add_table("lemma_rules", RULES)
        lookups.add_table("lemma_index", INDEX)
        lookups.add_table("lemma_exc", EXCEPTIONS)
    else:
        lookups.add_table("lemma_lookup", {"leaves": "leaf"})
    lemmatizer.initialize(lookups=lookups)
    return nlp


def _doc(nlp: Any, words: list[str], pos: list[str], morphs: list[str], lemmas: list[str]) -> Doc:
    if not words:
        return Doc(nlp.vocab, words=[])
    return Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas)


def _lemmas(nlp: Any, sentence: tuple[list[str], list[str], list[str], list[str]]) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy's W108: a token with no part of speech
        return [t.lemma_ for t in nlp.get_pipe("lemmatizer")(_doc(nlp, *sentence))]


@pytest.mark.parametrize(("lang", "overwrite"), [("en", False), ("en", True), ("xx", False)])
def test_same_lemmas_as_spacy(lang: str, overwrite: bool) -> None:
    plain, fast = _nlp(lang, overwrite=overwrite), _nlp(lang, overwrite=overwrite)
    assert speed_up(fast)
    for _ in range(2):  # the second round answers from the memo
        for sentence in SENTENCES:
            assert _lemmas(fast, sentence) == _lemmas(plain, sentence)
    if lang == "en":  # the English lemmatizer tells a singular noun by its morphology
        leaves = [_lemmas(fast, s)[1] for s in SENTENCES[:2]]
        assert leaves == ["leaf", "leaves"]
    kept = _lemmas(fast, SENTENCES[2])[3]
    assert kept == ("Velmorans" if overwrite else "velmoran")  # a name keeps its case


def test_same_lemmas_through_the_pipeline() -> None:
    plain, fast = _nlp(), _nlp()
    speed_up(fast)
    text = "The ferries drifted and the walls closed; leaves moored better."
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in plain(text)]
    assert [[t.lemma_ for t in d] for d in fast.pipe([text, "Piers ran."])] == [
        [t.lemma_ for t in d] for d in plain.pipe([text, "Piers ran."])
    ]


def test_index_answers_from_a_set_and_stays_the_list() -> None:
    nlp = _nlp()
    speed_up(nlp)
    lookups = nlp.get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")["noun"]
    assert list(index) == INDEX["noun"] and "leaf" in index and "leaves" not in index
    assert lookups.get_table("lemma_rules") is not None
    restored = Lookups().from_bytes(lookups.to_bytes())  # still serialisable
    assert list(restored.get_table("lemma_index")["noun"]) == INDEX["noun"]


def test_left_alone() -> None:
    assert not speed_up(_nlp(mode="lookup"))
    assert not speed_up(spacy.blank("en"))  # no lemmatizer
    twice = _nlp()
    assert speed_up(twice)
    assert not speed_up(twice)
