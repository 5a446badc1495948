"""Response and request models of the REST API: the record model, or thin views derived from it.

Full records (``Article``, ``Story``, ``Claim``, ``Span``) are the classes of
:mod:`sitrep.model`; list items are flat views of the store's queryable columns, each carrying
the evidence :class:`~sitrep.model.Span` into its article's text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from sitrep.model import Claim, DatePrecision, Modality, QuoteKind, Span, Stance

T = TypeVar("T")

_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_date(value: object) -> object:
    """A date as its schema says (``format: date``, YYYY-MM-DD), not pydantic's lax forms
    (``0`` read as a Unix time, 1970-01-01)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


#: a date in a request: YYYY-MM-DD only
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class ErrorDetail(BaseModel):
    code: str = Field(description="machine-readable reason, e.g. not_found, validation")
    message: str


class ErrorBody(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items``, the number of matches, and the page asked for."""

    items: list[T]
    total: int = Field(ge=0, description="number of items matching the filters")
    limit: int
    offset: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    story: str | None = None
    status: str
    reason: str | None = None
    pipeline_version: str | None = None


class EventItem(BaseModel):
    """An event as stored (flat, ACLED-like), with its evidence span in the article."""

    article_id: str
    index: int = Field(description="index into Article.events")
    plover_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = Field(None, description="TIMEX3 value: 2023-05-22, 2023-W21, 2023-05...")
    date_precision: DatePrecision | None = None
    date_start: dt.date | None = Field(None, description="first day the date covers")
    date_end: dt.date | None = Field(None, description="last day the date covers")
    modality: Modality = "reported"
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: Span
    evidence_text: str
    published: dt.date | None = None
    source: str | None = None
    story: str | None = None


class QuoteItem(BaseModel):
    """An attributed statement as stored, with its content span in the article."""

    article_id: str
    index: int = Field(description="index into Article.quotes")
    speaker: str | None = None
    stance: Stance = "assert"
    kind: QuoteKind = "indirect"
    channel: str | None = None
    hedged: bool = False
    content: str
    cue: str | None = None
    content_span: Span
    published: dt.date | None = None
    source: str | None = None
    story: str | None = None


class PlaceItem(BaseModel):
    article_id: str
    span: Span
    text: str
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    literal: bool = True
    published: dt.date | None = None


class StorySummary(BaseModel):
    id: str
    title: str | None = None
    articles: int
    start: dt.date | None = None
    end: dt.date | None = None


class ClaimItem(Claim):
    """A claim of a story with its index into ``Story.claims`` (contradicts/agrees refer to it)."""

    story: str
    index: int


class TimelineBin(BaseModel):
    """Events sharing one date value, placed on the calendar by the days it covers."""

    date: str = Field(description="the date value as extracted (2023-05-22, 2023-W21, 2023...)")
    precision: DatePrecision | None = None
    start: dt.date = Field(description="first day covered")
    end: dt.date = Field(description="last day covered")
    count: int


class AnalyzeRequest(BaseModel):
    """A text or HTML page to analyse and store."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="plain text or a whole HTML page")
    published: IsoDate | None = Field(None, description="publication date (anchors relative times)")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=300)


class Health(BaseModel):
    status: str
    articles: int = Field(description="analysed (ok) articles: the total GET /articles lists")
    outcomes: dict[str, int] = Field(
        default_factory=dict, description="stored documents by outcome: ok, skipped, failed"
    )
    read_only: bool
