"""event text search by index: an FTS5 trigram table over events.evidence (SQLite), a pg_trgm
GIN index on it (PostgreSQL)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table (the text stays in events.evidence only), kept in step
# by triggers; sitrep.store.schema.TEXT_SEARCH names what this makes outside the models
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(evidence, content='events', "
    "content_rowid='pk', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, evidence) VALUES (new.pk, new.evidence); END",
    "CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, evidence) VALUES ('delete', old.pk, "
    "old.evidence); END",
    "CREATE TRIGGER IF NOT EXISTS events_fts_update AFTER UPDATE OF pk, evidence ON events "
    "BEGIN INSERT INTO events_fts(events_fts, rowid, evidence) VALUES ('delete', old.pk, "
    "old.evidence); INSERT INTO events_fts(rowid, evidence) VALUES (new.pk, new.evidence); END",
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        try:
            bind.exec_driver_sql(SQLITE[0])
        except sa.exc.OperationalError:  # an SQLite without FTS5 or its trigram tokenizer
            return  # (before 3.34): text filters scan, as before
        for statement in SQLITE[1:]:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        savepoint = bind.begin_nested()
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:  # a server without the extension: ILIKE scans, as before
            savepoint.rollback()
            return
        savepoint.commit()
        bind.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_events_evidence_trgm ON events "
            "USING gin (evidence gin_trgm_ops)"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS events_fts_{name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS events_fts")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_events_evidence_trgm")
