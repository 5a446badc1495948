"""Entities stage: canonical actors, roles, metonyms and pronouns on hand-written text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sitrep.model import ActorKind, Article, Span
from sitrep.stages.base import Analysis
from sitrep.stages.entities import resolve_speaker

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def read(nlp: Language):
    from sitrep.stages.entities import EntitiesStage

    stage = EntitiesStage()

    def _read(text: str) -> Article:
        return stage(Analysis(article=Article(id="t", text=text), doc=nlp(text))).article

    return _read


def _actor_at(article: Article, text: str):
    start = article.text.index(text)
    return resolve_speaker(article, Span(start=start, end=start + len(text)))


@pytest.mark.model
def test_surname_goes_to_full_name_and_apposition_gives_role(read) -> None:
    art = read(
        "Andriy Melnyk, the governor of the province, visited the port on Friday. "
        "Melnyk promised new shelters."
    )
    actor = _actor_at(art, "Melnyk promised"[:6])
    assert actor is not None and actor.name == "Andriy Melnyk"
    assert actor.kind == ActorKind.PERSON
    assert actor.role == "governor of the province"
    assert "Melnyk" in actor.aliases
    assert len(actor.mentions) >= 2


@pytest.mark.model
def test_role_noun_resolves_to_the_introduced_person(read) -> None:
    art = read(
        "The bridge was hit twice, said security expert Marta Zielinska.\n\n"
        "The repairs will take months, added the expert."
    )
    actor = _actor_at(art, "the expert")
    assert actor is not None and actor.name == "Marta Zielinska"


@pytest.mark.model
def test_capitals_as_governments(read) -> None:
    art = read(
        "Kyiv rejected the claim. Moscow said the talks had failed. Talks were held in Paris."
    )
    kyiv = _actor_at(art, "Kyiv")
    moscow = _actor_at(art, "Moscow")
    assert kyiv is not None and (kyiv.name, kyiv.kind, kyiv.country) == (
        "Government of Ukraine",
        ActorKind.GOVERNMENT,
        "UKR",
    )
    assert moscow is not None and moscow.country == "RUS"
    assert _actor_at(art, "Paris") is None  # a place here, not an actor
    assert any(m.label == "METONYM" for m in art.mentions)


@pytest.mark.model
def test_armed_groups_and_platforms(read) -> None:
    art = read(
        "Fighters of the Siberian Battalion and the Free Mountain Legion crossed the river. "
        "Their commander posted a video on Telegram."
    )
    kinds = {a.name: a.kind for a in art.actors}
    assert ActorKind.ARMED_GROUP in kinds.values()
    assert kinds.get("Telegram") == ActorKind.PLATFORM


@pytest.mark.model
def test_pronoun_goes_to_recent_subject(read) -> None:
    art = read(
        "Prime Minister Elena Sorin met the union leaders on Monday. She said the strike must end."
    )
    actor = _actor_at(art, "She")
    assert actor is not None and actor.name == "Elena Sorin"
    pron = [m for m in art.mentions if m.label == "PRONOUN"]
    assert pron and pron[0].actor_id == actor.id


@pytest.mark.model
def test_demonym_authorities_are_a_government(read) -> None:
    art = read("Polish authorities closed the border crossing overnight.")
    actor = _actor_at(art, "Polish authorities")
    assert actor is not None and actor.kind == ActorKind.GOVERNMENT and actor.country == "POL"


@pytest.mark.model
def test_pronoun_skips_a_person_of_the_other_gender(read) -> None:
    art = read(
        "Mr. Tomas Ferreira met Ingrid Solberg at the tram depot. She said the trams ran late."
    )
    actor = _actor_at(art, "She")
    assert actor is not None and actor.name == "Ingrid Solberg"


@pytest.mark.model
def test_a_full_name_typed_as_an_organisation_is_the_person_its_surname_names(read) -> None:
    # the NER types "Quintell Lewis" ORG here, and "Lewis" alone PERSON
    art = read(
        "Quintell Lewis, who represents the drivers, said the new rules were unfair. "
        "Lewis said the union would appeal."
    )
    full = _actor_at(art, "Quintell Lewis")
    assert full is not None and full.kind == ActorKind.PERSON
    start = art.text.index("Lewis said")
    alone = resolve_speaker(art, Span(start=start, end=start + len("Lewis")))
    assert alone is not None and alone.id == full.id


@pytest.mark.model
def test_a_surname_two_full_names_share_does_not_make_the_organisation_one_a_person(
    read,
) -> None:
    # the NER types "Quintell Lewis" ORG and "Marcus Lewis" PERSON: "Lewis" alone is no
    # evidence that the first is a person, it may be the second
    art = read(
        "The depot manager, Marcus Lewis, was fired on Monday. Quintell Lewis, who represents "
        "the drivers, said the rules were unfair. Lewis said the audit was unfair."
    )
    start = art.text.index("Lewis said")
    alone = resolve_speaker(art, Span(start=start, end=start + len("Lewis")))
    assert alone is None or alone.name != "Quintell Lewis"


@pytest.mark.model
def test_a_name_inside_a_title_cased_headline_run_is_not_made_a_person(read) -> None:
    # a headline run into the text: "Quintell Lewis Country" is no person's name
    art = read(
        "Is a Drivers Strike Looming in Quintell Lewis Country?The drivers met on Monday. "
        "Lewis said the union would appeal."
    )
    full = _actor_at(art, "Quintell Lewis")
    assert full is None or full.kind != ActorKind.PERSON


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Gunmen attacked a police post near Port Alden on Monday. Governor Alden said the "
            "police would not be intimidated.",
            "Port Alden",
        ),
        ("Rebels shelled Fort Kimball overnight. Kimball said the garrison held.", "Fort Kimball"),
    ],
)
def test_a_place_named_after_a_person_is_not_made_that_person(read, text, place) -> None:
    art = read(text)
    actor = _actor_at(art, place)
    assert actor is None or actor.kind != ActorKind.PERSON


@pytest.mark.model
def test_his_client_is_the_person_the_lawyer_represents(read) -> None:
    art = read(
        "Tavon Whitlock, who represents Ortiz, said the hearing was delayed. "
        "Whitlock said his client would testify."
    )
    client = _actor_at(art, "his client")
    assert client is not None and client.name == "Ortiz"


@pytest.mark.model
def test_his_clients_are_not_one_of_the_people_the_lawyer_represents(read) -> None:
    art = read(
        "Viktor Hale, who represents Maria Sousa and Pablo Reyes, said his clients would "
        "plead not guilty."
    )
    clients = _actor_at(art, "his clients")
    assert clients is None or clients.name not in ("Maria Sousa", "Pablo Reyes")
