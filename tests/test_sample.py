"""Golden test on the bundled example article: the facts of its careful human reading.

``examples/belgorod-incursion.txt`` is a real scraped article; these checks follow
``belgorod-incursion.expected.md`` (not shipped). The code never special-cases this text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.model import Article, OutcomeStatus
from sitrep.sources.files import iter_documents

pytestmark = pytest.mark.model

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "belgorod-incursion.txt"


@pytest.fixture(scope="module")
def article(pipeline) -> Article:  # type: ignore[no-untyped-def]
    (a,) = list(pipeline.analyze_raw(iter_documents([EXAMPLE])))
    assert a.outcome.status is OutcomeStatus.OK, a.outcome
    return a


def _quotes_by_cue(article: Article, cue_word: str) -> list:  # type: ignore[type-arg]
    return [q for q in article.quotes if q.cue and cue_word in article.snippet(q.cue).lower()]


def test_boilerplate_removed_and_metadata_read(article: Article) -> None:
    assert "back to top" not in article.text
    assert "More in section" not in article.text
    assert "Kyiv categorically denies" in article.text
    assert str(article.published) == "2023-05-23"


def test_podolak_direct_quote_on_twitter_is_a_denial(article: Article) -> None:
    quotes = _quotes_by_cue(article, "wrote")
    assert quotes, [article.snippet(q.cue) for q in article.quotes]
    q = quotes[0]
    assert q.speaker == "Mykhailo Podolak"
    assert q.stance == "deny"
    assert q.channel and "twitter" in q.channel.lower()
    content = article.snippet(q.content)
    assert "nothing to do with it" in content and "Russian citizens" in content


@pytest.mark.parametrize("cue", ["stated", "explained", "confirmed"])
def test_kyrychevsky_is_the_expert_speaker(article: Article, cue: str) -> None:
    quotes = _quotes_by_cue(article, cue)
    assert quotes, cue
    assert quotes[0].speaker == "Ivan Kyrychevsky"
    if cue == "confirmed":
        assert quotes[0].stance == "confirm"


def test_kyiv_denial_is_the_ukrainian_government(article: Article) -> None:
    quotes = _quotes_by_cue(article, "denies")
    assert quotes
    q = quotes[0]
    assert q.stance == "deny"
    assert q.speaker and "ukrain" in q.speaker.lower() and "government" in q.speaker.lower()


def test_belgorod_region_resolved(article: Article) -> None:
    places = [p for p in article.places if "Belgorod" in p.text and p.geonames_id]
    assert places
    assert any(p.geonames_id == 578071 and p.country == "RU" for p in places), places


def test_monday_resolved_against_publication_date(article: Article) -> None:
    mondays = [t for t in article.times if "Monday" in t.text]
    assert mondays
    assert all((t.value or "").startswith("2023-05-22") for t in mondays), mondays
    yesterday = [t for t in article.times if t.text.lower() == "yesterday"]
    assert yesterday and yesterday[0].value == "2023-05-22"


def test_assault_battle_by_the_volunteer_corps(article: Article) -> None:
    battles = [
        e for e in article.events if e.plover_type == "ASSAULT" and e.acled_event_type == "Battles"
    ]
    assert battles
    actors = " ".join(
        (e.source_actor.text if e.source_actor else "")
        + " "
        + (e.source_actor.name or "" if e.source_actor else "")
        for e in battles
    )
    assert "Volunteer Corps" in actors or "Freedom Legion" in actors or "battalions" in actors


def test_kyiv_and_moscow_are_metonymic(article: Article) -> None:
    for name in ("Kyiv", "Moscow"):
        uses = [p for p in article.places if p.text.rstrip(".") == name]
        assert uses, name
        assert all(not p.literal for p in uses), (
            name,
            [article.text[p.span.start - 40 : p.span.end] for p in uses],
        )


def test_main_event_has_place_and_date(article: Article) -> None:
    main = article.events[0]
    assert main.plover_type == "ASSAULT" and main.acled_sub_event_type == "Armed clash"
    assert main.place is not None and main.place.country == "RU"
    assert main.place.admin1 and "Belgorod" in main.place.admin1
    assert main.date == "2023-05-22"


def test_liberated_towns_are_a_claim_not_a_fact(article: Article) -> None:
    claimed = [
        e
        for e in article.events
        if "liberated" in article.snippet(e.evidence) and e.modality == "claimed"
    ]
    assert claimed
    assert claimed[0].acled_sub_event_type == "Non-state actor overtakes territory"
    assert claimed[0].claim_quote is not None
    quote = article.quotes[claimed[0].claim_quote]
    assert "liberated" in article.snippet(quote.content)
