"""Hand-written, deterministic article records for the API, dashboard and PostgreSQL tests.

An incursion story told by two outlets: an event at Belgorod Oblast (lat 50.7, lon 37.0), a
denial by Kyiv and claims that contradict it; an unrelated event elsewhere; an article whose
text and title carry HTML/script (it must always show as text); a skipped document.
"""

from __future__ import annotations

from datetime import date

from sitrep.model import (
    Actor,
    ActorKind,
    Article,
    Event,
    EventActor,
    Mention,
    Outcome,
    Place,
    Quote,
    Span,
    TimeExpression,
)

STORY = "story-incursion"
BELGOROD = (50.7, 37.0)  # lat, lon


def span(text: str, part: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start=start, end=start + len(part))


def _place(text: str, part: str, name: str, lat: float, lon: float, admin1: str) -> Place:
    return Place(
        span=span(text, part),
        text=part,
        name=name,
        lat=lat,
        lon=lon,
        admin1=admin1,
        country="RU" if admin1.startswith("Belgorod") else "UA",
        feature_code="ADM1",
        confidence=0.9,
    )


def incursion_report() -> Article:
    text = (
        "Armed men crossed into Belgorod Oblast from Ukraine on Monday, officials said.\n"
        "Governor Vyacheslav Gladkov said the group shelled the village of Kozinka overnight.\n"
        "Kyiv denied any involvement in the incursion, a military intelligence spokesman "
        "said on Telegram.\n"
    )
    oblast = _place(text, "Belgorod Oblast", "Belgorod Oblast", *BELGOROD, "Belgorod Oblast")
    return Article(
        id="incursion-wire",
        text=text,
        title="Armed group crosses into Belgorod Oblast",
        url="https://example.org/wire/incursion",
        source="Northern Wire",
        published=date(2023, 5, 23),
        language="en",
        content_hash="fixture-incursion-wire",
        pipeline_version="fixture",
        story=STORY,
        actors=[
            Actor(
                id="a0",
                name="Vyacheslav Gladkov",
                kind=ActorKind.PERSON,
                country="RUS",
                role="governor",
                mentions=[span(text, "Vyacheslav Gladkov")],
            ),
            Actor(
                id="a1",
                name="Government of Ukraine",
                kind=ActorKind.GOVERNMENT,
                country="UKR",
                mentions=[span(text, "Kyiv")],
            ),
        ],
        mentions=[
            Mention(span=span(text, "Belgorod Oblast"), text="Belgorod Oblast", label="GPE"),
            Mention(span=span(text, "Ukraine"), text="Ukraine", label="GPE", actor_id="a1"),
            Mention(
                span=span(text, "Vyacheslav Gladkov"),
                text="Vyacheslav Gladkov",
                label="PERSON",
                actor_id="a0",
            ),
            Mention(span=span(text, "Kyiv"), text="Kyiv", label="METONYM", actor_id="a1"),
        ],
        quotes=[
            Quote(
                content=span(text, "the group shelled the village of Kozinka overnight"),
                cue=span(text, "said", 1),
                source=span(text, "Governor Vyacheslav Gladkov"),
                speaker="Vyacheslav Gladkov",
                speaker_actor_id="a0",
                stance="assert",
            ),
            Quote(
                content=span(text, "any involvement in the incursion"),
                cue=span(text, "denied"),
                source=span(text, "Kyiv"),
                speaker="Government of Ukraine",
                speaker_actor_id="a1",
                stance="deny",
                channel="telegram",
                channel_span=span(text, "Telegram"),
            ),
        ],
        places=[
            oblast,
            _place(text, "Kozinka", "Kozinka", 50.52, 36.95, "Belgorod Oblast"),
            _place(text, "Kyiv", "Kyiv", 50.45, 30.52, "Kyiv City").model_copy(
                update={"literal": False}
            ),
        ],
        times=[
            TimeExpression(
                span=span(text, "Monday"),
                text="Monday",
                value="2023-05-22",
                anchor=date(2023, 5, 23),
            ),
            TimeExpression(
                span=span(text, "overnight"), text="overnight", type="TIME", value="2023-05-22TNI"
            ),
        ],
        events=[
            Event(
                plover_type="ASSAULT",
                acled_event_type="Explosions/Remote violence",
                acled_sub_event_type="Shelling/artillery/missile attack",
                trigger=span(text, "shelled"),
                evidence=span(
                    text,
                    "Governor Vyacheslav Gladkov said the group shelled the "
                    "village of Kozinka overnight.",
                ),
                source_actor=EventActor(
                    span=span(text, "the group"), text="the group", name="Armed group"
                ),
                place=oblast,
                date="2023-05-22",
                modality="reported",
                claimant="Vyacheslav Gladkov",
                claim_quote=0,
                confidence=0.8,
            )
        ],
    )


def incursion_response() -> Article:
    text = (
        "Russian officials said Ukrainian saboteurs were responsible for the incursion into "
        "Belgorod Oblast.\n"
        '"Ukraine was behind the attack," Kremlin spokesman Dmitry Peskov told reporters.\n'
    )
    oblast = _place(text, "Belgorod Oblast", "Belgorod Oblast", *BELGOROD, "Belgorod Oblast")
    return Article(
        id="incursion-ledger",
        text=text,
        title="Moscow blames Ukraine for Belgorod incursion",
        url="https://example.org/ledger/belgorod",
        source="Eastern Ledger",
        published=date(2023, 5, 24),
        language="en",
        content_hash="fixture-incursion-ledger",
        pipeline_version="fixture",
        story=STORY,
        actors=[
            Actor(
                id="a0",
                name="Dmitry Peskov",
                kind=ActorKind.PERSON,
                country="RUS",
                mentions=[span(text, "Dmitry Peskov")],
            )
        ],
        mentions=[
            Mention(
                span=span(text, "Dmitry Peskov"),
                text="Dmitry Peskov",
                label="PERSON",
                actor_id="a0",
            ),
            Mention(span=span(text, "Kremlin"), text="Kremlin", label="ORG"),
        ],
        quotes=[
            Quote(
                content=span(
                    text,
                    "Ukrainian saboteurs were responsible for the incursion into Belgorod Oblast",
                ),
                cue=span(text, "said"),
                source=span(text, "Russian officials"),
                speaker="Russian officials",
                stance="assert",
            ),
            Quote(
                content=span(text, "Ukraine was behind the attack"),
                cue=span(text, "told"),
                source=span(text, "Kremlin spokesman Dmitry Peskov"),
                speaker="Dmitry Peskov",
                speaker_actor_id="a0",
                kind="direct",
                stance="assert",
            ),
        ],
        places=[oblast],
        events=[
            Event(
                plover_type="ASSAULT",
                acled_event_type="Battles",
                acled_sub_event_type="Armed clash",
                trigger=span(text, "incursion"),
                evidence=span(
                    text,
                    "Russian officials said Ukrainian saboteurs were responsible "
                    "for the incursion into Belgorod Oblast.",
                ),
                place=oblast,
                date="2023-05-22",
                modality="claimed",
                claimant="Russian officials",
                claim_quote=0,
            )
        ],
    )


def elsewhere() -> Article:
    text = "Protesters gathered in Kharkiv on Friday to demand more shelters.\n"
    kharkiv = Place(
        span=span(text, "Kharkiv"),
        text="Kharkiv",
        name="Kharkiv",
        lat=49.99,
        lon=36.23,
        admin1="Kharkiv Oblast",
        country="UA",
    )
    return Article(
        id="kharkiv-protest",
        text=text,
        title="Protest in Kharkiv",
        source="City Desk",
        published=date(2023, 4, 14),
        content_hash="fixture-kharkiv",
        pipeline_version="fixture",
        places=[kharkiv],
        times=[TimeExpression(span=span(text, "Friday"), text="Friday", value="2023-04-14")],
        events=[
            Event(
                plover_type="PROTEST",
                acled_event_type="Protests",
                acled_sub_event_type="Peaceful protest",
                trigger=span(text, "gathered"),
                evidence=Span(start=0, end=len(text.rstrip())),
                source_actor=EventActor(
                    span=span(text, "Protesters"), text="Protesters", name="Protesters (Ukraine)"
                ),
                place=kharkiv,
                date="2023-04-14",
            )
        ],
    )


HOSTILE = (
    "<script>document.body.dataset.pwned='script'</script> "
    "<img src=x onerror=\"document.body.dataset.pwned='img'\"> "
    "'; DROP TABLE articles; -- 100% of_the"
)


def hostile() -> Article:
    """An article whose title, text, speaker and quote are markup: it must show as text."""
    text = f"The spokesman said {HOSTILE} and left.\n"
    return Article(
        id="hostile-markup",
        text=text,
        title="<b>bold</b><script>document.body.dataset.pwned='title'</script>",
        source="<i>Markup Times</i>",
        published=date(2023, 5, 1),
        content_hash="fixture-hostile",
        pipeline_version="fixture",
        quotes=[
            Quote(
                content=span(text, HOSTILE),
                cue=span(text, "said"),
                source=span(text, "The spokesman"),
                speaker="<img src=x onerror=\"document.body.dataset.pwned='speaker'\">",
            )
        ],
    )


def skipped() -> Article:
    return Article(
        id="empty-page",
        origin="/corpus/empty.html",
        outcome=Outcome(status="skipped", reason="empty"),
    )


def fixture_articles() -> list[Article]:
    return [incursion_report(), incursion_response(), elsewhere(), hostile(), skipped()]
