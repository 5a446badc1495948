"""bounding-box indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 02:05:26.224403
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: a database made by create_all (then stamped 0001) may have them already
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"], if_not_exists=True)
    op.create_index("ix_places_lat_lon", "places", ["lat", "lon"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_places_lat_lon", table_name="places")
    op.drop_index("ix_events_lat_lon", table_name="events")
