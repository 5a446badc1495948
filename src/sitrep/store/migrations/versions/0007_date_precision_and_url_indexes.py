"""a date range read per date precision (ix_events_precision_start); articles looked up by URL
(ix_articles_url)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the column list of sitrep.store.schema at this revision (a migration does not import it)
PRECISION_START = ["event_precision", "event_start", "event_end", "event_date", "pk"]


def upgrade() -> None:
    op.create_index("ix_events_precision_start", "events", PRECISION_START, if_not_exists=True)
    op.create_index(
        "ix_articles_url", "articles", ["url"], postgresql_using="hash", if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_index("ix_events_precision_start", table_name="events")
