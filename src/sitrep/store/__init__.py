"""Storage: SQLAlchemy schema, Alembic migrations and an idempotent repository."""

from sitrep.store.repository import Store, article_key

__all__ = ["Store", "article_key"]
