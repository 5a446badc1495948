"""Idempotent writes and simple queries over the store (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import (
    Boolean,
    Date,
    Engine,
    Float,
    Integer,
    String,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sitrep.errors import NotFound, StoreError
from sitrep.ids import canonical_url, slug
from sitrep.model import Article, Event, Outcome, OutcomeStatus
from sitrep.sources.sanitize import sanitize_name, sanitize_text
from sitrep.store.migrations import at_head
from sitrep.store.schema import (
    ActorNameRow,
    ArticleRow,
    Base,
    EventRow,
    MentionRow,
    PlaceRow,
    QuoteRow,
    TimeRow,
)

#: ``new version``: inserted, and another stored article has the same URL (other content);
#: ``duplicate``: inserted, and another stored article has the same text (another outlet, title
#: or date). Neither replaces nor hides the other: both are kept, linked by URL or content hash.
SaveResult = Literal["inserted", "updated", "unchanged", "kept", "new version", "duplicate"]


def article_key(article: Article) -> str:
    """Idempotency key: the article's unique id (:mod:`sitrep.ids`) when it was analysed;
    failures are keyed by where they came from (the next try of that input replaces them)."""
    if article.outcome.status is OutcomeStatus.OK:
        return "id:" + article.id
    return _input_key(article)


def _input_key(article: Article) -> str:
    return f"origin:{article.origin or ''}#{article.name or article.id}"


SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db3")


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        # the installed driver is psycopg 3 (SQLAlchemy's bare postgresql:// means psycopg2)
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url and not url.startswith("sqlite"):
        # a bare path means a SQLite file: one that exists or is named like one
        path = Path(url).expanduser()
        if not (path.suffix.lower() in SQLITE_SUFFIXES or path.is_file()):
            raise StoreError(
                f"database {url!r} is neither a URL (sqlite:///file.db, "
                "postgresql://user@host/name) nor a SQLite file ending in .db or .sqlite"
            )
        return "sqlite:///" + str(path)
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for other databases and in-memory SQLite)."""
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path).expanduser().resolve()


def _one_line(exc: BaseException) -> str:
    """The driver's first line of an error (no SQL, no 'Background on this error' link)."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return " ".join(text[0].split()) if text else type(exc).__name__


class Store:
    """The database of analysed articles."""

    def __init__(self, url: str = "sqlite:///sitrep.db", *, create: bool = True) -> None:
        """Open the database at ``url``; ``create=False`` opens only one that exists already
        (a SQLite file that is missing is a :class:`NotFound`, never created)."""
        self.url = normalise_url(url)
        file = sqlite_path(self.url)
        if file is not None and not create and not file.is_file():
            raise NotFound(f"no database at {file}")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {url!r}: {_one_line(exc)}") from exc
        shown = self.engine.url.render_as_string(hide_password=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            if file is not None and create:
                file.parent.mkdir(parents=True, exist_ok=True)
            database = self.engine.url.database or ""
            if file is not None and not self.engine.url.query and not database.startswith("file:"):
                from sitrep.store.queries import watch

                watch(self.engine, file)  # the file as resolved now, whatever the CWD later
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:  # every table, on every database, comes from the migrations
            if not at_head(self.engine):
                self.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {shown}: {_one_line(exc)}") from exc

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision (safe from concurrent processes)."""
        from sitrep.store.migrations import upgrade

        try:
            upgrade(self.engine)
        except Exception as exc:
            # imported here: a new SQLite database is made without Alembic (see migrations)
            from alembic.util import CommandError

            if not isinstance(exc, CommandError):
                raise
            raise StoreError(f"cannot migrate {self.url!r}: {_one_line(exc)}") from exc

    def close(self) -> None:
        from sitrep.store.queries import forget

        forget(self.engine)
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------
    def save(self, article: Article) -> SaveResult:
        """Store one article idempotently; an ok record is never replaced by a failed one."""
        key = article_key(article)
        try:
            with self._sessions.begin() as session:
                return self._save(session, key, article)
        except IntegrityError:
            # a concurrent writer stored the same key first: retry as an update
            with self._sessions.begin() as session:
                return self._save(session, key, article)
        except (SQLAlchemyError, UnicodeError, ValueError) as exc:  # e.g. a lone surrogate
            raise StoreError(f"cannot store article {article.id!r}: {exc}") from exc

    def save_safely(self, article: Article) -> SaveResult:
        """:meth:`save`, but an article the store refuses is stored as failed with the reason,
        so one record never ends a batch (a database that is down still raises)."""
        try:
            return self.save(article)
        except StoreError as exc:
            if article.outcome.status is OutcomeStatus.FAILED:
                raise
            article.outcome = Outcome(status=OutcomeStatus.FAILED, reason=f"store: {exc}"[:500])
            failed = Article(
                id=sanitize_name(article.id),
                name=sanitize_name(article.name) if article.name else None,
                origin=sanitize_name(article.origin or ""),
                url=sanitize_name(article.url) if article.url else None,
                title=sanitize_text(article.title) if article.title else None,
                outcome=Outcome(
                    status=OutcomeStatus.FAILED, reason=sanitize_text(article.outcome.reason or "")
                ),
            )
            return self.save(failed)

    def _save(self, session: Session, key: str, article: Article) -> SaveResult:
        # FOR UPDATE (PostgreSQL): a concurrent writer of the same key waits, then sees our rows
        row = session.scalar(select(ArticleRow).where(ArticleRow.key == key).with_for_update())
        ok = article.outcome.status is OutcomeStatus.OK
        if row is not None:
            if row.status == OutcomeStatus.OK.value and not ok:
                return "kept"
            if (
                ok
                and row.status == OutcomeStatus.OK.value
                and row.content_hash == article.content_hash
                and row.pipeline_version == article.pipeline_version
            ):
                if row.story != article.story:  # the same analysis in another story: the id only
                    row.story = article.story
                    row.record = {**row.record, "story": article.story}
                return "unchanged"
            for table in CHILD_TABLES:
                session.execute(delete(table).where(table.article_pk == row.pk))
            _fill_row(row, key, article)
            result: SaveResult = "updated"
        else:
            row = ArticleRow()
            _fill_row(row, key, article)
            session.add(row)
            session.flush()
            result = _related(session, row, article) if ok else "inserted"
        if ok:
            # a document that failed before and now succeeds: drop the stale failure
            stale = _input_key(article)
            if stale != key:
                session.execute(delete(ArticleRow).where(ArticleRow.key == stale))
            _add_children(session, row.pk, article)
        return result

    def set_stories(self, stories: dict[str, str | None]) -> int:
        """Set the story of stored ``ok`` articles (article id -> story id), in the column and
        the record, in one transaction; nothing else of them is written. Returns how many
        changed."""
        changed = 0
        keys = {"id:" + doc_id: story for doc_id, story in stories.items()}
        items = list(keys)
        if self.engine.dialect.name == "sqlite" and items:
            return self._set_stories_sqlite(keys)
        try:
            with self._sessions.begin() as session:
                for i in range(0, len(items), 500):
                    chunk = items[i : i + 500]
                    for row in session.scalars(
                        select(ArticleRow).where(ArticleRow.key.in_(chunk)).with_for_update()
                    ):
                        story = keys[row.key]
                        if row.story != story or row.record.get("story") != story:
                            row.story = story
                            row.record = {**row.record, "story": story}
                            changed += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store story ids: {_one_line(exc)}") from exc
        return changed

    def _set_stories_sqlite(self, keys: dict[str, str | None]) -> int:
        """:meth:`set_stories` in one UPDATE per row that SQLite runs itself (``json_set`` on
        the stored record): no record is read back into Python, decoded and encoded again.
        A SQLite writer holds the whole database, so no row lock is needed."""
        articles = cast(Table, ArticleRow.__table__)
        record_story = func.json_extract(articles.c.record, "$.story")
        stmt = (
            update(articles)
            .where(articles.c.key == bindparam("k"))
            .where(
                or_(
                    articles.c.story.is_distinct_from(bindparam("s")),
                    record_story.is_distinct_from(bindparam("s")),
                )
            )
            .values(
                story=bindparam("s"),
                record=func.json_set(articles.c.record, "$.story", bindparam("s")),
            )
        )
        try:
            with self.engine.begin() as conn:
                result = conn.execute(stmt, [{"k": k, "s": s} for k, s in keys.items()])
                return int(result.rowcount)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store story ids: {_one_line(exc)}") from exc

    # -- reads ----------------------------------------------------------------------------
    def get(self, doc_id: str) -> Article:
        """The article with id ``doc_id``, else the one article whose name (file name) it is,
        else the one whose id starts with it; several matches are refused, never guessed."""
        with self._sessions() as session:
            row = session.scalar(
                select(ArticleRow).where(ArticleRow.doc_id == doc_id).order_by(ArticleRow.pk)
            )
            if row is not None:
                return Article.model_validate(row.record)
            prefix = select(ArticleRow.doc_id, ArticleRow.record).where(
                ArticleRow.doc_id.startswith(slug(doc_id), autoescape=True)
            )
            found = session.execute(prefix.order_by(ArticleRow.pk).limit(1000)).all()
        named = [r for r in found if r.record.get("name") == doc_id]
        if len(named) == 1:
            return Article.model_validate(named[0].record)
        matches = named or [r for r in found if r.doc_id.startswith(doc_id)]
        if len(matches) == 1:
            return Article.model_validate(matches[0].record)
        if not matches:
            raise NotFound(f"no article {doc_id!r}")
        ids = ", ".join(r.doc_id for r in matches[:5])
        more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise NotFound(f"{doc_id!r} names {len(matches)} articles ({ids}{more}): give an id")

    def articles(
        self,
        *,
        status: str | None = None,
        limit: int | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[Article]:
        """Stored articles in storage order; ``ids``: only the ``ok`` articles of these ids."""
        if ids is not None:
            keys = sorted({"id:" + i for i in ids})
            with self._sessions() as session:
                return [
                    Article.model_validate(r)
                    for k in range(0, len(keys), 500)
                    for r in session.scalars(
                        select(ArticleRow.record)
                        .where(ArticleRow.key.in_(keys[k : k + 500]))
                        .order_by(ArticleRow.pk)
                    )
                ]
        with self._sessions() as session:
            query = select(ArticleRow.record).order_by(ArticleRow.pk)
            if status:
                query = query.where(ArticleRow.status == status)
            if limit:
                query = query.limit(limit)
            return [Article.model_validate(r) for r in session.scalars(query)]

    def counts(self) -> dict[str, int]:
        with self._sessions() as session:
            rows = session.execute(
                select(ArticleRow.status, func.count()).group_by(ArticleRow.status)
            )
            out: dict[str, int] = {str(s): int(n) for s, n in rows}
            for name, table in [
                ("quotes", QuoteRow),
                ("events", EventRow),
                ("places", PlaceRow),
                ("times", TimeRow),
                ("mentions", MentionRow),
            ]:
                out[name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
            return out

    def session(self) -> Session:
        return self._sessions()


CHILD_TABLES = (MentionRow, QuoteRow, PlaceRow, TimeRow, EventRow)


def _related(session: Session, row: ArticleRow, article: Article) -> SaveResult:
    """How a newly inserted ``ok`` article relates to those stored before it."""
    others = select(ArticleRow.pk).where(
        ArticleRow.pk != row.pk, ArticleRow.status == OutcomeStatus.OK.value
    )
    urls = {article.url, canonical_url(article.url)} if article.url else set()
    if urls and session.scalar(others.where(ArticleRow.url.in_(urls)).limit(1)):
        return "new version"
    if article.content_hash:
        # by the content-hash index alone, status and pk checked here: with them in the
        # query SQLite picked the status index and read every stored ok article on each save
        same = select(ArticleRow.pk, ArticleRow.status).where(
            ArticleRow.content_hash == article.content_hash
        )
        if any(
            pk != row.pk and status == OutcomeStatus.OK.value
            for pk, status in session.execute(same)
        ):
            return "duplicate"
    return "inserted"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # first: the next pragmas may wait for a lock
    _set_wal(cur)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    from sitrep.store.queries import contains_folded

    dbapi_conn.create_function("sitrep_contains", 2, contains_folded, deterministic=True)


def _set_wal(cur: Any, seconds: float = 30.0) -> None:
    """Switch a connection to WAL. SQLite answers "database is locked" at once, without its
    busy handler, when another process holds the lock the switch needs (two processes opening
    a fresh file together), so the switch is retried until ``seconds`` have passed."""

    deadline = time.monotonic() + seconds
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _fill_row(row: ArticleRow, key: str, a: Article) -> None:
    row.key = key
    row.doc_id = a.id
    row.origin = a.origin
    row.url = a.url
    row.title = a.title
    row.source = a.source
    row.published = a.published
    row.language = a.language
    row.content_hash = a.content_hash
    row.status = a.outcome.status.value
    row.reason = a.outcome.reason
    row.story = a.story
    row.pipeline_version = a.pipeline_version
    row.analysed_at = a.analysed_at.replace(tzinfo=None) if a.analysed_at else None
    row.text = a.text
    row.record = a.model_dump(mode="json")


def _add_children(session: Session, pk: int, a: Article) -> None:
    """The child rows of ``a``, one executemany INSERT per table (no unit of work per row)."""
    actors = {x.id: x for x in a.actors}
    mentions = []
    for m in a.mentions:
        actor = actors.get(m.actor_id or "")
        mentions.append(
            {
                "article_pk": pk,
                "start": m.span.start,
                "end": m.span.end,
                "text": m.text,
                "label": m.label,
                "actor": actor.name if actor else None,
                "actor_kind": actor.kind.value if actor else None,
            }
        )
    quotes = [
        {
            "article_pk": pk,
            "idx": i,
            "speaker": q.speaker,
            "stance": q.stance,
            "kind": q.kind,
            "channel": q.channel,
            "hedged": q.hedged,
            "content": a.snippet(q.content),
            "cue": a.snippet(q.cue) if q.cue else None,
            "content_start": q.content.start,
            "content_end": q.content.end,
        }
        for i, q in enumerate(a.quotes)
    ]
    places = [
        {
            "article_pk": pk,
            "start": p.span.start,
            "end": p.span.end,
            "text": p.text,
            "name": p.name,
            "geonames_id": p.geonames_id,
            "lat": p.lat,
            "lon": p.lon,
            "admin1": p.admin1,
            "country": p.country,
            "literal": p.literal,
        }
        for p in a.places
    ]
    times = [
        {
            "article_pk": pk,
            "start": t.span.start,
            "end": t.span.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
        }
        for t in a.times
    ]
    events = [
        {
            "article_pk": pk,
            "idx": i,
            "plover_type": e.plover_type,
            "acled_event_type": e.acled_event_type,
            "acled_sub_event_type": e.acled_sub_event_type,
            "event_date": e.date,
            "event_precision": e.date_precision,
            "event_start": e.date_start,
            "event_end": e.date_end,
            "modality": e.modality,
            "actor1": (e.source_actor.name or e.source_actor.text) if e.source_actor else None,
            "actor2": (e.target_actor.name or e.target_actor.text) if e.target_actor else None,
            "location": e.place.name if e.place else None,
            "admin1": e.place.admin1 if e.place else None,
            "country": e.place.country if e.place else None,
            "lat": e.place.lat if e.place else None,
            "lon": e.place.lon if e.place else None,
            "evidence_start": e.evidence.start,
            "evidence_end": e.evidence.end,
            "evidence": a.snippet(e.evidence),
        }
        for i, e in enumerate(a.events)
    ]
    tables: list[tuple[type[Base], list[dict[str, Any]]]] = [
        (MentionRow, mentions),
        (QuoteRow, quotes),
        (PlaceRow, places),
        (TimeRow, times),
        (EventRow, events),
    ]
    sqlite = session.get_bind().dialect.name == "sqlite"
    for table, rows in tables:
        if rows and sqlite:
            _insert_sqlite(session, cast(Table, table.__table__), rows)
        elif rows:
            # a Core insert of the table: one executemany per table (the ORM's bulk insert
            # leaves out None values, so it split the rows into one statement per pattern of
            # missing values, mostly of one row); the stored rows are the same
            session.execute(insert(cast(Table, table.__table__)), rows)
    _add_actor_names(session, [n for e in a.events for n in _actor_names(e)])


def _insert_sqlite(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """``rows`` into ``table`` on SQLite, one executemany of the driver: the values SQLAlchemy's
    insert stores (a date as SQLAlchemy's SQLite text of it, a bool as 0/1 by the driver, the
    rest as they are), without its processing of every value of every row, which took more CPU
    than SQLite's own insert."""
    columns = list(rows[0])
    for c in columns:  # String covers Text; any other type needs SQLAlchemy's processing
        if not isinstance(table.c[c].type, (Integer, Float, String, Boolean, Date)):
            raise StoreError(f"{table.name}.{c}: no driver insert for {table.c[c].type}")
    dates = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date)]
    values = [[row[c] for c in columns] for row in rows]
    for row_values in values:
        for i in dates:
            if (day := row_values[i]) is not None:  # SQLAlchemy's SQLite DATE storage format
                row_values[i] = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    session.connection().exec_driver_sql(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', [tuple(v) for v in values]
    )


def _actor_names(e: Event) -> list[str]:
    return [
        name
        for actor in (e.source_actor, e.target_actor)
        if actor is not None and (name := actor.name or actor.text)
    ]


def _add_actor_names(session: Session, names: Sequence[str]) -> None:
    """Add ``names`` to ``actor_names`` (those there already stay as they are; concurrent
    writers may add the same name)."""
    if not names:
        return
    rows = [{"name": n} for n in sorted(set(names))]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(ActorNameRow).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(ActorNameRow).on_conflict_do_nothing(), rows)
