"""list-page indexes: events in date order with their filter columns, stories by story

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 11:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# the column lists of sitrep.store.schema at this revision (a migration does not import them)
EVENTS_SCAN = [
    "event_date",
    "pk",
    "event_start",
    "event_end",
    "lat",
    "lon",
    "country",
    "modality",
    "plover_type",
    "acled_event_type",
    "acled_sub_event_type",
]
STORIES_SCAN = ["story", "status", "published"]


def upgrade() -> None:
    op.create_index("ix_events_date_scan", "events", EVENTS_SCAN, if_not_exists=True)
    op.create_index("ix_articles_story_scan", "articles", STORIES_SCAN, if_not_exists=True)
    op.create_index(
        "ix_events_end_start", "events", ["event_end", "event_start"], if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index("ix_events_end_start", table_name="events")
    op.drop_index("ix_articles_story_scan", table_name="articles")
    op.drop_index("ix_events_date_scan", table_name="events")
