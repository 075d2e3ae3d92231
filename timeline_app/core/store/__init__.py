"""The timeline store: the one way into the database for the GUI, the CLI, importers and tests.

Each use case opens a short-lived session: ``with store.reading() as session`` for queries,
``with store.writing() as writer`` for one transaction of changes. The convenience methods below
do exactly one of those each, so every user change is one transaction. Listeners registered
with :meth:`Store.subscribe` hear about each committed change made through this store;
:meth:`Store.changed_externally` tells whether another program (or another ``Store`` on the same
file) committed something since it was last asked.

A store on a file that must not be written is read-only (``store.read_only``, with
``store.read_only_reason`` for the window): every write raises :class:`ReadOnlyError`. A write
that cannot get the database's write lock within the busy timeout (another program holds it)
raises :class:`StoreBusyError`, which is retryable; nothing was written.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from timeline_app.core import database
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import (
    ActorData,
    ActorInfo,
    ChangeRecord,
    EventData,
    EventDetail,
    EventRow,
    PlaceData,
    PlaceInfo,
    SourceData,
    SourceInfo,
    TripData,
    TripInfo,
)
from timeline_app.core.search.text import Expander
from timeline_app.core.store import bulk, queries
from timeline_app.core.store.errors import (
    ConflictError,
    FieldError,
    InUseError,
    NotFoundError,
    ReadOnlyError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    ValidationError,
)
from timeline_app.core.store.time_order import TimeOrder, timeline_stamp
from timeline_app.core.store.writer import ChangeSet, Writer
from timeline_app.core.views import SavedView

Listener = Callable[[ChangeSet], None]
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


def _is_busy(error: BaseException) -> bool:
    """Whether ``error`` means that another connection held a lock for too long."""
    if isinstance(error, PoolTimeoutError):
        return True
    original = getattr(error, "orig", None)
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    text = str(original)
    return "database is locked" in text or "database is busy" in text


def _is_damage(error: BaseException) -> bool:
    """Whether ``error`` is SQLite finding the file damaged ("database disk image is malformed")."""
    original = getattr(error, "orig", None)
    if not isinstance(original, sqlite3.DatabaseError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    return "malformed" in str(original) or "not a database" in str(original)


class Store:
    """A timeline database, open."""

    def __init__(
        self,
        engine: Engine,
        *,
        location: str,
        path: Path | None = None,
        read_only: bool = False,
        read_only_reason: str | None = None,
        watch_engine: Engine | None = None,
        integrity_checked: bool = True,
    ) -> None:
        self.engine = engine
        self.location = location
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        # False when the file was too large to check at open: call check_integrity() later.
        self.integrity_checked = integrity_checked
        # On a file, writes go through a connection of their own (a pool of one), which is also
        # the one that polls PRAGMA data_version: that value changes only when *another*
        # connection commits, so this store's own commits are never taken for someone else's.
        self._watch_engine = watch_engine
        write_engine = watch_engine if watch_engine is not None and not read_only else engine
        self._read_sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(database.writing(write_engine), expire_on_commit=False)
        self._write_guard = threading.Lock()
        self._seen: tuple[object, int] | None = None
        self._external_changes = 0
        self._listeners: list[Listener] = []
        self._time_order = TimeOrder()  # every event's place in time order, kept between reads
        self.changed_externally()  # the baseline

    @classmethod
    def open(cls, target: str | Path, *, read_only: bool = False) -> Store:
        """Open a database file or URL, creating or upgrading it (see ``core.database``).

        A file that cannot or must not be written, or any file with ``read_only=True``, is
        opened read-only. Raises ``DatabaseOpenError`` (``DamagedDatabaseError`` for a damaged
        file, with the most recent backup) when it cannot be opened.
        """
        opened = database.open_database(target, read_only=read_only)
        watch: Engine | None = None
        if opened.path is not None and not opened.access.immutable:
            watch = database.create_sqlite_engine(
                opened.path, read_only=opened.read_only, pool_size=1
            )
        return cls(
            opened.engine,
            location=opened.location,
            path=opened.path,
            read_only=opened.read_only,
            read_only_reason=opened.access.reason,
            watch_engine=watch,
            integrity_checked=opened.checked,
        )

    def close(self) -> None:
        self.engine.dispose()
        if self._watch_engine is not None:
            self._watch_engine.dispose()

    def check_integrity(self) -> list[str]:
        """What SQLite's quick_check finds wrong in the file (empty when it is sound).

        For a file too large to be checked at open (``integrity_checked`` is False): the window
        runs this in a worker thread after opening, and offers the backups if it finds damage.
        """
        if self.path is None:
            return []
        problems = database.integrity_problems(self.path)
        self.integrity_checked = True
        return problems

    def changed_externally(self) -> bool:
        """True if another program committed changes to the database since the last call.

        Cheap (one ``PRAGMA data_version`` on an open connection): the window can call it every
        second, or when it regains focus, and refresh its views when it says True. Changes made
        through this store are not reported here (listeners hear of them at once). While this
        store is writing it answers False, and the change shows at the next call. Always False
        for a database that is not a file, or a file nobody can write.
        """
        if self._watch_engine is None:
            return False
        if not self._write_guard.acquire(blocking=False):
            return False
        try:
            pooled = self._watch_engine.raw_connection()
            try:
                connection = pooled.driver_connection
                assert connection is not None
                version = int(connection.execute("PRAGMA data_version").fetchone()[0])
            finally:
                pooled.close()
        except (SQLAlchemyError, sqlite3.Error):
            return False
        finally:
            self._write_guard.release()
        seen = (connection, version)
        changed = self._seen is not None and (
            self._seen[0] is not connection or self._seen[1] != version
        )
        self._seen = seen
        self._external_changes += changed
        return changed

    def external_changes(self) -> int:
        """How many times a change by another program has been seen so far (polling first).

        For several windows on one store: each keeps the last value it saw and refreshes when
        the count moves, so that one window's poll does not hide the change from the others.
        """
        self.changed_externally()
        return self._external_changes

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; it sees one consistent state of the database."""
        try:
            with self._read_sessions() as session:
                yield session
        except (DatabaseError, PoolTimeoutError) as error:
            self._raise_clearly(error)
            raise

    @contextmanager
    def writing(self, *, record_history: bool = True) -> Iterator[Writer]:
        """One transaction: committed if the block ends normally, rolled back otherwise.

        Raises :class:`ReadOnlyError` on a read-only store, :class:`StoreBusyError` when the
        write lock cannot be had within the busy timeout (another program, or another thread of
        this one, is writing), :class:`StoreDamagedError` when SQLite finds the file damaged; in
        each case nothing was written.
        """
        if self.read_only:
            raise ReadOnlyError(self.location, self.read_only_reason)
        if not self._write_guard.acquire(timeout=database.BUSY_TIMEOUT_MS / 1000):
            raise StoreBusyError(self.location)
        try:
            with self._write_sessions() as session, session.begin():
                stamp = timeline_stamp(session.connection())  # under the write lock
                writer = Writer(session, record_history=record_history)
                yield writer
                writer.update_search_index()
                after = timeline_stamp(session.connection())
                if stamp is not None and after is not None:
                    writer.changes.timeline = (stamp, after)
        except (DatabaseError, PoolTimeoutError) as error:
            self._raise_clearly(error)
            raise
        finally:
            self._write_guard.release()
        if writer.changes:
            self._notify(writer.changes)

    def _raise_clearly(self, error: BaseException) -> None:
        """Raise the store's own error for a busy or damaged database (else return)."""
        if _is_busy(error):
            raise StoreBusyError(self.location) from error
        if _is_damage(error):
            raise StoreDamagedError(self.location, str(getattr(error, "orig", error))) from error

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after each committed write; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def notify(self, changes: ChangeSet) -> None:
        """Tell the listeners about changes committed elsewhere: by a listener-less ``Store``
        on the same engine, as a long import runs off the GUI thread and reports back on it."""
        if changes:
            self._notify(changes)

    def _notify(self, changes: ChangeSet) -> None:
        for listener in list(self._listeners):
            listener(changes)

    # -- reading ----------------------------------------------------------------------------

    def list_events(self, flt: EventFilter | None = None) -> list[EventRow]:
        with self.reading() as session:
            return queries.event_rows(session, flt)

    def event_ids(
        self,
        flt: EventFilter | None = None,
        order: queries.SortField = queries.SortField.START,
        *,
        descending: bool = False,
    ) -> list[int]:
        with self.reading() as session:
            return queries.event_ids(
                session, flt, order, descending=descending, time_order=self._time_order
            )

    def search_ids(self, text: str, synonyms: Expander | None = None) -> set[int]:
        """Ids of the events a search finds, unordered and unfiltered, for marking matches in
        a view (cheaper than ``event_ids(EventFilter(text=...))`` for a broad search). A caller
        that keeps :meth:`name_synonyms` (until actors or places change) passes them."""
        with self.reading() as session:
            return queries.search_ids(session, text, synonyms)

    def rows(self, ids: list[int], flt: EventFilter | None = None) -> list[EventRow]:
        """The rows of these events, those that the filter lets through, in time order."""
        with self.reading() as session:
            return queries.event_rows(session, flt, ids=ids)

    def get_event(self, event_id: int) -> EventDetail:
        with self.reading() as session:
            return queries.event_detail(session, event_id)

    def get_events(self, ids: list[int]) -> list[EventDetail]:
        """Many events with everything linked to them, in the order of ``ids``; in a few queries.

        Ids of events that do not exist are left out.
        """
        with self.reading() as session:
            return bulk.event_details(session, ids)

    def has_events(self) -> bool:
        """Whether there is any event: cheaper than counting them (a window's empty state)."""
        with self.reading() as session:
            return queries.has_events(session)

    def count_events(self, flt: EventFilter | None = None) -> int:
        with self.reading() as session:
            return queries.count_events(session, flt, self._time_order)

    def actors(self) -> list[ActorInfo]:
        with self.reading() as session:
            return queries.actors(session)

    def places(self) -> list[PlaceInfo]:
        with self.reading() as session:
            return queries.places(session)

    def sources(self) -> list[SourceInfo]:
        with self.reading() as session:
            return queries.sources(session)

    def get_actor(self, actor_id: int) -> ActorInfo:
        with self.reading() as session:
            return queries.actor(session, actor_id)

    def get_place(self, place_id: int) -> PlaceInfo:
        with self.reading() as session:
            return queries.place(session, place_id)

    def get_source(self, source_id: int) -> SourceInfo:
        with self.reading() as session:
            return queries.source(session, source_id)

    def get_trip(self, trip_id: int) -> TripInfo:
        with self.reading() as session:
            return queries.trip(session, trip_id)

    def trips(self) -> list[TripInfo]:
        with self.reading() as session:
            return queries.trips(session)

    def tags(self) -> list[str]:
        with self.reading() as session:
            return queries.tags(session)

    def name_synonyms(self) -> Expander:
        """The other spellings a search widens to, for highlighting matches
        (``core.search.highlight_spans(text, cell, store.name_synonyms())``)."""
        with self.reading() as session:
            return queries.name_synonyms(session)

    def saved_views(self) -> list[SavedView]:
        with self.reading() as session:
            return queries.saved_views(session)

    def saved_view(self, name: str) -> SavedView:
        with self.reading() as session:
            return queries.saved_view(session, name)

    def history(self, event_id: int | None = None, limit: int | None = None) -> list[ChangeRecord]:
        with self.reading() as session:
            return queries.history(session, event_id, limit)

    def newest_change_id(self) -> int:
        """The id of the newest change in the history (0: none)."""
        with self.reading() as session:
            return queries.newest_change_id(session)

    def deleted_events(self) -> list[ChangeRecord]:
        with self.reading() as session:
            return queries.deleted_events(session)

    # -- writing: one transaction each -------------------------------------------------------

    def create_event(self, data: EventData, *, event_id: int | None = None) -> int:
        """Add an event; ``event_id`` recreates it under a given (free) id, as redo does."""
        with self.writing() as writer:
            return writer.create_event(data, event_id=event_id)

    def update_event(
        self, event_id: int, data: EventData, *, expected_version: int | None = None
    ) -> bool:
        with self.writing() as writer:
            return writer.update_event(event_id, data, expected_version=expected_version)

    def delete_event(self, event_id: int) -> int | None:
        with self.writing() as writer:
            return writer.delete_event(event_id)

    def restore_event(self, change_id: int) -> int:
        with self.writing() as writer:
            return writer.restore_event(change_id)

    def create_actor(self, data: ActorData, *, actor_id: int | None = None) -> int:
        with self.writing() as writer:
            return writer.create_actor(data, actor_id=actor_id)

    def update_actor(self, actor_id: int, data: ActorData) -> None:
        with self.writing() as writer:
            writer.update_actor(actor_id, data)

    def delete_actor(self, actor_id: int) -> None:
        with self.writing() as writer:
            writer.delete_actor(actor_id)

    def merge_actors(self, keep_id: int, merge_id: int) -> None:
        with self.writing() as writer:
            writer.merge_actors(keep_id, merge_id)

    def create_place(self, data: PlaceData, *, place_id: int | None = None) -> int:
        with self.writing() as writer:
            return writer.create_place(data, place_id=place_id)

    def update_place(self, place_id: int, data: PlaceData) -> None:
        with self.writing() as writer:
            writer.update_place(place_id, data)

    def delete_place(self, place_id: int) -> None:
        with self.writing() as writer:
            writer.delete_place(place_id)

    def create_source(self, data: SourceData, *, source_id: int | None = None) -> int:
        with self.writing() as writer:
            return writer.create_source(data, source_id=source_id)

    def update_source(self, source_id: int, data: SourceData) -> None:
        with self.writing() as writer:
            writer.update_source(source_id, data)

    def delete_source(self, source_id: int) -> None:
        with self.writing() as writer:
            writer.delete_source(source_id)

    def create_trip(self, data: TripData, *, trip_id: int | None = None) -> int:
        with self.writing() as writer:
            return writer.create_trip(data, trip_id=trip_id)

    def update_trip(self, trip_id: int, data: TripData) -> None:
        with self.writing() as writer:
            writer.update_trip(trip_id, data)

    def delete_trip(self, trip_id: int) -> None:
        with self.writing() as writer:
            writer.delete_trip(trip_id)

    def save_view(self, view: SavedView, *, overwrite: bool = False) -> None:
        with self.writing() as writer:
            writer.save_view(view, overwrite=overwrite)

    def rename_view(self, old_name: str, new_name: str) -> None:
        with self.writing() as writer:
            writer.rename_view(old_name, new_name)

    def delete_view(self, name: str) -> None:
        with self.writing() as writer:
            writer.delete_view(name)


def open_store(target: str | Path, *, read_only: bool = False) -> Store:
    return Store.open(target, read_only=read_only)


__all__ = [
    "ChangeSet",
    "ConflictError",
    "FieldError",
    "InUseError",
    "NotFoundError",
    "ReadOnlyError",
    "Store",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreError",
    "ValidationError",
    "Writer",
    "open_store",
]
