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
    from sitrep.pipeline import Pipeline


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
def test_an_act_only_sources_assert_is_claimed(nlp: Language) -> None:
    art = _run(nlp, "The smuggler allegedly met two border guards in the port of Varna.")
    assert [e.modality for e in art.events if e.plover_type == "CONSULT"] == ["claimed"]
    art = _run(nlp, "The navy claimed to have attacked three pirate skiffs off the cape.")
    assert art.events and art.events[0].modality == "claimed"
    art = _run(nlp, "The smuggler met two border guards in the port of Varna.")
    assert [e.modality for e in art.events if e.plover_type == "CONSULT"] == ["reported"]


@pytest.mark.model
def test_a_request_verb_that_only_introduces_a_quotation_is_no_event(nlp: Language) -> None:
    raid = "Gunmen attacked a bus depot in the port town of Varna on Friday. "
    for said in (
        '"Lie down on the floor!" a guard ordered the drivers.',
        'A sergeant ran to the gate and ordered, "Everybody back inside!"',
    ):
        art = _run(nlp, raid + said)
        assert not [e for e in art.events if e.plover_type == "REQUEST"], said
    for demand in (
        "The mayor urged the interior ministry to send more police to the depot.",
        'The mayor urged the ministry "without delay" to send more police to the depot.',
        'The drivers\' union demanded "a full inquiry into the attack", its leader said.',
    ):
        art = _run(nlp, raid + demand)
        assert [e.plover_type for e in art.events if e.plover_type == "REQUEST"], demand


@pytest.mark.model
def test_denying_that_something_is_so_is_no_rejection(nlp: Language) -> None:
    fire = "Masked men set fire to a customs warehouse in the port of Kelmar on Thursday. "
    for said in (
        "The port authority denied that its cranes had been sold to the cartel.",
        "A spokeswoman for the governor denied the convoy carried weapons, the agency said.",
        "On Friday the interior minister, Lena Orsk, denied her officers had fired on the crowd.",
    ):
        art = _run(nlp, fire + said)
        assert not [e for e in art.events if e.plover_type == "REJECT"], said
    # a denied act is still coded as denied
    said = "On Friday the interior minister, Lena Orsk, denied her officers had fired on the crowd."
    art = _run(nlp, fire + said)
    assert [e.modality for e in art.events if e.plover_type == "ASSAULT"][-1] == "denied"
    for refusal in (
        "The ministry denied the journalists entry to the port.",
        "The ministry denied the union's request for a meeting.",
        "The port authority rejected the union's demand for a pay rise.",
    ):
        art = _run(nlp, fire + refusal)
        assert [e for e in art.events if e.plover_type == "REJECT"], refusal


@pytest.mark.model
def test_admitting_something_done_is_no_concession(nlp: Language) -> None:
    fire = "Masked men set fire to a customs warehouse in the port of Kelmar on Thursday. "
    for said in (
        "In a letter to the court the smuggler Dario Venn admitted bribing two customs officers.",
        "Admitting a mistake costs a minister nothing, the columnist Hana Pell wrote.",
    ):
        art = _run(nlp, fire + said)
        assert not [e for e in art.events if e.plover_type == "CONCEDE"], said
    art = _run(nlp, fire + "The governor apologised to the dockers' families on Monday.")
    assert [e for e in art.events if e.plover_type == "CONCEDE"]


@pytest.mark.model
def test_an_event_that_only_may_happen_is_no_event(nlp: Language) -> None:
    truce = "The two armed factions signed a truce in the northern town of Dalmar on Thursday. "
    for maybe in (
        "Fresh protests could erupt in the capital if the truce fails.",
        "A ban on rallies might follow within days, the mayor's office said.",
    ):
        art = _run(nlp, truce + maybe)
        assert [e.plover_type for e in art.events] == ["AGREE"], maybe
    for told in (
        "Fresh protests erupted in the capital on Friday.",
        "A ban on rallies followed within days, the mayor's office said.",
        "A protest outside the depot may have started before dawn, a guard said.",
    ):
        art = _run(nlp, truce + told)
        assert len(art.events) == 2, told


@pytest.mark.model
def test_the_violence_of_a_riot_told_with_no_doer_is_the_riots_record(nlp: Language) -> None:
    riot = (
        "Rioters clashed with police in the harbour district of Tarvos on Saturday after the "
        "death of a fisherman in custody. "
    )
    art = _run(nlp, riot + "A bakery near the port was attacked twice, its owner said.")
    assert [e.plover_type for e in art.events if e.plover_type in ("PROTEST", "ASSAULT")] == [
        "PROTEST"
    ]
    riot_record = next(e for e in art.events if e.plover_type == "PROTEST")
    assert len(riot_record.mentions) == 2
    art = _run(nlp, riot + "Soldiers shot a fisherman near the port.")
    assert [e for e in art.events if e.plover_type == "ASSAULT"]


@pytest.mark.model
def test_an_attack_elsewhere_or_on_soldiers_or_by_bomb_is_no_riots_violence(
    pipeline: Pipeline,
) -> None:
    # another town, soldiers hit, or a bomb: an attack of its own, never the riot's violence
    riot = "Rioters clashed with police in Bordeaux on Saturday after the death of a student. "
    for other in (
        "Two policemen were stabbed to death in Marseille by unknown attackers.",
        "Three soldiers were wounded when unknown gunmen fired on their patrol.",
        "A car bomb killed two policemen outside the main police station.",
    ):
        art = pipeline.analyze_text(riot + other, published="2026-03-10")
        assert [e for e in art.events if e.plover_type == "ASSAULT"], other


def test_violence_by_demonstrators_is_a_riot_whatever_label_it_first_took() -> None:
    from sitrep.events.acled_rules import riot_by_demonstrators

    riot = ("Riots", "Violent demonstration")
    assert riot_by_demonstrators("Protests", "Excessive force against protesters") == riot
    assert riot_by_demonstrators("Battles", "Armed clash") == riot
    assert riot_by_demonstrators("Violence against civilians", "Attack") == riot
    for kept in (
        ("Strategic developments", "Looting/property destruction"),
        ("Protests", "Peaceful protest"),
        (None, None),
    ):
        assert riot_by_demonstrators(*kept) == kept


@pytest.mark.model
def test_demonstrators_who_fight_the_police_riot(nlp: Language) -> None:
    def subs(text: str) -> dict[str, str | None]:
        art = _run(nlp, text)
        return {
            art.snippet(e.trigger): e.acled_sub_event_type
            for e in art.events
            if e.trigger is not None
        }

    # the classifier's force-against-protesters and armed-clash readings of a fight the
    # demonstrators started: ACLED codes both as a riot
    fight = subs(
        "Farmers rallied in Vell against the new tax on Monday, and later that evening "
        "demonstrators fought with police near the town hall."
    )
    assert fight["fought"] == "Violent demonstration", fight
    fight = subs(
        "A rally against the fuel tax in Dorrin descended into violence as protesters "
        "fought with police."
    )
    assert fight["fought"] == "Violent demonstration", fight
    # force used by the police on demonstrators stays what it is
    shots = subs(
        "Police fired live rounds at protesters in the square of Tarvel, killing two students."
    )
    assert shots["killing"] == "Excessive force against protesters", shots


@pytest.mark.model
def test_an_event_noun_sharing_only_the_articles_main_place_is_an_event_of_its_own(
    pipeline: Pipeline,
) -> None:
    # the first gunfire has no place of its own (it borrows the article's main place);
    # gunfire heard in a named town agrees with it on nothing else: two events
    lead = (
        "Militia fighters stormed villages in northern Mali, the United Nations said on Friday.\n"
        "Gunfire echoed for hours, villagers said.\n"
    )

    def gunfire(text: str) -> list[list[str]]:
        art = pipeline.analyze_text(text, published="2026-03-10")
        return sorted(
            [text[m.start : m.end].split()[0] for m in (e.mentions or [e.evidence])]
            for e in art.events
            if "unfire" in text[e.evidence.start : e.evidence.end]
        )

    assert gunfire(lead + "Gunfire was also heard in Gao, a local official said.") == [
        ["Gunfire"],
        ["Gunfire"],
    ]
    # the same gunfire told again with no place of its own stays one record
    assert gunfire(lead + "A herder said gunfire went on until dawn.") == [["Gunfire", "A"]]


@pytest.mark.model
def test_a_courts_act_is_no_arrest_whatever_arrest_its_sentence_tells(nlp: Language) -> None:
    raid = "Rebels attacked an army post in the hills on Friday. "
    for text, court in (
        (
            "A rebel commander charged with the attack has been jailed pending trial, while 30 "
            "fighters have been detained.",
            "jailed",
        ),
        (
            "The prosecution of the rebel commander Juan Ortiz began after his arrest by soldiers.",
            "prosecution",
        ),
    ):
        art = _run(nlp, raid + text)
        subs = {
            art.snippet(e.trigger): e.acled_sub_event_type
            for e in art.events
            if e.plover_type == "COERCE" and e.trigger is not None
        }
        assert subs[court] is None, subs
        assert "Arrests" in subs.values(), subs  # the detention by forces stays an arrest


@pytest.mark.model
def test_a_standing_allegation_is_no_act(nlp: Language) -> None:
    lead = "Troops raided the offices of the Larkspur mining company in Ostrava on Tuesday. "
    for text, kept in (
        ("For years the firm has been blamed for poisoning the river.", False),
        ("Opponents say Ilse Varden, who runs it, is accused by critics of greed.", False),
        ("Two guards have been accused of beating a miner on Saturday.", True),
        ("Its chairman was accused by the auditor Tomas Reyd on Monday of hiding losses.", True),
        ("The company has been accused by the labour ministry of hiding losses.", True),
    ):
        art = _run(nlp, lead + text)
        accusations = [e for e in art.events if e.plover_type == "ACCUSE"]
        assert bool(accusations) is kept, (text, accusations)


@pytest.mark.model
def test_intentions_are_coded_as_agree_or_threaten(nlp: Language) -> None:
    art = _run(nlp, "The government will release forty prisoners next week, the minister said.")
    assert art.events[0].plover_type == "AGREE"


def _trigger_types(nlp: Language, text: str) -> dict[str, str]:
    from sitrep.events.extract import find_triggers

    return {t.token.text: t.plover for s in nlp(text).sents for t in find_triggers(s)}


@pytest.mark.model
def test_a_scheduled_act_keeps_its_type(nlp: Language) -> None:
    # a stance needs a party that holds it: a passive or a bill schedules the act itself
    assert _trigger_types(nlp, "The leader will be charged with possessing weapons.") == {
        "charged": "COERCE"
    }
    assert _trigger_types(nlp, "The bill would impose sanctions on the officials.") == {
        "impose": "SANCTION"
    }
    assert _trigger_types(nlp, "Russia will impose sanctions on the officials.") == {
        "impose": "THREATEN"
    }


@pytest.mark.model
def test_a_promised_hostile_act_is_a_threat(nlp: Language) -> None:
    # PLOVER 3.11: a promise of sanctions or of action against someone threatens them
    assert _trigger_types(nlp, "The cabinet pledged to impose sanctions on Ruritania.") == {
        "pledged": "THREATEN"
    }
    assert _trigger_types(nlp, "The platform pledged to take firm action against such posts.") == {
        "pledged": "THREATEN"
    }
    assert _trigger_types(nlp, "The mayor promised to release the detainees.") == {
        "promised": "AGREE"
    }
    assert _trigger_types(nlp, "The senator pledged never to attack the governor.") == {
        "pledged": "AGREE"
    }
    assert _trigger_types(nlp, "The governor pledged to fight corruption.") == {"pledged": "AGREE"}


@pytest.mark.model
def test_a_rescue_from_captors_is_coercion(nlp: Language) -> None:
    assert _trigger_types(nlp, "Soldiers rescued the abducted engineers on Friday.") == {
        "rescued": "COERCE"
    }
    types = _trigger_types(nlp, "Footage showed the rescue of a boy who had been kidnapped.")
    assert types.get("rescue") == "COERCE"
    assert _trigger_types(nlp, "Firefighters rescued three climbers from the ridge.") == {
        "rescued": "AID"
    }


@pytest.mark.model
def test_an_object_class_is_found_by_the_word_too(nlp: Language) -> None:
    # "the wounded" parses as a verb (lemma "wound"); evacuating people is aid, not a retreat
    assert _trigger_types(nlp, "Army helicopters evacuated the wounded from the valley.") == {
        "evacuated": "AID"
    }


@pytest.mark.model
def test_wanting_another_partys_act_is_a_request(nlp: Language) -> None:
    assert _trigger_types(nlp, "The US wants the UK to extradite the suspect.") == {
        "wants": "REQUEST"
    }
    assert _trigger_types(nlp, "The agency wanted an impartial probe of the shelling.") == {
        "wanted": "REQUEST"
    }
    assert "want" not in _trigger_types(nlp, "The rebels want to attack the city.")


@pytest.mark.model
def test_pleas_trips_and_granted_requests(nlp: Language) -> None:
    assert _trigger_types(nlp, "The guards pleaded not guilty in federal court.") == {
        "pleaded": "REJECT"
    }
    assert _trigger_types(nlp, "He pleaded guilty to fraud.") == {"pleaded": "CONCEDE"}
    assert _trigger_types(nlp, "The premier's trip to Beijing ended on Monday.") == {
        "trip": "CONSULT"
    }
    assert _trigger_types(nlp, "The minister approved an extradition request from the US.") == {
        "approved": "COOPERATE"
    }
    assert _trigger_types(nlp, "The minister approved the plan.") == {"approved": "SUPPORT"}


@pytest.mark.model
def test_released_information_is_no_retreat(nlp: Language) -> None:
    assert "released" not in _trigger_types(nlp, "Police released a video of the raid.")
    assert _trigger_types(nlp, "The rebels released the hostages.") == {"released": "RETREAT"}
    # a publication named by its modifier, data (lemma "datum"), estimates, a subjectless
    # passive conjunct sharing the footage, a court's interim release
    assert "release" not in _trigger_types(nlp, "Tomas Variek said so in a news release.")
    assert "released" not in _trigger_types(nlp, "The agency released new data on Tuesday.")
    assert "released" not in _trigger_types(nlp, "The bureau released its estimates on Monday.")
    types = _trigger_types(nlp, "Footage of the march was edited by Ilse Marten and released.")
    assert "released" not in types
    types = _trigger_types(nlp, "The footage was edited by Ilse Marten and was released today.")
    assert "released" not in types
    types = _trigger_types(nlp, "The two clerks denied the charges and were released on bail.")
    assert "released" not in types
    assert _trigger_types(nlp, "The militia released the two farmers on Sunday.") == {
        "released": "RETREAT"
    }


@pytest.mark.model
def test_questions_and_executed_warrants_are_no_acts(nlp: Language) -> None:
    # "ask" puts a question (about, whether, a bare "asked" after a quote): no REQUEST
    for text in (
        "Counsel Mara Voss asked Delgado about doubts inside the agency.",
        "When asked whether he saw the gunmen, Pell Ostrander said no.",
        '"Where were you on Friday?" Voss asked.',
        "The senator asked questions about the contract.",
    ):
        assert "asked" not in _trigger_types(nlp, text), text
    assert _trigger_types(nlp, "The mayor asked residents to leave the valley.") == {
        "asked": "REQUEST"
    }
    assert _trigger_types(nlp, "The rebels asked for help from Karvia.") == {"asked": "REQUEST"}
    # executing a warrant or a plan carries it out; executing people kills them
    text = "Agents executed a search warrant at the farm on Friday."
    assert "executed" not in _trigger_types(nlp, text)
    assert "executed" not in _trigger_types(nlp, "The council executed the plan in May.")
    text = "The junta executed three dissidents on Friday."
    assert _trigger_types(nlp, text) == {"executed": "ASSAULT"}


@pytest.mark.model
def test_no_one_harmed_makes_no_record(nlp: Language) -> None:
    text = (
        "Hundreds of dock workers marched through Tolvik on Monday to protest pay cuts. "
        "Nobody was arrested during the march, a police spokesman said."
    )
    kinds = [e.plover_type for e in _run(nlp, text).events]
    assert "PROTEST" in kinds
    assert "COERCE" not in kinds


@pytest.mark.model
def test_victims_of_a_told_incident_join_it(nlp: Language) -> None:
    # whoever the victims: "killed in clashes", "killed in
    # the bombing" tell of the incident already told
    for text in (
        "Heavy fighting broke out between the army and Dorvan rebels in Kessa province on "
        "Friday. The ministry said that several farmers were killed in clashes in Kessa.",
        "Warplanes bombed a market in Velnor on Tuesday. The bombing drew condemnation from "
        "Tarvia. A governor said on Wednesday that eleven traders were killed in the bombing.",
    ):
        assault = [e for e in _run(nlp, text).events if e.plover_type == "ASSAULT"]
        assert len(assault) == 1, text
        assert "killed" in " ".join(text[m.start : m.end] for m in assault[0].mentions), text


@pytest.mark.model
def test_victims_killed_on_another_stated_day_suffered_another_incident(
    pipeline: Pipeline,
) -> None:
    text = (
        "Heavy fighting broke out between the army and Dorvan rebels in Kessa province on "
        "Friday, March 6. On Sunday, March 8, twelve soldiers were killed in clashes in Kessa."
    )
    art = pipeline.analyze_text(text, published="2026-03-10")
    days = sorted(e.date or "" for e in art.events if e.plover_type == "ASSAULT")
    assert days == ["2026-03-06", "2026-03-08"]


@pytest.mark.model
def test_a_gerund_noun_has_its_verbs_type(nlp: Language) -> None:
    from sitrep.events.extract import noun_type

    doc = nlp("Beijing's backtracking on the law surprised everyone.")
    assert doc[2].pos_ == "NOUN" and noun_type(doc[2]) == "CONCEDE"
    doc = nlp("The building collapsed.")
    assert doc[1].pos_ == "NOUN" and noun_type(doc[1]) is None


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
def test_an_act_set_in_time_against_the_main_act_is_its_own_event(nlp: Language) -> None:
    # "after"/"while" + an act with a party of its own: a second event of the sentence
    art = _run(nlp, "The rebels withdrew from the town after an attack by the army on their camp.")
    kinds = {(e.plover_type, art.snippet(e.trigger)) for e in art.events if e.trigger}
    assert {("RETREAT", "withdrew"), ("ASSAULT", "attack")} <= kinds
    art = _run(
        nlp,
        "A guard accused of beating an inmate has been jailed pending trial, while more than "
        "200 students have been detained over the riots.",
    )
    kinds = {(e.plover_type, art.snippet(e.trigger)) for e in art.events if e.trigger}
    assert {("COERCE", "jailed"), ("COERCE", "detained")} <= kinds
    # the same act told again ("when"), or one doer's simultaneous step, is no second event
    art = _run(nlp, "Two people were killed when a mortar shell hit the market.")
    assert len(art.events) == 1
    art = _run(nlp, "Officers seized two pistols while they were searching the car.")
    assert [art.snippet(e.trigger) for e in art.events if e.trigger] == ["seized"]


@pytest.mark.model
def test_a_court_ruling_is_a_legal_act(nlp: Language) -> None:
    # a court's binding decision on a party is the state's legal act (COERCE), even as the
    # cue of the ruling's reported content
    types = _trigger_types(
        nlp, "The tribunal ruled on Monday that Mr. Varga must hand over his passport."
    )
    assert types == {"ruled": "COERCE"}
    art = _run(nlp, "The Supreme Court of Freedonia ruled that the two gangs are terrorist groups.")
    assert [(e.plover_type, art.snippet(e.trigger)) for e in art.events if e.trigger] == [
        ("COERCE", "ruled")
    ]
    # not a party that rules a country, nor one that rules something out
    assert "ruled" not in _trigger_types(nlp, "The old party ruled the country for decades.")
    assert "ruled" not in _trigger_types(nlp, "The minister ruled out early elections.")


@pytest.mark.model
def test_non_event_text_is_quiet(nlp: Language) -> None:
    art = _run(nlp, "")
    assert art.events == []


@pytest.mark.model
def test_territory_taken_by_an_armed_group_is_a_claimed_overtaking(nlp: Language) -> None:
    text = (
        "Rebel fighters crossed into the province on Tuesday. They burned a police post and "
        "announced that they had captured three villages."
    )
    art = _run(nlp, text)
    taken = [e for e in art.events if e.trigger and art.snippet(e.trigger) == "captured"]
    assert taken, [(e.plover_type, e.acled_sub_event_type) for e in art.events]
    assert taken[0].acled_sub_event_type == "Non-state actor overtakes territory"
    assert taken[0].plover_type == "ASSAULT" and taken[0].acled_event_type == "Battles"
    assert taken[0].modality == "claimed"
    assert taken[0].claimant is not None


@pytest.mark.model
def test_army_retaking_a_town_is_government_regains_territory(nlp: Language) -> None:
    art = _run(nlp, "Government troops recaptured the town of Marsa from the insurgents on Friday.")
    assert art.events[0].acled_sub_event_type == "Government regains territory"


@pytest.mark.model
def test_belief_verbs_with_a_that_clause_are_not_events(nlp: Language) -> None:
    art = _run(nlp, "Observers agree that the offensive could not have started without help.")
    assert all(e.plover_type != "AGREE" for e in art.events)
    # "agree to" is still a commitment
    art = _run(nlp, "The two parties agreed to a ceasefire on Sunday.")
    assert art.events[0].plover_type == "AGREE"


@pytest.mark.model
def test_attribution_cue_is_not_an_event(nlp: Language) -> None:
    from sitrep.model import Article, Quote, Span
    from sitrep.stages.base import Analysis
    from sitrep.stages.events import EventsStage

    text = "Officials agree that the figures are right, and the ministry welcomed the report."
    article = Article(id="t", text=text)

    def quote(cue: str, content: str) -> Quote:
        start, at = text.index(cue), text.index(content)
        return Quote(
            content=Span(start=at, end=at + len(content)),
            cue=Span(start=start, end=start + len(cue)),
        )

    article.quotes = [quote("agree", "the figures are right"), quote("welcomed", "the report")]
    EventsStage()(Analysis(article=article, doc=nlp(text)))
    triggers = [article.snippet(e.trigger) for e in article.events if e.trigger]
    # a cue that only reports a statement is no act; one that acts on an object is (the
    # codebook's "Wikileaks welcomed the Swedish move": SUPPORT)
    assert "agree" not in triggers
    assert "welcomed" in triggers


@pytest.mark.model
def test_codebook_rules_for_small_types(nlp: Language) -> None:
    cases = {
        "The navies of the two countries began joint exercises in the Baltic Sea.": "COOPERATE",
        "The army lifted the blockade of the port city on Friday.": "RETREAT",
        "The governor lifted the curfew in the northern districts.": "CONCEDE",
        "The government imposed sanctions on the neighbouring republic.": "SANCTION",
        "The ministry sent troops to the disputed border region.": "MOBILIZE",
        "The charity handed over tonnes of medicine to the local hospital.": "AID",
        "The president is ready to host a summit of the regional leaders.": "AGREE",
        "Farmers blocked the main highway with tractors for six hours.": "PROTEST",
    }
    got = {text: _run(nlp, text).events[0].plover_type for text in cases}
    assert got == cases


@pytest.mark.model
def test_main_event_of_an_article_names_its_actor(nlp: Language) -> None:
    text = (
        "Border Raid Sparks Alarm: Capital Denies Role\n\n"
        "Heavy fighting has been reported near the frontier since dawn. "
        "The ministry declined to comment. "
        "Local officials described the situation as tense. "
        "A rebel brigade of about two hundred fighters attacked a border garrison overnight. "
        "They destroyed two armoured vehicles. "
        "Residents fled to the nearest town. "
        "Schools were closed for the week."
    )
    art = _run(nlp, text)
    main = art.events[0]
    assert main.plover_type == "ASSAULT" and main.acled_event_type == "Battles"
    assert main.source_actor is not None and "brigade" in main.source_actor.text


@pytest.mark.model
def test_targets_from_complements_and_recipients(nlp: Language) -> None:
    art = _run(nlp, "The militia threatened to shell Kharim villages near the river.")
    assert art.events[0].target_actor is not None
    assert "Kharim" in art.events[0].target_actor.text
    art = _run(nlp, "Canada offered its troops to Mali.")
    tgt = art.events[0].target_actor
    assert tgt is not None and "Mali" in tgt.text


def test_combiner_roundtrip_and_fit(tmp_path: Path) -> None:
    import numpy as np

    from sitrep.events.combine import FEATURES, Combiner, fit_combiner

    rng = np.random.default_rng(0)
    n, k = 60, 4
    gold = rng.integers(0, k, n)
    feats = rng.normal(0, 1, (n, len(FEATURES), k))
    feats[np.arange(n), 1, gold] += 2.0  # the "trigger" feature is informative
    comb = fit_combiner(feats, gold)
    assert comb.weights[1] > comb.weights[2]
    path = tmp_path / "c.json"
    comb.save(path)
    assert np.allclose(Combiner.load(path).weights, comb.weights, atol=1e-4)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        ("The army did not attack the village.", "attack", "negated"),
        ("The militants could attack the capital.", "attack", "hypothetical"),
        ("Any gang member could face a prison sentence.", "sentence", "hypothetical"),
        ("He faces a sentence of ten years if convicted.", "sentence", "conditional"),
        ("There will be no extradition request from Sweden.", "request", "negated"),
        ("His fear of being extradited to the US kept him there.", "extradite", "feared"),
        ("If the rebels attack the town, the army will respond.", "attack", "conditional"),
        ("The army will shell the town if the rebels refuse.", "shell", "conditional"),
        ("Troops attacked the village to capture the rebel leader.", "capture", "purpose"),
        ("Police fired tear gas to disperse the protesters.", "disperse", None),
        ("Efforts to arrange a ceasefire intensified.", "arrange", "purpose"),
        ("Vance faces a charge of conspiracy to commit wire fraud.", "commit", "purpose"),
        # a possibility judged is no act told
        (
            "It is very possible the gang was collaborating with Karvian smugglers.",
            "collaborate",
            "hypothetical",
        ),
        ("It is likely that the rebels attacked the depot.", "attack", "hypothetical"),
        ("It is clear that the rebels attacked the depot.", "attack", None),
        ("A boycott of the games is quite possible.", "boycott", "hypothetical"),
        ("The outcome is likely to be an embargo.", "embargo", "hypothetical"),
        ("The cell hatched a plot to kidnap the governor.", "kidnap", "purpose"),
        ("The commander urged the fighters to attack the convoy.", "attack", "demanded"),
        ("The two sides failed to agree on a ceasefire.", "agree", "failed"),
        ("The two unions have yet to agree on the wage offer.", "agree", "negated"),
        ("The militia is yet to release the hostages.", "release", "negated"),
        ("The militia has released the hostages at last.", "release", None),
        ("The two committees reached no agreement on the budget.", "reach", "negated"),
        ("The two committees reached an agreement on the budget.", "reach", None),
        ("Police made no fewer than forty arrests at the match.", "make", None),
        ("Did the police arrest the protesters?", "arrest", "question"),
        ("The governor apologized if the remarks caused offence.", "apologize", None),
        ("Police arrested twelve students on Friday.", "arrest", None),
    ],
)
def test_non_factual_clauses_are_not_events(
    nlp: Language, text: str, word: str, reason: str | None
) -> None:
    from sitrep.events.extract import nonfactual

    tok = next(t for t in nlp(text) if t.lemma_.lower() == word)
    assert nonfactual(tok) == reason


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        # what someone would like to see done is their wish; being glad to see it done
        # says it was done
        (
            "Several donors would like to see the generals withdraw their troops from the delta.",
            "withdraw",
            "wished",
        ),
        ("The trade envoy wants to see Karvia sign the customs pact by May.", "sign", "wished"),
        (
            "The deputy said she was pleased to see the council censure the chief.",
            "censure",
            None,
        ),
        # seeing an act done is witnessing it
        ("Villagers saw the militia burn the granary on Tuesday.", "burn", None),
    ],
)
def test_an_act_wished_to_be_seen_is_no_event(
    nlp: Language, text: str, word: str, reason: str | None
) -> None:
    from sitrep.events.extract import nonfactual

    tok = next(t for t in nlp(text) if t.lemma_.lower() == word)
    assert nonfactual(tok) == reason


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "plover", "reason"),
    [
        # a stance re-typing reads the clause's own modal or negation; the clause above it
        # still decides whether the act happened
        ("The mayor said he fears the militia will invade the valley.", "invade", None, "feared"),
        ("The mayor said the militia will invade the valley.", "invade", "THREATEN", None),
        ("The governor would not agree to the new terms.", "agree", "REJECT", None),
        # no act yet is not a refusal
        ("The governor hasn't agreed to any terms so far.", "agree", None, "negated"),
    ],
)
def test_stance_retyping_keeps_factuality(
    nlp: Language, text: str, word: str, plover: str | None, reason: str | None
) -> None:
    from sitrep.events.extract import find_triggers

    doc = nlp(text)
    trig = next(t for s in doc.sents for t in find_triggers(s) if t.token.lemma_ == word)
    assert trig.nonfactual == reason
    if plover is not None:
        assert trig.plover == plover


@pytest.mark.model
def test_headline_lede_and_recap_are_one_record(nlp: Language) -> None:
    text = (
        "Rebels attacked an army base near the border on Sunday, officials said. "
        "The attack was the third this month. "
        "Separately, police arrested two journalists."
    )
    art = _run(nlp, text)
    attacks = [e for e in art.events if e.plover_type == "ASSAULT"]
    assert len(attacks) == 1, [(e.plover_type, art.snippet(e.evidence)) for e in art.events]
    snippets = [art.snippet(s) for s in attacks[0].mentions]
    assert any("the third" in s for s in snippets), snippets
    assert any(e.plover_type == "COERCE" for e in art.events)


@pytest.mark.model
def test_convicted_and_sentenced_is_one_legal_act(nlp: Language) -> None:
    art = _run(
        nlp,
        "Police arrested two protesters and charged a journalist. "
        "The defendant, Arthur Dunmore, was convicted and sentenced to ten years on Thursday.",
    )
    legal = [art.snippet(e.trigger) for e in art.events if e.trigger is not None]
    assert "sentenced" not in legal and "convicted" in legal, legal
    assert "charged" in legal and "arrested" in legal, legal  # two people: two acts


@pytest.mark.model
def test_a_two_party_act_with_no_second_party_is_no_event(nlp: Language) -> None:
    art = _run(
        nlp,
        "Police arrested two men in the city on Monday. "
        "The witness's brother testified, describing the driver as calm. "
        "On Tuesday the foreign minister held talks with rebel leaders in Doha.",
    )
    types = [e.plover_type for e in art.events]
    assert types.count("CONSULT") == 1, [
        (e.plover_type, art.snippet(e.evidence)) for e in art.events
    ]
    consult = next(e for e in art.events if e.plover_type == "CONSULT")
    assert "minister" in art.snippet(consult.evidence)


@pytest.mark.model
def test_a_month_name_is_no_march(nlp: Language) -> None:
    from sitrep.events.extract import trigger_type

    doc = nlp("Mr. Dorsey escaped on March 4, 2009, from the county jail.")
    assert trigger_type(next(t for t in doc if t.text == "March")) is None
    doc = nlp("Thousands of students will march on the parliament on Friday.")
    assert trigger_type(next(t for t in doc if t.text == "march")) == "PROTEST"


@pytest.mark.model
def test_two_acts_by_one_actor_stay_two_records(nlp: Language) -> None:
    art = _run(
        nlp, "The fighters attacked the border post on Monday. They burned a police station there."
    )
    assault = [e for e in art.events if e.plover_type == "ASSAULT"]
    assert len(assault) == 2, [art.snippet(e.evidence) for e in art.events]


@pytest.mark.model
def test_actors_are_people_or_groups_never_weapons_or_dates(nlp: Language) -> None:
    art = _run(nlp, "Three shells hit the school in the camp on Tuesday.")
    assert art.events and art.events[0].source_actor is None
    art = _run(nlp, "Rebel fighters attacked Tuesday's convoy near the town.")
    src = art.events[0].source_actor
    assert src is not None and "fighters" in src.text


@pytest.mark.model
def test_agentless_arrest_is_by_the_police(nlp: Language) -> None:
    art = _run(nlp, "The opposition leader was arrested in the capital on Friday.")
    event = art.events[0]
    assert event.source_actor is not None and event.source_actor.sector == "police"
    assert event.target_actor is not None and event.target_actor.sector != "police"


@pytest.mark.model
def test_head_of_state_is_government(nlp: Language) -> None:
    art = _run(nlp, "President Omar Bashir ordered troops to attack the rebel camp.")
    src = art.events[0].source_actor
    assert src is not None and src.sector == "government"


@pytest.mark.model
def test_denial_of_responsibility_is_a_denied_event(nlp: Language) -> None:
    art = _run(nlp, "The rebel group denied any responsibility for the bombing of the market.")
    denied = [e for e in art.events if e.modality == "denied"]
    assert denied and denied[0].claimant is not None and "group" in denied[0].claimant


@pytest.mark.model
def test_direct_quotes_and_line_breaks(nlp: Language) -> None:
    from sitrep.stages.events import segments

    doc = nlp("Rebels seize border town\nThe army shelled the town on Monday.")
    assert [s.text.strip() for s in segments(doc)][0] == "Rebels seize border town"
    art = _run(nlp, "Gunmen killed four villagers and wounded six others in the market.")
    assert len([e for e in art.events if e.plover_type == "ASSAULT"]) == 1


@pytest.mark.model
def test_segments_split_sentences_at_every_line_break(nlp: Language) -> None:
    """Segments are spaCy's sentences cut at the space tokens that hold a line break (read
    from one array): the same spans as a walk over every token."""
    from sitrep.stages.events import segments

    text = (
        "Ferry strike at Lindqvist harbour\n\nDockers walked out on Friday,\nthe union said. "
        "Talks broke down.\n  \n\n- Pay offer rejected\n- Second vote due \n"
        "The port authority, which runs eleven berths, said cargo was diverted.   \n\n"
    )
    doc = nlp(text)
    walked = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    walked.append((start, tok.i))
                start = tok.i + 1
        if start < sent.end:
            walked.append((start, sent.end))
    expected = [(a, b) for a, b in walked if doc[a:b].text.strip()]
    assert [(s.start, s.end) for s in segments(doc)] == expected
    assert [s.text for s in segments(doc)][:2] == [
        "Ferry strike at Lindqvist harbour",
        "Dockers walked out on Friday,",
    ]


@pytest.mark.model
def test_victims_of_clashes_are_actor2_and_the_other_party_actor1(nlp: Language) -> None:
    art = _run(nlp, "Two farmers were killed in clashes with soldiers on Sunday.")
    event = art.events[0]
    assert event.source_actor is not None and event.source_actor.text == "soldiers"
    assert event.target_actor is not None and "farmers" in event.target_actor.text


@pytest.mark.model
def test_state_actor_without_country_takes_the_articles_country(nlp: Language) -> None:
    from sitrep.model import Article, Place, Span
    from sitrep.stages.base import Analysis
    from sitrep.stages.events import EventsStage

    text = "Police arrested twelve students in Bogota on Friday."
    start = text.index("Bogota")
    bogota = Place(
        span=Span(start=start, end=start + 6),
        text="Bogota",
        name="Bogotá",
        geonames_id=3688689,
        lat=4.61,
        lon=-74.08,
        country="CO",
        feature_code="PPLC",
    )
    article = Article(id="t", text=text, places=[bogota])
    EventsStage()(Analysis(article=article, doc=nlp(text)))
    event = article.events[0]
    assert event.source_actor is not None and event.source_actor.country == "COL"
    assert event.place is not None and event.place.name == "Bogotá"
    assert event.geo_precision == "exact"


def test_role_sector_reads_the_office_an_analyst_expects() -> None:
    from sitrep.events.actors import role_sector

    assert role_sector("Sudanese Army spokesman") == "military"
    assert role_sector("Hamas militants") == "rebels"
    assert role_sector("Police commissioner") == "police"
    assert role_sector("President") == "government"
    assert role_sector("Attorney General") == "government"
    assert role_sector("attorney for the Gray family") is None


def test_acled_sub_types_need_their_act_in_the_text() -> None:
    from sitrep.events.acled_rules import acled_fields, default_acled, has_evidence

    # an arrest needs a detention; a sentence or a ban is not one
    assert default_acled("COERCE", "He was sentenced to life in federal prison.") is None
    assert default_acled("COERCE", "Police arrested 46 people.") == "Arrests"
    # a battle needs an armed party; a weapon named in a charge is no disrupted weapons use
    assert not has_evidence("Armed clash", "A clash between protesters and police.")
    assert has_evidence("Armed clash", "Troops clashed with rebels near the border.")
    assert not has_evidence("Disrupted weapons use", "convicted of assault with a deadly weapon")
    # protesters who throw petrol bombs riot
    _, sub, _ = acled_fields(
        "Peaceful protest", ["Marchers faced teargas after people threw petrol bombs."]
    )
    assert sub == "Violent demonstration"


@pytest.mark.model
def test_roles_from_the_parse(nlp: Language) -> None:
    def first(text: str) -> tuple[str | None, str | None, str | None]:
        ev = _run(nlp, text).events[0]
        src = ev.source_actor.text if ev.source_actor else None
        tgt = ev.target_actor.text if ev.target_actor else None
        return ev.plover_type, src, tgt

    # an agentless passive arrest: the police; a nationality modifying an act is its doer
    plover, src, _ = first("Tomas Ferreira Lins was captured in Ecuador in May.")
    assert plover == "COERCE" and src == "police"
    _, src, _ = first("The report described an Israeli massacre of dozens of villagers.")
    assert src == "Israeli"
    # "between X and Y": X does it to Y; the charged is the target of a verdict
    _, src, tgt = first(
        "Deadly fighting broke out in the state between the military and forces loyal to the south."
    )
    assert src == "military" and tgt is not None and "forces" in tgt
    plover, src, tgt = first("The man, Ray Dorsey, was found guilty last month of murder.")
    assert plover == "COERCE" and src == "court" and tgt is not None
    assert "man" in tgt or "Dorsey" in tgt
    # who undergoes an act is not its doer
    _, src, tgt = first("John Miller is battling extradition to the United States.")
    assert src is None and tgt == "John Miller"


@pytest.mark.model
def test_owned_acts_reciprocal_acts_and_untyped_doers(nlp: Language) -> None:
    def first(text: str) -> tuple[str | None, str | None]:
        ev = _run(nlp, text).events[0]
        src = ev.source_actor.text if ev.source_actor else None
        tgt = ev.target_actor.text if ev.target_actor else None
        return src, tgt

    # who confesses to, or claims responsibility for, an act is its doer
    src, _ = first("In a recorded interview, the suspect confessed to the kidnapping last week.")
    assert src == "suspect"
    src, _ = first("The Shining Path group claimed responsibility for the bombing in Lima.")
    assert src is not None and "Shining Path" in src
    src, tgt = first("Police said the gang was responsible for the murder of two farmers.")
    assert src == "gang" and tgt == "two farmers"
    # "X and Y attacked each other": X does it to Y
    src, tgt = first("During the debate, Sanders and Warren attacked each other's policies.")
    assert src == "Sanders" and tgt == "Warren"
    # a request is made of its "from" party, not of the one it concerns
    src, tgt = first("Separately, France is seeking the banker's extradition from Spain.")
    assert src == "France" and tgt == "Spain"
    _, tgt = first("The rebels requested help from the United Nations on Monday.")
    assert tgt is not None and "United Nations" in tgt
    # a refusal is directed at whoever made the offer; an act's victims are those it left dead
    src, tgt = first("The defendant chose not to accept a plea deal offered by prosecutors.")
    assert tgt == "prosecutors"
    _, tgt = first("The president rejected calls from the opposition for early elections.")
    assert tgt == "opposition"
    _, tgt = first("The attack, which began at dawn, left 12 people dead.")
    assert tgt == "12 people"
    # a name the NER left untyped is the doer of its own clause
    src, _ = first("There was no comment from him but Wikileaks welcomed the Swedish decision.")
    assert src == "Wikileaks"


def test_unnamed_civilian_victims_take_acleds_name() -> None:
    from sitrep.model import Event, EventActor, Span
    from sitrep.stages.events import EventsStage

    victims = EventActor(span=Span(start=0, end=10), text="Two people", sector="civilians")
    named = EventActor(
        span=Span(start=0, end=5), text="Gray", name="Kimani Gray", sector="civilians"
    )
    record = Event(
        plover_type="ASSAULT",
        evidence=Span(start=0, end=40),
        source_actor=named,
        target_actor=victims,
    )
    stage = EventsStage()
    stage._infer_roles(record)
    assert record.target_actor is not None and record.target_actor.name == "civilians"
    assert record.source_actor is not None and record.source_actor.name == "Kimani Gray"


@pytest.mark.model
def test_an_actor_phrase_stops_before_a_time(nlp: Language) -> None:
    art = _run(nlp, "A magistrate on Friday sentenced the smuggler to six years in prison.")
    src = art.events[0].source_actor
    assert src is not None and src.text == "magistrate"


_GAME = (
    "The Hornets beat the Falcons 88-75 on Saturday. Tarvo Linden blocked a shot on the "
    "Falcons' end and struck again in the second half, scoring six straight points. "
    "The Hornets shot 51 percent from the field. "
    "Coach Mirel Osta praised the bench after the win, the team's fourth in a row at home. "
    "Linden finished with 19 points and nine rebounds, and guard Pell Arvid added 14 points "
    "and six assists before fouling out late in the fourth quarter. The Falcons cut the lead "
    "to five with three minutes left, but the Hornets answered with a three-pointer and two "
    "free throws. The Hornets host the Owls on Wednesday night, and the Falcons travel to "
    "the coast for two road games next week. Tickets for the home game are on sale."
)


@pytest.mark.model
def test_a_game_report_codes_no_events(nlp: Language) -> None:
    """Sport senses of "beat", "blocked", "struck" and "shot" are no events: the report
    names no political actor and speaks of no conflict, crime or politics."""
    assert len(_GAME.split()) >= 120  # long enough to judge its domain
    assert _run(nlp, _GAME).events == []
    assert _run(nlp, _GAME[:200]).events  # a snippet is not judged
    # the same verbs where the article is about a crime still make events
    crime = _GAME + " Police arrested a fan who attacked a steward after the game."
    assert _run(nlp, crime).events


def test_political_gate_reads_actors_and_vocabulary() -> None:
    from sitrep.model import Event, EventActor, Span
    from sitrep.stages.events import _political

    def record(sector: str | None) -> Event:
        actor = EventActor(span=Span(start=0, end=4), text="Olan", sector=sector)
        return Event(plover_type="ASSAULT", evidence=Span(start=0, end=20), source_actor=actor)

    game = "Olan blocked a shot and the Reds beat the Blues."
    assert not _political(game, [record("civilians")])
    assert not _political(game, [])
    assert _political(game, [record("police")])
    assert _political("Olan was shot outside the bar.", [record("civilians")])
    assert _political("The minister resigned.", [record(None)])


@pytest.mark.model
def test_refuge_at_a_mission_is_aid_from_its_state(nlp: Language) -> None:
    def aid(text: str) -> list[tuple[str | None, str | None, str | None]]:
        return [
            (
                e.source_actor.text if e.source_actor else None,
                e.source_actor.country if e.source_actor else None,
                e.target_actor.text if e.target_actor else None,
            )
            for e in _run(nlp, text).events
            if e.plover_type == "AID"
        ]

    # the mission's state shelters whoever took refuge in it, a pronoun too; a demonym
    # outside the short table still names its country
    found = aid(
        "The former minister Tomas Ruiz sought refuge in the Uruguayan consulate in Lyon in "
        "March to escape arrest."
    )
    assert found and found[0][1] == "URY" and found[0][2] is not None
    assert "Tomas Ruiz" in found[0][2]
    assert found[0][0] is not None and "Uruguayan consulate" in found[0][0]
    # "the mission" is the last mission named with its state
    found = aid(
        "Guards escorted Ana Varga from the Bolivian Embassy in Prague on Friday. She had "
        "found sanctuary in the mission in 2019 to escape a prison term."
    )
    assert found and found[0][1] == "BOL" and found[0][2] == "She"
    # refuge from a danger, or at no mission, is no asylum given
    assert not aid("Hundreds of families sought refuge from the shelling in a village school.")


@pytest.mark.model
def test_a_denied_assault_is_done_to_its_accuser(nlp: Language) -> None:
    def denied(text: str) -> list[str | None]:
        return [
            e.target_actor.text if e.target_actor else None
            for e in _run(nlp, text).events
            if e.modality == "denied" and e.plover_type == "ASSAULT"
        ]

    # the complainant the article names before the denial
    found = denied(
        "A nurse has accused the surgeon Pavel Novak of assault. The complainant says he pushed "
        "her down a staircase in 2018. Novak denies the allegation."
    )
    assert found and found[0] is not None and "complainant" in found[0]


@pytest.mark.model
def test_people_named_by_their_trade_are_no_act(nlp: Language) -> None:
    # "aid officials", "aid groups": a compound naming people, where the parser takes its
    # first word for a verb with the next one as its object
    assert "aid" not in _trigger_types(nlp, "He handed the letter to aid officials in the capital.")
    assert "aid" not in _trigger_types(nlp, "The governor wrote to aid groups asking for tents.")
    # the verb with an object of its own still aids
    assert _trigger_types(nlp, "Navy boats aided the stranded fishermen on Sunday.") == {
        "aided": "AID"
    }


@pytest.mark.model
def test_a_speech_act_with_no_addressee_is_aimed_at_the_main_events_target(
    pipeline: Pipeline,
) -> None:
    text = (
        "The national electoral commission accused the Greenway Party of faking its donor "
        "lists on Monday. The broadcaster Norval News threatened to drop all of its campaign "
        "adverts. The Greenway Party rejected the claims."
    )
    art = pipeline.analyze_text(text, published="2026-03-10")

    def target(kind: str) -> str | None:
        found = [e for e in art.events if e.plover_type == kind]
        assert found, kind
        actor = found[0].target_actor
        return actor.name if actor is not None else None

    # a named speaker's threat that names no one: the party the article's main act is done to
    assert target("THREATEN") == "Greenway Party"
    # never the speaker itself
    assert target("REJECT") is None
    # a rejection has its own aim: not the party the main act is done to (fails before the
    # rule was limited to threats, review26)
    art = pipeline.analyze_text(
        "Riot police arrested forty students of the Velor Union in Tarsel on Monday. The "
        "opposition leader Dana Morrell rejected the new budget.",
        published="2026-03-10",
    )
    assert [e.target_actor for e in art.events if e.plover_type == "REJECT"] == [None]


@pytest.mark.model
def test_a_political_act_with_no_doer_is_the_main_doers(pipeline: Pipeline) -> None:
    def doer(text: str) -> str | None:
        art = pipeline.analyze_text(text, published="2026-03-10")
        found = [e for e in art.events if e.plover_type == "CONCEDE"]
        assert found, text
        actor = found[0].source_actor
        return actor.text if actor is not None else None

    # a state body's main act: its unnamed concession is its own
    assert (
        doer(
            "Police in Tarsel detained the activist Mira Halvo on Monday. An easing of the "
            "curfew followed two days later."
        )
        == "Police in Tarsel"
    )
    # a passive act withholds its doer: the main doer is not its author (review26)
    art = pipeline.analyze_text(
        "Police in Tarsel detained the activist Mira Halvo on Monday. The detentions were "
        "sharply condemned.",
        published="2026-03-10",
    )
    assert [e.source_actor for e in art.events if e.plover_type == "ACCUSE"] == [None]
    # a crowd's march lends no doer to an act of state
    assert (
        doer(
            "Thousands of students marched through Tarsel on Monday. An easing of the "
            "curfew followed two days later."
        )
        is None
    )


@pytest.mark.model
def test_a_nationality_on_the_act_asked_about_or_refused_names_its_state(
    pipeline: Pipeline,
) -> None:
    def target(text: str, plover: str) -> tuple[str | None, str | None] | None:
        art = pipeline.analyze_text(text, published="2026-03-10")
        found = [e for e in art.events if e.plover_type == plover]
        assert found, text
        actor = found[0].target_actor
        return (actor.country, actor.sector) if actor is not None else None

    # the state whose request is refused
    assert target(
        "Ghana's cabinet has refused every Togolese request to reopen the border crossing.",
        "REJECT",
    ) == ("TGO", "government")
    # a state's request refused by that state's own body is no party to the refusal
    assert target(
        "Chile's navy has refused every Chilean request to search the bay.", "REJECT"
    ) != (
        "CHL",
        "government",
    )
    # the nationality of the people an act is done to names no party
    assert target(
        "Lawyers demanded an end to the Haitian deportations from the Dominican Republic.",
        "REQUEST",
    ) != ("HTI", "government")


def _events_by_word(pipeline: Pipeline, text: str) -> dict[str, tuple[str, str | None]]:
    """Each event's PLOVER and ACLED sub-type by the second word of its evidence."""
    art = pipeline.analyze_text(text, published="2026-05-04")
    return {
        text[e.evidence.start : e.evidence.end].split()[1]: (e.plover_type, e.acled_sub_event_type)
        for e in art.events
    }


def _plover_types(pipeline: Pipeline, text: str) -> list[str]:
    return [e.plover_type for e in pipeline.analyze_text(text, published="2026-05-04").events]


@pytest.mark.model
def test_students_who_stab_a_janitor_are_no_rioters(pipeline: Pipeline) -> None:
    # the protesters sector holds students too; only demonstrators' violence is a riot
    got = _events_by_word(
        pipeline,
        "Rioters burned buses near the harbour of Brest overnight. "
        "Two students stabbed a janitor at a technical college in Brest on Monday.",
    )
    assert got["students"] == ("ASSAULT", "Attack"), got


@pytest.mark.model
def test_admitting_defeat_concedes(pipeline: Pipeline) -> None:
    # only the habitual gerund with an object ("admitting mistakes costs nothing") is a
    # statement about an act; "admitted defeat" is a concession
    text = (
        "Rioters set fire to the electoral commission's office in Lusaka on Saturday. "
        "The opposition leader Bram Kelso admitted defeat on Sunday night and congratulated "
        "the president."
    )
    assert "CONCEDE" in _plover_types(pipeline, text), text


@pytest.mark.model
def test_an_event_told_with_its_place_and_day_survives_a_doubted_detail(
    pipeline: Pipeline,
) -> None:
    arrests = "Police detained nine union organisers in the port city of Split on Tuesday. "
    got = _events_by_word(
        pipeline, arrests + "A blast at a gas station in Zadar on Monday may be linked to sabotage."
    )
    assert "blast" in got, got
    # what only may happen is still no event
    got = _events_by_word(
        pipeline, arrests + "Fresh strikes could break out in Split if the wage talks fail."
    )
    assert "strikes" not in got, got


@pytest.mark.model
def test_denying_one_will_do_something_is_a_refusal(pipeline: Pipeline) -> None:
    lead = "Gunmen seized a ferry off the coast of Palawan on Monday. "
    assert "REJECT" in _plover_types(
        pipeline, lead + "The governor denied he would ever bargain with the hijackers."
    )
    # denying that something happened stays a statement
    assert "REJECT" not in _plover_types(
        pipeline, lead + "The governor denied the hijackers had been paid."
    )


@pytest.mark.model
def test_a_title_case_headline_with_a_full_stop_is_a_headline(nlp: Language) -> None:
    # a headline in title case closed by a full stop only names events its body tells
    text = (
        "Police Arrest Dozens of Students After Campus Rally.\n\n"
        "The finance minister resigned on Monday after weeks of pressure, the state "
        "broadcaster said. His deputy will take over the post."
    )
    art = _run(nlp, text)
    head_end = text.index("\n")
    assert art.events, "no event"
    assert all(e.evidence.start > head_end for e in art.events), [
        (e.plover_type, art.snippet(e.evidence)) for e in art.events
    ]
    assert art.events[0].plover_type == "RETREAT"


@pytest.mark.model
def test_a_headline_alone_tells_the_main_event_when_the_body_has_no_trigger(
    nlp: Language,
) -> None:
    # the main event the lead's classifier finds in a body with no trigger word sits in the
    # body, and a headline that alone has a trigger still names the article's main event
    text = (
        "Troops Retake Border Town From Militants.\n\n"
        "Soldiers are once more in charge of the border town of Moreh, officials in "
        "Manipur said on Friday."
    )
    art = _run(nlp, text)
    assert art.events, "the main event was dropped"
    assert art.events[0].evidence.start > text.index("\n")
    text = (
        "Police Arrested Two Men In Lagos.\n\n"
        "Officers said the suspects were held in connection with a robbery on Tuesday. "
        "The men are due in court next week."
    )
    assert [e.plover_type for e in _run(nlp, text).events] == ["COERCE"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        # an event noun in what someone believes, or what figures show, is named, not told
        (
            "Officials in the delta believe the flooding of the warehouse could be linked to "
            "an investigation into fraud.",
            "investigation",
            "opinion",
        ),
        (
            "Surveys show most residents feel the council mishandled the protests last spring.",
            "protest",
            "opinion",
        ),
        # what a recording shows is its object, not a clause of belief
        ("A video shows the arrest of the mayor outside the court.", "arrest", None),
        # the subject of the believed clause is inside the opinion too
        (
            "Analysts believe a shutdown of the mines would follow within a year.",
            "shutdown",
            "opinion",
        ),
    ],
)
def test_an_event_noun_in_an_opinion_is_only_a_mention(
    nlp: Language, text: str, word: str, reason: str | None
) -> None:
    from sitrep.events.nonevents import not_an_act

    tok = next(t for t in nlp(text) if t.lemma_.lower() == word)
    assert not_an_act(tok) == reason


@pytest.mark.model
def test_a_lead_with_no_trigger_and_no_act_records_no_guessed_event(nlp: Language) -> None:
    # the classifier guesses a main event for a lead with no trigger; in a long article a
    # main clause in the generic present tells no act, so the guess makes no record
    survey = (
        "The latest harvest survey for the northern provinces shows little change in maize "
        "yields from last season. Farmers in the region still plant on small plots. Most of "
        "them rely on rain rather than irrigation. The survey covers four hundred villages. "
        "Its authors visited each village twice. Prices at rural markets stayed close to last "
        "year's levels. Seed merchants expect a similar season ahead."
    )
    art = _run(nlp, survey)
    assert art.events == [], [(e.plover_type, art.snippet(e.evidence)) for e in art.events]
    # a brief keeps the guess: its lead is all there is
    brief = survey.split(". Most")[0] + "."
    assert len(_run(nlp, brief).events) == 1
    # a lead that tells a past act keeps the guessed main event
    seizure = _run(
        nlp,
        "Customs officers found forty kilos of cocaine in a banana shipment at the port of "
        "Aldwick on Monday. The shipment had come from overseas. It was packed in crates of "
        "green bananas. The crates were stacked in a refrigerated container. Dogs picked up "
        "the scent during a routine check. The importer is a small fruit wholesaler. The port "
        "handles about two hundred containers a week.",
    )
    assert len(seizure.events) == 1 and "found" in seizure.snippet(seizure.events[0].evidence)


@pytest.mark.model
def test_a_passive_request_with_no_one_asking_is_no_event(nlp: Language) -> None:
    # a request names a party that asks; "was requested", "were invited" with no agent do not
    art = _run(
        nlp,
        "Police arrested three men in the capital on Monday. "
        "Independent observers were invited to monitor the count. "
        "Later a second translator was requested for the hearing. "
        "The opposition leader was invited by the president to join the talks.",
    )
    requests = [art.snippet(e.evidence) for e in art.events if e.plover_type == "REQUEST"]
    assert len(requests) == 1 and "by the president" in requests[0], requests


@pytest.mark.model
def test_an_agreement_to_a_proposal_is_an_event_without_a_named_counterpart(
    nlp: Language,
) -> None:
    # the counterpart of an agreement to a proposal, a deal or a pay rise is in the thing
    # agreed to; the record stays although no second party is named
    art = _run(
        nlp,
        "Two soldiers were wounded in a shelling of the port overnight, the army said. "
        "The dockers' union agreed on Friday to the shipping company's latest wage offer, "
        "a union spokesman told reporters.",
    )
    agreements = [art.snippet(e.evidence) for e in art.events if e.plover_type == "AGREE"]
    assert any("union agreed" in a for a in agreements), [
        (e.plover_type, art.snippet(e.evidence)) for e in art.events
    ]


def _roles(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    """Trigger word, source phrase and target phrase of every trigger in ``text``."""
    from sitrep.events.extract import find_triggers

    doc = nlp(text)
    out = []
    for sent in doc.sents:
        for t in find_triggers(sent):
            src = doc[t.source[0] : t.source[1]].text if t.source else None
            tgt = doc[t.target[0] : t.target[1]].text if t.target else None
            out.append((t.token.text, src, tgt))
    return out


@pytest.mark.model
def test_the_victims_an_act_left_dead_in_every_reading_of_the_parse(nlp: Language) -> None:
    # "left [N X] dead", "left [N X dead]" and "left [N X-modifier dead]": X are the victims,
    # whatever noun names them, over an object of the act that names no one ("of a supply
    # convoy"), and also when "left" is a verb conjoined to the act's own ("shattered ... and")
    assert ("ambush", None, "three guards") in _roles(
        nlp, "Monday's ambush left three guards dead."
    )
    assert ("explosion", None, "one elderly watchman") in _roles(
        nlp, "The explosion at the fuel depot left one elderly watchman dead."
    )
    assert ("blast", None, "one young porter") in _roles(
        nlp, "The blast shattered windows across the district and left one young porter dead."
    )
    assert ("ambush", None, "four drivers") in _roles(
        nlp, "Last week's ambush of a supply convoy in the hills has left four drivers dead."
    )


@pytest.mark.model
def test_a_passive_conjunct_is_done_by_its_agent_not_by_the_first_verbs_subject(
    nlp: Language,
) -> None:
    # the journalists are who was detained, never who detained; nor is the doer also the target
    roles = _roles(
        nlp, "Two journalists crossed the border on foot and were detained hours later by soldiers."
    )
    assert ("detained", "soldiers", None) in roles
    roles = _roles(
        nlp,
        "The petition gathered thousands of signatures but was rejected by the electoral "
        "commission.",
    )
    assert ("rejected", "electoral commission", None) in roles


@pytest.mark.model
def test_an_answer_to_a_passive_request_is_done_by_the_one_asked(nlp: Language) -> None:
    # "X was asked to ..., but refused": X refuses; neither no one nor the asker
    roles = _roles(nlp, "The port director was asked to reopen the docks on Monday, but refused.")
    assert ("refused", "port director", None) in roles, roles
    roles = _roles(nlp, "The mayor was urged by councillors to cancel the parade but declined.")
    assert ("declined", "mayor", None) in roles, roles


@pytest.mark.model
def test_receiving_a_visitor_is_a_meeting_receiving_a_thing_is_no_event(nlp: Language) -> None:
    met = [
        "The president received the delegation in Ankara.",
        "Erdogan received Putin at his palace on Monday.",
        "The minister was received by the king.",
        "The prime minister received a group of tribal elders.",
        # whoever the received party is named by, it stays a visit
        "The emir received representatives of the two factions at his palace.",
        "The governor received officials from the development bank on Wednesday.",
        "The president received the head of the atomic agency in the capital.",
        "The king received the credentials of the new Danish ambassador on Monday.",
    ]
    for text in met:
        assert _trigger_types(nlp, text).get("received") == "CONSULT", text
    nothing = [
        "With most ballots counted, the mayor had received 52 percent.",
        "The injured driver was still receiving treatment on Sunday, his family said.",
        "The mayor received a suspended sentence for fraud.",
        "The mosque received heavy damage in the storm.",
        # information, threats and money received are no meeting either
        "The editor received several threats after the report on the port was published.",
        "The rebels received weapons and ammunition from abroad.",
        "The clinic received funding from a charity last year.",
    ]
    for text in nothing:
        types = _trigger_types(nlp, text)
        assert "received" not in types and "receiving" not in types, text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Nine kinds of frog are now classed as threatened across the region.", "threatened"),
        ("Regulators recorded the old bridge as damaged beyond repair.", "damaged"),
        ("The council regards the two districts as occupied.", "occupied"),
    ],
)
def test_a_participle_after_as_is_a_status_not_an_act(nlp: Language, text: str, word: str) -> None:
    from sitrep.events.nonevents import not_an_act

    tok = next(t for t in nlp(text) if t.text == word)
    assert not_an_act(tok, plover="THREATEN") == "description"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Rebels shelled the port of Kalvik on Tuesday.\n"
            "The dockers union sent a letter to the governor on Wednesday.\n"
            '"Our members want to leave the quays before the raids reach the town.\n'
            'We ask for safe passage."\n'
            "The port stayed closed.",
            "raids",
        ),
    ],
)
def test_a_paragraph_in_quotation_marks_is_a_speakers_words(
    pipeline: Pipeline, text: str, word: str
) -> None:
    # a quotation that goes on in a paragraph of its own, with no cue, is still the speaker's
    # words: no narrated event comes of what it says
    art = pipeline.analyze_text(text, published="2026-05-04")
    words = {text[e.trigger.start : e.trigger.end] for e in art.events if e.trigger is not None}
    assert "shelled" in words, words
    assert word not in words, words


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The dockers, who had marched on the port authority, went back to work.", "marched"),
        ("The envoy, who had met the rebel leaders twice, left for Geneva.", "met"),
        ("Officials praised the tanker crew that had aided the stranded fishermen.", "aided"),
    ],
)
def test_an_act_told_before_in_a_relative_clause_describes_its_noun(
    nlp: Language, text: str, word: str
) -> None:
    from sitrep.events.nonevents import not_an_act

    tok = next(t for t in nlp(text) if t.text == word)
    assert not_an_act(tok) == "description"


def _places_of(pipeline: Pipeline, text: str, word: str) -> list[str | None]:
    """The place names of the events whose mentions hold ``word``."""
    art = pipeline.analyze_text(text, published="2026-04-14")
    return [
        e.place.name if e.place is not None else None
        for e in art.events
        if any(word in text[m.start : m.end] for m in (e.mentions or [e.evidence]))
    ]


@pytest.mark.model
def test_a_courts_step_is_taken_where_the_court_sits(pipeline: Pipeline) -> None:
    # a charge or a sentence with no place of its own is laid where the article's court
    # sits, not on the dateline nor in the country the story is mostly about.
    # Here the court is named with its city in a reported plan; the conviction, a paragraph on,
    # names no place of its own
    text = (
        "KAMPALA, Uganda (Reuters) — Lawyers for a former mayor of Kampala said on Friday "
        "that the High Court in Gulu would hear his appeal next month.\n\n"
        "The mayor was convicted last year of stealing relief funds.\n\n"
        "He denies stealing anything."
    )
    assert _places_of(pipeline, text, "was convicted") == ["Gulu"]
    # the court is named only in the article's last paragraph, after the sentence
    text = (
        "NAIROBI — A businessman who hid payments to a county official in a shell company "
        "was found guilty of fraud on Thursday.\n\n"
        "The magistrate sentenced him to three years in prison.\n\n"
        "The hearing at Kisumu Law Court lasted less than an hour."
    )
    assert _places_of(pipeline, text, "sentenced him") == ["Kisumu"]


@pytest.mark.model
def test_a_court_place_is_only_a_place_the_court_is_named_with(pipeline: Pipeline) -> None:
    from sitrep.events.records import court_place, usable_places

    def court(text: str) -> str | None:
        art = pipeline.analyze_text(text, published="2026-04-14")
        found = court_place(pipeline.nlp(art.text), usable_places(art))
        return found.name if found is not None else None

    assert court("The case went to Mombasa High Court last week.") == "Mombasa"
    assert court("The appeal is before the High Court in Mombasa.") == "Mombasa"
    # the place of another noun along the way is no court's
    assert court("The rampage led from a courthouse to a Mombasa suburb.") is None
    # a country and a city in it name one court: the city
    assert court("Kenya's High Court heard the case at its courthouse in Kisumu.") == "Kisumu"
    # courts in two cities: no one court
    assert court("Mombasa High Court and Nairobi High Court disagreed on the cases.") is None


@pytest.mark.model
def test_a_countrys_court_or_a_police_charge_takes_no_court_place(pipeline: Pipeline) -> None:
    # a court named only by its country says nothing of the city: the story's own place,
    # inside that country, stays the place of the court's step
    text = (
        "Students marched in Kampala on Monday to demand the release of a radio host.\n\n"
        "His lawyers have appealed to Uganda's Supreme Court.\n\n"
        "A magistrate convicted the host in March of insulting the president."
    )
    assert _places_of(pipeline, text, "convicted") == ["Kampala"]
    # a charge the police bring is laid at the station, not where a court named later sits
    text = (
        "ELDORET, Kenya — A lorry driver was arrested after a crash on Sunday.\n\n"
        "Police charged the driver with reckless driving.\n\n"
        "He is due to appear at Nakuru Law Court next month."
    )
    assert _places_of(pipeline, text, "charged") == ["Eldoret"]


@pytest.mark.model
def test_a_charge_any_police_noun_brings_is_no_court_step(nlp: Language) -> None:
    from sitrep.events.extract import court_act

    for subject in ("Police", "Cops", "Two gendarmes", "State troopers", "Two detectives"):
        doc = nlp(f"{subject} charged the driver with reckless driving.")
        charged = next(t for t in doc if t.lower_ == "charged")
        assert not court_act(charged, "COERCE"), subject
    doc = nlp("Prosecutors charged the driver with reckless driving.")
    assert court_act(next(t for t in doc if t.lower_ == "charged"), "COERCE")


@pytest.mark.model
def test_a_participle_conjoined_to_a_passive_takes_its_patient_not_a_doer(
    nlp: Language,
) -> None:
    # "X were killed and Y wounded": the parser reads Y as the subject of "wounded", but only
    # the auxiliary is left out: Y were wounded, its victims, never its doers
    roles = _roles(nlp, "Six policemen were killed and eleven soldiers wounded in the ambush.")
    assert ("wounded", None, "eleven soldiers") in roles, roles
    roles = _roles(nlp, "Four villagers were killed and nine others wounded in the raid.")
    assert ("wounded", None, None) in roles, roles  # ("others" names no party of its own)
    # a conjunct with a finite verb of its own keeps its subject as the doer
    roles = _roles(nlp, "Two soldiers were killed and the rebels attacked a convoy near the town.")
    assert ("attacked", "rebels", None) in roles, roles
    # an infinitive under such a participle keeps its controller as its subject
    from sitrep.events.extract import _subject

    doc = nlp("Two guards were killed and dozens of villagers forced to flee the valley.")
    subject, passive = _subject(next(t for t in doc if t.text == "flee"))
    assert subject is not None and subject.text == "dozens" and not passive
