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
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

#: The time order of all events (see ``queries.time_order``).
ORDER_SQL = "SELECT id FROM event ORDER BY start_earliest, coalesce(end_latest, start_latest), id"
#: The events with sources, as one JSON array (much cheaper than a row per id).
WITH_SOURCES_SQL = (
    "SELECT json_group_array(event_id) FROM (SELECT DISTINCT event_id FROM event_source)"
)
GENERATION_SQL = "SELECT dates, sources FROM event_generation WHERE id = 1"
#: Fewer ids than one in this many of all events are sorted; more are picked from the order.
SORT_BELOW = 16


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
        self._order: tuple[int, Order] | None = None
        self._sources: tuple[int, frozenset[int]] | None = None
        self._lock = threading.Lock()  # stores are read from worker threads too

    def order(self, connection: Connection) -> Order:
        """The order as of ``connection``'s transaction (read now if the events changed)."""
        generation = _generation(connection, 0)
        kept = self._order
        if generation is not None and kept is not None and kept[0] == generation:
            return kept[1]
        order = Order.of(_ordered_ids(connection))
        if generation is not None:
            with self._lock:
                self._order = (generation, order)
        return order

    def with_sources(self, connection: Connection) -> frozenset[int]:
        """The ids of the events that have at least one source, as of ``connection``'s
        transaction."""
        generation = _generation(connection, 1)
        kept = self._sources
        if generation is not None and kept is not None and kept[0] == generation:
            return kept[1]
        listed = connection.execute(text(WITH_SOURCES_SQL)).scalar()
        found = frozenset(json.loads(listed) if listed else ())
        if generation is not None:
            with self._lock:
                self._sources = (generation, found)
        return found


def _generation(connection: Connection, which: int) -> int | None:
    if connection.dialect.name != "sqlite":
        return None  # only the SQLite schema has the triggers so far
    try:
        row = connection.execute(text(GENERATION_SQL)).one_or_none()
    except OperationalError:  # a schema from before migration 0006: no caching
        return None
    return None if row is None else int(row[which])


def _ordered_ids(connection: Connection) -> list[int]:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(ORDER_SQL)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()
