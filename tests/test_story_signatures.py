"""A story's signature (what GET /claims checks its cached claims against, made in the
database: one row per story) changes exactly when one of its ok members' pk, content hash,
analysis time or pipeline version does, or a member joins or leaves; other stories' stay.
SQLite and PostgreSQL (``-m postgres``)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, insert, select, update

from sitrep.store import Store
from sitrep.store import queries as Q
from sitrep.store.repository import normalise_url
from sitrep.store.schema import ArticleRow
from test_postgres import pg_url  # noqa: F401 - the fixture

STORIES = [f"tale-{n}" for n in range(5)]
T0 = datetime(2031, 3, 1, 8, 30)


def _members(url: str) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """Each story's ok members' (pk, content hash, analysed at, pipeline version), in Python."""
    a = ArticleRow
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        rows = conn.execute(
            select(a.story, a.status, a.pk, a.content_hash, a.analysed_at, a.pipeline_version)
        ).all()
    engine.dispose()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for story, status, *member in sorted(rows, key=lambda r: r[2]):
        if story is not None and status == "ok":
            out.setdefault(story, []).append(tuple(member))
    return {s: tuple(m) for s, m in out.items()}


def _row(pk: int, rng: random.Random) -> dict[str, Any]:
    return {
        "pk": pk,
        "key": f"id:s{pk}",
        "doc_id": f"s{pk}",
        "status": rng.choice(["ok", "ok", "ok", "skipped"]),
        "story": rng.choice([*STORIES, None]),
        "content_hash": rng.choice([f"{pk:08x}", None]),
        "analysed_at": rng.choice([T0 + timedelta(minutes=pk), None]),
        "pipeline_version": rng.choice(["v1", "v2", None]),
        "text": "",
        "record": {"id": f"s{pk}"},
    }


def _signatures_follow_members(url: str) -> None:
    rng = random.Random(5)
    store = Store(url)
    a = ArticleRow
    with store.engine.begin() as conn:
        conn.execute(insert(ArticleRow), [_row(pk, rng) for pk in range(1, 41)])

    def signatures() -> dict[str, str]:
        with store.session() as session:
            return Q.story_signatures(session, [*STORIES, "tale-none"])

    changes = [
        update(a).where(a.pk == 3).values(content_hash="feedface"),
        update(a).where(a.pk == 7).values(analysed_at=T0 + timedelta(days=9)),
        update(a).where(a.pk == 11).values(pipeline_version="v3"),
        update(a).where(a.pk == 13).values(status="failed"),
        update(a).where(a.pk == 13).values(status="ok"),
        update(a).where(a.pk == 17).values(story=STORIES[0]),
        update(a).where(a.pk.in_([19, 23])).values(story=STORIES[4]),
        delete(a).where(a.pk == 29),
        insert(a).values(_row(41, rng) | {"story": STORIES[2], "status": "ok"}),
        update(a).where(a.pk == 31).values(analysed_at=None, pipeline_version=None),
        update(a).where(a.story == STORIES[1]).values(story=None),
    ]
    before, sigs = _members(url), signatures()
    assert set(sigs) == set(before)  # a story without ok members has none
    for change in changes:
        with store.engine.begin() as conn:
            conn.execute(change)
        after, new = _members(url), signatures()
        assert set(new) == set(after), change
        for story in after.keys() & before.keys():
            assert (new[story] == sigs[story]) == (after[story] == before[story]), (change, story)
        before, sigs = after, new
    store.close()


def test_signatures_follow_members_on_sqlite(tmp_path: Any) -> None:
    _signatures_follow_members(f"sqlite:///{tmp_path / 'sig.db'}")


@pytest.mark.postgres
def test_signatures_follow_members_on_postgres(pg_url: str) -> None:  # noqa: F811
    _signatures_follow_members(pg_url)
