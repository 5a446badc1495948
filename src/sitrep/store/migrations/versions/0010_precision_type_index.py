"""a PLOVER type with a date range read per date precision (ix_events_precision_type)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# the column list of sitrep.store.schema at this revision (a migration does not import it)
PRECISION_TYPE = [
    "event_precision",
    "plover_type",
    "event_start",
    "event_end",
    "event_date",
    "pk",
    "modality",
    "country",
]


def upgrade() -> None:
    op.create_index("ix_events_precision_type", "events", PRECISION_TYPE, if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_events_precision_type", table_name="events")
