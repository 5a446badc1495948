"""stories: one row per story of ok articles (count, first and last date), kept by triggers

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Each write of an article moves its story's row: an ok article with a story leaving (delete,
# or an update of story, status or published: the old values) takes one off the count and,
# when its date was the first or last, reads that end again from ix_articles_story_scan (one
# index probe); one arriving (insert, update: the new values) adds one and widens the dates.
# A row whose count falls to 0 goes. Min and max ignore NULL dates on both databases.
_REMOVE = (
    "UPDATE stories SET articles = articles - 1, "
    "first_published = CASE WHEN {old}.published = first_published THEN (SELECT "
    "min(published) FROM articles WHERE story = {old}.story AND status = 'ok') "
    "ELSE first_published END, "
    "last_published = CASE WHEN {old}.published = last_published THEN (SELECT "
    "max(published) FROM articles WHERE story = {old}.story AND status = 'ok') "
    "ELSE last_published END "
    "WHERE id = {old}.story AND {old}.status = 'ok'; "
    "DELETE FROM stories WHERE id = {old}.story AND articles <= 0;"
)
_ADD_SQLITE = (
    "INSERT INTO stories (id, articles, first_published, last_published) "
    "SELECT new.story, 1, new.published, new.published "
    "WHERE new.story IS NOT NULL AND new.status = 'ok' "
    "ON CONFLICT (id) DO UPDATE SET articles = stories.articles + 1, "
    "first_published = coalesce(min(stories.first_published, excluded.first_published), "
    "stories.first_published, excluded.first_published), "
    "last_published = coalesce(max(stories.last_published, excluded.last_published), "
    "stories.last_published, excluded.last_published);"
)
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS stories_insert AFTER INSERT ON articles BEGIN "
    + _ADD_SQLITE
    + " END",
    "CREATE TRIGGER IF NOT EXISTS stories_delete AFTER DELETE ON articles BEGIN "
    + _REMOVE.format(old="old")
    + " END",
    "CREATE TRIGGER IF NOT EXISTS stories_update AFTER UPDATE OF story, status, published "
    "ON articles BEGIN " + _REMOVE.format(old="old") + " " + _ADD_SQLITE + " END",
]
POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION sitrep_stories_sync() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP <> 'INSERT' THEN IF OLD.story IS NOT NULL AND OLD.status = 'ok' THEN "
    + _REMOVE.format(old="OLD")
    + " END IF; END IF; "
    "IF TG_OP <> 'DELETE' THEN IF NEW.story IS NOT NULL AND NEW.status = 'ok' THEN "
    "INSERT INTO stories AS s (id, articles, first_published, last_published) "
    "VALUES (NEW.story, 1, NEW.published, NEW.published) "
    "ON CONFLICT (id) DO UPDATE SET articles = s.articles + 1, "
    "first_published = least(s.first_published, excluded.first_published), "
    "last_published = greatest(s.last_published, excluded.last_published); "
    "END IF; END IF; "
    "RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS stories_sync ON articles",
    "CREATE TRIGGER stories_sync AFTER INSERT OR DELETE OR UPDATE OF story, status, published "
    "ON articles FOR EACH ROW EXECUTE FUNCTION sitrep_stories_sync()",
]
FILL = (
    "INSERT INTO stories (id, articles, first_published, last_published) "
    "SELECT story, count(*), min(published), max(published) FROM articles "
    "WHERE story IS NOT NULL AND status = 'ok' GROUP BY story"
)


def upgrade() -> None:
    bind = op.get_bind()
    # the table may exist already (a database made by create_all, then stamped 0001): refilled
    if "stories" not in set(sa.inspect(bind).get_table_names()):
        op.create_table(
            "stories",
            sa.Column("id", sa.String(length=100), nullable=False),
            sa.Column("articles", sa.Integer(), nullable=False),
            sa.Column("first_published", sa.Date(), nullable=True),
            sa.Column("last_published", sa.Date(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
    op.create_index("ix_stories_latest", "stories", ["last_published", "id"], if_not_exists=True)
    for statement in SQLITE if bind.dialect.name == "sqlite" else POSTGRESQL:
        bind.exec_driver_sql(statement)
    bind.exec_driver_sql("DELETE FROM stories")
    bind.exec_driver_sql(FILL)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS stories_{name}")
    else:
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS stories_sync ON articles")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS sitrep_stories_sync()")
    op.drop_index("ix_stories_latest", table_name="stories")
    op.drop_table("stories")
