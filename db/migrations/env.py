"""Alembic environment: migrations run from the app, on the connection it passes in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from timeline_app.core.models import Base
from timeline_app.core.search.index import index_tables

config = context.config
connection = config.attributes.get("connection")


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave out the FTS5 search index and its shadow tables: SQLAlchemy's models cannot
    describe a virtual table, and autogenerate must not offer to drop them."""
    return not (type_ == "table" and name in index_tables())


def _run(connection_to_use: object) -> None:
    context.configure(
        connection=connection_to_use,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # `alembic` run by hand on a database URL, for development
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url (alembic -x or an ini file) to run migrations by hand")
    engine = create_engine(url)
    with engine.begin() as new_connection:
        _run(new_connection)
