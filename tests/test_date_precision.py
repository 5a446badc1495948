"""Every event date carries its precision and the days it covers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Event, Span, TimeExpression, date_interval


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2023-05-22", date(2023, 5, 22), date(2023, 5, 22), "day"),
        ("2023-05-22T14:00", date(2023, 5, 22), date(2023, 5, 22), "day"),
        ("2023-W21", date(2023, 5, 22), date(2023, 5, 28), "week"),
        ("2023-W21-WE", date(2023, 5, 27), date(2023, 5, 28), "range"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31), "quarter"),
        ("2007-H2", date(2007, 7, 1), date(2007, 12, 31), "half"),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("202", date(2020, 1, 1), date(2029, 12, 31), "decade"),
        ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("2023-05-01/2023-05-03", date(2023, 5, 1), date(2023, 5, 3), "range"),
    ],
)
def test_date_interval(value: str, first: date, last: date, precision: str) -> None:
    assert date_interval(value) == (first, last, precision)


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "XXXX-05", "2023-02-30", "2023-W54"])
def test_no_calendar_position(value: str | None) -> None:
    assert date_interval(value) is None


def test_event_fills_interval_from_date_and_round_trips() -> None:
    event = Event(evidence=Span(start=0, end=1), date="2023-W21")
    assert (event.date_precision, event.date_start, event.date_end) == (
        "week",
        date(2023, 5, 22),
        date(2023, 5, 28),
    )
    assert Event.model_validate_json(event.model_dump_json()) == event
    # a producer that knows better (an explicit range) keeps its own values
    ranged = Event(
        evidence=Span(start=0, end=1),
        date="2023-05-03",
        date_precision="range",
        date_start=date(2023, 5, 3),
        date_end=date(2023, 5, 5),
    )
    assert (ranged.date_precision, ranged.date_end) == ("range", date(2023, 5, 5))
    assert Event(evidence=Span(start=0, end=1)).date_precision is None


def test_time_expression_precision() -> None:
    tx = TimeExpression(span=Span(start=0, end=4), text="May", value="2023-05")
    assert tx.precision == "month"
    assert (
        TimeExpression(span=Span(start=0, end=4), text="x", type="DURATION", value="P3D").precision
        is None
    )


def test_store_of_an_older_sitrep_gains_the_precision_columns(tmp_path: Path) -> None:
    """A SQLite file written before precision existed is migrated when opened, dates filled."""
    from sqlalchemy import create_engine, inspect, text

    from sitrep.store import Store
    from sitrep.store.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (key, doc_id, status, text, record) "
                "VALUES ('k', 'old', 'ok', 'x', '{}')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO events (article_pk, idx, event_date, modality, evidence_start, "
                "evidence_end, evidence) VALUES (1, 0, '2023-W21', 'reported', 0, 1, 'x')"
            )
        )
    engine.dispose()
    store = Store(url)
    assert {"event_precision", "event_start", "event_end"} <= {
        c["name"] for c in inspect(store.engine).get_columns("events")
    }
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT event_precision, event_start, event_end FROM events")).one()
    assert tuple(row) == ("week", "2023-05-22", "2023-05-28")
    store.close()


@pytest.mark.parametrize(
    ("value", "code"),
    [("2023-05-22", 1), ("2023-W21", 2), ("2023-W21-WE", 2), ("2023-05", 3), ("2023", 3)],
)
def test_csv_carries_acled_time_precision(value: str, code: int) -> None:
    import csv
    import io

    from sitrep.export import events_csv
    from sitrep.model import Article

    article = Article(id="a", text="x", events=[Event(evidence=Span(start=0, end=1), date=value)])
    (row,) = csv.DictReader(io.StringIO(events_csv([article])))
    assert (row["event_date"], row["time_precision"]) == (value, str(code))
