"""Event lists read by any plan give the same page: the index SQLite is steered to (walking the
order index, sorting a filter's matches, or the planner's choice) never changes which events
match, their order or the total; the actor filter's name table holds every stored actor."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, event, func, insert, select, update

from fixture_articles import fixture_articles
from sitrep.model import date_interval
from sitrep.store import Store
from sitrep.store import queries as Q
from sitrep.store.schema import ActorNameRow, ArticleRow, EventRow

ACTORS = ["Army of X", "X Police", "Rebels", "Mayor of Y", None]
TYPES = [("ASSAULT", "Battles", "Armed clash"), ("PROTEST", "Protests", "Peaceful protest")]
PRECISION_DAYS: dict[str | None, int] = {
    "day": 1,
    "week": 7,
    "month": 30,
    "quarter": 92,
    "season": 92,
    "half": 184,
    "year": 365,
    "decade": 3650,
    "range": 500,
    None: 60,  # a date whose precision the producer did not give
}


def _event_row(
    article_pk: int, idx: int, stated: str, precision: str | None, start: date, end: date
) -> dict[str, Any]:
    """An events-table row of a reported event stated as ``stated`` over ``start``-``end``."""
    return {
        "article_pk": article_pk,
        "idx": idx,
        "event_date": stated,
        "event_precision": precision,
        "event_start": start,
        "event_end": end,
        "modality": "reported",
        "evidence_start": 0,
        "evidence_end": 0,
        "evidence": "",
    }


def _store(tmp_path: Path, n_articles: int = 120) -> Store:
    rng = random.Random(3)
    store = Store(f"sqlite:///{tmp_path / 'plans.db'}")
    articles: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for pk in range(1, n_articles + 1):
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
        articles.append(
            {
                "pk": pk,
                "key": f"id:a{pk}",
                "doc_id": f"a{pk}",
                "status": "ok",
                "published": day,
                "text": "",
                "record": {"id": f"a{pk}"},
            }
        )
        for idx in range(5):
            precision = rng.choice(list(PRECISION_DAYS))
            start = day - timedelta(days=rng.randrange(40))
            plover, acled, sub = rng.choice(TYPES)
            located = rng.random() < 0.8
            events.append(
                {
                    "article_pk": pk,
                    "idx": idx,
                    "plover_type": plover,
                    "acled_event_type": acled,
                    "acled_sub_event_type": sub if rng.random() < 0.5 else None,
                    "event_date": f"{start.isoformat()}/{precision}",
                    "event_precision": precision,
                    "event_start": start,
                    "event_end": start + timedelta(days=PRECISION_DAYS[precision] - 1),
                    "modality": rng.choice(["reported", "claimed"]),
                    "actor1": rng.choice(ACTORS),
                    "actor2": rng.choice(ACTORS),
                    "country": rng.choice(["UA", "RU"]) if located else None,
                    "lat": 44 + rng.random() * 8 if located else None,
                    "lon": 22 + rng.random() * 16 if located else None,
                    "evidence_start": 0,
                    "evidence_end": 1,
                    "evidence": rng.choice(
                        ["shelling of a bridge", "a march", "Drone strike", "Обстріл мосту"]
                    ),
                }
            )
    names = {e[k] for e in events for k in ("actor1", "actor2") if e[k]}
    with store.engine.begin() as conn:
        conn.execute(insert(ArticleRow), articles)
        conn.execute(insert(EventRow), events)
        conn.execute(insert(ActorNameRow), [{"name": n} for n in sorted(names)])
    return store


FILTERS = [
    Q.Filters(),
    Q.Filters(bbox=Q.BBox(25, 46, 30, 50)),
    Q.Filters(bbox=Q.BBox(25, 46, 30, 50), country="UA"),
    Q.Filters(since=date(2022, 6, 1), until=date(2022, 6, 30)),
    Q.Filters(since=date(2023, 1, 1)),
    Q.Filters(until=date(2022, 3, 1), type="PROTEST"),
    Q.Filters(type="Armed clash"),
    Q.Filters(type="no such type"),
    Q.Filters(actor="x"),
    Q.Filters(actor="police", modality="claimed"),
    Q.Filters(q="DRONE", country="RU"),
    Q.Filters(since=date(2022, 5, 1), until=date(2022, 8, 1), type="ASSAULT", country="UA"),
    Q.Filters(since=date(2022, 2, 1), until=date(2022, 3, 15), type="PROTEST", modality="claimed"),
    Q.Filters(since=date(2022, 4, 1), until=date(2022, 9, 30), type="Armed clash"),
    Q.Filters(since=date(2022, 9, 1), until=date(2022, 9, 1)),
    Q.Filters(since=date(2023, 2, 1), until=date(2023, 5, 31), country="RU", modality="claimed"),
    Q.Filters(since=date(2022, 1, 1), until=date(2023, 12, 31), actor="police"),
    Q.Filters(since=date(2022, 3, 1), until=date(2022, 7, 31), q="bridge"),
    Q.Filters(since=date(1, 1, 2), until=date(2022, 1, 31)),  # a span back from it: no day
    Q.Filters(q="обстріл"),  # in the trigram table, letter case aside in any script
    Q.Filters(q="ОБСТРІЛ", since=date(2022, 3, 1), until=date(2023, 7, 31), country="UA"),
    Q.Filters(q="dr"),  # under 3 characters: no trigram, LIKE
    Q.Filters(q='f "a'),  # a quote inside the FTS5 phrase
]


def _matches(event: dict[str, Any], f: Q.Filters) -> bool:
    """The filters' meaning, in Python."""
    if f.since and not (event["date_end"] and event["date_end"] >= f.since):
        return False
    if f.until and not (event["date_start"] and event["date_start"] <= f.until):
        return False
    if f.type and f.type not in (
        event["plover_type"],
        event["acled_event_type"],
        event["acled_sub_event_type"],
    ):
        return False
    if f.modality and event["modality"] != f.modality:
        return False
    actors = [(event[k] or "").lower() for k in ("actor1", "actor2")]
    if f.actor and not any(f.actor.lower() in a for a in actors):
        return False
    if f.country and event["country"] not in Q.country_codes(f.country):
        return False
    if f.q and f.q.lower() not in event["evidence_text"].lower():
        return False
    if f.bbox:
        b = f.bbox
        if event["lat"] is None or not (b.south <= event["lat"] <= b.north):
            return False
        if event["lon"] is None or not (b.west <= event["lon"] <= b.east):
            return False
    return True


@pytest.mark.parametrize("plan", ["walk", "sort", None])
def test_every_plan_reads_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: str | None
) -> None:
    store = _store(tmp_path)
    with store.session() as session:
        every = [dict(r) for r in Q.list_events(session, Q.Filters(), 500, 0).rows]
        every += [dict(r) for r in Q.list_events(session, Q.Filters(), 500, 500).rows]
    assert len(every) == 600
    monkeypatch.setattr(Q, "_events_plan", lambda *args: plan)
    for f in FILTERS:
        expected = [(e["article_id"], e["index"]) for e in every if _matches(e, f)]
        with store.session() as session:
            pages = [Q.list_events(session, f, 7, offset) for offset in (0, 7, 50)]
        for page, offset in zip(pages, (0, 7, 50), strict=True):
            assert page.total == len(expected), f
            got = [(r["article_id"], r["index"]) for r in page.rows]
            assert got == expected[offset : offset + 7], (f, plan, offset)
    store.close()


def test_the_chosen_plans_read_the_same_pages_as_the_planner(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for f in FILTERS:
        with store.session() as session:
            chosen = Q.list_events(session, f, 10, 3)
        with store.session() as session:
            original = Q._events_plan
            try:
                Q._events_plan = lambda *args: None  # type: ignore[assignment]
                plain = Q.list_events(session, f, 10, 3)
            finally:
                Q._events_plan = original  # type: ignore[assignment]
        assert chosen == plain, f
    store.close()


def test_an_actor_in_few_events_is_looked_up_by_name_and_sorted(tmp_path: Path) -> None:
    """SQLite's planner would walk the date order for an actor filter (it takes the list of
    matching names to be long); with few matches they are read by name and sorted instead."""
    store = _store(tmp_path)  # 600 events
    with store.session() as session:
        assert Q._events_plan(session, Q.Filters(actor="Rebels"), 4, 50) == "sort"
        assert Q._events_plan(session, Q.Filters(actor="Rebels"), 300, 50) == "walk"
        assert Q._events_plan(session, Q.Filters(place="Y"), 4, 50) is None
    store.close()


def test_saved_events_add_their_actor_names(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'names.db'}")
    for article in fixture_articles():
        store.save(article)
    store.save(fixture_articles()[0])  # the same again: the names stay once
    with store.session() as session:
        names = list(session.scalars(select(ActorNameRow.name)))
        actors = {
            a for row in session.execute(select(EventRow.actor1, EventRow.actor2)) for a in row if a
        }
    assert actors and actors <= set(names) and len(names) == len(set(names))
    store.close()


def _longest_spans() -> dict[str, int]:
    """The most days past its first day that a date of each precision covers, as
    :func:`sitrep.model.date_interval` reads every month, week, quarter, half, season and
    year of 2019-2024 (leap years among them)."""
    values = []
    for y in range(2019, 2025):
        values += [f"{y}", *(f"{y}-{m:02d}" for m in range(1, 13)), f"{y}-W10"]
        values += [f"{y}-Q{q}" for q in range(1, 5)] + [f"{y}-H1", f"{y}-H2"]
        values += [f"{y}-{s}" for s in ("SP", "SU", "FA", "WI")] + [f"{y}-02-29", f"{y}-03-01"]
    out: dict[str, int] = {}
    for value in values:
        found = date_interval(value)
        if found:
            start, end, precision = found
            out[precision] = max(out.get(precision, 0), (end - start).days)
    return out


def test_precision_bounds_cover_every_date_of_that_precision() -> None:
    longest = _longest_spans()
    assert set(longest) == set(Q.PRECISION_DAYS)
    for precision, days in longest.items():
        assert days <= Q.PRECISION_DAYS[precision], precision


@pytest.mark.parametrize("precision", [*Q.PRECISION_DAYS, "decade", "range", None])
def test_a_date_range_finds_events_of_every_precision_at_its_edges(
    tmp_path: Path, precision: str | None
) -> None:
    """Read by precision, a range still finds an event of the longest span its precision
    allows that ends on the range's first day or starts on its last, and no event that ends
    the day before or starts the day after."""
    store = Store(f"sqlite:///{tmp_path / 'edges.db'}")
    since, until = date(2023, 3, 1), date(2023, 3, 10)
    span = timedelta(days=_longest_spans().get(precision or "", 900))
    spans = {  # index -> (start, end)
        0: (since - span, since),
        1: (until, until + span),
        2: (since - span - timedelta(days=1), since - timedelta(days=1)),
        3: (until + timedelta(days=1), until + span + timedelta(days=1)),
    }
    with store.engine.begin() as conn:
        conn.execute(
            insert(ArticleRow),
            [{"pk": 1, "key": "id:e", "doc_id": "e", "status": "ok", "text": "", "record": {}}],
        )
        conn.execute(
            insert(EventRow),
            [
                _event_row(1, i, start.isoformat(), precision, start, end)
                for i, (start, end) in spans.items()
            ],
        )
    with store.session() as session:
        page = Q.list_events(session, Q.Filters(since=since, until=until), 10, 0)
    assert page.total == 2
    assert sorted(r["index"] for r in page.rows) == [0, 1]
    store.close()


def test_the_text_table_follows_inserts_updates_and_deletes(tmp_path: Path) -> None:
    """``events_fts`` (migration 0008) is kept in step with events.evidence by triggers: what a
    text filter finds is what the events hold after each change."""
    store = _store(tmp_path, n_articles=3)

    def found(q: str) -> int:
        with store.session() as session:
            return Q.list_events(session, Q.Filters(q=q), 50, 0).total

    def like(q: str) -> int:
        with store.session() as session:
            return int(
                session.scalar(
                    select(func.count()).where(func.sitrep_contains(EventRow.evidence, q))
                )
                or 0
            )

    assert found("bridge") == like("bridge") > 0
    with store.engine.begin() as conn:
        conn.execute(update(EventRow).values(evidence="convoy at a ferry"))
    assert found("bridge") == 0 and found("ferry") == like("ferry") == 15
    with store.engine.begin() as conn:
        conn.execute(delete(EventRow).where(EventRow.idx < 2))
    assert found("FERRY") == 9
    with store.engine.begin() as conn:
        conn.execute(delete(ArticleRow).where(ArticleRow.pk == 1))  # its events by cascade
    assert found("ferry") == 6
    store.close()


def test_a_date_range_reads_only_the_precisions_events_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts of a date range are made only for the precisions some event has (probed, kept
    until a commit): the pages are those of every part, and an event of a precision first
    stored after a page was read is found by the next one."""
    store = _store(tmp_path, n_articles=60)
    with store.engine.begin() as conn:  # keep days, months and no precision
        conn.execute(delete(EventRow).where(EventRow.event_precision.not_in(["day", "month"])))
    with store.session() as session:
        assert Q._precisions(session) == ("day", "month", None)
    dated = [f for f in FILTERS if f.since and f.until and not f.type]
    assert len(dated) >= 5

    def pages() -> list[Q.Page]:
        out = []
        for f in dated:
            with store.session() as session:
                out += [Q.list_events(session, f, 7, offset) for offset in (0, 7, 50)]
        return out

    probed = pages()
    monkeypatch.setattr(Q, "_precisions", lambda session: Q._PRECISIONS)
    assert pages() == probed  # every part: the same pages
    monkeypatch.undo()
    assert any(p.total for p in probed)

    # a year that covers the range, stored by another connection after the probe
    f = Q.Filters(since=date(2022, 6, 1), until=date(2022, 6, 30))
    with store.session() as session:
        before = Q.list_events(session, f, 5, 0).total
    other = create_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    with other.begin() as conn:
        conn.execute(
            insert(EventRow),
            [
                {
                    "article_pk": 1,
                    "idx": 99,
                    "event_date": "2022",
                    "event_precision": "year",
                    "event_start": date(2022, 1, 1),
                    "event_end": date(2022, 12, 31),
                    "modality": "reported",
                    "evidence_start": 0,
                    "evidence_end": 0,
                    "evidence": "",
                }
            ],
        )
    other.dispose()
    with store.session() as session:
        assert Q._precisions(session) == ("day", "month", "year", None)
        page = Q.list_events(session, f, 500, 0)
    assert page.total == before + 1 and 99 in [r["index"] for r in page.rows]
    store.close()


def test_a_session_reads_the_events_it_has_not_committed(tmp_path: Path) -> None:
    """The kept probe and totals are for committed data: a session that has written events
    and not committed them reads its own (review25 #10). A date range finds an event of a
    precision only it has written, or the first event at all (no early empty page), and
    the totals count its rows, flushed or still pending."""
    store = _store(tmp_path, n_articles=30)
    with store.engine.begin() as conn:
        conn.execute(delete(EventRow).where(func.coalesce(EventRow.event_precision, "") != "day"))
    spring = Q.Filters(since=date(2022, 3, 1), until=date(2022, 6, 30))

    def harvest(idx: int, precision: str, start: date, end: date) -> dict[str, Any]:
        stated = start.isoformat()[: 4 if precision == "year" else 10]
        return _event_row(3, idx, stated, precision, start, end)

    with store.session() as session:  # the probe ("day" only) and the totals are kept
        before = Q.list_events(session, spring, 500, 0)
        assert before.total > 0
        every = Q.list_events(session, Q.Filters(), 5, 0).total
        assert Q._precisions(session) == ("day",)
    with store.session() as session:
        session.execute(
            insert(EventRow), [harvest(41, "year", date(2022, 1, 1), date(2022, 12, 31))]
        )
        page = Q.list_events(session, spring, 500, 0)
        assert page.total == before.total + 1 and 41 in [r["index"] for r in page.rows]
        assert Q.list_events(session, Q.Filters(), 5, 0).total == every + 1
        session.add(EventRow(**harvest(42, "day", date(2022, 4, 9), date(2022, 4, 9))))
        assert Q.list_events(session, spring, 500, 0).total == before.total + 2  # pending
        session.rollback()
    with store.session() as session:  # rolled back: as before
        assert Q.list_events(session, spring, 500, 0) == before
    with store.engine.begin() as conn:
        conn.execute(delete(EventRow))
    with store.session() as session:
        assert Q.list_events(session, spring, 5, 0) == Q.Page(rows=[], total=0)
        session.execute(insert(EventRow), [harvest(43, "day", date(2022, 4, 2), date(2022, 4, 2))])
        assert Q.list_events(session, spring, 5, 0).total == 1
        session.rollback()
    store.close()


def test_a_date_range_over_no_events(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    with store.session() as session:
        assert Q._precisions(session) == ()
        page = Q.list_events(
            session, Q.Filters(since=date(2022, 1, 1), until=date(2022, 2, 1)), 5, 0
        )
    assert page == Q.Page(rows=[], total=0)
    store.close()


def test_a_plover_type_with_a_date_range_reads_its_own_index(tmp_path: Path) -> None:
    """Counted and paged from ix_events_precision_type (the type's events of the range's days,
    per precision), not from every event of the type; an ACLED type keeps its own index, and a
    PLOVER type alone is still read in date order."""
    store = _store(tmp_path)
    plans: list[str] = []

    def before(conn: Any, _cursor: Any, statement: str, params: Any, *_args: Any) -> None:
        if statement.startswith("SELECT") and "events" in statement:
            found = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            plans.append(" ".join(str(r[-1]) for r in found))

    event.listen(store.engine, "before_cursor_execute", before)
    since, until = date(2022, 5, 1), date(2022, 6, 30)
    with store.session() as session:
        Q.list_events(session, Q.Filters(since=since, until=until, type="PROTEST"), 5, 0)
    counted = [p for p in plans if "ix_events_precision_type" in p]
    assert len(counted) >= 2 and not any("ix_events_type_scan" in p for p in plans)
    plans.clear()
    with store.session() as session:
        Q.list_events(session, Q.Filters(since=since, until=until, type="Battles"), 5, 0)
        Q.list_events(session, Q.Filters(type="PROTEST"), 5, 0)  # a type alone: in date order
    assert not any("ix_events_precision_type" in p for p in plans)
    assert any("ix_events_type_scan" in p for p in plans)
    event.remove(store.engine, "before_cursor_execute", before)
    store.close()


def test_the_precision_probe_reads_an_index_whatever_the_statistics(tmp_path: Path) -> None:
    """With statistics that find every event of one precision, SQLite 3.40 scans the table for
    ``EXISTS (SELECT * ...)``; the probe asks for the pk alone, which an index answers."""
    store = _store(tmp_path, n_articles=30)
    with store.engine.begin() as conn:
        conn.execute(update(EventRow).values(event_precision="day"))
        conn.exec_driver_sql("ANALYZE")
    plans: list[str] = []

    def before(conn: Any, _cursor: Any, statement: str, params: Any, *_args: Any) -> None:
        if statement.startswith("SELECT") and "EXISTS" in statement:
            found = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            plans.extend(str(r[-1]) for r in found)

    event.listen(store.engine, "before_cursor_execute", before)
    with store.session() as session:
        assert Q._precisions(session) == ("day",)
    event.remove(store.engine, "before_cursor_execute", before)
    assert plans and not any(p.startswith("SCAN events") for p in plans), plans
    store.close()
