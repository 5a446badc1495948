"""Story lists found by reading the newest articles first give the pages a grouping of every
article gives: the same stories, order (latest date first, undated stories last, then by id),
counts, dates and totals, on SQLite and PostgreSQL, for every page and filter."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import insert

from sitrep.store import Store
from sitrep.store import queries as Q
from sitrep.store.schema import ArticleRow
from test_postgres import pg_url  # noqa: F401 - the fixture

FILTERS = [
    Q.Filters(),
    Q.Filters(status="ok"),
    Q.Filters(since=date(2021, 3, 1)),
    Q.Filters(until=date(2021, 2, 10)),
    Q.Filters(since=date(2021, 1, 20), until=date(2021, 2, 20)),
    Q.Filters(source="north"),
    Q.Filters(q="harbour"),
    Q.Filters(story="s-big"),
    Q.Filters(q="no such words"),
]


def _articles() -> list[dict[str, Any]]:
    """Stories of one to 150 articles: dated, undated, partly dated, tied on their latest
    date; articles without a story and failed ones among them."""
    rng = random.Random(11)
    rows: list[dict[str, Any]] = []

    def add(story: str | None, published: date | None, status: str = "ok") -> None:
        pk = len(rows) + 1
        rows.append(
            {
                "pk": pk,
                "key": f"id:b{pk}",
                "doc_id": f"b{pk}",
                "status": status,
                "published": published,
                "story": story,
                "source": rng.choice(["North Wire", "South Post"]),
                "title": rng.choice(["Harbour closed", "Vote counted", "Bridge reopened"]),
                "text": "",
                "record": {"id": f"b{pk}"},
            }
        )

    day0 = date(2021, 1, 1)
    for _ in range(150):  # one big story holding the newest dates: the walk reads on
        add("s-big", day0 + timedelta(days=80 + rng.randrange(10)))
    for n in range(60):
        for _ in range(rng.randrange(1, 5)):
            when = None if rng.random() < 0.1 else day0 + timedelta(days=rng.randrange(90))
            add(f"s-{n:02d}", when, "ok" if rng.random() < 0.9 else "failed")
    for n in range(6):  # tied on their latest date
        add(f"t-{5 - n}", date(2021, 2, 14))
    for n in range(5):  # undated
        add(f"u-{4 - n}", None)
    for _ in range(20):
        add(None, day0 + timedelta(days=rng.randrange(90)))
    return rows


def _expected(rows: list[dict[str, Any]], f: Q.Filters) -> list[tuple[Any, ...]]:
    stories: dict[str, list[date | None]] = {}
    for r in rows:
        if r["story"] is None or (f.status and r["status"] != f.status):
            continue
        if f.story and r["story"] != f.story:
            continue
        if f.source and f.source.lower() not in r["source"].lower():
            continue
        if f.q and f.q.lower() not in r["title"].lower():
            continue
        if f.since and not (r["published"] and r["published"] >= f.since):
            continue
        if f.until and not (r["published"] and r["published"] <= f.until):
            continue
        stories.setdefault(r["story"], []).append(r["published"])
    out = []
    for story, days in stories.items():
        dated = [d for d in days if d]
        out.append((story, len(days), min(dated) if dated else None, max(dated) if dated else None))
    out.sort(key=lambda s: (s[3] is None, -(s[3] or date.min).toordinal(), s[0]))
    return out


def _check(url: str) -> None:
    store = Store(url)
    rows = _articles()
    with store.engine.begin() as conn:
        conn.execute(insert(ArticleRow), rows)
    for f in FILTERS:
        expected = _expected(rows, f)
        for limit in (1, 7, 50):
            for offset in [*range(0, len(expected) + 2, limit), 500]:
                with store.session() as session:
                    page = Q.list_stories(session, f, limit, offset)
                got = [(r["id"], r["articles"], r["start"], r["end"]) for r in page.rows]
                assert page.total == len(expected), f
                assert got == expected[offset : offset + limit], (f, limit, offset)
    with store.session() as session:
        for n in (0, 1, 3, 80, 500):
            everything = [s[0] for s in _expected(rows, Q.Filters())]
            assert Q.latest_story_ids(session, n) == everything[:n]
    store.close()


#: (STORY_WALK_SHARE, STORY_WALK_ROWS): as set; every page read newest first; every page grouped
WAYS = [(Q.STORY_WALK_SHARE, Q.STORY_WALK_ROWS), (1, 10**9), (10**9, 0)]


@pytest.mark.parametrize("share,rows", WAYS)
def test_story_pages_on_sqlite(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, share: int, rows: int
) -> None:
    monkeypatch.setattr(Q, "STORY_WALK_SHARE", share)
    monkeypatch.setattr(Q, "STORY_WALK_ROWS", rows)
    _check(f"sqlite:///{tmp_path / 'stories.db'}")


@pytest.mark.postgres
@pytest.mark.parametrize("share,rows", WAYS)
def test_story_pages_on_postgres(
    pg_url: str,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    share: int,
    rows: int,
) -> None:
    monkeypatch.setattr(Q, "STORY_WALK_SHARE", share)
    monkeypatch.setattr(Q, "STORY_WALK_ROWS", rows)
    _check(pg_url)
