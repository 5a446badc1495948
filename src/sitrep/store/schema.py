"""SQLAlchemy 2 schema: portable between SQLite (default) and PostgreSQL; every table of the
database is defined here and created by the Alembic migrations (:mod:`sitrep.store.migrations`).

The full :class:`~sitrep.model.Article` record is stored as JSON in ``articles.record``; the
derived tables (mentions, quotes, places, times, events) hold the queryable columns with their
evidence offsets. Derived rows are replaced together with their article in one transaction.
``sitrep ingest`` keeps its ledger (``ingest_records``, ``ingest_checkpoints``) and the
duplicate index (``dedup_documents``, :mod:`sitrep.corpus.dedup`) here too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(600), unique=True, index=True)
    doc_id: Mapped[str] = mapped_column(String(500), index=True)
    origin: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    story: Mapped[str | None] = mapped_column(String(100), index=True)
    pipeline_version: Mapped[str | None] = mapped_column(String(32))
    analysed_at: Mapped[datetime | None] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    record: Mapped[dict[str, object]] = mapped_column(JSON)


def _article_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = _article_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String(300), index=True)
    actor_kind: Mapped[str | None] = mapped_column(String(32))


class QuoteRow(Base):
    __tablename__ = "quotes"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = _article_fk()
    idx: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)
    stance: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(64))
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[str] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)


class PlaceRow(Base):
    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = _article_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(300), index=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    literal: Mapped[bool] = mapped_column(Boolean, default=True)


class TimeRow(Base):
    __tablename__ = "times"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = _article_fk()
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(String(64), index=True)


class EventRow(Base):
    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = _article_fk()
    idx: Mapped[int] = mapped_column(Integer)
    plover_type: Mapped[str | None] = mapped_column(String(32), index=True)
    acled_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    event_date: Mapped[str | None] = mapped_column(String(32), index=True)
    # what event_date covers (migration 0003): day, week, month, ... and its first/last day
    event_precision: Mapped[str | None] = mapped_column(String(16))
    event_start: Mapped[date | None] = mapped_column(Date, index=True)
    event_end: Mapped[date | None] = mapped_column(Date, index=True)
    modality: Mapped[str] = mapped_column(String(16))
    actor1: Mapped[str | None] = mapped_column(String(300), index=True)
    actor2: Mapped[str | None] = mapped_column(String(300), index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    lat: Mapped[float | None] = mapped_column(Float, index=True)
    lon: Mapped[float | None] = mapped_column(Float, index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text)


class ActorNameRow(Base):
    """Every actor name of stored events (``actor1`` or ``actor2``), once (migration 0006):
    the actor filter finds the names that contain its text here, among few rows, then their
    events from the actor indexes. The store adds an event's names with the event; a name
    stays when its events go (it then matches no event)."""

    __tablename__ = "actor_names"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)


# a PLOVER type's events in page order, with the columns the other common filters test
# (migration 0006: a type filter with a date range, country or modality reads no rows)
TYPE_SCAN = ("plover_type", "event_date", "pk", "event_start", "event_end", "modality", "country")
Index("ix_events_type_scan", *(getattr(EventRow, c) for c in TYPE_SCAN))
# map queries (bounding boxes) read both coordinates from one index (migration 0002)
Index("ix_events_lat_lon", EventRow.lat, EventRow.lon)
Index("ix_places_lat_lon", PlaceRow.lat, PlaceRow.lon)
# list pages (migration 0005): events newest first are read in index order, with the columns
# the common filters test in the index itself (no row lookups while skipping or filtering);
# stories group their articles from one index
EVENTS_SCAN = (
    "event_date",
    "pk",
    "event_start",
    "event_end",
    "lat",
    "lon",
    "country",
    "modality",
    "plover_type",
    "acled_event_type",
    "acled_sub_event_type",
)
Index("ix_events_date_scan", *(getattr(EventRow, c) for c in EVENTS_SCAN))
# a date-range filter counted and paged from one index: the days an event covers overlap
# [since, until], and the page's order key is in the index too (migration 0006)
Index("ix_events_end_start_date", EventRow.event_end, EventRow.event_start, EventRow.event_date)
# a date range read per date precision: each precision's events from a bounded stretch of start
# days, counted and sorted in the index (migration 0007; pk for PostgreSQL's index-only scans)
PRECISION_START = ("event_precision", "event_start", "event_end", "event_date", "pk")
Index("ix_events_precision_start", *(getattr(EventRow, c) for c in PRECISION_START))
# a PLOVER type with a date range, read per date precision as above, with the columns the
# other common filters test (migration 0010: the type's events of the range's days only). The
# type second: a type alone is still read in date order from ix_events_type_scan
PRECISION_TYPE = (
    "event_precision",
    "plover_type",
    "event_start",
    "event_end",
    "event_date",
    "pk",
    "modality",
    "country",
)
Index("ix_events_precision_type", *(getattr(EventRow, c) for c in PRECISION_TYPE))
# saving an article looks up others with its URL (migration 0007); hashed on PostgreSQL, whose
# B-tree entries cannot exceed about 2.7 kB
Index("ix_articles_url", ArticleRow.url, postgresql_using="hash")
STORIES_SCAN = ("story", "status", "published")  # no text column: PostgreSQL caps index rows
Index("ix_articles_story_scan", *(getattr(ArticleRow, c) for c in STORIES_SCAN))


class StoryRow(Base):
    """One row per story of ``ok`` articles: how many and their first and last publication
    dates (``NULL`` when none is dated), what an unfiltered story list shows and sorts by.
    Kept in step with ``articles`` by triggers (migration 0009), whatever writes the
    articles; a story with no ``ok`` article has no row."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, nullable=False)
    first_published: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_published: Mapped[date | None] = mapped_column(Date, nullable=True)


# the story list in its order (latest date first, then id) from the index, newest end first
Index("ix_stories_latest", StoryRow.last_published, StoryRow.id)


#: what migration 0008 makes for text filters outside these models, by database: SQLite's FTS5
#: table over events.evidence (and the tables FTS5 keeps for it), PostgreSQL's trigram index
TEXT_SEARCH = {
    "tables": {"events_fts", *(f"events_fts_{s}" for s in ("data", "idx", "docsize", "config"))},
    "indexes": {"ix_events_evidence_trgm"},
}


def in_models(name: str | None, kind: str, _parent: object = None) -> bool:
    """Alembic ``include_name``: whether a database object is compared with these models
    (not the text-search objects of :data:`TEXT_SEARCH`)."""
    if kind == "table":
        return name not in TEXT_SEARCH["tables"]
    if kind == "index":
        return name not in TEXT_SEARCH["indexes"]
    return True


class IngestRecordRow(Base):
    """The ingest ledger: one row per record read (where it came from, its outcome, and the
    id of the article stored for it); committed after the article (migration 0004)."""

    __tablename__ = "ingest_records"

    key: Mapped[str] = mapped_column(String(700), primary_key=True)
    source: Mapped[str] = mapped_column(String(1000), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    article: Mapped[str | None] = mapped_column(String(500))


class IngestCheckpointRow(Base):
    """Where to resume each ingest source (migration 0004)."""

    __tablename__ = "ingest_checkpoints"

    source: Mapped[str] = mapped_column(String(1000), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    records: Mapped[int] = mapped_column(Integer)
    complete: Mapped[bool] = mapped_column(Boolean)
    updated: Mapped[datetime] = mapped_column(DateTime)


class DedupDocumentRow(Base):
    """The persistent exact / near-duplicate index of ingest (migration 0004)."""

    __tablename__ = "dedup_documents"

    key: Mapped[str] = mapped_column(String(600), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    canonical: Mapped[str | None] = mapped_column(String(600))
    similarity: Mapped[float | None] = mapped_column(Float)


def table(name: str) -> Table:
    """A table of the schema as a Core :class:`Table` (for bulk inserts and updates)."""
    return Base.metadata.tables[name]
