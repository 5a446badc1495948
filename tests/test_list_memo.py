"""List totals and probes are kept per SQLite file while nothing is committed to it: asked
again, a total is not counted again, and after any commit (by the same store, another
connection or another process) every list shows what the database holds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, event, func, select, update

from sitrep.store import Store
from sitrep.store import queries as Q
from sitrep.store.schema import EventRow
from test_list_plans import _store


def _counts(store: Store) -> list[str]:
    """The statements ``store`` runs that count, from now on."""
    seen: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "count(" in statement.lower():
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", before)
    return seen


def _truth(path: Path, *where: Any) -> int:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        n = int(conn.scalar(select(func.count()).select_from(EventRow).where(*where)) or 0)
    engine.dispose()
    return n


def test_totals_are_kept_until_a_commit(tmp_path: Path) -> None:
    store = _store(tmp_path)  # plans.db: 600 events
    path = tmp_path / "plans.db"
    counted = _counts(store)
    police = Q.Filters(actor="Police")
    where = (EventRow.actor1.contains("Police") | EventRow.actor2.contains("Police"),)

    def total(f: Q.Filters = police) -> int:
        with store.session() as session:
            return Q.list_events(session, f, 5, 0).total

    first = total()
    assert first == _truth(path, *where) > 0 and len(counted) == 1
    assert total() == first and len(counted) == 1  # kept
    assert total(Q.Filters(actor="Rebels")) != first and len(counted) == 2  # its own key

    # another connection's commit
    other = create_engine(f"sqlite:///{path}")
    with other.begin() as conn:
        conn.execute(update(EventRow).where(EventRow.pk <= 40).values(actor1="X Police"))
    other.dispose()
    assert total() == _truth(path, *where) != first

    # another process's commit
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute(\"DELETE FROM events WHERE actor1 LIKE '%Police%' AND pk % 2 = 0\"); "
        "c.commit()"
    )
    before = total()
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert total() == _truth(path, *where) < before

    # the store's own commit, and a probe: a type first stored as an ACLED sub-event type
    with store.session() as session:
        assert Q.list_events(session, Q.Filters(type="Looting"), 5, 0).total == 0
    with store.engine.begin() as conn:
        conn.execute(
            update(EventRow).where(EventRow.pk == 7).values(acled_sub_event_type="Looting")
        )
        conn.execute(delete(EventRow).where(EventRow.pk == 8))
    with store.session() as session:
        assert Q.list_events(session, Q.Filters(type="Looting"), 5, 0).total == 1
        assert Q.list_events(session, Q.Filters(), 5, 0).total == _truth(path)
    assert total() == _truth(path, *where)
    store.close()


def test_memo_watches_the_file_opened_whatever_the_working_directory(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A store opened by a relative path keeps watching that file after a change of directory
    (where a file of the same name, which never changes, must not be taken for it)."""
    _store(tmp_path).close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(tmp_path / "plans.db", elsewhere / "plans.db")
    monkeypatch.chdir(tmp_path)
    store = Store("sqlite:///plans.db")
    monkeypatch.chdir(elsewhere)

    def total() -> int:
        with store.session() as session:
            return Q.list_events(session, Q.Filters(), 5, 0).total

    first = total()
    assert first == _truth(tmp_path / "plans.db") > 0
    assert total() == first  # kept
    other = create_engine(f"sqlite:///{tmp_path / 'plans.db'}")
    with other.begin() as conn:
        conn.execute(delete(EventRow).where(EventRow.pk <= 30))
    other.dispose()
    assert total() == _truth(tmp_path / "plans.db") == first - 30
    assert _truth(elsewhere / "plans.db") == first  # the other file, unchanged
    store.close()


def test_memo_only_over_an_absolute_path(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with pytest.raises(ValueError, match="absolute"):
        Q.watch(store.engine, "plans.db")
    store.close()
