"""Event records: place and date choice helpers, coreference, and the JSONL contract fields."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import pytest

from sitrep.events.records import corefer, date_value, geo_precision, merge_into, widen
from sitrep.export import to_jsonl
from sitrep.model import Article, Event, EventActor, Place, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.pipeline import Pipeline


def _place(name: str, start: int, code: str, gid: int, country: str = "RU") -> Place:
    return Place(
        span=Span(start=start, end=start + len(name)),
        text=name,
        name=name,
        geonames_id=gid,
        lat=50.6,
        lon=36.6,
        country=country,
        feature_code=code,
    )


def test_geo_precision_from_feature_code() -> None:
    assert geo_precision(_place("Russia", 0, "PCLI", 1)) == "country"
    assert geo_precision(_place("Belgorod Oblast", 0, "ADM1", 2)) == "admin1"
    assert geo_precision(_place("Shebekino", 0, "PPL", 3)) == "exact"
    assert geo_precision(None) is None


def test_date_value_keeps_calendar_dates_only() -> None:
    def t(value: str, kind: str = "DATE") -> TimeExpression:
        return TimeExpression(span=Span(start=0, end=1), text="x", type=kind, value=value)  # type: ignore[arg-type]

    assert date_value(t("2023-05-22")) == "2023-05-22"
    assert date_value(t("2019-11-16T18:38", "TIME")) == "2019-11-16"
    assert date_value(t("2019-W46")) == "2019-11"
    assert date_value(t("2019-09")) == "2019-09"
    assert date_value(t("P2D", "DURATION")) is None
    assert date_value(t("PRESENT_REF")) is None


def test_a_bare_country_defers_to_the_documents_region() -> None:
    russia = _place("Russia", 0, "PCLI", 1)
    region = [_place("Belgorod region", 10, "ADM1", 2), _place("Belgorod region", 90, "ADM1", 2)]
    assert widen(russia, [russia, *region]) == region[0]
    ukraine = _place("Ukraine", 40, "PCLI", 4, country="UA")
    assert widen(ukraine, [ukraine, *region]) == ukraine


def _event(start: int, *, source: str | None = None, kind: str = "ASSAULT", **kw: object) -> Event:
    actor = EventActor(span=Span(start=start, end=start + 5), text=source) if source else None
    return Event(
        plover_type=kind,
        evidence=Span(start=start, end=start + 20),
        source_actor=actor,
        **kw,  # type: ignore[arg-type]
    )


def test_coreference_needs_agreement_and_no_conflict() -> None:
    lede = _event(0, source="Rebel fighters", date="2023-05-22", date_source="stated")
    assert corefer(lede, _event(40, source="the rebels"), lemmas=({"attack"}, "attack"))
    assert not corefer(lede, _event(40, source="the army"), lemmas=({"attack"}, "attack"))
    assert not corefer(lede, _event(40, source="rebels", kind="COERCE"))
    assert not corefer(lede, _event(40, source="rebels", date="2023-05-20", date_source="stated"))
    # a date guessed from the publication never splits two mentions
    guessed = _event(40, source="rebels", date="2023-05-23", date_source="published")
    assert corefer(lede, guessed, lemmas=({"attack"}, "attack"))
    assert not corefer(lede, _event(40, source="rebels", modality="claimed"))
    # a different verb is a different act; a noun ("the attack") refers back
    assert not corefer(lede, _event(40, source="rebels"), lemmas=({"cross"}, "destroy"))
    assert corefer(lede, _event(40), anaphoric=True, lemmas=({"attack"}, None))
    assert not corefer(lede, _event(40))  # nothing agrees: not enough to merge


def test_a_new_incident_noun_joins_only_on_an_actor() -> None:
    town = _place("Varnok", 0, "PPL", 7)
    kept = _event(0, source="Rebel fighters", place=town)
    # "Heavy shelling continued in Varnok": the same place alone does not make it one act
    assert corefer(kept, _event(40, place=town), lemmas=({"burn"}, None))
    assert not corefer(kept, _event(40, place=town), lemmas=({"burn"}, None), fresh=True)
    fought = _event(40, source="the rebels", place=town)
    assert corefer(kept, fought, lemmas=({"burn"}, None), fresh=True)
    assert corefer(kept, _event(40, place=town), anaphoric=True, fresh=True)


def test_merge_lists_every_mention_in_the_jsonl_contract() -> None:
    region = _place("Belgorod region", 0, "ADM1", 578071)
    lede = _event(0, source="Rebel fighters", date="2023-05-23", date_source="published")
    merge_into(
        lede,
        _event(40, place=region, geo_precision="admin1", date="2023-05-22", date_source="stated"),
    )
    assert [s.start for s in lede.mentions] == [0, 40]
    assert lede.place == region and lede.date == "2023-05-22"  # the stated date wins
    assert lede.date_source == "stated" and lede.date_precision == "day"
    article = Article(id="a", text="x" * 80, published=date(2023, 5, 23), events=[lede])
    row = json.loads(next(iter(to_jsonl([article]))))
    event = row["events"][0]
    assert event["evidence"] == [{"start": 0, "end": 20}, {"start": 40, "end": 60}]
    assert event["date"] == "2023-05-22" and event["date_source"] == "stated"
    assert event["claimant"] is None and event["claim_quote"] is None
    assert event["place"] == {
        "name": "Belgorod region",
        "lat": 50.6,
        "lon": 36.6,
        "country": "RU",
        "geonames_id": 578071,
        "precision": "admin1",
    }


def test_dateline_day_of_an_undated_article() -> None:
    from sitrep.events.records import dateline_day

    text = "Sudan Bombs Camp, Reports Say\n11 / 10 / 11 02: 39 PM ET\nAircraft dropped bombs."
    found = dateline_day(text)
    assert found is not None and found[0] == date(2011, 11, 10)
    assert text[found[1].start : found[1].end] == "11 / 10 / 11 02: 39 PM ET"
    stamped = dateline_day("Riot in Athens\nMAR. 14, 2013, 8: 12 PM\nText.")
    assert stamped is not None and stamped[0] == date(2013, 3, 14)
    # a date in a sentence of the body is not a dateline
    body = "Police said the riot began on March 14, 2013 in the old town square."
    assert dateline_day(body) is None


@pytest.mark.model
def test_an_undated_article_dates_its_events_from_its_dateline(pipeline: Pipeline) -> None:
    text = (
        "Riot Police Clash With Protesters\nMAR. 14, 2013, 8: 12 PM\n"
        "On Monday police arrested twelve protesters in Brooklyn.\n"
    )
    art = pipeline.analyze_text(text)
    arrests = [e for e in art.events if e.plover_type == "COERCE"]
    assert arrests and arrests[0].date == "2013-03-11"


@pytest.mark.model
def test_a_year_that_modifies_a_noun_does_not_date_the_act(pipeline: Pipeline) -> None:
    text = "Norway has dropped its inquiry into a 2012 fraud allegation against the banker."
    art = pipeline.analyze_text(text, published="2019-11-19")
    assert art.events and art.events[0].date != "2012"
    art = pipeline.analyze_text(
        "Israel launched the offensive after the October 7 attack.", published="2024-02-28"
    )
    assert art.events and art.events[0].date == "2023-10-07"


@pytest.mark.model
def test_places_of_direction_or_topic_are_not_where_the_act_happened(nlp: Language) -> None:
    from sitrep.events.records import _locative

    def place_at(text: str, name: str) -> tuple[Doc, Place]:
        start = text.index(name)
        return nlp(text), _place(name, start, "PCLI", 1)

    for text, name, where in [
        ("He has been extradited to the United States.", "United States", False),
        ("Voters rejected his stance on Gaza.", "Gaza", False),
        ("Aircraft from Sudan bombed the camp.", "Sudan", False),
        ("Troops clashed with rebels in Sudan.", "Sudan", True),
        ("She made a trip to Beijing last week.", "Beijing", True),
        ("Fighting broke out in the state of Kordofan.", "Kordofan", True),
        # a possessive names whose institution or act it is, not where the act took place
        ("Paraguay's anti-drug agency seized the cocaine.", "Paraguay", False),
        ("Gunmen attacked the Kabul Serena Hotel.", "Kabul", True),
        # the subject of a verb is a party ("Peru is stalling"), not where the act happened
        ("Peru is stalling on the new accord.", "Peru", False),
    ]:
        doc, place = place_at(text, name)
        assert _locative(doc, place) is where, text


@pytest.mark.model
def test_generic_wanted_descriptive_and_formulaic_predicates_are_not_acts(nlp: Language) -> None:
    from sitrep.events.nonevents import not_an_act

    def reason(text: str, word: str) -> str | None:
        doc = nlp(text)
        return not_an_act(next(t for t in doc if t.text == word))

    assert reason("The legislation calls for prison terms for gang members.", "calls") == "generic"
    assert reason("Mr Tan does not want to deploy troops in the city.", "deploy") == "intended"
    assert reason("The cartel is aiming to build up its connections.", "build") == "intended"
    assert reason("The council seemed reluctant to condemn the mayor.", "condemn") == "intended"
    assert reason("The envoy was unwilling to meet the rebels.", "meet") == "intended"
    assert reason("Files were copied from the seized phones.", "seized") == "description"
    assert reason("The ministry declined to comment on the raid.", "declined") == "formula"
    text = "Turnout was low, said an election observer, who requested anonymity."
    assert reason(text, "requested") == "formula"
    assert reason("The observer asked for anonymity before the count.", "asked") == "formula"
    assert reason("The mayor requested more police for the count.", "requested") is None
    assert reason("He said he would have objected to the inquiry.", "objected") == "hypothetical"
    assert reason("Lawyers said both were ready to contest the charges.", "contest") == "intended"
    # habits and trends are not one act; a violent mass noun as an object is the phenomenon
    assert reason("Gangs frequently extort or kidnap the migrants.", "kidnap") == "generic"
    assert reason("Unions have long warned that the prison was understaffed.", "warned") == (
        "generic"
    )
    doc = nlp("Thousands of refugees fled violence in the region.")
    violence = next(t for t in doc if t.text == "violence")
    assert not_an_act(violence, plover="ASSAULT") == "generic"
    doc = nlp("The refugees fled the attack on their village.")
    attack = next(t for t in doc if t.text == "attack")
    assert not_an_act(attack, plover="ASSAULT") is None
    # a violent event noun that a copula judges, or an event noun a copula equates a subject
    # with, comments on events; the withdrawal judged is still told
    for text in (
        "The fighting is especially alarming for the farmers.",
        "The fighting has become so severe that farmers are leaving.",
    ):
        fighting = next(t for t in nlp(text) if t.text == "fighting")
        assert not_an_act(fighting, plover="ASSAULT") == "judged", text
    doc = nlp("The riots in the port are a danger to the governor.")
    danger = next(t for t in doc if t.text == "danger")
    assert not_an_act(danger, plover="THREATEN") == "judged"
    text = "Heavy fighting has been ongoing near the river since Sunday."
    fighting = next(t for t in nlp(text) if t.text == "fighting")
    assert not_an_act(fighting, plover="ASSAULT") is None  # under way: it happens
    # an event noun completing another noun is that noun's; a wave of acts tells them
    for text, word, plover in (
        (
            "Nearly 40 percent of arrests at the crossing involved repeat offenders.",
            "arrests",
            "COERCE",
        ),
        ("Residents described a series of explosions near the depot.", "explosions", "ASSAULT"),
    ):
        tok = next(t for t in nlp(text) if t.text == word)
        assert not_an_act(tok, plover=plover) == "complement", text
    wave = nlp("A wave of protests swept the southern towns on Friday.")
    protests = next(t for t in wave if t.text == "protests")
    assert not_an_act(protests, plover="PROTEST") is None
    doc = nlp("The repeal of the tax was far too late.")
    repeal = next(t for t in doc if t.text == "repeal")
    assert not_an_act(repeal, plover="CONCEDE") is None
    # no one harmed: the clause denies an act, it only comments on one told elsewhere
    assert reason("Luckily nobody was injured in the blaze.", "injured") == "no one"
    assert reason("None of the tellers were wounded.", "wounded") == "no one"
    assert reason("The raid ended quickly and no one was arrested.", "arrested") == "no one"
    assert reason("Two guards were wounded in the raid.", "wounded") is None
    # a "no" that bounds a number counts people harmed ("no fewer than 40")
    assert reason("No fewer than 40 miners were killed in the blast.", "killed") is None
    # acts told as done stay acts; a headline keeps its present tense
    assert reason("Police arrested six people on Monday.", "arrested") is None
    assert reason("Soldiers attacked the village and burned homes.", "burned") is None
    assert reason("Norway drops banker fraud inquiry", "drops") is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "plover", "why"),
    [
        # a verbal act in a bare passive participle frames the main clause's subject
        (
            "Criticised for its coverage of the strike, the broadcaster has hired a new editor.",
            "Criticised",
            "ACCUSE",
            "description",
        ),
        (
            "Snubbed or not, the envoys must return to the table.",
            "Snubbed",
            "REJECT",
            "description",
        ),
        ("Asked about the talks, the minister said little.", "Asked", "REQUEST", "description"),
        # ... unless someone does it, or the act is a material one
        (
            "Rebuffed by the council, the mayor has turned to the courts.",
            "Rebuffed",
            "REJECT",
            None,
        ),
        ("Arrested in March, the activist was freed on Monday.", "Arrested", "COERCE", None),
        # a bare verbal noun in a prepositional phrase names a kind of act
        (
            "The new editor promised openness to scrutiny and inquiry.",
            "inquiry",
            "ACCUSE",
            "generic",
        ),
        (
            "The shooting of the guard is still under investigation.",
            "investigation",
            "ACCUSE",
            "generic",
        ),
        ("The opposition called for an inquiry into the deaths.", "inquiry", "ACCUSE", None),
        # "threat" as a danger, not as a threat someone made
        (
            "The fall in crossings is due to the threat from the smuggling gangs.",
            "threat",
            "THREATEN",
            "generic",
        ),
        ("The militia's threat to burn the crops angered farmers.", "threat", "THREATEN", None),
        (
            "Farmers ignored the threat that the militia would burn the crops.",
            "threat",
            "THREATEN",
            None,
        ),
        (
            "Prices rose after the recent threat from Finance Minister Ana Velez.",
            "threat",
            "THREATEN",
            None,
        ),
        # a force put "on alert" is mobilised (as a man put "under arrest" is arrested)
        ("Troops were put on alert along the border.", "alert", "MOBILIZE", None),
    ],
)
def test_framed_kinds_of_acts_and_dangers_are_not_acts(
    nlp: Language, text: str, word: str, plover: str, why: str | None
) -> None:
    from sitrep.events.nonevents import not_an_act

    tok = next(t for t in nlp(text) if t.text == word)
    assert not_an_act(tok, plover=plover) == why


@pytest.mark.model
def test_a_place_of_another_clause_is_not_where_the_act_happened(nlp: Language) -> None:
    from sitrep.events.records import _other_clause

    text = "Prosecutors decided to reopen the investigation after he was arrested in London."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "investigation")
    london = _place("London", text.index("London"), "PPLC", 1, country="GB")
    assert _other_clause(doc, london, trigger)
    text = "In Kabul, officials said that gunmen attacked a convoy in the city."
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == "attacked")
    kabul = _place("Kabul", text.index("Kabul"), "PPLC", 2, country="AF")
    assert not _other_clause(doc, kabul, trigger)  # the clause above the act's own


@pytest.mark.model
def test_an_earlier_sentence_lends_its_scene_not_its_parties(nlp: Language) -> None:
    from sitrep.events.records import choose_place, usable_places

    def where(text: str, name: str, verb: str) -> str | None:
        doc = nlp(text)
        place = _place(name, text.index(name), "PPL", 7, country="XX")
        article = Article(id="t", text=text, places=[place])
        trigger = next(t for t in doc if t.text == verb)
        sent = next(s for s in doc.sents if s.start <= trigger.i < s.end)
        found = choose_place(article, sent, trigger, usable_places(article), fallback=False)
        return found.name if found is not None else None

    # the sentence just before sets the scene
    assert where("Troops entered Varnok on Monday. They arrested the mayor.", "Varnok", "arrested")
    # two sentences back (a wire story can be one long paragraph) it does not
    text = "A broker bought a depot near Varnok in 2011. The deal stayed secret. He was arrested."
    assert where(text, "Varnok", "arrested") is None
    # a place that acted or owns something there is a party, not the scene
    text = "Varnok stripped the broker of his licence. He was arrested in March."
    assert where(text, "Varnok", "arrested") is None
    text = "Varnok's customs agency seized the cargo. Two sailors were arrested in March."
    assert where(text, "Varnok", "arrested") is None


@pytest.mark.model
def test_a_teaser_line_names_no_event_of_its_own(nlp: Language) -> None:
    from sitrep.model import Article
    from sitrep.stages.base import Analysis
    from sitrep.stages.events import EventsStage, _title_line, segments

    text = (
        "Police arrested six people on Monday in the town.\n\n"
        "Gunmen Attack Convoy Near the Border\n\n"
        "Officers searched the house and seized weapons.\n"
    )
    doc = nlp(text)
    lines = [s for s in segments(doc) if _title_line(s)]
    assert [s.text for s in lines] == ["Gunmen Attack Convoy Near the Border"]
    numbered = nlp("The talks ended on Friday.\n\n5. Military aid and mixed messaging\n\nMore.")
    assert [s.text for s in segments(numbered) if _title_line(s)][-1].endswith("messaging")
    article = Article(id="t", text=text)
    EventsStage()(Analysis(article=article, doc=doc))
    teaser = text.index("Gunmen")
    assert all(
        not (m.start <= teaser < m.end) for e in article.events for m in e.mentions or [e.evidence]
    )


@pytest.mark.model
def test_present_future_and_vaguely_past_clauses_borrow_no_day(nlp: Language) -> None:
    from sitrep.events.records import undated_tense

    def undated(text: str, word: str) -> bool:
        doc = nlp(text)
        return undated_tense(next(t for t in doc if t.text == word))

    assert undated("The driver still faces four state charges of theft.", "faces")
    assert undated("The banker is battling extradition to Canada.", "battling")
    assert undated("It will angrily dismiss any criticism from Britain.", "dismiss")
    assert undated("Having recently carried out a purchase of the house, Austria waits.", "carried")
    # a news lede's perfect, a past act and reported speech keep the article's day
    assert not undated("Norway has dropped its inquiry into the banker.", "dropped")
    assert not undated("Police arrested six people in the town.", "arrested")
    assert not undated("Aides said Trump has decided that it requires concessions.", "requires")
    # after the lede a present perfect tells background
    doc = nlp("The Interior Ministry has charged the banker with fraud.")
    charged = next(t for t in doc if t.text == "charged")
    assert undated_tense(charged, lede=False) and not undated_tense(charged, lede=True)


@pytest.mark.model
def test_a_present_tense_body_clause_is_not_dated_by_the_publication_day(
    pipeline: Pipeline,
) -> None:
    text = (
        "Police arrest protest leader\n"
        "Police arrested the protest leader in the capital.\n"
        "The leader still faces charges of rioting and arson.\n"
    )
    art = pipeline.analyze_text(text, published="2019-11-18")
    by_sentence = {art.text[e.evidence.start : e.evidence.end][:20]: e for e in art.events}
    arrest = [e for k, e in by_sentence.items() if k.startswith("Police arrested")]
    assert arrest and arrest[0].date == "2019-11-18"
    faces = [e for k, e in by_sentence.items() if k.startswith("The leader")]
    assert all(e.date is None for e in faces)


@pytest.mark.model
def test_an_act_under_way_is_dated_by_the_publication_day(pipeline: Pipeline) -> None:
    text = (
        "Rebels took the hill town of Ostrava Dolna on Monday.\n"
        "Government forces are shelling the town from the valley.\n"
    )
    art = pipeline.analyze_text(text, published="2021-06-09")
    shelling = [e for e in art.events if art.text[e.evidence.start :].startswith("Government")]
    assert shelling and shelling[0].date == "2021-06-09"
    assert shelling[0].date_source == "published"


@pytest.mark.model
def test_under_way_is_the_progressive_of_the_act_itself(nlp: Language) -> None:
    from sitrep.events.records import under_way

    def progressive(text: str, word: str) -> bool:
        return under_way(next(t for t in nlp(text) if t.text == word))

    assert progressive("Government forces are shelling the town from the valley.", "shelling")
    assert progressive("The ministry is seeking the smuggler's extradition.", "seeking")
    assert not progressive("Government forces were shelling the town all night.", "shelling")
    assert not progressive("The army is going to shell the town.", "going")
    assert not progressive("Government forces shelled the town from the valley.", "shelled")


@pytest.mark.model
def test_an_undated_narrative_dates_its_acts_from_the_day_it_stated(nlp: Language) -> None:
    from sitrep.events.records import narrative_time

    text = (
        "Dorsey escaped on March 4, 2009, from the county jail. He hit a guard and stole "
        "his keys. He shot and wounded a clerk. Dorsey faces life in prison."
    )
    doc = nlp(text)
    day = _stated_day(text, "March 4, 2009", "2009-03-04")
    sents = list(doc.sents)
    shot = next(t for t in sents[2] if t.text == "shot")
    told = narrative_time(sents[2], shot, [day])
    assert told is not None and told.value == "2009-03-04"
    faces = next(t for t in sents[3] if t.text == "faces")
    assert narrative_time(sents[3], faces, [day]) is None  # not a past act


@pytest.mark.model
def test_a_narrative_told_through_a_gerund_is_still_told_in_the_past(nlp: Language) -> None:
    from sitrep.events.records import narrative_time

    text = (
        "Rioting broke out in the harbour on June 9, 2016. The crowd threw stones at the "
        "station. Officers began spraying foam and detaining youths. Officers will keep "
        "detaining youths."
    )
    doc = nlp(text)
    day = _stated_day(text, "June 9, 2016", "2016-06-09")
    sents = list(doc.sents)
    detaining = next(t for t in sents[2] if t.text == "detaining")
    told = narrative_time(sents[2], detaining, [day])
    assert told is not None and told.value == "2016-06-09"  # "began ... detaining"
    later = next(t for t in sents[3] if t.text == "detaining")
    assert narrative_time(sents[3], later, [day]) is None  # "will keep detaining"


@pytest.mark.model
def test_an_undated_body_narrative_dates_from_its_own_day_not_the_ledes(
    pipeline: Pipeline,
) -> None:
    text = (
        "APR. 17, 2015, 9: 40 AM\n"
        "Anger has grown in the harbour district since officers shot a fisherman on "
        "Sunday night.\n"
        "On Monday hundreds of residents marched to the town hall.\n"
        "On Wednesday the crowd turned unruly.\n"
        "A shopkeeper said the youths ran through the side streets.\n"
        "The shopkeeper closed his shutters.\n"
        "Youths threw stones while officers began spraying foam and detaining them.\n"
    )
    art = pipeline.analyze_text(text)
    arrests = [e for e in art.events if e.plover_type == "COERCE"]
    assert arrests and arrests[0].date == "2015-04-15"
    assert arrests[0].date_source == "narrative"


@pytest.mark.model
def test_an_act_spread_over_a_range_of_time_has_no_date(pipeline: Pipeline) -> None:
    texts = {
        "from 2011 to 2014": None,
        "between March 2016 and June 2017": None,
        "in 2014": "2014",
        # clock times are no range of days: the day stands
        "on Saturday, May 1, between 10 a.m. and noon": "2021-05-01",
    }
    for when, expected in texts.items():
        text = f"Court papers list the abuses.\nThe two guards beat inmates at the jail {when}.\n"
        art = pipeline.analyze_text(text, published="2021-05-03")
        beatings = [e for e in art.events if e.plover_type == "ASSAULT"]
        assert beatings and beatings[0].date == expected, when


@pytest.mark.model
def test_a_teaser_line_above_a_clause_is_not_its_reporting_verb(nlp: Language) -> None:
    from sitrep.events.records import undated_tense

    # the parser reads "faces" as the complement of the teaser's "Lifted" across the break
    doc = nlp(
        "Marsh admitted the theft and the jury took ten minutes to convict him.\n\n"
        "Harbor Ban Lifted\n\nMarsh still faces six state charges of aggravated burglary."
    )
    faces = next(t for t in doc if t.text == "faces")
    assert undated_tense(faces, lede=False)


@pytest.mark.model
def test_a_day_named_by_reference_counts_from_the_narrative_or_stays_unknown(
    pipeline: Pipeline,
) -> None:
    undated = (
        "Hale escaped from the county jail on June 2, 2011.\n"
        "He stole a pickup truck from a farm and hid in a barn overnight.\n"
        "He was arrested the next day in a motel near the river.\n"
    )
    art = pipeline.analyze_text(undated)
    arrests = [e for e in art.events if e.plover_type == "COERCE"]
    assert arrests and arrests[0].date == "2011-06-03"
    assert arrests[0].date_source == "narrative"
    # with no narrative day to count from, the lede's day is not borrowed either
    dated = (
        "Prosecutors released a recording on Monday.\n\n"
        "The recording shows officers running up the stairs of the old brick building, "
        "shouting at the tenants and knocking on every door along the narrow corridor.\n\n"
        "Neighbours can be heard asking what is going on, and a dog barks somewhere below "
        "while the officers wait for the caretaker to bring the keys to the last flat.\n\n"
        '"Open the door! We are coming in!" an officer shouts.\n\n'
        '"Is anybody hurt?" another officer asks.\n\n'
        "The caretaker arrives with a ring of keys and the officers step aside.\n\n"
        "Earlier that night, police arrested two men in the car park.\n"
    )
    art = pipeline.analyze_text(dated, published="2021-03-10")
    arrests = [e for e in art.events if e.plover_type == "COERCE"]
    assert arrests and all(e.date is None for e in arrests)


@pytest.mark.model
def test_a_dropped_case_is_dropped_by_the_prosecution_of_its_country(pipeline: Pipeline) -> None:
    text = (
        "The singer left the country in 2016.\n"
        "The Danish inquiry had been shelved in 2018 but was reopened last month.\n"
    )
    art = pipeline.analyze_text(text, published="2021-05-03")
    dropped = [e for e in art.events if e.plover_type == "CONCEDE"]
    assert dropped and dropped[0].source_actor is not None
    doer = dropped[0].source_actor
    assert doer.sector == "judiciary" and doer.country == "DNK"
    assert doer.name == "Danish prosecutors"


def test_a_nationality_alone_does_not_make_two_actors_one() -> None:
    from sitrep.events.records import _same_actor
    from sitrep.model import EventActor, Span

    police = EventActor(span=Span(start=0, end=6), text="police", name="Mexican police")
    court = EventActor(span=Span(start=9, end=14), text="court", name="Mexican court")
    assert _same_actor(police, court) is False
    other = EventActor(span=Span(start=20, end=26), text="police", name="police")
    assert _same_actor(police, other) is True


@pytest.mark.model
def test_a_capital_that_acts_stands_for_its_government(pipeline: Pipeline) -> None:
    text = (
        "Traders protested in the port city on Sunday.\n"
        "Moscow's withdrawal of the customs law did not calm the traders.\n"
        "The regional governor's recent trip to Moscow was about new funding."
    )
    art = pipeline.analyze_text(text, published="2021-05-03")
    conceded = [e for e in art.events if e.plover_type == "CONCEDE"]
    assert conceded and conceded[0].source_actor is not None
    assert conceded[0].source_actor.country == "RUS"
    assert conceded[0].source_actor.sector == "government"
    visits = [e for e in art.events if e.plover_type == "CONSULT"]
    assert visits and visits[0].target_actor is not None
    assert visits[0].target_actor.text == "Moscow" and visits[0].target_actor.country == "RUS"


@pytest.mark.model
def test_a_country_the_ner_calls_a_location_is_still_a_state(pipeline: Pipeline) -> None:
    text = (
        "Fighting continued near the border on Monday.\n"
        "Chad has accused South Sudan of arming rebel groups in its territory."
    )
    art = pipeline.analyze_text(text, published="2021-05-03")
    accused = [e for e in art.events if e.plover_type == "ACCUSE"]
    assert accused and accused[0].target_actor is not None
    assert accused[0].target_actor.country == "SSD"
    assert accused[0].target_actor.sector == "government"


@pytest.mark.model
def test_an_act_reported_in_a_speakers_clause(nlp: Language) -> None:
    from sitrep.events.records import reported_act

    doc = nlp("Mirelli said he first discussed the delay with the Valdorian envoys in March.")
    assert reported_act(next(t for t in doc if t.text == "discussed"))
    doc = nlp("Mirelli discussed the delay with the Valdorian envoys in March.")
    assert not reported_act(next(t for t in doc if t.text == "discussed"))
    doc = nlp("The minister warned that the army would not retreat.")
    assert not reported_act(next(t for t in doc if t.text == "warned"))


@pytest.mark.model
def test_a_reported_act_does_not_borrow_the_documents_place(pipeline: Pipeline) -> None:
    text = (
        "Soldiers attacked a market in Mosul on Monday, killing nine people.\n"
        "The attack on the Mosul market was the worst this year.\n"
        "Residents of Mosul buried the dead on Tuesday.\n"
        "A spokesman said the ministry had asked the United Nations for an inquiry.\n"
    )
    art = pipeline.analyze_text(text, published="2024-03-05")
    attack = [e for e in art.events if e.plover_type == "ASSAULT"]
    assert attack and attack[0].place is not None and attack[0].place.name == "Mosul"
    asked = [e for e in art.events if e.plover_type == "REQUEST"]
    assert asked and asked[0].place is None


@pytest.mark.model
def test_a_statement_by_a_party_of_no_country_does_not_borrow_the_documents_place(
    pipeline: Pipeline,
) -> None:
    text = (
        "Soldiers attacked a market in Mosul on Monday, killing nine people.\n"
        "The attack on the Mosul market was the worst this year.\n"
        "Residents of Mosul buried the dead on Tuesday.\n"
        "The Brightwater Foundation condemned the attack on the market.\n"
        "The regional governor accused the militia of hiding among civilians.\n"
    )
    art = pipeline.analyze_text(text, published="2024-03-05")
    said = {e.source_actor.text: e for e in art.events if e.source_actor is not None}
    foundation = said["Brightwater Foundation"]
    assert foundation.plover_type == "ACCUSE" and foundation.place is None
    # a party of the country the story is in still speaks there
    governor = said["regional governor"]
    assert governor.place is not None and governor.place.name == "Mosul"


@pytest.mark.model
def test_a_refusal_with_no_place_of_its_own_borrows_none(pipeline: Pipeline) -> None:
    # neither the story's main place nor the dateline's city is where a refusal was made
    text = (
        "ERBIL, Iraq (AP) — Gunmen stormed a bakery in Mosul on Monday, wounding six workers.\n"
        "The raid on the Mosul bakery was the third this month.\n"
        "Traders in Mosul shut their shops on Tuesday.\n"
        "The gang's leader refused the offer of a truce.\n"
        "The city council rejected the traders' demands at a meeting in Kirkuk on Wednesday.\n"
    )
    for dateline in (True, False):
        body = text if dateline else text.split("— ", 1)[1]
        art = pipeline.analyze_text(body, published="2024-03-06")
        refused = {
            e.source_actor.text: e
            for e in art.events
            if e.plover_type == "REJECT" and e.source_actor is not None
        }
        assert set(refused) >= {"gang's leader", "city council"}
        assert refused["gang's leader"].place is None
        # a refusal whose own clause names its place keeps it
        council = refused["city council"].place
        assert council is not None and council.name == "Kirkuk"
        raid = [e for e in art.events if e.plover_type == "ASSAULT"]
        assert raid and raid[0].place is not None and raid[0].place.name == "Mosul"


@pytest.mark.model
def test_a_state_named_only_as_a_party_of_an_act_between_states_is_no_place(
    pipeline: Pipeline,
) -> None:
    text = (
        "A court in Lisbon ordered the release of the banker on Monday.\n"
        "The banker left a Lisbon prison on Tuesday, his lawyer said.\n"
        "Separately, Portugal is seeking his extradition from Brazil over an older fraud case.\n"
    )
    art = pipeline.analyze_text(text, published="2024-03-05")
    sought = [e for e in art.events if e.plover_type == "REQUEST"]
    assert sought and sought[0].source_actor is not None and sought[0].target_actor is not None
    assert sought[0].place is None
    released = [e for e in art.events if e.evidence.start == 0]
    assert released and released[0].place is not None and released[0].place.name == "Lisbon"


@pytest.mark.model
def test_a_state_attacked_by_another_is_where_the_attack_happened(pipeline: Pipeline) -> None:
    # a material act's target state is its scene; a passive subject is the place acted upon
    art = pipeline.analyze_text(
        "Chilean troops invaded Peru on Thursday.\n", published="2024-03-08"
    )
    invaded = [e for e in art.events if e.plover_type == "ASSAULT"]
    assert invaded and invaded[0].place is not None and invaded[0].place.name == "Peru"
    art = pipeline.analyze_text(
        "Kyiv was shelled by Russian artillery on Tuesday, the mayor said.\n",
        published="2024-03-06",
    )
    shelled = [e for e in art.events if e.plover_type == "ASSAULT"]
    assert shelled and shelled[0].place is not None and shelled[0].place.name == "Kyiv"


@pytest.mark.model
def test_a_protest_confronts_the_police_the_article_shows_acting(pipeline: Pipeline) -> None:
    marched = "In Marseille, thousands of students marched on Monday.\n"
    rest = "The students want the reform withdrawn.\n"
    art = pipeline.analyze_text(
        marched + "French police arrested 40 people near the town hall.\n" + rest,
        published="2021-05-03",
    )
    protest = next(e for e in art.events if e.plover_type == "PROTEST")
    assert protest.target_actor is not None and protest.target_actor.sector == "police"
    # where the police do nothing, the protest has no one it confronts
    art = pipeline.analyze_text(marched + rest, published="2021-05-03")
    protest = next(e for e in art.events if e.plover_type == "PROTEST")
    assert protest.target_actor is None


@pytest.mark.model
def test_a_named_person_takes_the_country_the_article_is_about(pipeline: Pipeline) -> None:
    text = "NAIROBI, Kenya — Kenyan police arrested the politician Daniel Mwangi on Monday."
    art = pipeline.analyze_text(text)
    targets = [e.target_actor for e in art.events if e.target_actor is not None]
    assert any(t.name == "Daniel Mwangi" and t.country == "KEN" for t in targets)


@pytest.mark.model
def test_parties_and_their_members_are_the_party_sector(pipeline: Pipeline) -> None:
    for text in (
        "Republicans accused the governor of hiding the report.",
        "The Conservative Party accused the prime minister of lying to parliament.",
    ):
        art = pipeline.analyze_text(text)
        sources = [e.source_actor for e in art.events if e.source_actor is not None]
        assert sources and sources[0].sector == "party", text


@pytest.mark.model
def test_an_attack_with_no_doer_is_the_attacking_state_the_article_names(
    pipeline: Pipeline,
) -> None:
    killing = (
        " Two farmers were killed when a shell hit a barn near the river on Monday, the "
        "regional governor told reporters."
    )

    def doer(text: str) -> EventActor | None:
        art = pipeline.analyze_text(text)
        killed = [e for e in art.events if "farmers" in text[e.evidence.start : e.evidence.end]]
        assert killed and killed[0].plover_type == "ASSAULT"
        return killed[0].source_actor

    found = doer("Aid workers condemned the Turkish shelling of the border villages." + killing)
    assert found is not None and found.country == "TUR" and found.sector == "military"
    # two states named as attackers: whose shell it was is not known
    both = "Aid workers condemned the Turkish shelling and the Syrian air strikes on the villages."
    assert doer(both + killing) is None


@pytest.mark.model
def test_a_political_act_needs_a_party_as_its_subject(nlp: Language) -> None:
    from sitrep.events.nonevents import not_an_act

    def reason(text: str, word: str, plover: str) -> str | None:
        tok = next(t for t in nlp(text) if t.text == word)
        return not_an_act(tok, plover=plover)

    # a thing, an act or a figure does no verbal or political act
    text = "An audit of the ledger yielded three forged receipts."
    assert reason(text, "yielded", "CONCEDE") == "no actor"
    assert reason("That would help the coastal growers a great deal.", "help", "AGREE") == (
        "no actor"
    )
    # a party does, whether named, counted, a pronoun or a name the NER left untyped
    assert reason("The council offered the growers a new contract.", "offered", "AGREE") is None
    assert reason("Many in Oldport will reject the offer.", "reject", "REJECT") is None
    assert reason("They rejected the offer on Monday.", "rejected", "REJECT") is None
    assert reason("Consultants rejected the offer on Monday.", "rejected", "REJECT") is None
    assert reason("Yesterday Fenwickleaks welcomed the decision.", "welcomed", "SUPPORT") is None
    # a material act may have an instrument as its subject
    assert reason("A roadside bomb killed two guards on Monday.", "killed", "ASSAULT") is None


@pytest.mark.model
def test_a_protest_is_done_by_its_crowd_not_by_the_police_it_confronts(
    pipeline: Pipeline,
) -> None:
    for text, crowd in (
        (
            "The killing of a young cyclist by police unleashed a wave of rioting by hundreds "
            "of farmers and teachers across the province.",
            "hundreds of farmers and teachers",
        ),
        (
            "Police brutality has fuelled the riots, and on Sunday thousands of angry "
            "villagers marched on the regional capital.",
            "thousands of angry villagers",
        ),
    ):
        art = pipeline.analyze_text(text)
        protest = next(e for e in art.events if e.plover_type == "PROTEST")
        assert protest.source_actor is not None, text
        assert protest.source_actor.sector == "protesters", text
        assert protest.source_actor.text == crowd
        assert protest.target_actor is not None and protest.target_actor.sector == "police"


@pytest.mark.model
def test_an_act_of_the_state_that_names_no_one_answers_the_protesters(
    pipeline: Pipeline,
) -> None:
    march = "Thousands of dock workers marched through Port Elan on Saturday against a new tax.\n"
    threat = "Riot police threatened to use water cannon if anyone blocked the harbour again.\n"

    def threatened(text: str) -> EventActor | None:
        art = pipeline.analyze_text(text, published="2022-04-04")
        found = [e for e in art.events if e.plover_type == "THREATEN"]
        assert found, text
        return found[0].target_actor

    target = threatened(march + threat)
    assert target is not None and target.sector == "protesters"
    assert target.text == "Thousands of dock workers"
    # an article with no protest: the threat stays without a target
    assert threatened(threat) is None


@pytest.mark.model
def test_the_one_who_died_of_an_act_is_its_victim_not_its_doer(pipeline: Pipeline) -> None:
    for text, victim in (
        (
            "An elderly farmer perished as a result of torture at an army post near Dorvik, "
            "his family said.",
            "elderly farmer",
        ),
        (
            "Four villagers died in a mortar attack on the Red Star clinic in Dorvik on Sunday.",
            "Four villagers",
        ),
    ):
        art = pipeline.analyze_text(text)
        attack = next(e for e in art.events if e.plover_type == "ASSAULT")
        assert attack.target_actor is not None and attack.target_actor.text == victim, text
        assert attack.source_actor is None or victim not in (attack.source_actor.text or "")
    # the other side of the clash the dead died in did it
    art = pipeline.analyze_text(
        "Two farmers died in clashes with soldiers in the hills above Dorvik on Friday."
    )
    attack = next(e for e in art.events if e.plover_type == "ASSAULT")
    assert attack.target_actor is not None and attack.target_actor.text == "Two farmers"
    assert attack.source_actor is not None and attack.source_actor.sector == "military"


def _roles_named(art: Article, name: str) -> list[EventActor]:
    """Every actor role of ``art``'s events filled by ``name``."""
    return [
        actor
        for e in art.events
        for actor in (e.source_actor, e.target_actor)
        if actor is not None and actor.name == name
    ]


def _stated_day(text: str, words: str, value: str) -> TimeExpression:
    """The DATE expression ``words`` where it stands in ``text``, valued ``value``."""
    start = text.index(words)
    return TimeExpression(
        span=Span(start=start, end=start + len(words)), text=words, type="DATE", value=value
    )


@pytest.mark.model
def test_a_person_reported_committing_a_crime_is_an_offender_in_every_record(
    pipeline: Pipeline,
) -> None:
    done = (
        "Daniel Okafor kidnapped a 10-year-old boy from a playground in Riverton on Friday. "
        "Police arrested Okafor two days later, and a judge sentenced Daniel Okafor to 20 "
        "years in prison in March."
    )
    art = pipeline.analyze_text(done)
    named = _roles_named(art, "Daniel Okafor")
    assert len(named) >= 2 and all(actor.sector == "other" for actor in named)
    # one who denies the act is not made an offender by the accusation
    denied = (
        "Daniel Okafor was accused of kidnapping a 10-year-old boy from a playground in "
        "Riverton. Okafor has denied the accusation. Police arrested Okafor two days later."
    )
    art = pipeline.analyze_text(denied)
    named = _roles_named(art, "Daniel Okafor")
    assert named and all(actor.sector == "civilians" for actor in named)


@pytest.mark.model
def test_examining_a_thing_and_an_infinitive_of_purpose_are_no_acts(nlp: Language) -> None:
    from sitrep.events.nonevents import not_an_act

    def reason(text: str, word: str, plover: str) -> str | None:
        tok = next(t for t in nlp(text) if t.text == word)
        return not_an_act(tok, plover=plover)

    # an examination of a thing or an incident names no party it accuses
    text = "The blaze is being investigated as a possible arson."
    assert reason(text, "investigated", "ACCUSE") == "no actor"
    text = "The deputies inspected the garage and left."
    assert reason(text, "inspected", "ACCUSE") == "no actor"
    text = "Prosecutors are investigating the ties of a cartel to the port authority."
    assert reason(text, "investigating", "ACCUSE") is None
    text = "Auditors inspected his accounts on Friday."
    assert reason(text, "inspected", "ACCUSE") is None
    # an infinitive of what a non-event verb was for is a purpose or an intention
    text = "The league was formed last month to urge farmers to stay home."
    assert reason(text, "urge", "REQUEST") == "intended"
    # an implicative verb tells that the act was done; an act's own purpose is judged with it
    text = "The rebels claimed to have killed the commander."
    assert reason(text, "killed", "ASSAULT") is None
    text = "The guards managed to arrest the smugglers."
    assert reason(text, "arrest", "COERCE") is None


@pytest.mark.model
def test_a_person_convicted_or_sentenced_is_an_offender_in_every_record(
    pipeline: Pipeline,
) -> None:
    text = (
        "A judge sentenced Daniel Okafor to six years in prison on Tuesday for defrauding the "
        "pension fund. Police had arrested Okafor in May."
    )
    art = pipeline.analyze_text(text)
    named = _roles_named(art, "Daniel Okafor")
    assert len(named) >= 2 and all(actor.sector == "other" for actor in named)


@pytest.mark.model
def test_an_agreement_named_again_without_parties_makes_no_second_record(
    pipeline: Pipeline,
) -> None:
    # "the truce" with no party of its own, the only agreement told, keeps its record
    text = (
        "Shelling stopped in the hills above Dunmore last week. "
        "The truce took effect at midnight on Sunday, the army said."
    )
    art = pipeline.analyze_text(text, published="2021-05-04")
    assert [e.plover_type for e in art.events].count("AGREE") == 1
    # ... and "the deal" joins the agreement the article told with its parties
    text = (
        "Rebels and the army signed a ceasefire deal in Dunmore on Monday. "
        "The deal took effect at midnight."
    )
    art = pipeline.analyze_text(text, published="2021-05-04")
    deals = [e for e in art.events if e.plover_type == "AGREE"]
    assert len(deals) == 1 and len(deals[0].mentions) == 2


@pytest.mark.model
def test_a_definite_event_noun_does_not_take_its_sentences_setting(pipeline: Pipeline) -> None:
    # "the protests" names the march again: the day and town of the sentence it sits in are
    # the meeting's, and do not make it a second protest; one in a town of its own is one
    text = (
        "Thousands of farmers marched through Nairobi on Monday, demanding lower fuel prices. "
        "On Wednesday the protests dominated a cabinet meeting in Mombasa, ministers said. "
        "Police arrested two organisers in Kisumu on Tuesday."
    )
    art = pipeline.analyze_text(text, published="2021-05-04")
    protests = [e for e in art.events if e.plover_type == "PROTEST"]
    assert len(protests) == 1, [art.snippet(e.evidence) for e in protests]
    assert len(protests[0].mentions) == 2
    assert protests[0].place is not None and protests[0].place.name == "Nairobi"
    text = (
        "Thousands of farmers marched through Nairobi on Monday, demanding lower fuel prices. "
        "On Wednesday the protests in Mombasa dominated a cabinet meeting, ministers said."
    )
    art = pipeline.analyze_text(text, published="2021-05-04")
    assert [e.plover_type for e in art.events].count("PROTEST") == 2


@pytest.mark.model
def test_missing_synonyms_of_request_reject_coerce_and_assault_make_records(
    pipeline: Pipeline,
) -> None:
    """Verbs that name an act of their PLOVER class as plainly as the lexicon's own entries:
    "begged" (REQUEST, as "implored"), "balking at" (REJECT, as "refused"), "besieged"
    (COERCE, as "blockaded") and "crushed" a revolt (ASSAULT, its violent repression)."""
    cases = {
        "The mayor of Port Elan begged the regional council on Monday to reopen the ferry "
        "line to the islands.": "REQUEST",
        "The union is balking at signing a wage deal with the shipyard owners in Port Elan.": (
            "REJECT"
        ),
        "Government troops besieged the rebel-held hill town for three weeks in the spring.": (
            "COERCE"
        ),
        "In 1962 the army crushed a miners' revolt in the northern valleys of Port Elan.": (
            "ASSAULT"
        ),
    }
    for text, plover in cases.items():
        art = pipeline.analyze_text(text, published="2022-04-04")
        assert [e.plover_type for e in art.events] == [plover], text
    # only a protest, a revolt or dissent crushed is its repression: a falling wall that
    # crushed two cars is no act of anyone
    text = (
        "Police arrested the harbour master of Port Elan on Monday.\nA wall collapsed in the "
        "old town on Tuesday and crushed two parked cars.\n"
    )
    art = pipeline.analyze_text(text, published="2022-04-04")
    assert [e.plover_type for e in art.events] == ["COERCE"]


@pytest.mark.model
def test_a_rejection_that_names_no_one_answers_the_party_that_asked(pipeline: Pipeline) -> None:
    ask = (
        "Brazil asked Argentina to lower its tariffs on steel imports during talks in "
        "Buenos Aires on Monday.\n"
    )
    reply = "Argentina rejected the proposal on Wednesday, officials in Buenos Aires said.\n"

    def rejected(text: str) -> EventActor | None:
        art = pipeline.analyze_text(text, published="2022-04-04")
        found = [e for e in art.events if e.plover_type == "REJECT"]
        assert found, text
        return found[0].target_actor

    target = rejected(ask + reply)
    assert target is not None and target.text == "Brazil", target
    union = (
        "Chile's mining union asked the government in Santiago to raise the royalty on copper "
        "exports on Monday.\nThe government refused on Thursday, citing the cost to investment.\n"
    )
    target = rejected(union)
    assert target is not None and target.text == "Chile's mining union", target
    # no earlier act was directed at the one who rejects: the rejection stays as told
    assert rejected(reply) is None
    # an attack is no demand: a refusal after a raid answers no one
    raid = (
        "Venezuelan jets bombed Colombian positions near Cucuta on Monday.\n"
        "The Colombian government on Tuesday refused to take part in the talks planned in "
        "Quito.\n"
    )
    assert rejected(raid) is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "plover", "why"),
    [
        # a margin over a party, a count that changed: scores and figures, not acts
        (
            "The challenger beat the sitting mayor by 4,200 votes in the run-off.",
            "beat",
            "ASSAULT",
            "figure",
        ),
        ("Her party beat the ruling coalition by a 61-37 margin.", "beat", "ASSAULT", "figure"),
        (
            "The number of registered refugees declined from 2.4 million to 1.9 million.",
            "declined",
            "REJECT",
            "figure",
        ),
        # acts with a figure in them stay acts
        ("Rebels beat a shopkeeper with sticks in the market.", "beat", "ASSAULT", None),
        ("The council rejected the plan by 12 votes to 3.", "rejected", "REJECT", None),
        ("The union agreed to $5 million in back pay.", "agreed", "AGREE", None),
        ("Soldiers fired on the crowd from 30 metres.", "fired", "ASSAULT", None),
        # a vote margin on an act done to a party, a move of people between places
        ("The senators expelled the deputy by 41 votes to 12.", "expelled", "SANCTION", None),
        ("Troops moved the villagers from 14 hamlets to 2 camps.", "moved", "AID", None),
    ],
)
def test_a_margin_or_a_changed_count_is_no_act(
    nlp: Language, text: str, word: str, plover: str, why: str | None
) -> None:
    from sitrep.events.nonevents import not_an_act

    tok = next(t for t in nlp(text) if t.text == word)
    assert not_an_act(tok, plover=plover) == why
