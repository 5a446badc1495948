"""The one record model of sitrep.

Every extracted field carries evidence as a :class:`Span` of character offsets into
``Article.text`` (Python string offsets, end exclusive). This module imports nothing of sitrep:
it is the bottom floor that stages, store, exports, CLI and API all share.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1"

Day = date  # an alias for annotations in classes that have a field named ``date``


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


DatePrecision = Literal[
    "day", "week", "month", "quarter", "half", "season", "year", "decade", "century", "range"
]
"""How much of the calendar a date covers: a day, a calendar unit, or an explicit range."""

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_TIMEX_DATE = re.compile(
    r"^(?P<y>\d{2,4})"
    r"(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE?)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)


def date_interval(value: str | None) -> tuple[date, date, DatePrecision] | None:
    """The first and last day a TIMEX3 date value covers, and its precision.

    ``"2023-05-22"`` is a day, ``"2023-W21"`` a week, ``"2023-05"`` a month, ``"2023-Q2"``,
    ``"2023-H2"``, ``"2023-SU"``, ``"2023"``, ``"202"`` (the 2020s) and ``"20"`` (the 1900s)
    their units; a weekend (``"2023-W21-WE"``) and an ISO interval ``"start/end"`` are ranges.
    Values that name no calendar position (``"PRESENT_REF"``, ``"XXXX-05"``) give ``None``.
    """
    if not value:
        return None
    try:
        if "/" in value:
            first, last = (date_interval(v) for v in value.split("/", 1))
            if first is None or last is None or last[1] < first[0]:
                return None
            return first[0], last[1], "range"
        m = _TIMEX_DATE.match(value.strip())
        if m is None:
            return None
        digits, y = m["y"], int(m["y"])
        if len(digits) == 3:
            return date(y * 10, 1, 1), date(y * 10 + 9, 12, 31), "decade"
        if len(digits) == 2:
            return date(y * 100, 1, 1), date(y * 100 + 99, 12, 31), "century"
        if len(digits) != 4:
            return None
        if m["d"]:
            day = date(y, int(m["m"]), int(m["d"]))
            return day, day, "day"
        if m["m"]:
            month = int(m["m"])
            return date(y, month, 1), date(y, month, monthrange(y, month)[1]), "month"
        if m["w"]:
            monday = date.fromisocalendar(y, int(m["w"]), 1)
            if m["we"]:
                return monday + timedelta(days=5), monday + timedelta(days=6), "range"
            return monday, monday + timedelta(days=6), "week"
        if m["q"] or m["h"]:
            months = 3 if m["q"] else 6
            n = int(m["q"] or m["h"])
            first_month, last_month = (n - 1) * months + 1, n * months
            last_day = monthrange(y, last_month)[1]
            unit: DatePrecision = "quarter" if m["q"] else "half"
            return date(y, first_month, 1), date(y, last_month, last_day), unit
        if m["s"]:
            a, b = _SEASON_MONTHS[m["s"]]
            end_y, end_m = y + (b - 1) // 12, (b - 1) % 12 + 1
            return date(y, a, 1), date(end_y, end_m, monthrange(end_y, end_m)[1]), "season"
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:  # a day, week or month that does not exist
        return None


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
    precision: DatePrecision | None = Field(
        default=None, description="calendar unit of a DATE value; filled from value when unset"
    )

    @model_validator(mode="after")
    def _fill_precision(self) -> TimeExpression:
        if self.precision is None and self.type in ("DATE", "TIME"):
            found = date_interval(self.value)
            if found is not None:
                self.precision = found[2]
        return self


Modality = Literal["reported", "claimed", "denied", "planned"]


GeoPrecision = Literal["exact", "admin1", "country"]
DateSource = Literal["stated", "narrative", "lede", "published"]


class EventActor(Record):
    span: Span
    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sector: str | None = None


class Event(Record):
    """Who did what to whom, where and when, typed in PLOVER and ACLED."""

    plover_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: Span | None = None
    evidence: Span
    mentions: list[Span] = Field(
        default_factory=list,
        description="every mention of the event (headline, lede, recaps), evidence first",
    )
    source_actor: EventActor | None = None
    target_actor: EventActor | None = None
    place: Place | None = None
    geo_precision: GeoPrecision | None = Field(
        default=None, description="what ``place`` pins down (ACLED geo_precision)"
    )
    time: TimeExpression | None = None
    date: str | None = Field(default=None, description="resolved date, YYYY-MM-DD or coarser")
    date_source: DateSource | None = Field(
        default=None,
        description="where ``date`` comes from: stated in the event's clause, stated earlier "
        "in the narrative it continues (an undated article), the lede's day (the article's "
        "event time), or the publication date (a guess)",
    )
    date_precision: DatePrecision | None = Field(
        default=None, description="what ``date`` covers: day, week, month, ...; filled from date"
    )
    date_start: Day | None = Field(default=None, description="first day ``date`` covers")
    date_end: Day | None = Field(default=None, description="last day ``date`` covers")
    modality: Modality = "reported"
    claimant: str | None = None
    claim_quote: int | None = Field(default=None, description="index into Article.quotes")
    confidence: float = 0.0
    fatalities: int | None = Field(
        default=None, description="deaths stated in the text (ACLED's lowest estimate)"
    )
    event_class: str | None = Field(
        default=None,
        description="a non-ACLED CASE 2021 class (e.g. Diplomatic event); ACLED fields are null",
    )

    @model_validator(mode="after")
    def _fill_interval(self) -> Event:
        """Derive precision, first and last day from ``date`` where the producer left them out."""
        if self.date and (self.date_precision is None or self.date_start is None):
            found = date_interval(self.date)
            if found is not None:
                start, end, precision = found
                self.date_start = self.date_start or start
                self.date_end = self.date_end or end
                self.date_precision = self.date_precision or precision
        return self


class Article(Record):
    """One document and everything sitrep extracted from it."""

    id: str = Field(description="unique and stable (see sitrep.ids): name plus a digest")
    name: str | None = Field(
        default=None, description="the input's name (file name without extension): for display"
    )
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
