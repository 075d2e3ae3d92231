"""Checking and reading the timeline while the application is still starting.

Most of the time to the first frame of a big timeline goes to two things that do not depend on
each other: importing Qt, SQLAlchemy and the app's modules (pure Python, one CPU), and SQLite
checking the file, then computing and sorting the events and the actors' lanes (C code that
releases the GIL). The command line therefore starts that SQLite work in a thread of its own
before it imports anything heavy (:func:`start`): it runs on another CPU while the main thread
imports, opens the database through the store and builds the window. Opening the database then
skips its own ``PRAGMA quick_check`` if this one found the file sound (:func:`checked_sound`),
and the timeline takes the rows (:func:`take`) instead of running the same queries again.
Without a CPU to spare it costs nothing more than doing the same work in turn.

What is read early is used only if it is what the store would find now:

- only a database already in WAL mode, writable, sound at first sight (SQLite's header) and with
  no committed changes pending in its -wal file is looked at: a connection that only reads such
  a file writes nothing, not even when it closes, and leaves no -wal or -shm file behind (as
  ``core.database`` inspects files); anything else is left to the store;
- the check is ``core.database``'s (``quick_check`` through an ``immutable`` connection, for
  files up to the same size); it counts only if it found nothing, and if ``PRAGMA
  data_version``, asked on another connection before it began and again when the store asks,
  shows no commit by anyone in between; anything it found is found again by the store, which
  then reports it as usual;
- the queries run in one read transaction, which also gives the schema revision: the rows are
  taken only if that is the revision the store opened (the latest), only if ``PRAGMA
  data_version`` shows no commit since the transaction began (another program, or the store
  upgrading the file), and only by a timeline without a filter (the window's first read).

The queries are the unfiltered :func:`~timeline_app.core.timeline.index.index_query` and the
actor lanes' query of :mod:`~timeline_app.core.timeline.lane_keys`, written as SQL text since
SQLAlchemy is not imported yet; a test checks that they return the same rows.

Before the queries, in the same read transaction, it reads the timeline stamp (migration 0007)
and looks for the timeline kept at the last run (``core.timeline_cache``): if it was kept at
that stamp, it is taken instead, and the queries do not run at all.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
from array import array
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice, repeat
from operator import lshift, lt, or_
from pathlib import Path
from typing import Any

from timeline_app.core import timeline_cache
from timeline_app.core.timeline_cache import CachedTimeline
from timeline_app.core.vocabulary import Kind, Role, Status

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_HEADER_SIZE = 32
WAL_FORMAT = 2  # header bytes 18 and 19 (write and read format): 2 for WAL
#: ``core.database.QUICK_CHECK_MAX_BYTES`` (a test checks they agree): larger files are not
#: checked at open, so not here either.
CHECK_MAX_BYTES = 100_000_000
TIMEOUT_S = 1.0  # a reader waits for a lock only while another program recovers the file
PROGRESS_STEPS = 5_000_000  # SQLite virtual machine steps between two "stop?" questions
JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5  # as in timeline.index
#: ``dates.Qualifier``'s values, in order (a test checks it): ``core.dates`` loads dateutil,
#: which would delay the start of the read.
QUALIFIERS = ("exact", "about", "before", "after", "early", "mid", "late")
#: ``core.store.time_order.TIMELINE_SQL`` (a test checks they agree).
STAMP_SQL = "SELECT timeline FROM event_generation WHERE id = 1"


def _ordinal(column: str) -> str:
    return f"CAST(julianday({column}) - {JULIAN_DAY_OF_ORDINAL_ZERO} AS INTEGER)"


def _code(column: str, values: Sequence[str]) -> str:
    cases = " ".join(f"WHEN '{value}' THEN {number}" for number, value in enumerate(values))
    return f"CASE {column} {cases} ELSE 0 END"


def _date_code(value: str, qualifier: str) -> str:
    precision = f"CASE length({value}) WHEN 10 THEN 1 WHEN 7 THEN 2 WHEN 4 THEN 3 ELSE 0 END"
    return f"({precision} + {_code(qualifier, QUALIFIERS)} * 4)"


#: ``index_query(None)``'s columns: id, first day, last day, days sure, codes, trip.
_INDEX_SELECT = (
    f"SELECT id, {_ordinal('start_earliest')} AS first, "
    f"max({_ordinal('start_latest')}, {_ordinal('coalesce(end_latest, start_latest)')}) AS last, "
    f"{_ordinal('start_latest')} AS start_sure, "
    f"{_ordinal('coalesce(end_earliest, start_earliest)')} AS end_sure, "
    f"{_code('kind', [kind.value for kind in Kind])} "
    f"+ {_code('status', [status.value for status in Status])} * 256 "
    f"+ {_date_code('start_value', 'start_qualifier')} * 65536 "
    f"+ {_date_code('end_value', 'end_qualifier')} * 16777216 AS codes, "
    "coalesce(trip_id, 0) AS trip FROM event"
)
INDEX_ORDER = "first, last, id"
#: ``index_query(None)``: in time order.
INDEX_SQL = f"{_INDEX_SELECT} ORDER BY {INDEX_ORDER}"
INDEX_COLUMNS = ("id", "first", "last", "start_sure", "end_sure", "codes", "trip")


def _packed(sql: str, columns: Sequence[str]) -> str:
    """One row: the count of the rows of ``sql`` and all of them as one string of hexadecimal
    32-bit numbers: SQLite makes the whole string, so that Python does no work per row. The
    rows come in ``sql``'s order (its ``LIMIT`` keeps SQLite from dropping its ``ORDER BY``),
    which the reader checks anyway (see :func:`_unpacked` and :func:`_in_time_order`)."""
    hexes = "%08x" * len(columns)
    values = ", ".join(columns)
    return f"SELECT count(*), group_concat(printf('{hexes}', {values}), '') FROM ({sql} LIMIT -1)"


def _unpacked(row: Sequence[Any], width: int) -> list[array[int]] | None:
    """The columns of a :func:`_packed` query's row, or None if a value did not fit in 32 bits
    (or was negative)."""
    count, text = int(row[0]), row[1] or ""
    if len(text) != count * width * 8:
        return None
    numbers = array("I")
    numbers.frombytes(bytes.fromhex(text))
    if sys.byteorder == "little":
        numbers.byteswap()
    return [numbers[k::width] for k in range(width)]


def _in_time_order(ids: array[int], first: array[int], last: array[int]) -> bool:
    """The events are in the index's order: by first day, last day and id (C loops only)."""
    keys = map(or_, map(lshift, map(or_, map(lshift, first, repeat(32)), last), repeat(32)), ids)
    ordered = list(keys)
    return all(map(lt, ordered, islice(ordered, 1, None)))


_RANK = (
    "CASE {table}.role "
    f"WHEN '{Role.VISITOR.value}' THEN 0 "
    f"WHEN '{Role.AUTHOR.value}' THEN 1 WHEN '{Role.PARTICIPANT.value}' THEN 1 "
    "ELSE 2 END"
)
#: The actor lanes' (event id, actor id) pairs (``lane_keys.actor_pairs(None)``), by actor.
_PAIRS_SELECT = (
    "SELECT p.event_id AS event_id, p.actor_id AS actor_id FROM participation AS p "
    f"JOIN (SELECT event_id, min({_RANK.format(table='participation')}) AS best "
    "FROM participation GROUP BY event_id) AS b ON b.event_id = p.event_id "
    f"WHERE {_RANK.format(table='p')} = b.best"
)
PAIRS_ORDER = "actor_id, event_id"
ACTOR_PAIRS_SQL = f"{_PAIRS_SELECT} ORDER BY {PAIRS_ORDER}"
PACKED_INDEX_SQL = _packed(INDEX_SQL, INDEX_COLUMNS)
PACKED_PAIRS_SQL = _packed(ACTOR_PAIRS_SQL, ("event_id", "actor_id"))
# The index's columns as EventIndex keeps them (the codes are split there).
_INDEX_TYPES = ("q", "i", "i", "i", "i", "I", "q")


@dataclass(frozen=True, slots=True)
class EarlyRows:
    """What the early read found: the columns of the two queries, and the schema revision.

    ``index_columns``: ``EventIndex.extend_columns``'s arguments, in time order;
    ``actor_pairs``: the event ids and the actor ids of the actor lanes' pairs, by actor;
    ``stamp``: ``event_generation.timeline`` as they were read (None before migration 0007);
    ``cached``: the timeline kept at the last run (``core.timeline_cache``), when it is still
    what the database holds: the queries did not run then, and the columns and pairs are empty.
    """

    revision: str
    index_columns: list[array[int]]
    actor_pairs: tuple[array[int], array[int]]
    stamp: int | None = None
    cached: CachedTimeline | None = None


def can_read_early(path: Path) -> bool:
    """Whether ``path`` is a file the early read may look at (see the module docs)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or not info.st_mode & stat.S_IWUSR:
            return False
        if not os.access(path, os.R_OK | os.W_OK):
            return False
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return False
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
        wal = path.with_name(path.name + "-wal")
        pending = wal.exists() and wal.stat().st_size > WAL_HEADER_SIZE
    except OSError:
        return False
    return (
        len(header) == HEADER_SIZE
        and header.startswith(SQLITE_MAGIC)
        and header[18] == header[19] == WAL_FORMAT
        and not pending
    )


class EarlyRead:
    """The check and the two queries, on connections of their own, in a thread (module docs)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._watch: sqlite3.Connection | None = None
        self._columns: list[array[int]] = []
        self._pairs: tuple[array[int], array[int]] = (array("I"), array("I"))
        self._revision: str | None = None
        self._stamp: int | None = None
        self._cached: CachedTimeline | None = None
        self._version: int | None = None
        self._watch_version: int | None = None
        self._findings: list[str] | None = None
        self._cancelled = False
        self._checked = threading.Event()
        self._thread = threading.Thread(target=self._run, name="early-read", daemon=True)
        self._thread.start()

    def _connect(self, query: str) -> sqlite3.Connection:
        connection = sqlite3.connect(
            f"{self.path.as_uri()}?{query}",
            uri=True,
            timeout=TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
        # Now and then (every few milliseconds: it takes the GIL), SQLite asks whether to stop.
        connection.set_progress_handler(self._stopping, PROGRESS_STEPS)
        return connection

    def _stopping(self) -> bool:
        return self._cancelled

    def _run(self) -> None:
        try:
            self._check()
        finally:
            self._checked.set()
        if self._cancelled:
            return
        try:
            connection = self._connection = self._connect("mode=rw")
            connection.execute("PRAGMA query_only = ON")
            connection.execute("BEGIN")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            self._version = int(connection.execute("PRAGMA data_version").fetchone()[0])
            if not row:
                return
            self._stamp = _stamp(connection)
            if self._stamp is not None:
                self._cached = timeline_cache.load(self.path, self._stamp, str(row[0]))
                if self._cached is not None:
                    self._revision = str(row[0])
                    return
            # Each query makes one row: all of its work is done by SQLite, without the GIL.
            index = _unpacked(connection.execute(PACKED_INDEX_SQL).fetchone(), 7)
            pairs = _unpacked(connection.execute(PACKED_PAIRS_SQL).fetchone(), 2)
            if index is None or pairs is None or not row or not _in_time_order(*index[:3]):
                return
            self._columns = [
                array(kind, column) for kind, column in zip(_INDEX_TYPES, index, strict=True)
            ]
            self._pairs = (pairs[0], pairs[1])
            self._revision = str(row[0])
        except (sqlite3.Error, ValueError, OverflowError, MemoryError):
            self._revision = None  # the store reads it, and says what is wrong, if anything

    def _check(self) -> None:
        """``PRAGMA quick_check`` of a file small enough to be checked at open, as
        ``core.database`` checks it (without locks: the watch connection tells whether anything
        was committed since it began)."""
        try:
            watch = self._watch = self._connect("mode=rw")
            watch.execute("PRAGMA query_only = ON")
            self._watch_version = int(watch.execute("PRAGMA data_version").fetchone()[0])
            if self.path.stat().st_size > CHECK_MAX_BYTES:
                return
            with closing(self._connect("immutable=1")) as quick:
                self._findings = [str(row[0]) for row in quick.execute("PRAGMA quick_check(5)")]
        except (OSError, sqlite3.Error):
            self._findings = None

    def checked_sound(self) -> bool:
        """``PRAGMA quick_check`` found the file sound, and nothing was committed to it since
        (waits for the check to be over)."""
        self._checked.wait()
        if self._findings != ["ok"] or self._watch is None:
            return False
        try:
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return False
        return version == self._watch_version

    def wait(self) -> None:
        self._thread.join()

    def rows(self) -> EarlyRows | None:
        """The rows, if they are still what the database holds; the connection is closed."""
        self._thread.join()
        connection = self._connection
        if connection is None:
            return None
        try:
            if self._revision is None:
                return None
            connection.execute("COMMIT")
            version = int(connection.execute("PRAGMA data_version").fetchone()[0])
            if version != self._version:
                return None  # another connection committed since: read it again
            return EarlyRows(self._revision, self._columns, self._pairs, self._stamp, self._cached)
        except sqlite3.Error:
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Close the connections (a query still running stops at once)."""
        self._cancelled = True
        self._thread.join()
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._watch is not None:
            self._watch.close()
            self._watch = None


def _stamp(connection: sqlite3.Connection) -> int | None:
    """``event_generation.timeline`` (migration 0007), or None in a schema without it."""
    try:
        found = connection.execute(STAMP_SQL).fetchone()
    except sqlite3.OperationalError:
        return None
    return found[0] if found and isinstance(found[0], int) else None  # another program's text


_pending: EarlyRead | None = None


def start(path: Path) -> bool:
    """Start reading the timeline of ``path`` in the background, if it may be (True then)."""
    global _pending  # noqa: PLW0603 - one early read per process, taken once
    discard()
    path = path.expanduser().absolute()
    if not can_read_early(path):
        return False
    _pending = EarlyRead(path)
    return True


def take(path: Path | None) -> EarlyRows | None:
    """The rows read early from ``path``, once; None if there are none (or none left for it).

    Whatever happens, the early read is over after this call: later reads go to the store.
    """
    global _pending
    early, _pending = _pending, None
    if early is None:
        return None
    if path is None or early.path != path.expanduser().absolute():
        early.close()
        return None
    return early.rows()


def checked_sound(path: Path) -> bool:
    """Whether the early read's ``PRAGMA quick_check`` found ``path`` sound, and nothing was
    committed to it since: ``core.database`` then need not check it again at open."""
    early = _pending
    return early is not None and early.path == path and early.checked_sound()


def pending() -> bool:
    return _pending is not None


def wait() -> None:
    """Wait until the pending early read has run its queries (its rows are not fetched yet)."""
    if _pending is not None:
        _pending.wait()


def discard() -> None:
    """Drop the early read, if any (the window did not open, or opened something else)."""
    global _pending
    early, _pending = _pending, None
    if early is not None:
        early.close()
