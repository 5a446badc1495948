"""Alembic migrations of the store schema (:mod:`sitrep.store.schema` is the source of truth).

``upgrade(engine)`` brings a database, SQLite or PostgreSQL, new or old, to the latest
revision in one transaction. It holds a lock while doing so (PostgreSQL: an advisory lock;
SQLite: ``BEGIN IMMEDIATE``, the database's write lock), so processes that open or create the
same database at once do not race: the second waits, then finds the schema at head. A database
created before migrations existed (tables but no ``alembic_version``) is stamped first.
``at_head(engine)`` is the cheap check :class:`~sitrep.store.Store` makes before that.

A new revision after a schema change (from the repository root)::

    python -c "from sitrep.store.migrations import revision; revision('sqlite:///tmp.db', 'msg')"
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["HEAD", "HERE", "at_head", "config", "revision", "upgrade"]

HERE = Path(__file__).resolve().parent
#: the latest revision (a test checks it against the scripts under versions/)
HEAD = "0009"
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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision``, in one transaction, holding the
    database's migration lock (see the module doc)."""
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


def revision(url: str, message: str) -> None:
    """Autogenerate a revision by comparing ``schema.py`` with a database at head."""
    from alembic import command

    engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        command.revision(config(conn), message=message, autogenerate=True)
