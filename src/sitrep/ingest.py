"""The ingest service: sources -> dedup -> analysis (local or Ray) -> store -> stories, resumable.

``ingest(sources, settings, store)`` reads every source (files, directories, JSONL, WARC, feeds),
extracts each document's text once in the driver to find exact and near-duplicates
(:mod:`sitrep.corpus.dedup`), sends the rest through the same pipeline on the chosen engine, and
saves every outcome (``ok``, ``skipped``, ``failed``, duplicates as ``skipped`` with the
canonical document named) with :meth:`Store.save`. Once every source is read, the ``ok``
articles of the sources are clustered into stories (:func:`sitrep.service.assign_stories`, the
same as ``sitrep analyze`` over the same inputs), those of earlier interrupted runs included.

Resumable and idempotent: a ledger row per record (``ingest_records``: source, record key,
position) and a checkpoint per source (``ingest_checkpoints``: the position to resume from) are
committed in one transaction *after* the records' articles are stored. A run killed at any point
(kill -9 included) and started again skips what the ledger holds, seeks seekable sources (WARC,
JSONL) to their checkpoint, and re-does at most the uncommitted tail, which the store's
idempotent keys absorb: nothing lost, nothing stored twice. One ingest at a time per database.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import delete, insert, select, update

from sitrep import service
from sitrep.errors import SitrepError, SkipDocument
from sitrep.ids import assign_id
from sitrep.model import Article, Outcome, OutcomeStatus
from sitrep.service import BatchSummary, EngineName, Runner
from sitrep.settings import Settings
from sitrep.sources.files import RawDocument
from sitrep.sources.registry import Source, open_sources
from sitrep.sources.sanitize import sanitize_name
from sitrep.store.schema import table

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from sitrep.corpus.dedup import Deduplicator
    from sitrep.store import Store

__all__ = ["EngineName", "IngestSummary", "Runner", "ingest", "load_parquet", "record_key"]

#: commit the ledger at least this often (records / seconds)
COMMIT_EVERY = 200
COMMIT_SECONDS = 5.0

records_table = table("ingest_records")
checkpoints_table = table("ingest_checkpoints")


def record_key(raw: RawDocument) -> str:
    """The ledger key of a record: where it came from (path@offset, path:line, feed#guid)."""
    return f"{raw.origin}#{raw.id}" if raw.origin else raw.id


@dataclass
class IngestSummary(BatchSummary):
    """Counts of one ingest run: a batch summary with duplicates, records already ingested,
    sources, time and the driver's time per step."""

    duplicate: int = 0
    already: int = 0
    sources: int = 0
    seconds: float = 0.0
    #: seconds spent in the driver per step (read, extract, dedup, store)
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "ok": self.ok,
            "skipped": self.skipped,
            "failed": self.failed,
            "duplicate": self.duplicate,
            "already": self.already,
            "sources": self.sources,
            "seconds": round(self.seconds, 2),
            "stored": dict(self.stored),
            "reasons": dict(self.reasons),
        }


@dataclass
class _Pending:
    source: Source
    position: int
    key: str
    raw_id: str
    state: Literal["analysing", "ready", "already"] = "ready"
    article: Article | None = None
    kind: str = "ok"


class _Ledger:
    """Ledger rows and checkpoints, buffered and committed in one transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine  # a store's: its migrations made the ledger tables
        self.rows: list[dict[str, Any]] = []
        self.positions: dict[str, tuple[int, int]] = {}

    def checkpoint(self, source: str) -> tuple[int, int]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(checkpoints_table.c.position, checkpoints_table.c.records).where(
                    checkpoints_table.c.source == sanitize_name(source)
                )
            ).first()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def done_keys(self, source: str, after: int) -> set[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(records_table.c.key).where(
                    records_table.c.source == sanitize_name(source),
                    records_table.c.position > after,
                )
            )
            return {r[0] for r in rows}

    def ok_articles(self, sources: Iterable[str]) -> list[str]:
        """The ids of the ``ok`` articles stored for the records of ``sources`` (this run's and
        those an earlier, interrupted run of them stored)."""
        names = sorted({sanitize_name(name) for name in sources})
        ids: list[str] = []
        with self.engine.connect() as conn:
            for i in range(0, len(names), 500):
                rows = conn.execute(
                    select(records_table.c.article).where(
                        records_table.c.source.in_(names[i : i + 500]),
                        records_table.c.status == OutcomeStatus.OK.value,
                        records_table.c.article.is_not(None),
                    )
                )
                ids.extend(str(r[0]) for r in rows)
        return ids

    def add(self, p: _Pending, records: int) -> None:
        if p.state != "already":
            status = p.kind if p.article is None else p.article.outcome.status.value
            if p.kind == "duplicate":
                status = "duplicate"
            ok = p.article is not None and status == OutcomeStatus.OK.value
            self.rows.append(
                {
                    "key": p.key,
                    "source": sanitize_name(p.source.name),
                    "position": p.position,
                    "status": status,
                    "article": p.article.id if ok and p.article is not None else None,
                }
            )
        self.positions[p.source.name] = (p.position, records)

    def flush(self, conn: Connection, complete: set[str]) -> None:
        if self.rows:  # replace rows of records read again (``restart``)
            keys = [r["key"] for r in self.rows]
            for i in range(0, len(keys), 500):
                conn.execute(
                    delete(records_table).where(records_table.c.key.in_(keys[i : i + 500]))
                )
            conn.execute(insert(records_table), self.rows)
        now = datetime.now(UTC).replace(tzinfo=None)
        for name, (position, records) in self.positions.items():
            source = sanitize_name(name)  # a path with undecodable bytes is stored escaped
            values = {
                "position": position,
                "records": records,
                "complete": name in complete,
                "updated": now,
            }
            changed = conn.execute(
                update(checkpoints_table)
                .where(checkpoints_table.c.source == source)
                .values(**values)
            ).rowcount
            if not changed:
                conn.execute(insert(checkpoints_table).values(source=source, **values))
        self.rows = []
        self.positions = {}


class _Parquet:
    """Articles to Parquet files, one closed file per commit (written before the ledger)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.rows: list[dict[str, Any]] = []

    def add(self, article: Article) -> str:
        from sitrep.parquet import article_row

        self.rows.append(article_row(article))
        return "written"

    def flush(self) -> None:
        if not self.rows:
            return
        from sitrep.parquet import write_articles

        write_articles(self.rows, self.directory)
        self.rows = []


def _outcome_article(raw: RawDocument, status: OutcomeStatus, reason: str) -> Article:
    meta = raw.meta
    article = Article(
        id=raw.id,
        name=raw.id,
        origin=raw.origin or None,
        url=_str(meta.get("url")),
        title=_str(meta.get("title")),
        outcome=Outcome(status=status, reason=reason[:500]),
    )
    return assign_id(article)


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


class _Preparer:
    """Extract the text in the driver for dedup, with the pipeline's own extract stage; the
    pipeline goes on from that article (``RawDocument.extracted``), never extracting again."""

    def __init__(self, settings: Settings) -> None:
        from sitrep.pipeline import extract_stage

        self.stage = extract_stage(settings)

    def __call__(self, raw: RawDocument) -> Article:
        from sitrep.pipeline import extract

        return extract(raw, self.stage)


def ingest(
    sources: Sequence[str | Path],
    settings: Settings,
    store: Store,
    *,
    engine: EngineName = "local",
    defaults: dict[str, Any] | None = None,
    dedup: bool = True,
    restart: bool = False,
    output: str | Path | None = None,
    runner: Runner | None = None,
    on_record: Callable[[str, Article | None, IngestSummary], None] | None = None,
    timeout: float = 20.0,
) -> IngestSummary:
    """Ingest ``sources`` into ``store`` (or Parquet files under ``output``); see the module doc.

    ``restart`` ignores checkpoints and the ledger (everything is read and analysed again; the
    store still keeps one row per article). ``runner`` replaces the engine (tests).
    ``on_record(kind, article, summary)`` is called for every record, ``kind`` one of ``ok``,
    ``skipped``, ``failed``, ``duplicate``, ``already``.
    """
    from sitrep.corpus.dedup import Deduplicator

    t_start = time.perf_counter()
    summary = IngestSummary()
    timings = summary.timings
    ledger = _Ledger(store.engine)
    dd: Deduplicator | None = Deduplicator(store.engine) if dedup else None
    prepare = _Preparer(settings) if dedup else None
    sink = _Parquet(output) if output is not None else None
    run = runner or service.runner(engine)
    srcs = open_sources(sources, defaults=defaults, max_bytes=settings.max_bytes, timeout=timeout)
    summary.sources = len(srcs)
    fifo: deque[_Pending] = deque()
    waiting: deque[_Pending] = deque()
    records: dict[str, int] = {}
    complete: set[str] = set()
    pending: dict[str, int] = {}  # records read but not yet stored, per source
    last_commit = time.perf_counter()

    def tick(name: str, t0: float) -> None:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0

    def commit() -> None:
        nonlocal last_commit
        t0 = time.perf_counter()
        if sink is not None:
            sink.flush()  # files first: a crash after this re-writes, never loses
        with store.engine.begin() as conn:
            if dd is not None:
                dd.flush(conn)
            # a source is complete once read to its end *and* every record of it is stored
            ledger.flush(conn, {name for name in complete if not pending.get(name)})
        last_commit = time.perf_counter()
        tick("commit", t0)

    def drain() -> None:
        while fifo and fifo[0].state != "analysing":
            p = fifo.popleft()
            pending[p.source.name] -= 1
            if p.article is not None:
                t0 = time.perf_counter()
                result = sink.add(p.article) if sink is not None else store.save_safely(p.article)
                summary.stored[result] = summary.stored.get(result, 0) + 1
                tick("store", t0)
            if p.state == "already":
                kind = "already"
            elif p.kind == "duplicate":
                kind = "duplicate"
            else:
                kind = _kind(p.article)
            summary.count(kind, p.article)
            records[p.source.name] = records.get(p.source.name, 0) + 1
            ledger.add(p, records[p.source.name])
            if on_record is not None:
                on_record(kind, p.article, summary)
            if (
                len(ledger.rows) >= COMMIT_EVERY
                or time.perf_counter() - last_commit > COMMIT_SECONDS
            ):
                commit()

    def produce() -> Iterator[RawDocument]:
        for src in srcs:
            position, count = (0, 0) if restart else ledger.checkpoint(src.name)
            start = position if src.seekable else 0
            records[src.name] = count if src.seekable else 0
            produced = 0
            done = set() if restart else ledger.done_keys(src.name, start if src.seekable else -1)
            t0 = time.perf_counter()
            for rec in src.records(start):
                tick("read", t0)
                raw = rec.raw
                p = _Pending(src, rec.next_position, record_key(raw), raw.id)
                fifo.append(p)
                pending[src.name] = pending.get(src.name, 0) + 1
                produced += 1
                if p.key in done:
                    p.state = "already"
                elif (raw_ready := _prepared(raw, p, prepare, dd, timings)) is not None:
                    p.state = "analysing"
                    waiting.append(p)
                    yield raw_ready
                drain()
                t0 = time.perf_counter()
            complete.add(src.name)
            if not produced:  # nothing new: still record that the source was read to its end
                ledger.positions[src.name] = (position, records[src.name])

    try:
        for article in run(produce(), settings):
            p = waiting.popleft()
            if (article.name or article.id) != p.raw_id:
                raise SitrepError(f"runner returned {article.name!r} for {p.raw_id!r}: order lost")
            p.article = article
            p.state = "ready"
            drain()
        drain()
    except BaseException:
        with contextlib.suppress(Exception):  # keep what is stored; then stop
            commit()
        raise
    commit()
    if sink is None and settings.stories:  # as `sitrep analyze` does for its inputs
        t0 = time.perf_counter()
        ids = ledger.ok_articles(src.name for src in srcs)
        service.assign_stories(store.articles(ids=ids), store)
        tick("stories", t0)
    summary.seconds = time.perf_counter() - t_start
    return summary


def _kind(article: Article | None) -> str:
    return "ok" if article is None else article.outcome.status.value


def _prepared(
    raw: RawDocument,
    p: _Pending,
    prepare: _Preparer | None,
    dd: Deduplicator | None,
    timings: dict[str, float],
) -> RawDocument | None:
    """The raw document to analyse, or ``None`` when ``p`` is already decided (skip, failure,
    duplicate)."""
    skip = raw.meta.get("skip")
    if skip:
        p.article = _outcome_article(raw, OutcomeStatus.SKIPPED, str(skip))
        return None
    if raw.error:
        p.article = _outcome_article(raw, OutcomeStatus.FAILED, raw.error)
        return None
    if prepare is None or dd is None:
        return raw
    t0 = time.perf_counter()
    try:
        extracted = prepare(raw)
    except SkipDocument as exc:
        p.article = _outcome_article(raw, OutcomeStatus.SKIPPED, exc.reason)
        return None
    except Exception as exc:  # one bad document never stops a run
        reason = f"{type(exc).__name__} in extract: {exc}"
        p.article = _outcome_article(raw, OutcomeStatus.FAILED, reason)
        return None
    finally:
        timings["extract"] = timings.get("extract", 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter()
    match = dd.add(p.key, extracted.text)
    timings["dedup"] = timings.get("dedup", 0.0) + time.perf_counter() - t0
    if match is not None:
        article = _outcome_article(raw, OutcomeStatus.SKIPPED, match.reason)
        article.url = extracted.url
        article.title = extracted.title
        article.published = extracted.published
        article.source = extracted.source
        article.content_hash = extracted.content_hash
        p.article = article
        p.kind = "duplicate"
        return None
    raw.extracted = extracted  # analysed from here on: extracted once
    raw.data = raw.text = None
    return raw


def load_parquet(path: str | Path, store: Store, *, stories: bool = True) -> dict[str, int]:
    """Store every article of the Parquet files under ``path`` (from ``--engine ray
    --output``), then cluster the ``ok`` ones into stories as ``ingest`` would have
    (``stories``); idempotent. Returns counts by store result."""
    from sitrep.parquet import read_articles

    counts: dict[str, int] = {}
    ids: list[str] = []
    for article in read_articles(path):
        result = store.save(article)
        counts[result] = counts.get(result, 0) + 1
        if article.outcome.status is OutcomeStatus.OK:
            ids.append(article.id)
    if stories:
        service.assign_stories(store.articles(ids=ids), store)
    return counts
