"""event filters: actor names table, ACLED sub-event type and actor2 indexes, the date-range
index carries the page order

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# the column list of sitrep.store.schema at this revision (a migration does not import it)
TYPE_SCAN = ["plover_type", "event_date", "pk", "event_start", "event_end", "modality", "country"]


def upgrade() -> None:
    op.create_table(
        "actor_names",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("name"),
        if_not_exists=True,
    )
    op.execute(
        "INSERT INTO actor_names (name) SELECT actor1 FROM events WHERE actor1 IS NOT NULL "
        "UNION SELECT actor2 FROM events WHERE actor2 IS NOT NULL"
    )
    op.create_index("ix_events_actor2", "events", ["actor2"], if_not_exists=True)
    op.create_index(
        "ix_events_acled_sub_event_type", "events", ["acled_sub_event_type"], if_not_exists=True
    )
    op.create_index(
        "ix_events_end_start_date",
        "events",
        ["event_end", "event_start", "event_date"],
        if_not_exists=True,
    )
    op.drop_index("ix_events_end_start", table_name="events", if_exists=True)
    op.create_index("ix_events_type_scan", "events", TYPE_SCAN, if_not_exists=True)
    op.drop_index("ix_events_type_date", table_name="events", if_exists=True)


def downgrade() -> None:
    op.create_index(
        "ix_events_type_date", "events", ["plover_type", "event_date"], if_not_exists=True
    )
    op.drop_index("ix_events_type_scan", table_name="events")
    op.create_index(
        "ix_events_end_start", "events", ["event_end", "event_start"], if_not_exists=True
    )
    op.drop_index("ix_events_end_start_date", table_name="events")
    op.drop_index("ix_events_acled_sub_event_type", table_name="events")
    op.drop_index("ix_events_actor2", table_name="events")
    op.drop_table("actor_names")
