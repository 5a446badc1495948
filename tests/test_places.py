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

    from sitrep.pipeline import Pipeline


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
    gazetteer.build(
        path,
        countries=[
            "RU",
            "UA",
            "US",
            "GB",
            "FR",
            "IE",
            "GE",
            "DE",
            "PL",
            "PS",
            "MT",
            "CN",
            "LB",
            "SY",
            "YE",
            "SO",
            "DJ",
        ],  # fmt: skip
    )
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


@pytest.mark.model
def test_washington_with_national_institutions_is_the_capital(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "Congress returned to Washington on Monday. The White House said Washington "
        "would not wait for the Senate."
    )
    art = _run(nlp, stage, text)
    washington = [p for p in art.places if p.text == "Washington"]
    assert len(washington) == 2
    assert all(p.feature_code == "PPLC" and p.admin1 == "District of Columbia" for p in washington)
    art = _run(nlp, stage, "Apple growers in Washington state expect a smaller harvest.")
    state = [p for p in art.places if p.text.startswith("Washington")]
    assert state and state[0].feature_code == "ADM1" and state[0].country == "US"


@pytest.mark.model
def test_continent_adjectives_and_the_union_name_continents(
    nlp: Language, stage: PlacesStage
) -> None:
    text = "European airlines asked the EU for help, and African carriers joined them."
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    assert by_text["European"].feature_code == "CONT" and by_text["European"].name == "Europe"
    assert by_text["EU"].name == "Europe" and by_text["African"].name == "Africa"
    assert not any(p.literal for p in by_text.values())


@pytest.mark.model
def test_admin_names_with_type_words_inside_organisations(
    nlp: Language, stage: PlacesStage
) -> None:
    text = "Deputies of the Cook County Sheriff's Office in Chicago arrested two men."
    art = _run(nlp, stage, text)
    cook = [p for p in art.places if p.text.startswith("Cook County")]
    assert cook and cook[0].feature_code == "ADM2" and cook[0].admin1 == "Illinois"


@pytest.mark.model
def test_demonyms_inside_names_are_the_country_never_a_similar_city(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "The Russian Ministry of Defence denied the report. Georgian officials met "
        "Polish diplomats in Tbilisi."
    )
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    assert by_text["Russian"].feature_code == "PCLI" and by_text["Russian"].country == "RU"
    assert by_text["Georgian"].feature_code == "PCLI" and by_text["Georgian"].country == "GE"
    assert by_text["Polish"].feature_code == "PCLI" and by_text["Polish"].country == "PL"
    assert all(p.demonym and not p.literal for t, p in by_text.items() if t != "Tbilisi")


@pytest.mark.model
def test_document_geography_keeps_a_gaza_neighbourhood_out_of_malta(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "Israeli strikes hit the Zeitun neighbourhood of Gaza City on Tuesday, and "
        "residents of Zeitun fled toward the south of Gaza."
    )
    art = _run(nlp, stage, text)
    zeitun = [p for p in art.places if p.text == "Zeitun"]
    assert zeitun and all(p.country in (None, "PS") for p in zeitun)
    assert any(p.country == "PS" for p in art.places)


@pytest.mark.model
def test_adjectival_and_metonymic_uses_are_not_literal_places(
    nlp: Language, stage: PlacesStage
) -> None:
    text = "The Beijing government said US service members had left. Fighting continued in Donetsk."
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    assert by_text["Beijing"].literal is False and by_text["Beijing"].country == "CN"
    assert by_text["US"].literal is False and by_text["US"].country == "US"
    where = event_location(art, Span(start=0, end=len(text)))
    assert where is None or where.text == "Donetsk"


@pytest.mark.model
def test_upper_case_dateline_names_the_city(nlp: Language, stage: PlacesStage) -> None:
    text = "BEIRUT (AP) — Lebanon's parliament met on Monday for the first time in months."
    art = _run(nlp, stage, text)
    beirut = [p for p in art.places if p.text == "BEIRUT"]
    assert beirut and beirut[0].country == "LB" and beirut[0].feature_code == "PPLC"


@pytest.mark.model
def test_regions_seas_and_gulfs_are_their_own_entries_not_villages(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "Pirates seized a tanker in the Gulf of Aden on Sunday, and navies from the Middle "
        "East stepped up patrols."
    )
    art = _run(nlp, stage, text)
    by_text = {p.text: p for p in art.places}
    gulf, region = by_text["Gulf of Aden"], by_text["Middle East"]
    assert gulf.feature_code == "SEA" and region.feature_code == "RGN"
    # no GeoNames id in the packaged data: a point, and no borrowed id of a village
    assert gulf.geonames_id is None and region.geonames_id is None
    assert (
        gulf.lat is not None and 5 < gulf.lat < 20 and gulf.lon is not None and 40 < gulf.lon < 55
    )
    assert region.lat is not None and 20 < region.lat < 40


@pytest.mark.model
def test_city_over_the_region_named_after_it_and_compass_regions(
    nlp: Language, stage: PlacesStage
) -> None:
    art = _run(nlp, stage, "Government forces shelled Aleppo again on Monday.")
    aleppo = [p for p in art.places if p.text == "Aleppo"]
    assert aleppo and aleppo[0].feature_code.startswith("PPL") and aleppo[0].country == "SY"
    art = _run(nlp, stage, "Schools in Northeast Georgia reopened, officials in Atlanta said.")
    georgia = [p for p in art.places if p.text.endswith("Georgia")]
    assert georgia and georgia[0].text == "Georgia" and georgia[0].admin1 == "Georgia"
    assert georgia[0].country == "US"


@pytest.mark.model
def test_a_country_code_before_a_type_word_stays_the_country(
    nlp: Language, stage: PlacesStage
) -> None:
    text = "Loudoun fell to the 18th fastest-growing U.S. county, and a U.S. District Court ruled."
    art = _run(nlp, stage, text)
    us = [p for p in art.places if p.text.startswith("U.S.")]
    assert us and all(p.country == "US" and p.feature_code == "PCLI" for p in us)


@pytest.mark.model
def test_acronyms_and_words_inside_names_are_no_places(nlp: Language, stage: PlacesStage) -> None:
    text = (
        "Analysts at the Transport Union of Latin America (TULA) said the probe, known as "
        '"Operation Hand Wash." widened. A lawyer in Seattle, Wash., said so too.'
    )
    art = _run(nlp, stage, text)
    assert not [p for p in art.places if p.text == "TULA"]
    wash = [p for p in art.places if p.text.startswith("Wash")]
    assert len(wash) == 1 and text[wash[0].span.start - 9 : wash[0].span.start] == "Seattle, "
    assert wash[0].admin1 == "Washington"


@pytest.mark.model
def test_a_name_before_a_street_word_is_the_street_not_the_city(
    nlp: Language, stage: PlacesStage
) -> None:
    text = (
        "Firefighters were called to a warehouse on Albany Avenue in Brooklyn late on Sunday. "
        "Another blaze damaged a bakery near Utica Ave. and a shop on Oxford Road in Leeds. "
        "Traffic on American Boulevard was stopped for an hour. A fire destroyed a house on "
        "Oakland Street. Firefighters said nobody was hurt."
    )
    art = _run(nlp, stage, text)
    names = {p.text for p in art.places if p.geonames_id is not None}
    assert {"Brooklyn", "Leeds"} <= names
    assert not names & {"Albany", "Utica", "Oxford", "American", "Oakland"}
    # a county road runs in its county, a state highway in its state; "Dr." before a name
    text = (
        "The truck overturned on Madison County Road 12 near Florida Highway 60. "
        "In Chicago Dr. Ellen Park treated the driver."
    )
    names = {p.text for p in _run(nlp, stage, text).places if p.geonames_id is not None}
    assert {"Florida", "Chicago"} <= names and any(n.startswith("Madison County") for n in names)


@pytest.mark.model
def test_a_street_word_inside_a_title_cased_headline_is_a_common_noun(
    pipeline: Pipeline,
) -> None:
    # "Road" here is the road the bomb was on; Herat is the place
    text = "Herat Road Blast Kills Three Soldiers\nA roadside bomb struck an army truck on Tuesday."
    names = {p.name for p in pipeline.analyze_text(text).places}
    assert any(n.startswith("Her") for n in names)
