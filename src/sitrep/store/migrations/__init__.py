"""Alembic migrations of the store schema (:mod:`sitrep.store.schema` is the source of truth).

``upgrade(engine)`` brings a database, SQLite or PostgreSQL, new or old, to the latest
revision in one transaction. It holds a lock while doing so (PostgreSQL: an advisory lock;
SQLite: ``BEGIN IMMEDIATE``, the database's write lock), so processes that open or create the
same database at once do not race: the second waits, then finds the schema at head. A database
created before migrations existed (tables but no ``alembic_version``) is stamped first.
``at_head(engine)`` is the cheap check :class:`~sitrep.store.Store` makes before that.

A new, empty SQLite database is given the head schema without Alembic (whose import and eight
migrations cost about 0.25 s in every run on a new file): the statements of
:mod:`sitrep.store.migrations.sqlite_head`, written from a database the migrations built, in
the same locked transaction, stamped with the revision; a test checks that they make the same
database as the migrations. After a new revision, write them again (from the repository root)::

    python -c "from sitrep.store.migrations import write_sqlite_head; write_sqlite_head()"

A new revision after a schema change (from the repository root)::

    python -c "from sitrep.store.migrations import revision; revision('sqlite:///tmp.db', 'msg')"
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "HEAD",
    "HERE",
    "at_head",
    "config",
    "revision",
    "sqlite_head_statements",
    "upgrade",
    "write_sqlite_head",
]

HERE = Path(__file__).resolve().parent
#: the latest revision (a test checks it against the scripts under versions/)
HEAD = "0010"
_LOCK_ID = 7_342_219_001  # pg_advisory_xact_lock key of sitrep migrations


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def at_head(engine: Engine) -> bool:
    """Whether the database is at :data:`HEAD` already (then there is nothing to migrate)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def upgrade(engine: Engine, revision: str = "head", *, snapshot: bool = True) -> None:
    """Migrate the database behind ``engine`` to ``revision``, in one transaction, holding the
    database's migration lock (see the module doc); ``snapshot=False``: by Alembic also when
    the database is a new SQLite one."""
    if snapshot and revision == "head" and engine.dialect.name == "sqlite":
        try:
            if _create_sqlite_head(engine):
                return
        except OperationalError:  # e.g. an SQLite without FTS5's trigram tokenizer: the
            pass  # migrations decide what it gets (nothing was written: rolled back)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_ID})
        elif conn.dialect.name == "sqlite":
            # the write lock now, before reading what exists: DDL and the version stamp then
            # commit together, and a concurrent opener waits (busy_timeout) for all of it
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        from alembic import command

        tables = set(inspect(conn).get_table_names())
        cfg = config(conn)
        if "articles" in tables and "alembic_version" not in tables:
            command.stamp(cfg, "0001")  # created by create_all before migrations: the base
        command.upgrade(cfg, revision)


def _create_sqlite_head(engine: Engine) -> bool:
    """Give an SQLite database that has no table yet the schema at :data:`HEAD` from
    :mod:`~sitrep.store.migrations.sqlite_head`, stamped, in one transaction under the write
    lock; ``False`` (nothing done) when it has any table or the statements are of another
    revision."""
    from sitrep.store.migrations import sqlite_head

    if sqlite_head.REVISION != HEAD:
        return False
    with engine.begin() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for statement in sqlite_head.STATEMENTS:
            conn.exec_driver_sql(statement)
    return True


def sqlite_head_statements(conn: Connection) -> list[str]:
    """The statements that rebuild the SQLite database of ``conn`` (one the migrations brought
    to head, with no rows): its tables, indexes and triggers in the order they were made (less
    SQLite's own objects and the shadow tables of virtual tables, which their virtual table
    makes), then its version stamp and the rebuild of each FTS5 table."""
    shadow = {
        name
        for _schema, name, kind, *_rest in conn.exec_driver_sql("PRAGMA table_list")
        if kind == "shadow"
    }
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).all()
    statements = [sql for name, sql in rows if name not in shadow]
    version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{version}')")
    statements += [
        f"INSERT INTO {name}({name}) VALUES ('rebuild')"
        for name, sql in rows
        if sql.upper().startswith("CREATE VIRTUAL TABLE") and "USING FTS5" in sql.upper()
    ]
    return statements


def _literal(value: str) -> str:
    """``value`` as a Python string literal, quoted as ``ruff format`` quotes it."""
    text = repr(value)
    if '"' not in value and text.startswith("'"):
        return '"' + text[1:-1] + '"'
    return text


def write_sqlite_head(path: Path = HERE / "sqlite_head.py") -> None:
    """Write :mod:`~sitrep.store.migrations.sqlite_head` from a new SQLite database migrated to
    head by Alembic."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/head.db")
        upgrade(engine, snapshot=False)
        with engine.connect() as conn:
            statements = sqlite_head_statements(conn)
        engine.dispose()
    lines = [
        "# ruff: noqa: E501",
        '"""The SQLite schema at the head revision, as the migrations make it (written by',
        "``sitrep.store.migrations.write_sqlite_head``; do not edit): what a new, empty SQLite",
        'database is given without Alembic. A test checks it against the migrations."""',
        "",
        f"REVISION = {_literal(HEAD)}",
        "",
        "STATEMENTS: tuple[str, ...] = (",
        *(f"    {_literal(s)}," for s in statements),
        ")",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def revision(url: str, message: str) -> None:
    """Autogenerate a revision by comparing ``schema.py`` with a database at head."""
    from alembic import command

    engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        command.revision(config(conn), message=message, autogenerate=True)
