"""List and filter queries over the store, used by the REST API and the dashboard.

Every function takes a :class:`~sqlalchemy.orm.Session` and a :class:`Filters` and returns plain
rows (``RowMapping``) plus the total count; the API turns them into response models. User input
only ever reaches SQL as bound parameters; LIKE wildcards in it are escaped.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar, get_args

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    cast,
    column,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Engine, RowMapping
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from sitrep.model import DatePrecision
from sitrep.store.schema import (
    ActorNameRow,
    ArticleRow,
    EventRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    StoryRow,
)

__all__ = [
    "BBox",
    "Filters",
    "Page",
    "article_records",
    "list_articles",
    "list_events",
    "list_places",
    "list_quotes",
    "latest_story_ids",
    "list_stories",
    "memoised",
    "watch",
    "country_codes",
    "story_ids",
    "story_members",
    "stories_quote_records",
    "stories_records",
    "story_signatures",
    "story_exists",
    "story_records",
    "timeline",
]


@dataclass(frozen=True)
class BBox:
    """A bounding box in degrees: west, south, east, north (west > east crosses 180)."""

    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class Filters:
    """The filters every list endpoint understands (each applies where it makes sense)."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    bbox: BBox | None = None
    type: str | None = None
    stance: str | None = None
    modality: str | None = None
    q: str | None = None
    story: str | None = None
    source: str | None = None
    article: str | None = None
    status: str | None = "ok"


@dataclass
class Page:
    """One page of rows and the number of rows matching the filters."""

    rows: list[RowMapping]
    total: int


def country_codes(value: str) -> list[str]:
    """A country filter in either ISO form -> the codes to match (see :mod:`sitrep.countries`:
    places store alpha-2, actors alpha-3)."""
    from sitrep.countries import codes

    return codes(value)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _IContains(FunctionElement[bool]):
    """``column`` contains ``pattern``, case-insensitively, with ``\\`` escaping wildcards."""

    name = "icontains"
    inherit_cache = True
    type = Boolean()


@compiles(_IContains)
def _icontains_default(element: _IContains, compiler: Any, **kw: Any) -> str:
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"lower({column}) LIKE lower({pattern}) ESCAPE '\\'"


@compiles(_IContains, "postgresql")
def _icontains_pg(element: _IContains, compiler: Any, **kw: Any) -> str:
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} ILIKE {pattern} ESCAPE '\\'"


@compiles(_IContains, "sqlite")
def _icontains_sqlite(element: _IContains, compiler: Any, **kw: Any) -> str:
    # SQLite's LIKE already ignores ASCII case (its lower() folds no more), without lower()
    column, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} LIKE {pattern} ESCAPE '\\'"


def _contains(column: Any, value: str) -> ColumnElement[bool]:
    return _IContains(column, literal(_like(value)))


def _article_conditions(f: Filters) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if f.status:
        cond.append(ArticleRow.status == f.status)
    if f.story:
        cond.append(ArticleRow.story == f.story)
    if f.source:
        cond.append(_contains(ArticleRow.source, f.source))
    if f.article:
        cond.append(ArticleRow.doc_id == f.article)
    return cond


def _child_article_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """Article-level filters for rows of a child table. Child rows exist only for ``ok``
    articles (the repository adds them only then), so ``status`` needs no join."""
    return _article_conditions(
        Filters(story=f.story, source=f.source, article=f.article, status=None)
    )


def _bbox(lat: Any, lon: Any, box: BBox) -> ColumnElement[bool]:
    lat_ok = lat.between(min(box.south, box.north), max(box.south, box.north))
    if box.west <= box.east:
        lon_ok = lon.between(box.west, box.east)
    else:  # crosses the antimeridian
        lon_ok = or_(lon >= box.west, lon <= box.east)
    return and_(lat.is_not(None), lon.is_not(None), lat_ok, lon_ok)


T = TypeVar("T")

#: results kept per SQLite file while nothing is committed to it (least recently used out)
MEMO_SIZE = 4096


class _Memo:
    """What costs a query but follows from its key alone while the data stay the same
    (list totals, probes), for one SQLite file. Each lookup first asks the file's data
    version (``PRAGMA data_version`` on a connection of its own that never writes, so any
    commit by any connection or process changes it); a change empties the memo."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.watch: sqlite3.Connection | None = None
        self.seen: tuple[int, int, int] | None = None  # file device, inode, data version
        self.epoch = 0
        self.pid = os.getpid()

    def current(self) -> int | None:
        """The epoch of the data now (it changes with every commit); None: cannot tell."""
        with self.lock:
            if self.pid != os.getpid():  # a forked child: the parent's connection is not its own
                self.watch, self.seen, self.pid = None, None, os.getpid()
                self.entries.clear()
            try:
                st = os.stat(self.path)
                if (
                    self.watch is None
                    or self.seen is None
                    or self.seen[:2]
                    != (
                        st.st_dev,
                        st.st_ino,
                    )
                ):  # first use, or another file at this path
                    self.close()
                    self.watch = sqlite3.connect(
                        self.path, check_same_thread=False, isolation_level=None
                    )
                row = self.watch.execute("PRAGMA data_version").fetchone()
            except (OSError, sqlite3.Error):
                self.close()
                return None
            seen = (st.st_dev, st.st_ino, int(row[0]))
            if seen != self.seen:
                self.seen = seen
                self.epoch += 1
                self.entries.clear()
            return self.epoch

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()
        self.watch, self.seen = None, None
        self.entries.clear()


_MEMOS: weakref.WeakKeyDictionary[Engine, _Memo] = weakref.WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def watch(engine: Engine, path: str | os.PathLike[str]) -> None:
    """Keep results (:func:`memoised`) for sessions of ``engine``, a SQLite engine over the file
    at ``path``: absolute, resolved when the store is opened (a relative path would name
    another file after a change of the working directory, whose data version never moves)."""
    path = os.fspath(path)
    if not os.path.isabs(path):
        raise ValueError(f"the memo needs an absolute path, not {path!r}")
    with _MEMOS_LOCK:
        old = _MEMOS.get(engine)
        if old is None or old.path != path:
            _MEMOS[engine] = _Memo(path)
    if old is not None and old.path != path:
        with old.lock:
            old.close()


def _memo(session: Session) -> _Memo | None:
    """The memo of the session's SQLite file (None where none is watched: other databases,
    in-memory SQLite, engines not opened by a :class:`~sitrep.store.Store`; and for a session
    with writes of its own not yet committed, :func:`_writing`)."""
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return None
    with _MEMOS_LOCK:
        memo = _MEMOS.get(engine)
    return None if memo is None or _writing(session) else memo


def _writing(session: Session) -> bool:
    """Whether ``session`` holds changes it has not committed: objects not yet flushed, or
    rows its transaction wrote (the SQLite driver has begun a write transaction). What it
    reads must then show them, and the memo, which only a commit moves, cannot."""
    if session.new or session.dirty or session.deleted:
        return True
    return bool(getattr(session.connection().connection.dbapi_connection, "in_transaction", False))


def forget(engine: Engine) -> None:
    """Drop the memo of ``engine``'s file and close its watching connection."""
    with _MEMOS_LOCK:
        memo = _MEMOS.pop(engine, None)
    if memo is not None:
        with memo.lock:
            memo.close()


def memoised(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` since the last commit to the database
    (SQLite files; elsewhere always computed). Read before the query runs, the data version
    only lets a result computed before a commit be served to a request that started before
    it, as a count and a page read by separate statements already may be."""
    memo = _memo(session)
    epoch = memo.current() if memo is not None else None
    if memo is None or epoch is None:
        return compute()
    with memo.lock:
        if key in memo.entries:
            memo.entries.move_to_end(key)
            return memo.entries[key]
    value = compute()
    with memo.lock:
        if memo.epoch == epoch:
            memo.entries[key] = value
            while len(memo.entries) > MEMO_SIZE:
                memo.entries.popitem(last=False)
    return value


def _total(session: Session, key: Hashable, count: Select[*tuple[Any, ...]]) -> int:
    """The number ``count`` selects, memoised under ``key`` (the filters it is made of)."""
    return memoised(session, ("total", key), lambda: int(session.scalar(count) or 0))


def _paged(
    session: Session,
    query: Select[*tuple[Any, ...]],
    order: Sequence[Any],
    limit: int,
    offset: int,
    count: Select[*tuple[Any, ...]] | None = None,
    key: Hashable = None,
) -> Page:
    """Count (with ``count`` if given: a cheaper query over the same rows; memoised under
    ``key`` if given, see :func:`memoised`), then one page."""
    count = count if count is not None else select(func.count()).select_from(query.subquery())
    total = _total(session, key, count) if key is not None else int(session.scalar(count) or 0)
    if total == 0 or offset >= total:
        return Page(rows=[], total=total)
    rows = session.execute(query.order_by(*order).limit(limit).offset(offset)).mappings().all()
    return Page(rows=list(rows), total=total)


def _paged_by_key(
    session: Session,
    keys: Callable[[int], Select[*tuple[Any, ...]]],
    rows: Callable[[list[int]], Select[*tuple[Any, ...]]],
    order: Sequence[Any],
    limit: int,
    offset: int,
    count: Select[*tuple[Any, ...]],
    key: Hashable,
) -> Page:
    """As :func:`_paged`, but the page is found on the keys alone (``keys(total)`` selects
    primary keys in page order, joined only where a filter needs it, and may choose how by the
    number of matching rows), then only its rows are read with every column (``rows(pks)``):
    sorting and skipping ``offset`` rows then never carries text columns or looks up a joined
    row for a row that is not shown. The count is memoised under ``key``."""
    total = _total(session, key, count)
    if total == 0 or offset >= total:
        return Page(rows=[], total=total)
    pks = list(session.scalars(keys(total).limit(limit).offset(offset)))
    found = session.execute(rows(pks).order_by(*order)).mappings().all()
    return Page(rows=list(found), total=total)


class _Unindexed(FunctionElement[Any]):
    """A column that SQLite's planner is not to look up by an index (``+column``): how a query
    tells it which index to read; the bare column on other databases."""

    name = "unindexed"
    inherit_cache = True


@compiles(_Unindexed)
def _unindexed_default(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(_Unindexed, "sqlite")
def _unindexed_sqlite(element: _Unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


def _unindexed(column: Any) -> Any:
    out = _Unindexed(column)
    out.type = column.type
    return out


# -- articles ------------------------------------------------------------------------------
def list_articles(session: Session, f: Filters, limit: int, offset: int) -> Page:
    a = ArticleRow
    query = select(
        a.doc_id.label("id"),
        a.title,
        a.url,
        a.source,
        a.published,
        a.language,
        a.story,
        a.status,
        a.reason,
        a.pipeline_version,
    ).where(*_article_conditions(f))
    if f.since:
        query = query.where(a.published >= f.since)
    if f.until:
        query = query.where(a.published <= f.until)
    if f.q:
        query = query.where(or_(_contains(a.title, f.q), _contains(a.text, f.q)))
    if f.actor:
        query = query.where(
            or_(
                exists().where(MentionRow.article_pk == a.pk, _contains(MentionRow.actor, f.actor)),
                exists().where(QuoteRow.article_pk == a.pk, _contains(QuoteRow.speaker, f.actor)),
            )
        )
    if f.place or f.country or f.bbox:
        place_cond: list[ColumnElement[bool]] = [PlaceRow.article_pk == a.pk]
        if f.place:
            place_cond.append(
                or_(_contains(PlaceRow.name, f.place), _contains(PlaceRow.text, f.place))
            )
        if f.country:
            place_cond.append(PlaceRow.country.in_(country_codes(f.country)))
        if f.bbox:
            place_cond.append(_bbox(PlaceRow.lat, PlaceRow.lon, f.bbox))
        query = query.where(exists().where(*place_cond))
    if f.type or f.modality:
        event_cond: list[ColumnElement[bool]] = [EventRow.article_pk == a.pk]
        if f.type:
            event_cond.append(_event_type(f.type))
        if f.modality:
            event_cond.append(EventRow.modality == f.modality)
        query = query.where(exists().where(*event_cond))
    if f.stance:
        query = query.where(
            exists().where(QuoteRow.article_pk == a.pk, QuoteRow.stance == f.stance)
        )
    order = [a.published.desc(), a.pk.desc()]
    return _paged(session, query, order, limit, offset, key=("articles", f))


def article_records(session: Session, f: Filters, limit: int | None = None) -> list[dict[str, Any]]:
    """Full article records (JSON) matching the article-level filters, oldest first."""
    a = ArticleRow
    query = select(a.record).where(*_article_conditions(f))
    if f.since:
        query = query.where(a.published >= f.since)
    if f.until:
        query = query.where(a.published <= f.until)
    query = query.order_by(a.pk)
    if limit:
        query = query.limit(limit)
    return [dict(r) for r in session.scalars(query)]


# -- events --------------------------------------------------------------------------------
#: the columns a ``type`` filter matches: PLOVER type, ACLED event type, ACLED sub-event type
_TYPE_COLUMNS = ("plover_type", "acled_event_type", "acled_sub_event_type")


def _event_type(value: str, columns: Sequence[str] = _TYPE_COLUMNS) -> ColumnElement[bool]:
    e = EventRow
    if not columns:
        return false()
    return or_(*(getattr(e, c) == value for c in columns))


def _type_columns(session: Session, value: str) -> tuple[str, ...]:
    """The type columns that hold ``value`` in some event (one index probe each): the three
    vocabularies rarely share a name, so the filter then tests one indexed column, which an
    index counts, instead of an OR of three, which only a scan can count."""
    e = EventRow

    def probe() -> tuple[str, ...]:
        return tuple(
            c
            for c in _TYPE_COLUMNS
            if session.scalar(select(e.pk).where(getattr(e, c) == value).limit(1)) is not None
        )

    return memoised(session, ("type columns", value), probe)


#: the most days an event date of each precision reaches past its first day
#: (:func:`sitrep.model.date_interval`: a 31-day month, a 92-day quarter or summer, a 184-day
#: half, a leap year); decades, centuries, explicit ranges and unknown precisions are unbounded
PRECISION_DAYS: dict[str, int] = {
    "day": 0,
    "week": 6,
    "month": 30,
    "quarter": 91,
    "season": 91,
    "half": 183,
    "year": 365,
}


#: every value of ``events.event_precision``: the precisions, and none
_PRECISIONS: tuple[str | None, ...] = (*get_args(DatePrecision), None)


def _precisions(session: Session) -> tuple[str | None, ...]:
    """The date precisions some event has (``None``: an event with none), in one statement of
    an index probe each, kept until the next commit (:func:`memoised`); where nothing is kept
    (PostgreSQL, in-memory SQLite), every value, with no probe."""
    if _memo(session) is None:
        return _PRECISIONS
    e = EventRow

    def probe() -> tuple[str | None, ...]:
        # EXISTS of the pk alone: read from the index (of "SELECT *", SQLite 3.40 may scan
        # the table when its statistics find the precision unselective)
        found = union_all(
            *(
                select(literal(i)).where(
                    select(e.pk)
                    .where(e.event_precision.is_(None) if p is None else e.event_precision == p)
                    .exists()
                )
                for i, p in enumerate(_PRECISIONS)
            )
        )
        held = set(session.scalars(select(found.subquery().c[0])))
        return tuple(p for i, p in enumerate(_PRECISIONS) if i in held)

    return memoised(session, "event precisions", probe)


def _date_parts(
    f: Filters, precisions: Sequence[str | None] = _PRECISIONS
) -> list[ColumnElement[bool]]:
    """A date range ``[since, until]`` as one condition per date precision in ``precisions``
    (those some event has: :func:`_precisions`; ``None``: no precision): an event of a bounded
    precision that overlaps the range starts at most its precision's span before ``since``, so
    each part reads a short stretch of ``ix_events_precision_start`` (the range's days, plus a
    span) instead of every event ending after ``since``."""
    e = EventRow
    assert f.since and f.until
    overlap = [e.event_start <= f.until, e.event_end >= f.since]
    parts = []
    for precision in precisions:
        if precision is None:
            parts.append(and_(e.event_precision.is_(None), *overlap))
            continue
        cond = [e.event_precision == precision, *overlap]
        days = PRECISION_DAYS.get(precision)
        if days is not None and f.since.toordinal() > days:  # (no day before 1 January 1)
            cond.append(e.event_start >= f.since - timedelta(days=days))
        parts.append(and_(*cond))
    return parts


def _event_query(
    f: Filters,
    columns: Sequence[Any],
    join: bool = True,
    type_columns: Sequence[str] = _TYPE_COLUMNS,
    walk: bool = False,
    dates: ColumnElement[bool] | None = None,
    fts: bool = False,
) -> Select[*tuple[Any, ...]]:
    """Events matching ``f``; joined to their article only if asked or a filter needs it;
    ``type`` tested in ``type_columns`` only (those that hold it: :func:`_type_columns`);
    ``walk``: the coordinates and country are tested on each row, not looked up in their
    indexes (the rows are read in another index's order); ``dates``: the date-range condition
    to test instead of ``since``/``until`` (a part from :func:`_date_parts`); ``fts``: ``q`` is
    looked up in ``events_fts`` (:func:`_text_search`)."""
    e, a = EventRow, ArticleRow
    query = select(*columns).select_from(e)
    article_cond = _child_article_conditions(f)
    if join or article_cond:
        query = query.join(a, a.pk == e.article_pk).where(*article_cond)
    # an event matches when the days its date covers overlap [since, until]: a week or a
    # month that straddles a bound is in; undated events are out once a bound is given
    if dates is not None:
        query = query.where(dates)
    else:
        if f.since:
            query = query.where(e.event_end >= f.since)
        if f.until:
            query = query.where(e.event_start <= f.until)
    if f.type:
        query = query.where(_event_type(f.type, type_columns))
    if f.modality:
        query = query.where(e.modality == f.modality)
    if f.actor:  # the names that contain it (few rows), then their events by index
        names = select(ActorNameRow.name).where(_contains(ActorNameRow.name, f.actor))
        query = query.where(or_(e.actor1.in_(names), e.actor2.in_(names)))
    if f.place:
        query = query.where(or_(_contains(e.location, f.place), _contains(e.admin1, f.place)))
    if f.country:
        country = _unindexed(e.country) if walk else e.country
        query = query.where(country.in_(country_codes(f.country)))
    if f.bbox:
        lat, lon = (_unindexed(e.lat), _unindexed(e.lon)) if walk else (e.lat, e.lon)
        query = query.where(_bbox(lat, lon, f.bbox))
    if f.q and fts and walk:  # each row read in page order: the same test, on the row
        query = query.where(func.sitrep_contains(e.evidence, f.q))
    elif f.q and fts:
        query = query.where(e.pk.in_(_fts_matches(f.q)))
    elif f.q:
        query = query.where(_contains(e.evidence, f.q))
    if f.stance:
        query = query.where(
            exists().where(QuoteRow.article_pk == e.article_pk, QuoteRow.stance == f.stance)
        )
    return query


#: SQLite's FTS5 table over events.evidence (migration 0008; trigram tokens)
_EVENTS_FTS = table("events_fts", column("rowid", Integer))
_FTS_MATCH = literal_column("events_fts").op("MATCH")


def _fts_matches(value: str) -> Select[tuple[int]]:
    """The pks of events whose evidence contains ``value`` (as one FTS5 phrase: any text)"""
    phrase = '"' + value.replace('"', '""') + '"'
    return select(_EVENTS_FTS.c.rowid).where(_FTS_MATCH(phrase))


def _text_search(session: Session, f: Filters) -> bool:
    """Whether ``q`` is looked up in ``events_fts`` (SQLite with the table, migration 0008;
    ``q`` of at least 3 characters, a trigram): case-insensitive in any script there, as ILIKE
    on PostgreSQL (whose trigram index ILIKE uses by itself); shorter ``q`` scans with LIKE."""
    if not f.q or len(f.q) < 3:
        return False
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return False
    if "events_fts" not in conn.info:  # once per database connection
        found = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'events_fts'")
        conn.info["events_fts"] = found.first() is not None
    return bool(conn.info["events_fts"])


def contains_folded(text: str | None, value: str | None) -> bool | None:
    """SQLite's ``sitrep_contains(text, value)``: ``value`` occurs in ``text``, letter case
    aside in any script (as the trigram table matches; registered on each connection)."""
    if text is None or value is None:
        return None
    return value.lower() in text.lower()


def list_events(session: Session, f: Filters, limit: int, offset: int) -> Page:
    e, a = EventRow, ArticleRow
    columns: list[Any] = [
        a.doc_id.label("article_id"),
        e.idx.label("index"),
        e.plover_type,
        e.acled_event_type,
        e.acled_sub_event_type,
        e.event_date.label("date"),
        e.event_precision.label("date_precision"),
        e.event_start.label("date_start"),
        e.event_end.label("date_end"),
        e.modality,
        e.actor1,
        e.actor2,
        e.location,
        e.admin1,
        e.country,
        e.lat,
        e.lon,
        e.evidence_start,
        e.evidence_end,
        e.evidence.label("evidence_text"),
        a.published,
        a.source,
        a.story,
    ]

    def rows(pks: list[int]) -> Select[*tuple[Any, ...]]:
        return select(*columns).select_from(e).join(a, a.pk == e.article_pk).where(e.pk.in_(pks))

    types = _type_columns(session, f.type) if f.type else _TYPE_COLUMNS
    fts = _text_search(session, f)
    order: list[Any] = [e.event_date.desc(), e.pk.desc()]
    # a date range is read by precision (ix_events_precision_start; with a type that only
    # PLOVER types hold, ix_events_precision_type; other types' own indexes hold the dates)
    dated = bool(f.since and f.until and (not f.type or types == ("plover_type",)))
    parts = _date_parts(f, _precisions(session)) if dated else []
    if dated and not parts:  # no event has a date
        return Page(rows=[], total=0)
    if parts:
        matches = union_all(
            *(_event_query(f, [e.pk, e.event_date], False, types, dates=d, fts=fts) for d in parts)
        ).subquery()
        count = select(func.count()).select_from(matches)
    elif fts and f == Filters(q=f.q, status=f.status):  # text alone: counted in its index
        count = select(func.count()).select_from(_fts_matches(f.q or "").subquery())
    else:
        count = _event_query(f, [func.count()], join=False, type_columns=types, fts=fts)

    def keys(total: int) -> Select[*tuple[Any, ...]]:
        how = _events_plan(session, f, total, limit + offset)
        if parts and how != "walk":  # each precision's matches, sorted
            return select(matches.c.pk).order_by(matches.c.event_date.desc(), matches.c.pk.desc())
        walk = how == "walk"
        query = _event_query(f, [e.pk], join=False, type_columns=types, walk=walk, fts=fts)
        if how == "sort":  # not in the order index's order: from the filter's index, sorted
            return query.order_by(_unindexed(e.event_date).desc(), e.pk.desc())
        return query.order_by(*order)

    return _paged_by_key(session, keys, rows, order, limit, offset, count, ("events", f))


#: matches of a date-range filter sorted at most (past it, the order index is walked)
DATES_SORT_MAX = 20_000


def _events_plan(session: Session, f: Filters, total: int, upto: int) -> str | None:
    """How a page of events is read once ``total`` matching events are counted: ``walk`` the
    order index (``ix_events_date_scan``), testing each row; ``sort`` the matches read from a
    filter's index; ``None``: as the planner likes. SQLite's planner cannot know how many rows
    match (other databases estimate it, and ignore the choice).

    Walking reads about ``upto * rows / total`` entries (the matches spread over the order);
    sorting, about ``total``. Date-range matches are bunched in that order, not spread, so up
    to :data:`DATES_SORT_MAX` of them are sorted (from ``ix_events_precision_start``, or
    ``ix_events_end_start_date`` with a type). An actor's matches are looked up by name
    (``ix_events_actor1``/``actor2``) and sorted when walking would read more: SQLite's
    planner takes the names' list to be long and walks the order index instead, reading and
    testing every row until the page is full (thousands for an actor in 1% of events)."""
    if f.since or f.until:
        return "sort" if total <= DATES_SORT_MAX else "walk"
    rows = memoised(  # about the number of events
        session, "events max pk", lambda: int(session.scalar(select(func.max(EventRow.pk))) or 0)
    )
    if upto * rows <= total * total:
        return "walk"
    return "sort" if f.actor else None


def timeline(session: Session, f: Filters) -> list[RowMapping]:
    """Matching events per event date: the date, its precision, first and last day, count.

    Events whose date names no calendar position (undated, "PRESENT_REF") are left out.
    """
    e = EventRow
    keys = [e.event_date, e.event_precision, e.event_start, e.event_end]
    types = _type_columns(session, f.type) if f.type else _TYPE_COLUMNS
    query = (
        _event_query(
            f,
            [
                e.event_date.label("date"),
                e.event_precision.label("precision"),
                e.event_start.label("start"),
                e.event_end.label("end"),
                func.count().label("count"),
            ],
            join=False,
            type_columns=types,
            fts=_text_search(session, f),
        )
        .where(e.event_start.is_not(None))
        .group_by(*keys)
        .order_by(e.event_start, e.event_end, e.event_date)
    )
    return list(session.execute(query).mappings())


# -- quotes --------------------------------------------------------------------------------
def _quote_query(f: Filters, columns: Sequence[Any], join: bool = True) -> Select[*tuple[Any, ...]]:
    qr, a = QuoteRow, ArticleRow
    query = select(*columns).select_from(qr)
    article_cond = _child_article_conditions(f)
    if f.since:
        article_cond.append(a.published >= f.since)
    if f.until:
        article_cond.append(a.published <= f.until)
    if join or article_cond:
        query = query.join(a, a.pk == qr.article_pk).where(*article_cond)
    if f.actor:
        query = query.where(_contains(qr.speaker, f.actor))
    if f.stance:
        query = query.where(qr.stance == f.stance)
    if f.q:
        query = query.where(_contains(qr.content, f.q))
    if f.place or f.country or f.bbox:
        place_cond: list[ColumnElement[bool]] = [PlaceRow.article_pk == qr.article_pk]
        if f.place:
            place_cond.append(_contains(PlaceRow.name, f.place))
        if f.country:
            place_cond.append(PlaceRow.country.in_(country_codes(f.country)))
        if f.bbox:
            place_cond.append(_bbox(PlaceRow.lat, PlaceRow.lon, f.bbox))
        query = query.where(exists().where(*place_cond))
    return query


def list_quotes(session: Session, f: Filters, limit: int, offset: int) -> Page:
    qr, a = QuoteRow, ArticleRow
    columns = [
        a.doc_id.label("article_id"),
        qr.idx.label("index"),
        qr.speaker,
        qr.stance,
        qr.kind,
        qr.channel,
        qr.hedged,
        qr.content,
        qr.cue,
        qr.content_start,
        qr.content_end,
        a.published,
        a.source,
        a.story,
    ]
    count = _quote_query(f, [func.count()], join=False)
    order = [qr.pk.desc()]
    query = _quote_query(f, columns)
    return _paged(session, query, order, limit, offset, count, ("quotes", f))


# -- places --------------------------------------------------------------------------------
def _place_query(f: Filters, columns: Sequence[Any], join: bool = True) -> Select[*tuple[Any, ...]]:
    p, a = PlaceRow, ArticleRow
    query = select(*columns).select_from(p)
    article_cond = _child_article_conditions(f)
    if f.since:
        article_cond.append(a.published >= f.since)
    if f.until:
        article_cond.append(a.published <= f.until)
    if join or article_cond:
        query = query.join(a, a.pk == p.article_pk).where(*article_cond)
    if f.place or f.q:
        term = f.place or f.q or ""
        query = query.where(or_(_contains(p.name, term), _contains(p.text, term)))
    if f.country:
        query = query.where(p.country.in_(country_codes(f.country)))
    if f.bbox:
        query = query.where(_bbox(p.lat, p.lon, f.bbox))
    return query


def list_places(session: Session, f: Filters, limit: int, offset: int) -> Page:
    p, a = PlaceRow, ArticleRow
    columns = [
        a.doc_id.label("article_id"),
        p.start,
        p.end,
        p.text,
        p.name,
        p.geonames_id,
        p.lat,
        p.lon,
        p.admin1,
        p.country,
        p.literal,
        a.published,
    ]
    count = _place_query(f, [func.count()], join=False)
    order = [p.pk.desc()]
    return _paged(session, _place_query(f, columns), order, limit, offset, count, ("places", f))


# -- stories -------------------------------------------------------------------------------
def _story_conditions(f: Filters) -> list[ColumnElement[bool]]:
    a = ArticleRow
    cond = [a.story.is_not(None), *_article_conditions(f)]
    if f.since:
        cond.append(a.published >= f.since)
    if f.until:
        cond.append(a.published <= f.until)
    if f.q:
        cond.append(or_(_contains(a.title, f.q), _contains(a.text, f.q)))
    return cond


#: a story page is found by reading the newest articles (:func:`_latest_stories`) when it ends
#: within the first 1/STORY_WALK_SHARE of the stories and its stories are among the newest
#: max(16 × (offset + limit), STORY_WALK_ROWS) articles; otherwise every article is grouped
STORY_WALK_SHARE = 4
STORY_WALK_ROWS = 1024


def _latest_stories(
    session: Session, cond: Sequence[ColumnElement[bool]], want: int
) -> list[str] | None:
    """The first ``want`` story ids in list order (latest publication date first, undated
    stories last, then by id), read from the articles in that order: a story first shows up
    at its latest date, so only the newest articles are read, a growing batch at a time,
    instead of grouping every article. None when that would read more articles than the
    budget (:data:`STORY_WALK_ROWS`): then grouping them all is cheaper."""
    a = ArticleRow
    seen: dict[str, None] = {}
    walks: list[tuple[ColumnElement[bool], list[Any]]] = [
        (a.published.is_not(None), [a.published.desc(), a.story]),
        (a.published.is_(None), [a.story]),
    ]
    budget, read = max(16 * want, STORY_WALK_ROWS), 0
    for dated, order in walks:
        query = select(a.story).where(*cond, dated).order_by(*order)
        start, size = 0, max(2 * want, 64)
        while len(seen) < want:
            if read >= budget:
                return None
            batch = list(session.scalars(query.limit(size).offset(start)))
            read += len(batch)
            for story in batch:
                seen.setdefault(str(story))
                if len(seen) == want:
                    break
            if len(batch) < size:
                break
            start, size = start + size, 2 * size
    return list(seen)


def _story_groups(
    cond: Sequence[ColumnElement[bool]], ids: Sequence[str] | None = None
) -> Select[*tuple[Any, ...]]:
    """(id, articles, start, end) of the stories matching ``cond`` (of ``ids`` if given)."""
    a = ArticleRow
    where = [*cond, a.story.in_(list(ids))] if ids is not None else list(cond)
    return (
        select(
            a.story.label("id"),
            func.count().label("articles"),
            func.min(a.published).label("start"),
            func.max(a.published).label("end"),
        )
        .where(*where)
        .group_by(a.story)
    )


#: list order of grouped stories: latest date first, undated last (on every database), by id
_STORY_ORDER: list[Any] = [
    func.max(ArticleRow.published).is_(None),
    func.max(ArticleRow.published).desc(),
    ArticleRow.story,
]


def _summary_rows(
    session: Session, limit: int, offset: int, dated: int | None = None
) -> list[RowMapping]:
    """A page of the unfiltered story list from the ``stories`` summary (migration 0009), in
    list order: the dated stories from ``ix_stories_latest``, newest end first, then the
    undated ones by id. ``dated`` (how many stories are dated) may be left out at offset 0."""
    s = StoryRow
    columns = [s.id, s.articles, s.first_published.label("start"), s.last_published.label("end")]
    rows: list[RowMapping] = []
    if dated is None or offset < dated:
        query = select(*columns).where(s.last_published.is_not(None))
        query = query.order_by(s.last_published.desc(), s.id).limit(limit).offset(offset)
        rows = list(session.execute(query).mappings())
        if len(rows) == limit:
            return rows
        dated = offset + len(rows)  # the dated stories ran out on this page
    query = select(*columns).where(s.last_published.is_(None)).order_by(s.id)
    query = query.limit(limit - len(rows)).offset(max(0, offset - dated))
    return rows + list(session.execute(query).mappings())


def latest_story_ids(session: Session, limit: int) -> list[str]:
    """The ids of the ``limit`` most recent stories, in :func:`list_stories` order."""
    return [str(r["id"]) for r in _summary_rows(session, limit, 0)] if limit > 0 else []


def list_stories(session: Session, f: Filters, limit: int, offset: int) -> Page:
    """Stories (id, articles, start, end), most recent first (latest date of a member;
    undated stories last; then by id). Unfiltered (every ok article), the page is read from
    the ``stories`` summary (:func:`_summary_rows`). Filtered, a page near the start is found
    by reading articles newest first (:func:`_latest_stories`) and only its stories are
    grouped, else every matching article is grouped. Titles come from
    :func:`story_members`."""
    a = ArticleRow
    if f == Filters():  # every ok article: the summary, kept by the database, has the page
        counts = select(func.count(), func.count(StoryRow.last_published))
        total, dated = memoised(session, "stories summary", lambda: session.execute(counts).one())
        if total == 0 or offset >= total:
            return Page(rows=[], total=int(total))
        return Page(rows=_summary_rows(session, limit, offset, int(dated)), total=int(total))
    cond = _story_conditions(f)
    # one row per story: counting the distinct ids is one pass, not a grouping of every column
    total = _total(session, ("stories", f), select(func.count(a.story.distinct())).where(*cond))
    if total == 0 or offset >= total:
        return Page(rows=[], total=total)
    ids = None
    if STORY_WALK_SHARE * (offset + limit) <= total:
        ids = _latest_stories(session, cond, offset + limit)
    if ids is None:
        query = _story_groups(cond).order_by(*_STORY_ORDER).limit(limit).offset(offset)
        return Page(rows=list(session.execute(query).mappings().all()), total=total)
    ids = ids[offset:]
    by_id = {str(r["id"]): r for r in session.execute(_story_groups(cond, ids)).mappings()}
    return Page(rows=[by_id[i] for i in ids if i in by_id], total=total)


def story_exists(session: Session, story: str) -> bool:
    """Whether ``story`` is a stored story id (exactly; an index lookup)."""
    a = ArticleRow
    return session.scalar(select(a.pk).where(a.story == story).limit(1)) is not None


def story_ids(session: Session, prefix: str, limit: int = 2) -> list[str]:
    """Stored story ids starting with ``prefix`` (at most ``limit``: enough to tell unique)."""
    a = ArticleRow
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (
        select(a.story)
        .where(a.story.is_not(None), a.story.like(escaped + "%", escape="\\"))
        .distinct()
        .order_by(a.story)
        .limit(limit)
    )
    return [str(s) for s in session.scalars(query)]


def story_members(session: Session, stories: Sequence[str], head: bool = True) -> list[RowMapping]:
    """(story, published, id, title, start of text) of the ok articles of ``stories``; the
    start of text is ``""`` with ``head=False`` (then no text is read)."""
    a = ArticleRow
    start = func.substr(a.text, 1, 500) if head else literal("")
    query = select(a.story, a.published, a.doc_id.label("id"), a.title, start.label("head")).where(
        a.story.in_(list(stories)), a.status == "ok"
    )
    return list(session.execute(query).mappings())


def story_records(session: Session, story: str) -> list[dict[str, Any]]:
    """The article records of one story (ok articles, oldest first)."""
    return stories_records(session, [story]).get(story, [])


def story_signatures(session: Session, stories: Sequence[str]) -> dict[str, str]:
    """Per story, what its members' records depend on: (pk, content hash, analysed at,
    pipeline version) of each ok member, made into one string in the database (one row per
    story, not one per member); equal signatures, equal claims. PostgreSQL orders the members
    by pk; SQLite (3.40: no ORDER BY in an aggregate) takes them in its index's order, the
    same while the members are (another order would only cost a cache miss)."""
    a = ArticleRow
    parts = [func.coalesce(cast(c, String), "") for c in (a.content_hash, a.analysed_at)]
    member: ColumnElement[str] = cast(a.pk, String)
    for part in [*parts, func.coalesce(a.pipeline_version, "")]:
        member = member + "\x1f" + part  # separators no field holds
    postgres = session.get_bind().dialect.name == "postgresql"
    out: dict[str, str] = {}
    for i in range(0, len(stories), 500):
        if postgres:
            signature = func.string_agg(member, aggregate_order_by(literal("\x1e"), a.pk))
        else:
            signature = func.group_concat(member, "\x1e")
        query = (
            select(a.story, signature)
            .where(a.story.in_(list(stories[i : i + 500])), a.status == "ok")
            .group_by(a.story)
        )
        for story, value in session.execute(query):
            out[str(story)] = str(value)
    return out


def stories_quote_records(
    session: Session, stories: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """As :func:`stories_records`, but only the parts of each record that claims read (id,
    title, source, published, text, quotes): no events, places or mentions to decode."""
    a = ArticleRow
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(stories), 500):
        query = (
            select(
                a.story,
                a.doc_id,
                a.title,
                a.source,
                a.published,
                a.text,
                a.record["quotes"].label("quotes"),
            )
            .where(a.story.in_(list(stories[i : i + 500])), a.status == "ok")
            .order_by(a.published, a.pk)
        )
        for row in session.execute(query).mappings():
            record = {k: row[k] for k in ("title", "source", "published", "text")}
            record["id"] = row["doc_id"]
            record["quotes"] = row["quotes"] or []
            out.setdefault(str(row["story"]), []).append(record)
    return out


def stories_records(session: Session, stories: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The article records of each of ``stories`` (ok articles, oldest first), in one query."""
    a = ArticleRow
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(stories), 500):  # bound the bound parameters of one IN
        query = (
            select(a.story, a.record)
            .where(a.story.in_(list(stories[i : i + 500])), a.status == "ok")
            .order_by(a.published, a.pk)
        )
        for story, record in session.execute(query):
            out.setdefault(str(story), []).append(dict(record))
    return out
