"""The one record model of sitrep.

Every extracted field carries evidence as a :class:`Span` of character offsets into
``Article.text`` (Python string offsets, end exclusive). This module imports nothing of sitrep:
it is the bottom floor that stages, store, exports, CLI and API all share.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"


class Record(BaseModel):
    """Base of every record: strict about unknown fields, friendly to JSON."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Record):
    """Character offsets into ``Article.text``; ``end`` is exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} < start {self.start}")
        return self

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class OutcomeStatus(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


class Outcome(Record):
    """What happened to a document: ok, skipped with a reason, or failed with an error class."""

    status: OutcomeStatus = OutcomeStatus.OK
    reason: str | None = None

    def __str__(self) -> str:
        return self.status.value if not self.reason else f"{self.status.value}:{self.reason}"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    MEDIA = "media"
    PLATFORM = "platform"
    GROUP = "group"  # unnamed collectives: "analysts", "residents"
    COUNTRY = "country"
    OTHER = "other"


class Actor(Record):
    """A canonical actor: one per real-world person, organisation or government in an article."""

    id: str
    name: str
    kind: ActorKind = ActorKind.OTHER
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(
        default=None, description="government, military, rebels, police, civilians, media, ..."
    )
    role: str | None = Field(default=None, description="e.g. 'governor of the region'")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Mention(Record):
    """A stretch of text naming or referring to an entity, linked to its canonical actor."""

    span: Span
    text: str
    label: str = Field(description="spaCy NER label, or NOMINAL / PRONOUN / METONYM")
    actor_id: str | None = None


Stance = Literal["assert", "deny", "confirm", "speculate", "other"]
QuoteKind = Literal["direct", "mixed", "indirect"]


class Quote(Record):
    """An attributed statement: who (source/speaker) said what (content) through which cue."""

    content: Span
    content_segments: list[Span] = Field(default_factory=list)
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = Field(default=None, description="canonical name of the speaker")
    speaker_actor_id: str | None = None
    kind: QuoteKind = "indirect"
    stance: Stance = "assert"
    stance_label: str | None = Field(default=None, description="finer label, e.g. request")
    hedged: bool = False
    hedges: list[Span] = Field(default_factory=list)
    channel: str | None = Field(default=None, description="twitter, telegram, interview, ...")
    channel_span: Span | None = None
    confidence: float = 1.0


class Place(Record):
    """A toponym, resolved to the gazetteer where possible."""

    span: Span
    text: str
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    admin1: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    literal: bool = Field(default=True, description="False for metonymy: 'Kyiv denies'")
    demonym: bool = Field(
        default=False,
        description="an adjective or demonym naming the country ('Russian'): a country "
        "reference, never an event location",
    )
    confidence: float = 0.0


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


class TimeExpression(Record):
    """A time expression normalised to a TIMEX3 value against the anchor (publication date)."""

    span: Span
    text: str
    type: TimexType = "DATE"
    value: str | None = None
    anchor: date | None = None
    resolved: bool = Field(default=False, description="value is absolute, not anchor-relative")
    note: str | None = None


Modality = Literal["reported", "claimed", "denied", "planned"]


class EventActor(Record):
    span: Span
    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


class Event(Record):
    """Who did what to whom, where and when, typed in PLOVER and ACLED."""

    plover_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: Span | None = None
    evidence: Span
    source_actor: EventActor | None = None
    target_actor: EventActor | None = None
    place: Place | None = None
    time: TimeExpression | None = None
    date: str | None = Field(default=None, description="resolved date, YYYY-MM-DD or coarser")
    modality: Modality = "reported"
    claimant: str | None = None
    claim_quote: int | None = Field(default=None, description="index into Article.quotes")
    confidence: float = 0.0


class Article(Record):
    """One document and everything sitrep extracted from it."""

    id: str
    text: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="publisher or outlet")
    published: date | None = None
    language: str | None = None
    origin: str | None = Field(default=None, description="where it was read from")
    content_hash: str | None = None
    outcome: Outcome = Field(default_factory=Outcome)
    mentions: list[Mention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    story: str | None = None
    pipeline_version: str | None = None
    analysed_at: datetime | None = None

    def snippet(self, span: Span | None) -> str:
        return "" if span is None else self.text[span.start : span.end]

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)


class Claim(Record):
    """A statement placed in a story: a quote lined up with others on the same proposition."""

    article_id: str
    quote_index: int
    proposition: str
    speaker: str | None = None
    stance: Stance = "assert"
    hedged: bool = False
    outlet: str | None = None
    evidence: Span
    sentence: str = ""
    contradicts: list[int] = Field(default_factory=list, description="indexes into Story.claims")
    agrees: list[int] = Field(default_factory=list)


class Story(Record):
    """One story across outlets: its articles, time span, events and claims side by side."""

    id: str
    title: str
    article_ids: list[str] = Field(default_factory=list)
    start: date | None = None
    end: date | None = None
    claims: list[Claim] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    """The JSON Schema of the article record (what stores, exports and the API share)."""
    return Article.model_json_schema()
