"""The search index: an FTS5 table with one document per event, kept up to date by the Writer.

``event_search`` (created by migration 0004) holds, for each event (its ``rowid`` is the event
id), folded text in six columns: ``title``, ``summary``, ``actors`` (names and aliases of the
participants), ``places`` (localities, their alternative names, and the country's English and
French names), ``sources`` (titles and outlets) and ``tags``.

How it stays up to date: the :class:`~timeline_app.core.store.writer.Writer` already records in
``changes`` every event that a write touches (an actor's rename lists that actor's events, a
place's new alias lists that place's events, a deletion lists the deleted event), so just before
the transaction commits, ``Store.writing`` calls :func:`reindex` on exactly those events, in the
same transaction. We chose this over SQL triggers because:

- the index holds text folded by Python (:func:`~timeline_app.core.search.text.fold`), the same
  function that folds queries, so "pekin" finds "Pékin" whatever Unicode tables SQLite has;
  triggers could only do that through a Python function registered on every connection, and the
  file would then fail on any write made by another SQLite tool;
- an event update deletes and re-inserts all its links: triggers would rebuild the same
  document once per link row, the Writer rebuilds it once per transaction (an import of
  thousands of events reindexes each event once);
- the list of affected events is already kept for the listeners that refresh the views.

The price: code that writes with raw SQL instead of the Writer's methods must add the event ids
it touched to ``writer.changes.events`` (or call :func:`reindex`/:func:`rebuild` itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Integer, Select, bindparam, column, literal_column, select, table, text
from sqlalchemy.engine import Connection

from timeline_app.core.search.text import Expander, fold, match_expression

INDEX_TABLE = "event_search"
COLUMNS = ("title", "summary", "actors", "places", "sources", "tags")
#: The tables SQLite's FTS5 keeps beside the virtual table (see the FTS5 docs, "shadow tables").
SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config")
#: How many events are reindexed per statement.
CHUNK = 500

search_table = table(INDEX_TABLE, column("rowid", Integer))


def index_tables() -> frozenset[str]:
    """The FTS5 table and its shadow tables: not part of the ORM models (SQLAlchemy cannot
    describe a virtual table), so the schema comparison and autogenerate leave them out."""
    return frozenset({INDEX_TABLE, *(f"{INDEX_TABLE}_{suffix}" for suffix in SHADOW_SUFFIXES)})


def matching_ids(typed: str, synonyms: Expander | None = None) -> Select[Any] | None:
    """Ids of the events matching typed text (a subquery), or None if it holds no word."""
    expression = match_expression(typed, synonyms)
    if expression is None:
        return None
    return select(search_table.c.rowid).where(literal_column(INDEX_TABLE).op("MATCH")(expression))


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


#: One row per event: its id, then the text of each column (before folding). The subqueries
#: use the primary keys and indexes that start with ``event_id``; each list is concatenated in
#: a fixed order (participants, places and sources as the event lists them, tags by name), so
#: an event rebuilt by undo gets the very same document.
DOCUMENTS_SQL = """
SELECT e.id, e.title, e.summary,
  (SELECT group_concat(words, ' ') FROM (
     SELECT a.name || ' ' || coalesce(
       (SELECT group_concat(aa.name, ' ') FROM actor_alias aa WHERE aa.actor_id = a.id), '')
       AS words
     FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = e.id
     ORDER BY p.position, p.id)),
  (SELECT group_concat(words, ' ') FROM (
     SELECT pl.locality || ' ' || coalesce(
       (SELECT group_concat(pa.name, ' ') FROM place_alias pa WHERE pa.place_id = pl.id), '')
       || ' ' || coalesce(c.name_en, pl.country_code) || ' ' || coalesce(c.name_fr, '') AS words
     FROM event_place ep JOIN place pl ON pl.id = ep.place_id
     LEFT JOIN country c ON c.code = pl.country_code WHERE ep.event_id = e.id
     ORDER BY ep.position)),
  (SELECT group_concat(words, ' ') FROM (
     SELECT s.title || ' ' || s.outlet AS words
     FROM event_source es JOIN source s ON s.id = es.source_id WHERE es.event_id = e.id
     ORDER BY es.position)),
  (SELECT group_concat(name, ' ') FROM (
     SELECT t.name AS name FROM event_tag et JOIN tag t ON t.id = et.tag_id
     WHERE et.event_id = e.id ORDER BY lower(t.name)))
FROM event e
"""
_SOME_DOCUMENTS = text(DOCUMENTS_SQL + " WHERE e.id IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_ALL_DOCUMENTS = text(DOCUMENTS_SQL)


def _document(row: Sequence[Any]) -> dict[str, Any]:
    return {
        "rowid": row[0],
        **{name: fold(value or "") for name, value in zip(COLUMNS, row[1:], strict=True)},
    }


def documents(connection: Connection, ids: Sequence[int] | None) -> list[dict[str, Any]]:
    """The index documents of the given events (all events when ``ids`` is None)."""
    if ids is None:
        result = connection.execute(_ALL_DOCUMENTS)
    else:
        result = connection.execute(_SOME_DOCUMENTS, {"ids": list(ids)})
    return [_document(row) for row in result]


_INSERT = text(
    f"INSERT INTO {INDEX_TABLE} (rowid, {', '.join(COLUMNS)}) "
    f"VALUES (:rowid, {', '.join(':' + name for name in COLUMNS)})"
)


def reindex(connection: Connection, event_ids: Iterable[int]) -> None:
    """Bring the documents of these events up to date (removed for events that are gone)."""
    ids = sorted(set(event_ids))
    for chunk in _chunks(ids):
        connection.execute(search_table.delete().where(search_table.c.rowid.in_(chunk)))
        rows = documents(connection, chunk)
        if rows:
            connection.execute(_INSERT, rows)


def rebuild(connection: Connection) -> None:
    """Index every event anew (after a bulk load that bypassed the Writer)."""
    connection.execute(search_table.delete())
    batch: list[dict[str, Any]] = []
    for row in connection.execute(_ALL_DOCUMENTS):
        batch.append(_document(row))
        if len(batch) == CHUNK * 10:
            connection.execute(_INSERT, batch)
            batch = []
    if batch:
        connection.execute(_INSERT, batch)
