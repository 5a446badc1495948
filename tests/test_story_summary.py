"""The ``stories`` summary (migration 0009) always equals a grouping of the ok articles by
story (count, first and last date), whatever writes the articles: inserts, deletes, and
updates of story, status and date in any mix, through SQL or the Store; a database with
articles gains it filled when migrated. SQLite and PostgreSQL (``-m postgres``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, insert, select, text, update

from sitrep.model import Article, Outcome, OutcomeStatus
from sitrep.store import Store
from sitrep.store import queries as Q
from sitrep.store.repository import normalise_url
from sitrep.store.schema import ArticleRow, StoryRow
from test_postgres import pg_url  # noqa: F401 - the fixture

STORIES = [f"st-{n}" for n in range(6)]
DAY0 = date(2022, 5, 1)


def _grouped(engine: Engine) -> dict[str, tuple[int, date | None, date | None]]:
    """What the summary should hold, computed from the articles in Python."""
    with engine.connect() as conn:
        rows = conn.execute(select(ArticleRow.story, ArticleRow.status, ArticleRow.published)).all()
    out: dict[str, list[date | None]] = {}
    for story, status, published in rows:
        if story is not None and status == "ok":
            out.setdefault(story, []).append(published)
    return {
        s: (len(d), min((x for x in d if x), default=None), max((x for x in d if x), default=None))
        for s, d in out.items()
    }


def _summary(engine: Engine) -> dict[str, tuple[int, date | None, date | None]]:
    s = StoryRow
    with engine.connect() as conn:
        rows = conn.execute(select(s.id, s.articles, s.first_published, s.last_published))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _row(pk: int, rng: random.Random) -> dict[str, Any]:
    return {
        "pk": pk,
        "key": f"id:m{pk}",
        "doc_id": f"m{pk}",
        "status": rng.choice(["ok", "ok", "ok", "failed"]),
        "published": _day(rng),
        "story": rng.choice([*STORIES, None]),
        "text": "",
        "record": {"id": f"m{pk}"},
    }


def _day(rng: random.Random) -> date | None:
    return None if rng.random() < 0.2 else DAY0 + timedelta(days=rng.randrange(12))


def _mixed_writes(url: str) -> None:
    store = Store(url)
    engine = store.engine
    rng = random.Random(5)
    a = ArticleRow
    pks: list[int] = []
    made = 0
    for step in range(120):
        with engine.begin() as conn:
            for _ in range(rng.randrange(1, 4)):
                what = rng.random() if pks else 0.0
                if what < 0.35:  # insert one or a few at once
                    new = [_row(made + k + 1, rng) for k in range(3)]
                    made += len(new)
                    conn.execute(insert(a), new)
                    pks += [r["pk"] for r in new]
                elif what < 0.5:
                    conn.execute(delete(a).where(a.pk == pks.pop(rng.randrange(len(pks)))))
                elif what < 0.65:
                    values = {"story": rng.choice([*STORIES, None])}
                    conn.execute(update(a).where(a.pk == rng.choice(pks)).values(**values))
                elif what < 0.75:
                    status = rng.choice(["ok", "failed"])
                    conn.execute(update(a).where(a.pk == rng.choice(pks)).values(status=status))
                elif what < 0.9:
                    day = _day(rng)
                    conn.execute(update(a).where(a.pk == rng.choice(pks)).values(published=day))
                elif what < 0.95:  # a whole story moves, or several columns at once
                    old, new_story = rng.sample(STORIES, 2)
                    conn.execute(update(a).where(a.story == old).values(story=new_story))
                else:
                    conn.execute(
                        update(a)
                        .where(a.pk == rng.choice(pks))
                        .values(story=rng.choice(STORIES), status="ok", published=_day(rng))
                    )
        assert _summary(engine) == _grouped(engine), step
    assert len(_summary(engine)) >= 3  # the run ends with stories to compare
    # the Store's own writes: saving articles with a story, then assigning other stories
    for n in range(4):
        art = Article(id=f"saved-{n}", text=f"Text {n} of a saved report.", story="st-0")
        art.published = DAY0 + timedelta(days=20 + n)
        art.outcome = Outcome(status=OutcomeStatus.OK)
        store.save(art)
    store.set_stories({"saved-0": "st-new", "saved-1": "st-new", "saved-2": None})
    assert _summary(engine) == _grouped(engine)
    assert _summary(engine)["st-new"][0] == 2
    with store.session() as session:  # the unfiltered list is the summary, in list order
        page = Q.list_stories(session, Q.Filters(), 50, 0)
    expected = sorted(
        _grouped(engine).items(),
        key=lambda kv: (kv[1][2] is None, -(kv[1][2] or date.min).toordinal(), kv[0]),
    )
    assert [(r["id"], r["articles"], r["start"], r["end"]) for r in page.rows] == [
        (s, *v) for s, v in expected
    ]
    store.close()


def test_summary_follows_mixed_writes_on_sqlite(tmp_path: Any) -> None:
    _mixed_writes(f"sqlite:///{tmp_path / 'sum.db'}")


@pytest.mark.postgres
def test_summary_follows_mixed_writes_on_postgres(pg_url: str) -> None:  # noqa: F811
    _mixed_writes(pg_url)


def _filled_on_upgrade(url: str) -> None:
    from sitrep.store.migrations import upgrade

    engine = create_engine(normalise_url(url))
    upgrade(engine, "0008")
    rng = random.Random(9)
    rows = [_row(pk, rng) for pk in range(1, 200)]
    with engine.begin() as conn:
        conn.execute(insert(ArticleRow), rows)
    upgrade(engine)
    assert _summary(engine) == _grouped(engine) != {}
    with engine.begin() as conn:  # and kept from then on
        conn.execute(text("UPDATE articles SET status = 'ok'"))
    assert _summary(engine) == _grouped(engine)
    engine.dispose()


def test_summary_is_filled_on_upgrade_on_sqlite(tmp_path: Any) -> None:
    _filled_on_upgrade(f"sqlite:///{tmp_path / 'up.db'}")


@pytest.mark.postgres
def test_summary_is_filled_on_upgrade_on_postgres(pg_url: str) -> None:  # noqa: F811
    _filled_on_upgrade(pg_url)


def test_list_titles_read_text_only_for_untitled_stories(tmp_path: Any) -> None:
    """A listed story's title is story_title of all its members: its first headline, else
    the first line of its earliest text, also when titled and untitled stories share a page."""
    from sitrep import service

    store = Store(f"sqlite:///{tmp_path / 'titles.db'}")
    rows: list[dict[str, Any]] = []

    def add(story: str, title: str | None, text_: str, day: int) -> None:
        pk = len(rows) + 1
        rows.append(
            {
                "pk": pk,
                "key": f"id:t{pk}",
                "doc_id": f"t{pk}",
                "status": "ok",
                "published": DAY0 + timedelta(days=day),
                "story": story,
                "title": title,
                "text": text_,
                "record": {"id": f"t{pk}"},
            }
        )

    add("plain", "Ferry service resumes", "Body one.", 3)
    add("plain", "Later headline", "Body two.", 4)
    add("bare", None, "\n  Dockworkers walk out at dawn\nMore text.", 2)
    add("bare", "   ", "Second report.", 5)
    add("mixed", None, "No headline here.", 1)
    add("mixed", "Council approves budget", "Text.", 6)
    with store.engine.begin() as conn:
        conn.execute(insert(ArticleRow), rows)
    listed, total = service.story_page(store, Q.Filters(), 50, 0)
    assert total == 3
    titles = {r["id"]: r["title"] for r in listed}
    for story in ("plain", "bare", "mixed"):
        members = [(r["published"], r["doc_id"], r["title"], r["text"]) for r in rows]
        mine = [m for m, r in zip(members, rows, strict=True) if r["story"] == story]
        assert titles[story] == service.story_title(mine)
    assert titles == {
        "plain": "Ferry service resumes",
        "bare": "Dockworkers walk out at dawn",
        "mixed": "Council approves budget",
    }
    store.close()
