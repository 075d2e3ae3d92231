"""Looking at a database the way an import must leave it: every table's row count."""

from __future__ import annotations

from sqlalchemy import inspect, text

from timeline_app.core.store import Store


def row_counts(store: Store) -> dict[str, int]:
    """The number of rows of every table (migrations' bookkeeping included)."""
    with store.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        return {
            table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0)
            for table in tables
        }
