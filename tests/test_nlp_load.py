"""``load_nlp`` builds a saved pipeline's rule-based tokenizer bare, since the saved state
replaces it whole: the same tokenizer and tokens, only where that holds."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")


def test_only_a_saved_rule_based_tokenizer_is_built_bare(tmp_path: Path) -> None:
    from sitrep.stages.nlp import _plain_tokenizer

    plain = spacy.blank("en")
    plain.to_disk(tmp_path / "plain")
    assert _plain_tokenizer(str(tmp_path / "plain"))

    (tmp_path / "plain" / "tokenizer").unlink()  # nothing saved to replace a bare one
    assert not _plain_tokenizer(str(tmp_path / "plain"))

    other = spacy.blank("en")
    other.config["nlp"]["tokenizer"] = {"@tokenizers": "spacy.Tokenizer.v1", "extra": 1}
    other.to_disk(tmp_path / "other")
    text = (tmp_path / "other" / "config.cfg").read_text(encoding="utf-8")
    assert "spacy.Tokenizer.v1" in text
    (tmp_path / "other" / "config.cfg").write_text(
        text.replace("spacy.Tokenizer.v1", "spacy.Other.v1"), encoding="utf-8"
    )
    assert not _plain_tokenizer(str(tmp_path / "other"))
    assert not _plain_tokenizer("no_such_model_package")
    assert not _plain_tokenizer(str(tmp_path / "missing"))


def test_a_blank_pipeline_loads_the_same_tokenizer(tmp_path: Path) -> None:
    from sitrep.stages.nlp import load_nlp

    blank = spacy.blank("en")
    blank.tokenizer.add_special_case("velmorport", [{"ORTH": "velmor"}, {"ORTH": "port"}])
    blank.to_disk(tmp_path / "p")
    mine = load_nlp(str(tmp_path / "p"))
    theirs = spacy.load(tmp_path / "p")
    assert mine.config["nlp"]["tokenizer"] == {"@tokenizers": "sitrep.BareTokenizer.v1"}
    assert mine.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    text = "Velmor's harbour (velmorport) re-opened at 6:30am -- U.S.-bound ferries can't wait."
    assert [t.text for t in mine(text)] == [t.text for t in theirs(text)]
    assert [t.text for t in mine(text)][4:7] == ["velmor", "port", ")"]


@pytest.mark.model
def test_the_model_loads_the_same_tokenizer_and_tokens() -> None:
    from sitrep.settings import DEFAULT_MODEL
    from sitrep.stages.nlp import load_nlp

    mine, theirs = load_nlp(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    assert mine.config["nlp"]["tokenizer"] == {"@tokenizers": "sitrep.BareTokenizer.v1"}
    assert mine.tokenizer.to_bytes(exclude=["vocab"]) == theirs.tokenizer.to_bytes(
        exclude=["vocab"]
    )
    text = "Officials said it'd re-open on Jan. 5 -- \"at least\" that's what the U.N. said :-)"
    assert [(t.text, t.norm_, t.is_stop) for t in mine(text)] == [
        (t.text, t.norm_, t.is_stop) for t in theirs(text)
    ]
