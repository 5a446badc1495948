"""The places stage: recognition, resolution, metonymy and event locations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitrep import gazetteer
from sitrep.gazetteer import Gazetteer
from sitrep.model import Article, Place, Span
from sitrep.stages.base import Analysis
from sitrep.stages.places import PlacesStage, event_location

if TYPE_CHECKING:
    from spacy.language import Language


def _place(text: str, start: int, end: int, code: str, gid: int, literal: bool = True) -> Place:
    return Place(
        span=Span(start=start, end=end), text=text[start:end], name=text[start:end],
        geonames_id=gid, lat=1.0, lon=2.0, feature_code=code, literal=literal, confidence=0.9,
    )  # fmt: skip


def test_event_location_prefers_specific_literal_places() -> None:
    text = "Shelling hit Shebekino in Russia. Kyiv denies involvement. Later, talks in Geneva."
    a = Article(id="t", text=text)
    a.places = [
        _place(text, 13, 22, "PPL", 1),
        _place(text, 26, 32, "PCLI", 2),
        _place(text, 34, 38, "PPLC", 3, literal=False),
        _place(text, 76, 82, "PPL", 4),
    ]
    assert event_location(a, Span(start=0, end=33)).geonames_id == 1  # type: ignore[union-attr]
    # a metonymic capital is never the place of an event; fall back to the main place
    got = event_location(a, Span(start=34, end=58))
    assert got is not None and got.geonames_id != 3
    assert event_location(Article(id="e", text=text), Span(start=0, end=5)) is None


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> PlacesStage:
    path = tmp_path_factory.mktemp("gaz") / "places.sqlite"
    gazetteer.build(path, countries=["RU", "UA", "US", "GB", "FR", "IE", "GE", "DE", "PL"])
    return PlacesStage(Gazetteer(path))


def _run(nlp: Language, stage: PlacesStage, text: str) -> Article:
    analysis = Analysis(article=Article(id="x", text=text), doc=nlp(text))
    return stage(analysis).article


@pytest.mark.model
def test_belgorod_region_and_metonymic_kyiv(nlp: Language, stage: PlacesStage) -> None:
    text = "Fighting broke out in the Belgorod region of Russia. Kyiv denies involvement."
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    region = next(p for t, p in by_text.items() if t.startswith("Belgorod"))
    assert region.geonames_id == 578071 and region.country == "RU" and region.literal
    assert by_text["Russia"].geonames_id == 2017370
    kyiv = by_text["Kyiv"]
    assert kyiv.country == "UA" and kyiv.literal is False
    for p in art.places:
        assert text[p.span.start : p.span.end] == p.text
    assert event_location(art, Span(start=0, end=52)) is region


@pytest.mark.model
def test_document_geography_decides_ambiguous_names(nlp: Language, stage: PlacesStage) -> None:
    text = (
        "Police in Dublin, Ohio, said a man from Columbus was arrested on Friday. "
        "The Franklin County sheriff said Dublin officers found him near the river."
    )
    art = _run(nlp, stage, text)
    dublins = [p for p in art.places if p.text == "Dublin"]
    assert dublins and all(p.country == "US" and p.admin1 == "Ohio" for p in dublins)
    text = "Protesters gathered in Dublin, the Irish capital, on Saturday."
    art = _run(nlp, stage, text)
    assert [p.country for p in art.places if p.text == "Dublin"] == ["IE"]


@pytest.mark.model
def test_demonyms_are_country_references_not_locations(nlp: Language, stage: PlacesStage) -> None:
    text = "Russian troops moved toward the border, Ukrainian officials said."
    art = _run(nlp, stage, text)
    russian = [p for p in art.places if p.text == "Russian"]
    assert {p.country for p in russian} == {"RU"}
    assert all(p.demonym and not p.literal for p in russian)
    assert event_location(art, Span(start=0, end=len(text))) is None
    without = PlacesStage(stage.gazetteer, demonyms=False)
    art = _run(nlp, without, text)
    assert not any(p.text in ("Russian", "Ukrainian") for p in art.places)


@pytest.mark.model
def test_names_nested_in_organisations(nlp: Language, stage: PlacesStage) -> None:
    text = "She studied at the University of Pennsylvania before moving to Philadelphia."
    art = _run(nlp, stage, text)
    assert any(p.text == "Pennsylvania" and p.feature_code == "ADM1" for p in art.places)


def test_stage_without_doc_is_a_no_op(tmp_path: Path, stage: PlacesStage) -> None:
    analysis = Analysis(article=Article(id="n", text="Kyiv"))
    assert stage(analysis).article.places == []


@pytest.mark.model
def test_metonymic_capitals_beyond_subjects(nlp: Language, stage: PlacesStage) -> None:
    text = (
        "Such raids could not happen without the support of Kyiv, and the authorities in "
        "Moscow were caught off guard. Washington's decision surprised many. "
        "Fighting continued in Kharkiv."
    )
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    assert by_text["Kyiv"].literal is False
    assert by_text["Moscow"].literal is False
    assert by_text["Washington"].literal is False
    assert by_text["Kharkiv"].literal is True


@pytest.mark.model
def test_country_in_group_name_and_country_defers_to_document_focus(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "Shelling hit villages in the Kharkiv region on Tuesday. "
        "Fighters of the National Guard of Ukraine said the Kharkiv region was calm by evening. "
        "Troops crossed into Ukraine overnight."
    )
    art = _run(nlp, stage, text)
    ukraine = [p for p in art.places if p.text == "Ukraine"]
    assert ukraine[0].literal is False  # "National Guard of Ukraine"
    last = text.rindex("Troops")
    where = event_location(art, Span(start=last, end=len(text)))
    assert where is not None and where.text == "Kharkiv region" and where.country == "UA"
