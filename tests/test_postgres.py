"""Migrations and concurrent ingestion against real databases.

PostgreSQL tests need a server: ``eval "$(bash scripts/ci-services)"`` exports
``SITREP_TEST_PG``; without it they skip. Each test gets a fresh database on that server.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from fixture_articles import fixture_articles
from sitrep.model import Article, Event, Place, Quote, Span
from sitrep.store import Store
from sitrep.store.repository import normalise_url
from sitrep.store.schema import TEXT_SEARCH, ArticleRow, Base, EventRow, QuoteRow, in_models

PG = os.environ.get("SITREP_TEST_PG")
needs_pg = pytest.mark.skipif(not PG, reason="SITREP_TEST_PG is not set (scripts/ci-services)")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    if not PG:
        pytest.skip("SITREP_TEST_PG is not set")
    admin = create_engine(normalise_url(PG), isolation_level="AUTOCOMMIT")
    name = f"sitrep_t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server or no right to create: skip
        admin.dispose()
        pytest.skip(f"cannot create a test database: {exc}")
    base = PG.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _schema_diff(url: str) -> list[Any]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        # the text-search objects of migration 0008 are by database, outside the models
        context = MigrationContext.configure(conn, opts={"include_name": in_models})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    return list(diff)


def _head() -> str:
    from alembic.script import ScriptDirectory

    from sitrep.store.migrations import config

    head = ScriptDirectory.from_config(config()).get_current_head()
    assert head
    return head


# -- migrations ----------------------------------------------------------------------------
def test_migrations_build_the_schema_on_sqlite(tmp_path: Path) -> None:
    from sitrep.store.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(create_engine(url))
    assert _schema_diff(url) == []


def test_head_is_the_latest_migration() -> None:
    from sitrep.store.migrations import HEAD

    assert _head() == HEAD  # Store's cheap "nothing to migrate" check reads HEAD


def _tables(url: str) -> set[str]:
    from sqlalchemy import inspect

    engine = create_engine(normalise_url(url))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_new_sqlite_store_is_built_by_the_migrations(tmp_path: Path) -> None:
    """Every table of the database, ingest ledger and dedup index included, is defined in
    store/schema.py and made by Alembic: an empty SQLite file migrated by Store equals it."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url).close()
    assert _schema_diff(url) == []
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"} | TEXT_SEARCH["tables"]
    assert {"ingest_records", "ingest_checkpoints", "dedup_documents"} <= _tables(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == _head()
    engine.dispose()


def _sqlite_contents(path: Path) -> dict[str, Any]:
    """Everything of an SQLite file: its schema objects and the rows of every table."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        objects = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = [name for kind, name, _t, _s in objects if kind == "table"]
        rows = {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr)
            for name in tables
            if not name.startswith("sqlite_")
        }
        return {
            "objects": objects,
            "rows": rows,
            "user_version": conn.execute("PRAGMA user_version").fetchone(),
        }
    finally:
        conn.close()


def test_a_new_sqlite_database_gets_what_the_migrations_make(tmp_path: Path) -> None:
    """A new SQLite file is given the head schema by the statements of sqlite_head, without
    Alembic: the same tables, indexes, triggers, text-search tables and version stamp (with
    their rows) as the migrations make, and statements written from the migrations now."""
    from sitrep.store.migrations import sqlite_head, sqlite_head_statements, upgrade

    by_alembic, by_statements = tmp_path / "alembic.db", tmp_path / "statements.db"
    engine = create_engine(f"sqlite:///{by_alembic}")
    upgrade(engine, snapshot=False)
    with engine.connect() as conn:
        written = sqlite_head_statements(conn)
    engine.dispose()
    assert written == list(sqlite_head.STATEMENTS), (
        "sqlite_head.py is out of date: run "
        "python -c 'from sitrep.store.migrations import write_sqlite_head; write_sqlite_head()'"
    )
    Store(f"sqlite:///{by_statements}").close()
    assert _sqlite_contents(by_statements) == _sqlite_contents(by_alembic)


def test_a_new_sqlite_store_opens_without_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from sitrep.store import Store; Store(sys.argv[1]).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    url = f"sqlite:///{tmp_path / 'new.db'}"
    done = subprocess.run(
        [sys.executable, "-c", code, url], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    assert _tables(url) == set(Base.metadata.tables) | {"alembic_version"} | TEXT_SEARCH["tables"]


def test_statements_of_another_revision_leave_a_new_sqlite_file_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.store.migrations import sqlite_head, upgrade

    monkeypatch.setattr(sqlite_head, "REVISION", "0001")
    upgrade(create_engine(f"sqlite:///{tmp_path / 'a.db'}"))
    upgrade(create_engine(f"sqlite:///{tmp_path / 'b.db'}"), snapshot=False)
    assert _sqlite_contents(tmp_path / "a.db") == _sqlite_contents(tmp_path / "b.db")


def test_an_older_sqlite_store_is_brought_to_head(tmp_path: Path) -> None:
    """A file of revision 0003 whose ingest ledger was made by ingest.py itself (no article
    column) gains the column on open; the rows it had stay."""
    from sitrep.store.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE ingest_records (key VARCHAR(700) NOT NULL, source VARCHAR(1000)"
                " NOT NULL, position INTEGER NOT NULL, status VARCHAR(16) NOT NULL,"
                " PRIMARY KEY (key))"  # as create_all made it from ingest.py's Table
            )
        )
        conn.execute(text("CREATE INDEX ix_ingest_records_source ON ingest_records (source)"))
        conn.execute(text("INSERT INTO ingest_records VALUES ('k', 's', 1, 'ok')"))
    engine.dispose()
    Store(url).close()
    assert _schema_diff(url) == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("select key, article from ingest_records")).all() == [("k", None)]
    engine.dispose()


@pytest.mark.postgres
@needs_pg
def test_migrations_up_on_postgres(pg_url: str) -> None:
    store = Store(pg_url)  # runs alembic upgrade head
    assert _schema_diff(pg_url) == [], "migrations and schema.py agree"
    assert _tables(pg_url) == set(Base.metadata.tables) | {"alembic_version"}
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == _head()
        trigram = "select 1 from pg_indexes where indexname = 'ix_events_evidence_trgm'"
        assert conn.execute(text(trigram)).scalar() == 1  # ILIKE on evidence by index
    Store(pg_url).close()  # idempotent: a second open migrates nothing
    store.close()


@pytest.mark.postgres
@needs_pg
def test_database_from_create_all_is_stamped(pg_url: str) -> None:
    engine = create_engine(normalise_url(pg_url))
    Base.metadata.create_all(engine)
    engine.dispose()
    store = Store(pg_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == _head()
    store.close()


@pytest.mark.postgres
@needs_pg
def test_idempotent_saves_and_api_on_postgres(pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.settings import Settings

    store = Store(pg_url)
    results = [store.save(a) for a in fixture_articles()]
    assert results == ["inserted"] * 5
    assert [store.save(a) for a in fixture_articles()][:4] == ["unchanged"] * 4
    with TestClient(create_app(Settings(db=pg_url), store=store)) as client:
        assert client.get("/articles").json()["total"] == 4
        assert client.get("/events", params={"bbox": "36.5,50.5,37.5,51"}).json()["total"] == 2
        assert (
            client.get("/quotes", params={"stance": "deny", "q": "involvement"}).json()["total"]
            == 1
        )
        assert client.get("/articles", params={"q": "%"}).json()["total"] == 1
        assert client.get("/articles", params={"actor": "GLADKOV"}).json()["total"] == 1
        assert client.get("/events", params={"country": "ua"}).json()["total"] == 1
        for value in ["'; DROP TABLE articles; --", "\x00", "%_\\"]:
            r = client.get("/events", params={"q": value, "actor": value})
            assert r.status_code in (200, 422), r.text
        assert client.get("/stories/story-incursion").json()["claims"]
        health = client.get("/health").json()
        assert health["articles"] == 4  # what /articles lists (ok records)
        assert sum(health["outcomes"].values()) == 5
    store.close()


# -- concurrent ingestion ------------------------------------------------------------------
def _synthetic(i: int, version: str) -> Article:
    body = f"Report {i}: shelling hit village {i} on Monday, the governor said.\n"
    return Article(
        id=f"doc-{i}",
        text=body,
        url=f"https://example.org/news/{i}",
        published=date(2023, 1, 1) + timedelta(days=i % 300),
        content_hash=f"hash-{i}",
        pipeline_version=version,
        quotes=[Quote(content=Span(start=0, end=len(body) - 1), speaker="governor")],
        places=[Place(span=Span(start=0, end=6), text="Report", lat=50.0, lon=36.0)],
        events=[
            Event(
                evidence=Span(start=0, end=len(body) - 1), plover_type="ASSAULT", date="2023-01-02"
            )
            for _ in range(1 + i % 3)
        ],
    )


def _ingest(url: str, ids: list[int], version: str, barrier: Any) -> None:
    store = Store(url)  # both processes migrate at once: the advisory lock serialises them
    barrier.wait(timeout=60)
    for i in ids:
        store.save(_synthetic(i, version))
    for i in ids[::7]:  # re-saving is a no-op
        store.save(_synthetic(i, version))
    # contention: both processes re-analyse the shared articles at once (replacing derived rows)
    for round_ in range(3):
        for i in range(150, 300):
            store.save(_synthetic(i, f"{version}.{round_}"))
    store.close()


def _run_two_writers(url: str) -> None:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    first = list(range(0, 300))
    second = list(range(450 - 1, 149, -1))  # overlaps 150..299, in the opposite order
    procs = [
        ctx.Process(target=_ingest, args=(url, first, "v1", barrier)),
        ctx.Process(target=_ingest, args=(url, second, "v2", barrier)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0, 0]


def _check_no_duplicates_or_losses(url: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar()
        n_keys = conn.execute(select(func.count(func.distinct(ArticleRow.key)))).scalar()
        assert n_articles == n_keys == 450
        # every article has exactly the child rows of the record it holds: none twice, none lost
        events = dict(
            conn.execute(
                select(EventRow.article_pk, func.count()).group_by(EventRow.article_pk)
            ).all()
        )
        quotes = dict(
            conn.execute(
                select(QuoteRow.article_pk, func.count()).group_by(QuoteRow.article_pk)
            ).all()
        )
        for pk, record in conn.execute(select(ArticleRow.pk, ArticleRow.record)):
            article = Article.model_validate(record)
            assert events.get(pk, 0) == len(article.events), article.id
            assert quotes.get(pk, 0) == len(article.quotes) == 1, article.id
    engine.dispose()


@pytest.mark.postgres
@needs_pg
def test_two_processes_ingest_without_duplicates_or_losses(pg_url: str) -> None:
    _run_two_writers(pg_url)
    _check_no_duplicates_or_losses(pg_url)
    store = Store(pg_url)
    assert store.save(_synthetic(10, "v1")) in ("unchanged", "updated")
    assert store.counts()["ok"] == 450
    store.close()


def test_two_processes_ingest_into_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'concurrent.db'}"
    Store(url).close()
    _run_two_writers(url)
    _check_no_duplicates_or_losses(url)
