"""ingest ledger and dedup index under the store: ingest_records (with the article id),
ingest_checkpoints, dedup_documents

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the tables may exist already: ingest.py and corpus/dedup.py created them before 0004
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "ingest_records" not in have:
        op.create_table(
            "ingest_records",
            sa.Column("key", sa.String(length=700), nullable=False),
            sa.Column("source", sa.String(length=1000), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("article", sa.String(length=500), nullable=True),
            sa.PrimaryKeyConstraint("key"),
        )
        op.create_index(
            op.f("ix_ingest_records_source"), "ingest_records", ["source"], unique=False
        )
    else:
        columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("ingest_records")}
        if "article" not in columns:
            op.add_column(
                "ingest_records", sa.Column("article", sa.String(length=500), nullable=True)
            )
    if "ingest_checkpoints" not in have:
        op.create_table(
            "ingest_checkpoints",
            sa.Column("source", sa.String(length=1000), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("records", sa.Integer(), nullable=False),
            sa.Column("complete", sa.Boolean(), nullable=False),
            sa.Column("updated", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("source"),
        )
    if "dedup_documents" not in have:
        op.create_table(
            "dedup_documents",
            sa.Column("key", sa.String(length=600), nullable=False),
            sa.Column("text_hash", sa.String(length=64), nullable=False),
            sa.Column("signature", sa.LargeBinary(), nullable=True),
            sa.Column("canonical", sa.String(length=600), nullable=True),
            sa.Column("similarity", sa.Float(), nullable=True),
            sa.PrimaryKeyConstraint("key"),
        )
        op.create_index(
            op.f("ix_dedup_documents_text_hash"), "dedup_documents", ["text_hash"], unique=False
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_dedup_documents_text_hash"), table_name="dedup_documents")
    op.drop_table("dedup_documents")
    op.drop_table("ingest_checkpoints")
    op.drop_index(op.f("ix_ingest_records_source"), table_name="ingest_records")
    op.drop_table("ingest_records")
