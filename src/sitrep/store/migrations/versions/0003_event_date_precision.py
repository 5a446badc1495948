"""event date precision: what each event date covers

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 06:50:00
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS: list[tuple[str, Any]] = [
    ("event_precision", sa.String(16)),
    ("event_start", sa.Date()),
    ("event_end", sa.Date()),
]


def upgrade() -> None:
    from sitrep.model import date_interval

    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("events")}
    for name, kind in _COLUMNS:
        if name not in have:  # create_all may have made them already
            op.add_column("events", sa.Column(name, kind, nullable=True))
    op.create_index("ix_events_event_start", "events", ["event_start"], if_not_exists=True)
    op.create_index("ix_events_event_end", "events", ["event_end"], if_not_exists=True)
    # fill the new columns of stored events from their dates
    events = sa.table(
        "events",
        sa.column("pk", sa.Integer),
        sa.column("event_date", sa.String),
        sa.column("event_precision", sa.String),
        sa.column("event_start", sa.Date),
        sa.column("event_end", sa.Date),
    )
    rows = bind.execute(
        sa.select(events.c.pk, events.c.event_date).where(
            events.c.event_date.is_not(None), events.c.event_start.is_(None)
        )
    ).all()
    for pk, value in rows:
        found: tuple[date, date, str] | None = date_interval(value)
        if found is not None:
            bind.execute(
                events.update()
                .where(events.c.pk == pk)
                .values(event_start=found[0], event_end=found[1], event_precision=found[2])
            )


def downgrade() -> None:
    op.drop_index("ix_events_event_end", table_name="events")
    op.drop_index("ix_events_event_start", table_name="events")
    for name, _ in reversed(_COLUMNS):
        op.drop_column("events", name)
