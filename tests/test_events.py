"""Events stage: ontology, classifier artefact, and clause-level extraction on hand-written text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitrep.events.classifier import LinearTextModel, fit
from sitrep.events.ontology import (
    ACLED_CLASSES,
    ACLED_PARENT,
    ACLED_TAXONOMY,
    ACLED_TO_PLOVER,
    NON_ACLED_CLASSES,
    PLOVER_TO_ACLED,
    PLOVER_TYPES,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from sitrep.model import Article


def test_ontology_sizes_and_mapping() -> None:
    assert len(PLOVER_TYPES) == 16
    assert len(ACLED_TAXONOMY) == 6
    assert len(ACLED_PARENT) == 25
    assert len(ACLED_CLASSES) == 30
    assert set(ACLED_TO_PLOVER) == set(ACLED_CLASSES)
    assert all(v is None or v in PLOVER_TYPES for v in ACLED_TO_PLOVER.values())
    assert set(PLOVER_TO_ACLED) == set(PLOVER_TYPES)
    assert all(v is None or v in ACLED_PARENT for v in PLOVER_TO_ACLED.values())
    assert not set(NON_ACLED_CLASSES) & set(ACLED_PARENT)


def test_classifier_roundtrip(tmp_path: Path) -> None:
    texts = [
        "the army shelled the village",
        "artillery shells hit the town",
        "students marched peacefully",
        "workers held a rally in the square",
    ]
    labels = ["shelling", "shelling", "protest", "protest"]
    model = fit(texts, labels, c=1.0)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearTextModel.load(path)
    assert loaded.labels == model.labels
    pred = loaded.decision(["mortar shells hit the village", "a peaceful march"]).argmax(axis=1)
    assert [loaded.labels[i] for i in pred] == ["shelling", "protest"]


def test_packaged_models_exist() -> None:
    from sitrep.stages.events import ACLED_MODEL, PLOVER_MODEL, load_model

    for name in (ACLED_MODEL, PLOVER_MODEL):
        model = load_model(name)
        assert model is not None, f"run scripts/train_events.py to build {name}"


def _run(nlp: Language, text: str) -> Article:
    from sitrep.model import Article
    from sitrep.stages.base import Analysis
    from sitrep.stages.events import EventsStage

    article = Article(id="t", text=text)
    EventsStage()(Analysis(article=article, doc=nlp(text)))
    return article


@pytest.mark.model
def test_assault_with_actors(nlp: Language) -> None:
    text = "Separatist militants attacked an army checkpoint near the river on Sunday."
    art = _run(nlp, text)
    assert art.events, "no event"
    main = art.events[0]
    assert main.plover_type == "ASSAULT"
    assert main.acled_event_type in {
        "Battles",
        "Violence against civilians",
        "Explosions/Remote violence",
    }
    assert main.source_actor is not None and "militants" in main.source_actor.text
    assert main.source_actor.sector == "rebels"
    assert main.trigger is not None and art.snippet(main.trigger) == "attacked"


@pytest.mark.model
def test_modalities(nlp: Language) -> None:
    art = _run(nlp, "The rebel commander denied attacking the convoy.")
    assert any(e.modality == "denied" for e in art.events)
    art = _run(nlp, "The militia threatened to burn the warehouses.")
    assert art.events[0].plover_type == "THREATEN"
    art = _run(
        nlp,
        "The fighters crossed the frontier on Monday. They announced that they had "
        "captured three villages.",
    )
    claimed = [e for e in art.events if e.modality == "claimed"]
    assert claimed and claimed[0].claimant is not None


@pytest.mark.model
def test_intentions_are_coded_as_agree_or_threaten(nlp: Language) -> None:
    art = _run(nlp, "The government will release forty prisoners next week, the minister said.")
    assert art.events[0].plover_type == "AGREE"


@pytest.mark.model
def test_several_events_and_merge(nlp: Language) -> None:
    text = (
        "Police arrested twelve students in the capital on Friday and raided the union office. "
        "Police arrested twelve students, the union said."
    )
    art = _run(nlp, text)
    kinds = [(e.plover_type, art.snippet(e.trigger)) for e in art.events]
    assert ("COERCE", "raided") in kinds
    # the repeated arrest by the same actor is one event
    assert sum(1 for _, trig in kinds if trig == "arrested") == 1


@pytest.mark.model
def test_non_event_text_is_quiet(nlp: Language) -> None:
    art = _run(nlp, "")
    assert art.events == []
