"""Every event's place in time order, and which events have sources, kept between reads.

The table and every filtered list show events by their first possible day, then their last
possible day, then id. Finding the ids a filter lets through is quick (an index or the search
index gives them); sorting them in SQL means looking up and sorting every row found, which for a
filter that keeps a fifth of 100,000 events costs several times the finding. :class:`TimeOrder`
reads the order of all events once and sorts any set of ids by it in Python. It also keeps the
set of events that have sources, which "has sources" (or not) takes or leaves out.

Both stay right because they are checked against ``event_generation`` (migration 0006) inside
each read transaction: triggers raise its counters with every insert, delete or change of dates
of an event, and every link to a source made or removed, by whoever makes it, so equal counters
mean the same events in the same order, with the same sources, as when they were read. A
database without that table is never cached: everything is read each time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

#: The time order of all events (see ``queries.time_order``).
ORDER_SQL = "SELECT id FROM event ORDER BY start_earliest, coalesce(end_latest, start_latest), id"
#: The events with sources, as one JSON array (much cheaper than a row per id).
WITH_SOURCES_SQL = (
    "SELECT json_group_array(event_id) FROM (SELECT DISTINCT event_id FROM event_source)"
)
GENERATION_SQL = "SELECT dates, sources FROM event_generation WHERE id = 1"
TIMELINE_SQL = "SELECT timeline FROM event_generation WHERE id = 1"
T = TypeVar("T")
#: Fewer ids than one in this many of all events are sorted; more are picked from the order.
SORT_BELOW = 16

#: The triggers that raise the counters (migration 0006 creates them, with the same text):
#: name -> (when it fires, the counter it raises).
TRIGGERS = {
    "event_generation_insert": ("AFTER INSERT ON event", "dates"),
    "event_generation_delete": ("AFTER DELETE ON event", "dates"),
    "event_generation_dates": (
        "AFTER UPDATE OF start_earliest, start_latest, end_earliest, end_latest ON event",
        "dates",
    ),
    "event_generation_source_insert": ("AFTER INSERT ON event_source", "sources"),
    "event_generation_source_delete": ("AFTER DELETE ON event_source", "sources"),
    "event_generation_source_update": ("AFTER UPDATE OF event_id ON event_source", "sources"),
    # Migration 0007: a new random ``timeline`` stamp with any change a timeline draws.
    **{
        f"event_generation_timeline_{table}_{operation}": (
            f"AFTER {operation.upper()} ON {table}",
            "timeline",
        )
        for table in ("event", "participation", "actor", "place", "event_place", "country", "trip")
        for operation in ("insert", "update", "delete")
    },
}
#: Counters given a new random value rather than raised by one (see migration 0007).
RANDOM_COUNTERS = frozenset({"timeline"})


def _triggers(connection: Connection) -> set[str]:
    found = connection.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :prefix"),
        {"prefix": "event_generation_%"},
    )
    return set(found.scalars())


def trigger_sql(name: str) -> str:
    when, counter = TRIGGERS[name]
    value = "random()" if counter in RANDOM_COUNTERS else f"{counter} + 1"
    return (
        f"CREATE TRIGGER {name} {when} BEGIN "
        f"UPDATE event_generation SET {counter} = {value} WHERE id = 1; END"
    )


@contextmanager
def counters_suspended(connection: Connection) -> Iterator[None]:
    """Within a write transaction: the triggers are dropped, and made again at the end with
    the counters moved once, in the same transaction.

    For bulk imports: a trigger fired for each of 100,000 rows costs an import about a tenth
    of its time, and raising the counters once at the end says the same. Schema changes are
    transactional in SQLite, so a failed import (rolled back) leaves the triggers as they were,
    and while the transaction holds the write lock nobody else can write without them. Does
    nothing on a database without the counters.
    """
    if not applies(connection) or set(TRIGGERS) - _triggers(connection):
        yield
        return
    for name in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER {name}"))
    yield
    for name in TRIGGERS:
        connection.execute(text(trigger_sql(name)))
    connection.execute(
        text(
            "UPDATE event_generation SET dates = dates + 1, sources = sources + 1, "
            "timeline = random() WHERE id = 1"
        )
    )


@dataclass(frozen=True, slots=True)
class Order:
    """All event ids in time order, and each id's position in it."""

    ids: tuple[int, ...]
    rank: dict[int, int]

    @classmethod
    def of(cls, ids: Iterable[int]) -> Order:
        ordered = tuple(ids)
        return cls(ordered, {event_id: position for position, event_id in enumerate(ordered)})

    def sort(self, ids: Iterable[int], *, descending: bool = False) -> list[int]:
        """These ids (each once; those of no event left out) in time order, or its reverse."""
        wanted = ids if isinstance(ids, set | frozenset) else set(ids)
        if len(wanted) > len(self.ids) // SORT_BELOW:
            # Many: walking the whole order once is cheaper than sorting them.
            found = [event_id for event_id in self.ids if event_id in wanted]
            if descending:
                found.reverse()
            return found
        rank = self.rank
        found = [event_id for event_id in wanted if event_id in rank]
        found.sort(key=rank.__getitem__, reverse=descending)
        return found


class TimeOrder:
    """A store's events in time order, and those with sources, read again only after they
    changed."""

    def __init__(self) -> None:
        # counter's column -> (its value, what was read at that value)
        self._kept: dict[str, tuple[int, Any]] = {}

    def order(self, connection: Connection) -> Order:
        """The order as of ``connection``'s transaction (read now if the events changed)."""
        return self._current(connection, "dates", lambda: Order.of(_ordered_ids(connection)))

    def with_sources(self, connection: Connection) -> frozenset[int]:
        """The ids of the events that have at least one source, as of ``connection``'s
        transaction."""
        return self._current(connection, "sources", lambda: _with_sources(connection))

    def _current(self, connection: Connection, counter: str, read: Callable[[], T]) -> T:
        generation = _generation(connection, counter)
        kept = self._kept.get(counter)
        if generation is not None and kept is not None and kept[0] == generation:
            return cast(T, kept[1])
        value = read()
        if generation is not None:
            self._kept[counter] = (generation, value)  # one assignment: safe across threads
        return value


def applies(connection: Connection) -> bool:
    """Whether a :class:`TimeOrder` can be kept for this database: only the SQLite schema has
    the counters' triggers so far; elsewhere lists are sorted by the database."""
    return connection.dialect.name == "sqlite"


def _generation(connection: Connection, counter: str) -> int | None:
    if not applies(connection):
        return None
    try:
        row = connection.execute(text(GENERATION_SQL)).one_or_none()
    except OperationalError:  # a schema from before migration 0006: no caching
        return None
    return None if row is None else int(row._mapping[counter])


def timeline_stamp(connection: Connection) -> int | None:
    """``event_generation.timeline`` (migration 0007): a new random value with any change a
    timeline draws (see ``core.timeline_cache``); None where there is none."""
    if not applies(connection):
        return None
    try:
        row = connection.execute(text(TIMELINE_SQL)).one_or_none()
    except OperationalError:  # a schema from before migration 0007
        return None
    return row[0] if row is not None and isinstance(row[0], int) else None


def _with_sources(connection: Connection) -> frozenset[int]:
    listed = connection.execute(text(WITH_SOURCES_SQL)).scalar()
    return frozenset(json.loads(listed) if listed else ())


def _ordered_ids(connection: Connection) -> list[int]:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(ORDER_SQL)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()
