"""A lean, column-wise index of the events a timeline draws.

Two column-only SQL queries read, for every event the filter lets through, only what drawing
needs: first, in time order, its id, its first and last possible day, the days from which its
start and up to which its end are certain (for soft, faded ends), its kind, status, date
precision and qualifier codes and its trip, all computed as small integers by SQLite; then the
titles, in storage order (sorting them would cost more than placing them). They are kept in
:mod:`array` columns and one UTF-8 blob of titles, so a million events take a few tens of
megabytes, not the gigabyte that a million record objects would.

Events are held in time order (first day, last day, id); an event's *position* is its place in
that order, and every other timeline structure refers to events by position.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, func, select
from sqlalchemy.orm import Session

from timeline_app.core.dates import Qualifier
from timeline_app.core.filters import EventFilter
from timeline_app.core.models import Event
from timeline_app.core.store.queries import filter_conditions
from timeline_app.core.timeline.sql import chunks, collector_paused
from timeline_app.core.vocabulary import Kind, Status

KINDS: tuple[Kind, ...] = tuple(Kind)
STATUSES: tuple[Status, ...] = tuple(Status)
QUALIFIERS: tuple[Qualifier, ...] = tuple(Qualifier)

# Date codes: precision in the low two bits (0 none, 1 day, 2 month, 3 year), qualifier above.
PRECISION_NONE, PRECISION_DAY, PRECISION_MONTH, PRECISION_YEAR = 0, 1, 2, 3
_PRECISION_BY_LENGTH = {10: PRECISION_DAY, 7: PRECISION_MONTH, 4: PRECISION_YEAR}

JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5  # julianday('0001-01-01') - 1
_DENSE_LOOKUP_FACTOR = 4
TITLE_CACHE_LIMIT = 50_000
TITLE_BATCH = 500
# A label never shows more than a screen's width of a title: longer ones (an import may bring a
# 100,000-character field) are cut by SQLite, so measuring and eliding them stays cheap.
TITLE_CHARS = 300

TitleSource = Callable[[Sequence[int]], Mapping[int, str]]  # event ids -> their titles


def date_code(precision: int, qualifier: Qualifier | None) -> int:
    """The one-byte code of a date's precision and qualifier (0 when there is no date)."""
    if precision == PRECISION_NONE or qualifier is None:
        return 0
    return precision | (QUALIFIERS.index(qualifier) << 2)


def code_precision(code: int) -> int:
    return code & 3


def code_qualifier(code: int) -> Qualifier | None:
    return QUALIFIERS[code >> 2] if code & 3 else None


def _ordinal(column: Any) -> ColumnElement[int]:
    """A date column as a proleptic Gregorian ordinal (``date.toordinal``), computed by SQLite."""
    return cast(func.julianday(column) - JULIAN_DAY_OF_ORDINAL_ZERO, Integer)


def _code_of(values: Sequence[str], column: Any) -> ColumnElement[int]:
    return case({value: number for number, value in enumerate(values)}, value=column, else_=0)


def _date_code(value: Any, qualifier: Any) -> ColumnElement[int]:
    precision = case(
        {length: code for length, code in _PRECISION_BY_LENGTH.items()},
        value=func.length(value),
        else_=PRECISION_NONE,
    )
    return precision + _code_of([q.value for q in QUALIFIERS], qualifier) * 4


#: The per-event columns of an :class:`EventIndex`, in its order.
EVENT_COLUMNS = (
    "ids",
    "first",
    "last",
    "start_sure",
    "end_sure",
    "kind",
    "status",
    "start_code",
    "end_code",
    "trip",
)


@dataclass(slots=True)
class EventIndex:
    """All drawn events, column by column, in time order."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    first: array[int] = field(default_factory=lambda: array("i"))
    last: array[int] = field(default_factory=lambda: array("i"))
    start_sure: array[int] = field(default_factory=lambda: array("i"))
    end_sure: array[int] = field(default_factory=lambda: array("i"))
    kind: array[int] = field(default_factory=lambda: array("B"))
    status: array[int] = field(default_factory=lambda: array("B"))
    start_code: array[int] = field(default_factory=lambda: array("B"))
    end_code: array[int] = field(default_factory=lambda: array("B"))
    trip: array[int] = field(default_factory=lambda: array("q"))
    title_blob: bytes = b""
    title_offsets: array[int] = field(default_factory=lambda: array("Q", [0]))
    _lookup: array[int] | dict[int, int] = field(default_factory=dict)
    _title_source: TitleSource | None = None
    _title_cache: dict[int, str] = field(default_factory=dict)
    _title_parts: list[bytes] = field(default_factory=list)  # read ahead, in time order

    def __len__(self) -> int:
        return len(self.ids)

    # -- reading one event -------------------------------------------------------------------

    def title(self, position: int) -> str:
        if self._title_source is None:
            offsets = self.title_offsets
            return self.title_blob[offsets[position] : offsets[position + 1]].decode("utf-8")
        if position < len(self._title_parts):
            return self._title_parts[position].decode("utf-8")
        found = self._title_cache.get(position)
        if found is None:
            self.prefetch_titles((position,))
            found = self._title_cache.get(position, "")
        return found

    def use_title_source(self, source: TitleSource) -> None:
        """Read titles through ``source`` when they are needed, instead of all at once."""
        self._title_source = source
        self._title_cache = {}
        self._title_parts = []
        self.title_blob = b""
        self.title_offsets = array("Q", [0])

    @property
    def titles_pending(self) -> bool:
        """Titles are read from a title source, when needed (see :meth:`read_titles_ahead`)."""
        return self._title_source is not None

    def read_titles_ahead(self, count: int) -> bool:
        """Read the titles of ``count`` more events (in time order) from the title source, in
        one query: a caller with time to spare reads them all, a batch at a time, so drawing
        never waits for them. Once all are read they are kept as if read at once, and the
        source is let go. True while some are still to read."""
        source = self._title_source
        if source is None:
            return False
        parts = self._title_parts
        ids = self.ids
        start = len(parts)
        batch = ids[start : start + count]
        found = source(batch) if batch else {}
        parts.extend(found.get(event_id, "").encode("utf-8") for event_id in batch)
        if len(parts) < len(ids):
            return True
        self.title_offsets = array("Q", accumulate(map(len, parts), initial=0))
        self.title_blob = b"".join(parts)
        self._title_source = None
        self._title_cache = {}
        self._title_parts = []
        return False

    def prefetch_titles(self, positions: Iterable[int]) -> None:
        """Make sure the titles of these events are at hand (one query for all that are not)."""
        source = self._title_source
        if source is None:
            return
        cache = self._title_cache
        ahead = len(self._title_parts)
        missing = sorted({p for p in positions if p >= ahead and p not in cache})
        if not missing:
            return
        if len(cache) + len(missing) > TITLE_CACHE_LIMIT:
            cache.clear()
        ids = self.ids
        for start in range(0, len(missing), TITLE_BATCH):
            batch = missing[start : start + TITLE_BATCH]
            found = source([ids[p] for p in batch])
            for position in batch:
                cache[position] = found.get(ids[position], "")

    def kind_of(self, position: int) -> Kind:
        return KINDS[self.kind[position]]

    def status_of(self, position: int) -> Status:
        return STATUSES[self.status[position]]

    def is_point(self, position: int) -> bool:
        """A single, exactly known day: drawn as a marker rather than a bar."""
        return self.first[position] == self.last[position]

    def soft_start(self, position: int) -> bool:
        """The start is uncertain (month or year precision, about/before/after...)."""
        return self.start_sure[position] > self.first[position]

    def soft_end(self, position: int) -> bool:
        return self.end_sure[position] < self.last[position]

    def first_date(self, position: int) -> date:
        return date.fromordinal(self.first[position])

    def last_date(self, position: int) -> date:
        return date.fromordinal(self.last[position])

    def position(self, event_id: int) -> int | None:
        """Where the event sits in time order; None when the index does not hold it."""
        lookup = self._lookup
        if isinstance(lookup, dict):
            return lookup.get(event_id)
        if 0 <= event_id < len(lookup):
            found = lookup[event_id]
            return found if found >= 0 else None
        return None

    def lookup_table(self) -> array[int]:
        """Event id -> position (-1: not held), as an array; built from the dictionary when the
        ids are too sparse for one (only while a caller needs it)."""
        lookup = self._lookup
        if isinstance(lookup, array):
            return lookup
        table = array("i", [-1]) * (max(lookup, default=-1) + 1)
        for event_id, position in lookup.items():
            table[event_id] = position
        return table

    def positions(self, event_ids: Iterable[int]) -> list[int]:
        """Where these events sit, sorted (those the index does not hold are left out)."""
        lookup = self._lookup
        if isinstance(lookup, dict):
            found = [lookup.get(event_id, -1) for event_id in event_ids]
        else:  # the dense table, read without a method call per event
            size = len(lookup)
            found = [lookup[event_id] for event_id in event_ids if 0 <= event_id < size]
        found.sort()
        return found[bisect.bisect_left(found, 0) :]

    # -- building ----------------------------------------------------------------------------

    def subset(self, positions: Sequence[int]) -> EventIndex:
        """The events at ``positions`` (ascending) as an index of their own: what a filter
        keeps of this index, taken from it rather than read again. Titles come along: those
        read so far, and the same title source for the others."""
        sub = EventIndex()
        for name in EVENT_COLUMNS:
            column = getattr(self, name)
            setattr(sub, name, array(column.typecode, map(column.__getitem__, positions)))
        sub.finish()
        source = self._title_source
        if source is None:  # the titles' bytes, cut from the blob as they are
            blob, offsets = self.title_blob, self.title_offsets
            parts = [blob[offsets[p] : offsets[p + 1]] for p in positions]
            sub.title_offsets = array("Q", accumulate(map(len, parts), initial=0))
            sub.title_blob = b"".join(parts)
        else:
            sub.use_title_source(source)
            cache, ahead = self._title_cache, len(self._title_parts)
            for new, old in enumerate(positions):
                if old < ahead:
                    sub._title_cache[new] = self._title_parts[old].decode("utf-8")
                elif old in cache:
                    sub._title_cache[new] = cache[old]
        return sub

    def extend(self, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows of (id, first, last, start_sure, end_sure, codes, trip), already in time
        order; ``codes`` packs kind, status, start and end codes a byte each (see the query)."""
        if not rows:
            return
        self.extend_columns(list(zip(*rows, strict=True)))

    def extend_columns(self, columns: Sequence[Iterable[int]]) -> None:
        """Like :meth:`extend`, column by column (arrays of the index's own kinds are copied
        at once)."""
        ids, first, last, start_sure, end_sure, codes, trip = columns
        self.ids.extend(ids)
        self.first.extend(first)
        self.last.extend(last)
        self.start_sure.extend(start_sure)
        self.end_sure.extend(end_sure)
        self.trip.extend(trip)
        packed = array("I", codes).tobytes()  # little or big endian: read the bytes back alike
        order = (0, 1, 2, 3) if array("I", [1]).tobytes()[0] == 1 else (3, 2, 1, 0)
        for target, byte in zip(
            (self.kind, self.status, self.start_code, self.end_code), order, strict=True
        ):
            target.frombytes(packed[byte::4])

    def holds_in_place(self, row: Sequence[int]) -> int | None:
        """Where the event of ``row`` (as :meth:`extend` takes them, read again) sits, if its
        place in time order is the same: the same first and last day. None otherwise."""
        position = self.position(row[0])
        if position is None or (self.first[position], self.last[position]) != (row[1], row[2]):
            return None
        return position

    def patch(self, position: int, row: Sequence[int]) -> None:
        """Take the event's row, read again, where its place in time order is the same (see
        :meth:`holds_in_place`): what an edit of its kind, status, date precision or trip
        changes. Its title goes through :meth:`retitle`."""
        self.start_sure[position] = row[3]
        self.end_sure[position] = row[4]
        codes = row[5]
        self.kind[position] = codes & 0xFF
        self.status[position] = (codes >> 8) & 0xFF
        self.start_code[position] = (codes >> 16) & 0xFF
        self.end_code[position] = (codes >> 24) & 0xFF
        self.trip[position] = row[6]

    def retitle(self, titles: Mapping[int, str]) -> None:
        """New titles of some events, by position: kept where the titles read so far are.
        When all of them are in one blob, it is made again once for all of these."""
        ahead = len(self._title_parts)
        for position, title in titles.items():
            if position < ahead:
                self._title_parts[position] = title[:TITLE_CHARS].encode("utf-8")
            elif self._title_source is not None:
                self._title_cache[position] = title[:TITLE_CHARS]
        if self._title_source is not None or not titles:
            return
        blob, offsets = self.title_blob, self.title_offsets
        parts: list[bytes] = []
        new_offsets = array("Q")
        done = shift = 0  # positions taken so far; how far their ends moved
        for position in sorted(titles):
            new_offsets.extend(map(shift.__add__, offsets[done : position + 1]))
            parts.append(blob[offsets[done] : offsets[position]])
            encoded = titles[position][:TITLE_CHARS].encode("utf-8")
            parts.append(encoded)
            shift += len(encoded) - (offsets[position + 1] - offsets[position])
            done = position + 1
        new_offsets.extend(map(shift.__add__, offsets[done:]))
        parts.append(blob[offsets[done] :])
        self.title_blob = b"".join(parts)
        self.title_offsets = new_offsets

    def set_titles(self, pairs: Iterable[Sequence[Any]]) -> None:
        """Store the titles, given as (event id, title) pairs in any order (after ``finish``)."""
        ordered: list[bytes] = [b""] * len(self.ids)
        lookup = self._lookup
        if isinstance(lookup, dict):
            for event_id, title in pairs:
                at = lookup.get(event_id)
                if at is not None:
                    ordered[at] = title.encode("utf-8")
        else:
            for event_id, title in pairs:
                ordered[lookup[event_id]] = title.encode("utf-8")
        self.title_offsets = array("Q", accumulate(map(len, ordered), initial=0))
        self.title_blob = b"".join(ordered)

    def finish(self) -> None:
        """Build the id lookup: a dense array when ids are compact, a dict otherwise."""
        count = len(self.ids)
        top = max(self.ids, default=-1)
        if top < _DENSE_LOOKUP_FACTOR * count + 1024:
            lookup = array("i", [-1]) * (top + 1)
            for position, event_id in enumerate(self.ids):
                lookup[event_id] = position
            self._lookup = lookup
        else:
            self._lookup = {event_id: position for position, event_id in enumerate(self.ids)}

    def dense_lookup(self) -> array[int] | None:
        """The id lookup :meth:`finish` built, if it is an array (see ``core.timeline_cache``)."""
        return self._lookup if isinstance(self._lookup, array) else None

    def take_lookup(self, lookup: array[int]) -> bool:
        """Take the lookup :meth:`finish` would build, kept from an earlier run, in place of
        building it, if it agrees with the ids at their ends (False otherwise; then build it)."""
        ids = self.ids
        if not ids or len(lookup) != max(ids) + 1:
            return False
        if lookup[ids[0]] != 0 or lookup[ids[-1]] != len(ids) - 1:
            return False
        self._lookup = lookup
        return True

    def nbytes(self) -> int:
        """Roughly how much memory the columns take."""
        columns: list[array[int]] = [
            self.ids,
            self.first,
            self.last,
            self.start_sure,
            self.end_sure,
            self.kind,
            self.status,
            self.start_code,
            self.end_code,
            self.trip,
            self.title_offsets,
        ]
        total = sum(column.itemsize * len(column) for column in columns) + len(self.title_blob)
        if isinstance(self._lookup, array):
            total += self._lookup.itemsize * len(self._lookup)
        return total


def index_query(flt: EventFilter | None, session: Session | None = None) -> Any:
    """The one column-only query behind :func:`load_index`, in time order. Pass the session:
    a search is then widened to the other spellings of names, as in every other view."""
    start_latest = _ordinal(Event.start_latest)
    end_latest = _ordinal(func.coalesce(Event.end_latest, Event.start_latest))
    last = func.max(start_latest, end_latest)
    return (
        select(
            Event.id,
            _ordinal(Event.start_earliest).label("first"),
            last.label("last"),
            start_latest,
            _ordinal(func.coalesce(Event.end_earliest, Event.start_earliest)),
            _code_of([kind.value for kind in KINDS], Event.kind)
            + _code_of([status.value for status in STATUSES], Event.status) * 0x100
            + _date_code(Event.start_value, Event.start_qualifier) * 0x10000
            + _date_code(Event.end_value, Event.end_qualifier) * 0x1000000,
            func.coalesce(Event.trip_id, 0),
        )
        .where(*filter_conditions(flt, session))
        .order_by("first", "last", Event.id)
    )


def _title() -> Any:
    return func.substr(Event.title, 1, TITLE_CHARS)


def titles_query(flt: EventFilter | None, session: Session | None = None) -> Any:
    return select(Event.id, _title()).where(*filter_conditions(flt, session))


def read_titles(session: Session, event_ids: Sequence[int]) -> dict[int, str]:
    """The titles of some events, by id (a title source reads through this).

    Through the table's columns rather than the model's attributes: the first frame reads
    titles, and the first use of a model's attributes sets up every mapper (about 30 ms),
    which can then wait until after it."""
    table = Event.__table__.c
    stmt = select(table.id, func.substr(table.title, 1, TITLE_CHARS))
    stmt = stmt.where(table.id.in_(list(event_ids)))
    return {event_id: title for rows in chunks(session, stmt) for event_id, title in rows}


def load_index(
    session: Session, flt: EventFilter | None = None, *, titles: bool = True
) -> EventIndex:
    """Read the events that ``flt`` lets through (all when None) into an :class:`EventIndex`.

    With ``titles`` False the titles are not read now: give the index a title source
    (:meth:`EventIndex.use_title_source`) and it reads those it is asked for, when asked.
    """
    index = EventIndex()
    with collector_paused():
        for rows in chunks(session, index_query(flt, session)):
            index.extend(rows)
        index.finish()
        if titles:
            index.set_titles(
                row for rows in chunks(session, titles_query(flt, session)) for row in rows
            )
    return index
