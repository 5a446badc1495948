"""Storage: SQLAlchemy schema and an idempotent repository."""

from sitrep.store.repository import Store, article_key, create_tables

__all__ = ["Store", "article_key", "create_tables"]
