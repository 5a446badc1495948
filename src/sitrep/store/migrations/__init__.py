"""Alembic migrations of the store schema (:mod:`sitrep.store.schema` is the source of truth).

``upgrade(engine)`` brings a database to the latest revision. On PostgreSQL it holds an
advisory lock while doing so, so processes that open the same database at once do not race.
A database created before migrations existed (tables but no ``alembic_version``) is stamped.

A new revision after a schema change (from the repository root)::

    python -c "from sitrep.store.migrations import revision; revision('sqlite:///tmp.db', 'msg')"
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, inspect, text

__all__ = ["HERE", "config", "revision", "upgrade"]

HERE = Path(__file__).resolve().parent
_LOCK_ID = 7_342_219_001  # pg_advisory_xact_lock key of sitrep migrations


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision`` (one transaction where possible)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_ID})
        tables = set(inspect(conn).get_table_names())
        cfg = config(conn)
        if "articles" in tables and "alembic_version" not in tables:
            command.stamp(cfg, "0001")  # created by create_all before migrations: the base
        command.upgrade(cfg, revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a revision by comparing ``schema.py`` with a database at head."""
    engine = create_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        command.revision(config(conn), message=message, autogenerate=True)
