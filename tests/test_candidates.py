"""The attribution candidate finder on hand-built and parsed sentences: who the source is and
which quotation a cue reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.attribution.candidates import Candidate, CandidateFinder
from sitrep.attribution.quotemarks import find_quotes

if TYPE_CHECKING:
    from spacy.language import Language


_VOCAB = spacy.blank("en").vocab  # English lexical attributes (punctuation, spaces)


def _finder() -> CandidateFinder:
    return CandidateFinder(frozenset({"tell", "say", "ask"}), frozenset())


def _cands(doc: Doc) -> list[Candidate]:
    return _finder().find(doc, find_quotes(doc.text))


def _text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


def _contents(nlp: Language, text: str, cue: str, *lemmas: str) -> list[str]:
    """The contents of the candidates whose cue is ``cue``, with ``lemmas`` the cue verbs."""
    doc = nlp(text)
    found = CandidateFinder(frozenset(lemmas), frozenset()).find(doc, find_quotes(text))
    return [text[c.content_start : c.content_end] for c in found if _text(doc, c.cue) == cue]


def test_a_verb_with_only_an_object_still_reports_the_quotation_before_it() -> None:
    # a parse that leaves the quotation unattached to "told": its own sentence, "told" with
    # only the addressee as object
    words = ["\u201c", "The", "dam", "held", "all", "night", ",", "\u201d", "Imre", "told"]
    words += ["journalists", "."]
    spaces = [False, True, True, True, True, False, False, True, True, True, False, False]
    heads = [3, 2, 3, 3, 5, 3, 3, 3, 9, 9, 9, 9]
    deps = ["punct", "det", "nsubj", "ROOT", "det", "npadvmod", "punct", "punct", "nsubj"]
    deps += ["ROOT", "dobj", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "PROPN", "VERB"]
    pos += ["NOUN", "PUNCT"]
    lemmas = ["\u201c", "the", "dam", "hold", "all", "night", ",", "\u201d", "Imre", "tell"]
    lemmas += ["journalist", "."]
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    told = [c for c in _cands(doc) if _text(doc, c.cue) == "told"]
    quoted = [c for c in told if c.ctype == "quote"]
    assert len(quoted) == 1, [(c.ctype, c.content) for c in told]
    assert "The dam held all night" in (_text(doc, quoted[0].content[0]) or "")
    assert _text(doc, quoted[0].source) == "Imre"


def test_a_long_source_between_the_quotation_and_its_verb() -> None:
    # '"...," Ada Obi, the mayor of the port town, said.': the verb is 11 tokens after the mark
    words = ["\u201c", "The", "dam", "held", ",", "\u201d", "Ada", "Obi", ",", "the", "mayor", "of"]
    words += ["the", "port", "town", ",", "said", "."]
    spaces = [False, True, True, False, False, True, True, False, True, True, True, True]
    spaces += [True, True, False, True, False, False]
    heads = [3, 2, 3, 3, 3, 3, 7, 16, 7, 10, 7, 10, 14, 14, 11, 7, 16, 16]
    deps = ["punct", "det", "nsubj", "ROOT", "punct", "punct", "compound", "nsubj", "punct"]
    deps += ["det", "appos", "prep", "det", "compound", "pobj", "punct", "ROOT", "punct"]
    pos = ["PUNCT", "DET", "NOUN", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET"]
    pos += ["NOUN", "ADP", "DET", "NOUN", "NOUN", "PUNCT", "VERB", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[3], lemmas[16] = "hold", "say"
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    said = [c for c in _cands(doc) if _text(doc, c.cue) == "said" and c.ctype == "quote"]
    assert len(said) == 1, [(_text(doc, c.cue), c.ctype) for c in _cands(doc)]
    assert _text(doc, said[0].source) == "Ada Obi"


def test_of_two_subjects_the_one_next_to_the_verb_is_the_source() -> None:
    # a heading run into the sentence: the parser hangs both names on "said" as subjects
    words = ["Harbour", "News", "Pia", "Berg", "said", "the", "pier", "was", "safe", "."]
    heads = [1, 4, 3, 4, 4, 6, 7, 4, 7, 4]
    deps = ["compound", "nsubj", "compound", "nsubj", "ROOT", "det", "nsubj", "ccomp"]
    deps += ["acomp", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    lemmas = ["Harbour", "News", "Pia", "Berg", "say", "the", "pier", "be", "safe", "."]
    spaces = [True] * 8 + [False, False]
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    said = [c for c in _cands(doc) if _text(doc, c.cue) == "said"]
    assert said
    assert {_text(doc, c.source) for c in said} == {"Pia Berg"}


def test_a_paragraph_break_the_parse_hangs_on_the_subject_is_not_part_of_the_source() -> None:
    # the closing mark of the paragraph before and the break hang on "Ilse" in this parse
    words = ["\u201c", "Yes", ".", "\u201d", "\n\n", "Ilse", ",", "who", "smiled", ",", "said"]
    words += ["the", "pier", "was", "safe", "."]
    spaces = [False] * 6 + [True, True, False, True, True, True, True, True, False, False]
    heads = [1, 1, 1, 5, 3, 10, 5, 8, 5, 5, 10, 12, 13, 10, 13, 10]
    deps = ["punct", "ROOT", "punct", "punct", "dep", "nsubj", "punct", "nsubj", "relcl"]
    deps += ["punct", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PUNCT", "INTJ", "PUNCT", "PUNCT", "SPACE", "PROPN", "PUNCT", "PRON", "VERB"]
    pos += ["PUNCT", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[8], lemmas[10], lemmas[13] = "smile", "say", "be"
    doc = Doc(_VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    said = [c for c in _cands(doc) if _text(doc, c.cue) == "said"]
    assert said
    assert {_text(doc, c.source) for c in said} == {"Ilse"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "source"),
    [
        pytest.param(
            "Asked about the closure of the ferry line, the port director said the repairs "
            "were on schedule.",
            None,
            id="the_one_asked_is_not_the_source",
        ),
        pytest.param(
            "Asked by a reporter whether the harbour would reopen, the port director said the "
            "repairs were on schedule.",
            "a reporter",
            id="the_agent_is_the_one_who_asked",
        ),
    ],
)
def test_a_bare_asked_participle_has_no_source_but_its_agent(
    nlp: Language, text: str, source: str | None
) -> None:
    doc = nlp(text)
    asked = [c for c in _cands(doc) if _text(doc, c.cue) == "Asked"]
    assert asked, [_text(doc, c.cue) for c in _cands(doc)]
    assert {_text(doc, c.source) for c in asked} == {source}


@pytest.mark.model
def test_a_gerund_adjunct_is_said_by_the_clause_subject(nlp: Language) -> None:
    doc = nlp(
        "The union leader ended the rally by saying that the strike would continue until "
        "the spring."
    )
    saying = [c for c in _cands(doc) if _text(doc, c.cue) == "saying"]
    assert saying
    assert {_text(doc, c.source) for c in saying} == {"The union leader"}


@pytest.mark.model
def test_a_quotation_closed_by_a_full_stop_is_not_reported_by_the_next_sentence(
    nlp: Language,
) -> None:
    # the second quotation continues the ferry captain; the council's verb took its own object
    text = (
        '"We will keep the ferry running through the winter," said Tomas Ek, its captain. '
        '"The ice has never stopped us." The council rejected the subsidy plan on Friday.'
    )
    rejected = _contents(nlp, text, "rejected", "say", "reject")
    assert rejected
    assert all("The ice" not in c for c in rejected)


@pytest.mark.model
def test_a_verb_with_an_object_still_reports_the_quotation_of_its_own_sentence(
    nlp: Language,
) -> None:
    text = 'The mayor warned residents, "Keep away from the river banks until the flood passes."'
    warned = _contents(nlp, text, "warned", "warn")
    assert any("Keep away" in c for c in warned)


@pytest.mark.model
def test_a_far_verb_after_a_quotation_closed_by_a_full_stop_is_another_sentences(
    nlp: Language,
) -> None:
    # the quotation is the mayor's; "agreed", 13 tokens on, belongs to the volunteers' sentence
    text = (
        'The mayor spoke at dawn. "Nobody will sleep tonight in the lower streets." '
        "Volunteers from the three villages on the northern bank of the river agreed."
    )
    agreed = _contents(nlp, text, "agreed", "agree")
    assert all("Nobody will sleep" not in c for c in agreed)


@pytest.mark.model
@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_quotation_closed_by_a_question_or_exclamation_is_not_the_next_sentences(
    nlp: Language, mark: str
) -> None:
    text = (
        f'"Who will pay for a ferry that nobody on this island uses{mark}" '
        "The council rejected the subsidy plan on Friday."
    )
    rejected = _contents(nlp, text, "rejected", "reject")
    assert rejected
    assert all("Who will pay" not in c for c in rejected)


@pytest.mark.model
def test_a_question_before_he_asked_stays_his(nlp: Language) -> None:
    text = '"Who will pay for a ferry that nobody on this island uses?" he asked the council.'
    asked = _contents(nlp, text, "asked", "ask")
    assert any("Who will pay" in c for c in asked)


@pytest.mark.model
def test_the_full_stop_of_an_abbreviated_company_name_is_no_source(nlp: Language) -> None:
    text = "Hartwell Cos. said it would close two plants in the spring."
    doc = nlp(text)
    said = [c for c in _cands(doc) if _text(doc, c.cue) == "said"]
    assert said
    assert all(_text(doc, c.source) not in (".", None) for c in said)
