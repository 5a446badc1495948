"""Alembic environment: runs on the connection handed over by :func:`upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sitrep.store.schema import Base, in_models

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic -x url=...` use
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///sitrep.db")
        with create_engine(url).begin() as conn:
            context.configure(
                connection=conn, target_metadata=target_metadata, include_name=in_models
            )
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=in_models,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
