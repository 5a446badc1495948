"""The store: a real SQLite file, idempotent writes, outcomes kept, nothing lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import NotFound
from sitrep.model import (
    Article,
    Event,
    Mention,
    Outcome,
    OutcomeStatus,
    Place,
    Quote,
    Span,
    TimeExpression,
)
from sitrep.store import Store, article_key


def _article(doc_id: str = "a1", text: str = "Rebels attacked the town on Monday.") -> Article:
    return Article(
        id=doc_id,
        text=text,
        published=date(2023, 5, 23),
        origin=f"/tmp/{doc_id}.txt",
        content_hash="h-" + text,
        pipeline_version="test",
        quotes=[Quote(content=Span(start=0, end=6), stance="deny", speaker="X")],
        places=[Place(span=Span(start=20, end=24), text="town", name="Town", geonames_id=1)],
        times=[TimeExpression(span=Span(start=28, end=34), text="Monday", value="2023-05-22")],
        events=[Event(evidence=Span(start=0, end=len(text)), plover_type="ASSAULT")],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'test.db'}")


def test_same_article_twice_is_stored_once(store: Store) -> None:
    assert store.save(_article()) == "inserted"
    assert store.save(_article()) == "unchanged"
    counts = store.counts()
    assert counts["ok"] == 1
    assert counts["events"] == 1 and counts["quotes"] == 1


def test_reanalysis_replaces_derived_rows(store: Store) -> None:
    store.save(_article())
    again = _article()
    again.pipeline_version = "newer"
    again.events = []
    assert store.save(again) == "updated"
    assert store.counts()["events"] == 0
    assert store.get("a1").pipeline_version == "newer"


def test_failed_rerun_never_replaces_ok_record(store: Store) -> None:
    store.save(_article())
    failed = _article()
    failed.outcome = Outcome(status=OutcomeStatus.FAILED, reason="boom")
    # a failure is keyed by origin, so it is recorded but the ok record stays whole
    store.save(failed)
    assert store.get("a1").outcome.status is OutcomeStatus.OK
    assert store.counts()["events"] == 1


def test_outcomes_are_stored_with_reason(store: Store) -> None:
    skipped = Article(id="b", origin="/x/b.txt", outcome=Outcome(status="skipped", reason="empty"))
    assert store.save(skipped) == "inserted"
    assert store.save(skipped) == "updated"
    assert store.counts()["skipped"] == 1
    assert store.get("b").outcome.reason == "empty"


def test_success_after_failure_drops_stale_failure(store: Store) -> None:
    failed = Article(id="a1", origin="/tmp/a1.txt", outcome=Outcome(status="failed", reason="x"))
    store.save(failed)
    store.save(_article())
    counts = store.counts()
    assert counts.get("failed", 0) == 0 and counts["ok"] == 1


def test_keys() -> None:
    a = _article()
    assert article_key(a) == "id:a1"  # an analysed article: its unique id (sitrep.ids)
    a.outcome = Outcome(status=OutcomeStatus.FAILED, reason="x")
    assert article_key(a) == "origin:/tmp/a1.txt#a1"  # a failure: where it came from


def test_unknown_id(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get("nope")


def test_data_survives_reopen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'persist.db'}"
    Store(url).save(_article())
    assert Store(url).get("a1").places[0].geonames_id == 1


def test_set_stories_changes_the_story_alone(store: Store) -> None:
    """Story ids are written into the column and the stored record (SQLite: by ``json_set``,
    the record never read back); the rest of the record stays as saved, and an unchanged
    story is not counted."""
    texts = {
        "kestrel-1": "Ünïcödé quotes «like these» and 北京, lat 12.5 on Monday.",
        "kestrel-2": "Rebels attacked the town of Varnholm on Monday.",
        "kestrel-3": "A third report on Monday.",
    }
    saved = {}
    for doc_id, text in texts.items():
        art = _article(doc_id, text)
        art.outcome = Outcome(status=OutcomeStatus.OK)
        art.story = "st-old" if doc_id == "kestrel-3" else None
        store.save(art)
        saved[doc_id] = store.get(doc_id)
    wanted = {"kestrel-1": "st-lark", "kestrel-2": "st-lark", "kestrel-3": None}
    assert store.set_stories(wanted) == 3
    assert store.set_stories(wanted) == 0  # nothing to change
    assert store.set_stories({"kestrel-1": "st-wren", "nobody": "st-wren"}) == 1
    wanted["kestrel-1"] = "st-wren"
    for doc_id, before in saved.items():
        after = store.get(doc_id)
        assert after.story == wanted[doc_id]
        assert after.model_dump(exclude={"story"}) == before.model_dump(exclude={"story"})
    with store.session() as session:
        from sqlalchemy import select

        from sitrep.store.schema import ArticleRow

        rows = session.execute(select(ArticleRow.doc_id, ArticleRow.story, ArticleRow.record))
        for doc_id, story, record in rows:
            assert story == record["story"] == wanted[doc_id]
    assert store.set_stories({}) == 0


def test_child_rows_on_sqlite_are_stored_as_sqlalchemys_insert_stores_them(
    store: Store, tmp_path: Path
) -> None:
    # the driver's executemany on SQLite against SQLAlchemy's Core insert (still used on
    # PostgreSQL): dates, bools, floats, None and text, byte for byte and read back typed
    from sqlalchemy import insert, select, text

    from sitrep.store.repository import CHILD_TABLES
    from sitrep.store.schema import ArticleRow

    article = _article("b2", "Fenwick rangers said they had cleared the ford at Oxley by Friday.")
    article.quotes = [
        Quote(content=Span(start=0, end=7), stance="deny", speaker="Fenwick", hedged=True)
    ]
    article.places = [
        Place(span=Span(start=59, end=64), text="Oxley", name="Oxley", lat=51.5, literal=False)
    ]
    article.mentions = [Mention(span=Span(start=0, end=7), text="Fenwick", label="GPE")]
    article.events[0].date_start = date(2024, 2, 9)
    article.events[0].date_end = date(998, 12, 31)
    store.save(article)
    core = Store(f"sqlite:///{tmp_path / 'core.db'}")
    with store.engine.connect() as conn, core.engine.begin() as out:
        for table in (ArticleRow, *CHILD_TABLES):
            rows = [dict(r._mapping) for r in conn.execute(select(table.__table__))]
            assert rows, table.__tablename__
            out.execute(insert(table.__table__), rows)
    for table in CHILD_TABLES:
        name = table.__tablename__
        raw = f'SELECT *, typeof(pk) FROM "{name}" ORDER BY pk'
        with store.engine.connect() as a, core.engine.connect() as b:
            assert a.execute(text(raw)).all() == b.execute(text(raw)).all(), name
            typed = select(table.__table__).order_by(table.pk)
            assert a.execute(typed).all() == b.execute(typed).all(), name
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT event_start, event_end FROM events")).one()
        assert tuple(row) == ("2024-02-09", "0998-12-31")
        assert conn.execute(text("SELECT hedged, typeof(hedged) FROM quotes")).one() == (
            1,
            "integer",
        )
        assert conn.execute(text("SELECT literal FROM places")).scalar() == 0


def test_the_sqlite_driver_insert_refuses_a_column_type_it_does_not_store() -> None:
    from sqlalchemy import JSON, Column, Integer, MetaData, Table, create_engine
    from sqlalchemy.orm import Session

    from sitrep.errors import StoreError
    from sitrep.store.repository import _insert_sqlite

    table = Table("extras", MetaData(), Column("id", Integer), Column("blob", JSON))
    engine = create_engine("sqlite://")
    table.create(engine)
    with Session(engine) as session, pytest.raises(StoreError, match="extras.blob"):
        _insert_sqlite(session, table, [{"id": 1, "blob": {"a": 1}}])
