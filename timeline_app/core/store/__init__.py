"""The timeline store: the one way into the database for the GUI, the CLI, importers and tests.

Each use case opens a short-lived session: ``with store.reading() as session`` for queries,
``with store.writing() as writer`` for one transaction of changes. The convenience methods below
do exactly one of those each, so every user change is one transaction. Listeners registered
with :meth:`Store.subscribe` hear about each committed change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
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
from timeline_app.core.store import queries
from timeline_app.core.store.errors import (
    ConflictError,
    FieldError,
    InUseError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
    ValidationError,
)
from timeline_app.core.store.writer import ChangeSet, Writer

Listener = Callable[[ChangeSet], None]


class Store:
    """A timeline database, open."""

    def __init__(
        self,
        engine: Engine,
        *,
        location: str,
        path: Path | None = None,
        read_only: bool = False,
    ) -> None:
        self.engine = engine
        self.location = location
        self.path = path
        self.read_only = read_only
        self._read_sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(database.writing(engine), expire_on_commit=False)
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Open a database file or URL, creating or upgrading it (see ``core.database``)."""
        opened = database.open_database(target)
        return cls(opened.engine, location=opened.location, path=opened.path)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; it sees one consistent state of the database."""
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def writing(self, *, record_history: bool = True) -> Iterator[Writer]:
        """One transaction: committed if the block ends normally, rolled back otherwise."""
        if self.read_only:
            raise ReadOnlyError(f"{self.location} is open read-only")
        with self._write_sessions() as session, session.begin():
            writer = Writer(session, record_history=record_history)
            yield writer
        if writer.changes:
            self._notify(writer.changes)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after each committed write; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

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
            return queries.event_ids(session, flt, order, descending=descending)

    def rows(self, ids: list[int], flt: EventFilter | None = None) -> list[EventRow]:
        """The rows of these events, those that the filter lets through, in time order."""
        with self.reading() as session:
            return queries.event_rows(session, flt, ids=ids)

    def get_event(self, event_id: int) -> EventDetail:
        with self.reading() as session:
            return queries.event_detail(session, event_id)

    def count_events(self, flt: EventFilter | None = None) -> int:
        with self.reading() as session:
            return queries.count_events(session, flt)

    def actors(self) -> list[ActorInfo]:
        with self.reading() as session:
            return queries.actors(session)

    def places(self) -> list[PlaceInfo]:
        with self.reading() as session:
            return queries.places(session)

    def sources(self) -> list[SourceInfo]:
        with self.reading() as session:
            return queries.sources(session)

    def trips(self) -> list[TripInfo]:
        with self.reading() as session:
            return queries.trips(session)

    def tags(self) -> list[str]:
        with self.reading() as session:
            return queries.tags(session)

    def history(self, event_id: int | None = None, limit: int | None = None) -> list[ChangeRecord]:
        with self.reading() as session:
            return queries.history(session, event_id, limit)

    def deleted_events(self) -> list[ChangeRecord]:
        with self.reading() as session:
            return queries.deleted_events(session)

    # -- writing: one transaction each -------------------------------------------------------

    def create_event(self, data: EventData) -> int:
        with self.writing() as writer:
            return writer.create_event(data)

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

    def create_actor(self, data: ActorData) -> int:
        with self.writing() as writer:
            return writer.create_actor(data)

    def update_actor(self, actor_id: int, data: ActorData) -> None:
        with self.writing() as writer:
            writer.update_actor(actor_id, data)

    def delete_actor(self, actor_id: int) -> None:
        with self.writing() as writer:
            writer.delete_actor(actor_id)

    def merge_actors(self, keep_id: int, merge_id: int) -> None:
        with self.writing() as writer:
            writer.merge_actors(keep_id, merge_id)

    def create_place(self, data: PlaceData) -> int:
        with self.writing() as writer:
            return writer.create_place(data)

    def update_place(self, place_id: int, data: PlaceData) -> None:
        with self.writing() as writer:
            writer.update_place(place_id, data)

    def create_source(self, data: SourceData) -> int:
        with self.writing() as writer:
            return writer.create_source(data)

    def create_trip(self, data: TripData) -> int:
        with self.writing() as writer:
            return writer.create_trip(data)


def open_store(target: str | Path) -> Store:
    return Store.open(target)


__all__ = [
    "ChangeSet",
    "ConflictError",
    "FieldError",
    "InUseError",
    "NotFoundError",
    "ReadOnlyError",
    "Store",
    "StoreError",
    "ValidationError",
    "Writer",
    "open_store",
]
