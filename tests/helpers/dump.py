"""A full dump of a timeline database, to compare two states of it (undo and redo tests).

Every table is dumped except the change history (``event_change``), which records the undo
steps themselves, the counters of changes (``event_generation``), and the search index's
internal tables (its documents are compared instead). Left out as bookkeeping that counts
changes rather than holding content: timestamps and ``event.version``. Rows whose id is a mere
surrogate, renumbered whenever an event's links are rewritten (participations, relations,
aliases, external records, tags), are dumped by content: in their order within their owner, or
as a set where order means nothing.
Records that others refer to by id (events, actors, places, sources, trips) keep their ids.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from timeline_app.core.search.index import INDEX_TABLE, index_tables
from timeline_app.core.store import Store

# The search index is compared by its documents, not by FTS5's internal shadow tables, whose
# bytes depend on the order of past writes.
# ``event_generation`` only counts changes (migration 0006): an undo moves it on, not back.
EXCLUDED_TABLES = {"event_change", "event_generation", *(index_tables() - {INDEX_TABLE})}
BOOKKEEPING = {"created_at", "updated_at", "version"}
#: table -> (owner column, order column): rows ranked within their owner, ids dropped
ORDERED_BY_OWNER = {
    "participation": ("event_id", "position"),
    "actor_alias": ("actor_id", "id"),
    "place_alias": ("place_id", "id"),
    "external_record": ("event_id", "id"),
}
SETS = {"relation"}  # unique content, no meaningful order

Dump = dict[str, list[tuple[Any, ...]]]


def _columns(connection: Connection, table: str) -> list[str]:
    return [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info('{table}')")]


def _table(connection: Connection, table: str) -> list[tuple[Any, ...]]:
    columns = [c for c in _columns(connection, table) if c not in BOOKKEEPING]
    if table == INDEX_TABLE:
        sql = f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY rowid"
        return [tuple(row) for row in connection.exec_driver_sql(sql)]
    if table == "tag":
        return sorted(connection.exec_driver_sql("SELECT name FROM tag").all())
    if table == "event_tag":
        sql = "SELECT event_tag.event_id, tag.name FROM event_tag JOIN tag ON tag.id = tag_id"
        return sorted(tuple(row) for row in connection.exec_driver_sql(sql))
    if table in ORDERED_BY_OWNER:
        owner, order = ORDERED_BY_OWNER[table]
        kept = [c for c in columns if c not in ("id", "position")]
        rank = f"row_number() OVER (PARTITION BY {owner} ORDER BY {order}, id)"
        sql = f"SELECT {', '.join(kept)}, {rank} FROM {table} ORDER BY {owner}, {order}, id"
        return [tuple(row) for row in connection.exec_driver_sql(sql)]
    if table in SETS:
        kept = [c for c in columns if c != "id"]
        sql = f"SELECT {', '.join(kept)} FROM {table}"
        return sorted(tuple(row) for row in connection.exec_driver_sql(sql))
    sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1"
    return [tuple(row) for row in connection.exec_driver_sql(sql)]


def dump(store: Store) -> Dump:
    with store.engine.connect() as connection:
        tables = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            if row[0] not in EXCLUDED_TABLES
        ]
        return {table: _table(connection, table) for table in sorted(tables)}


def differences(before: Dump, after: Dump) -> dict[str, tuple[list[Any], list[Any]]]:
    """Per table, the rows only in ``before`` and only in ``after`` (for readable failures)."""
    result = {}
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table, []), after.get(table, [])
        if old != new:
            result[table] = ([r for r in old if r not in new], [r for r in new if r not in old])
            if result[table] == ([], []):
                result[table] = (old, new)  # same rows, another order
    return result
