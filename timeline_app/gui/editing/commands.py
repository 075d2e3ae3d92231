"""Undo commands: every edit is one ``QUndoCommand`` that writes through the store.

A command applies and reverts itself inside one store transaction (``apply(writer)`` and
``revert(writer)``), so a compound edit (a new actor typed in the event editor together with the
event's update) is one step that is written, or fails, as a whole. Commands work with the store's
API and its plain records only, never with ORM objects.

The :class:`~timeline_app.gui.editing.controller.EditController` runs a command's first
application and pushes it on the stack only once that succeeded; undo and redo are likewise
written first and the stack's position moved after, so a failed write (the database locked, the
disk full) leaves the stack and the database in step.

Before changing anything, a command checks that what it is about to change is still what it left
there; if another window or program changed it meanwhile, it refuses with
:class:`ChangedElsewhereError` rather than overwrite that change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from timeline_app.core import countries
from timeline_app.core.records import (
    ActorData,
    EventData,
    Participant,
    PlaceData,
    SourceData,
    SourceLink,
    TripData,
)
from timeline_app.core.store import (
    ConflictError,
    FieldError,
    Store,
    StoreError,
    ValidationError,
    Writer,
)
from timeline_app.gui.editing.drafts import EventDraft, source_data


class ChangedElsewhereError(StoreError):
    """What a command would change is no longer as it left it (another window or program)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            QCoreApplication.translate(
                "EditCommands",
                "{what} was changed elsewhere (another window or program) in the meantime",
            ).format(what=what)
        )


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise ChangedElsewhereError(what)


class StoreCommand(QUndoCommand):
    """A step on the undo stack that writes through to the store in one transaction.

    It does not override ``redo()``/``undo()``: Qt's stack only keeps the steps, their texts
    and the position; the controller writes each step (:meth:`run`) as the position moves.
    """

    def __init__(self, store: Store, text: str = "") -> None:
        super().__init__(text)
        self.store = store

    # -- what a command does: subclasses ---------------------------------------------------------

    def apply(self, writer: Writer) -> None:
        raise NotImplementedError

    def revert(self, writer: Writer) -> None:
        raise NotImplementedError

    def parts(self) -> Sequence[StoreCommand]:
        """The commands this one is made of (written in its transaction)."""
        return ()

    def event_after(self, forward: bool) -> int | None:
        """The event to show after applying (``forward``) or reverting, if any."""
        return None

    # -- running ----------------------------------------------------------------------------------

    def _walk(self) -> Iterator[StoreCommand]:
        yield self
        for part in self.parts():
            yield from part._walk()

    def run(self, forward: bool) -> None:
        """Apply or revert in one transaction. On failure nothing is written, the command is
        left exactly as it was (so it can be tried again), and the error is raised."""
        saved = [(command, dict(vars(command))) for command in self._walk()]
        try:
            with self.store.writing() as writer:
                if forward:
                    self.apply(writer)
                else:
                    self.revert(writer)
        except BaseException:
            for command, state in saved:
                vars(command).clear()
                vars(command).update(state)
            raise


# -- actors, places, sources and trips ---------------------------------------------------------

DataT = TypeVar("DataT", ActorData, PlaceData, SourceData, TripData)


@dataclass(frozen=True, slots=True)
class RecordKind(Generic[DataT]):
    """How to create, read, update and delete one kind of linked record."""

    create: Callable[[Writer, DataT, int | None], int]
    read: Callable[[Writer, int], DataT]
    update: Callable[[Writer, int, DataT], None]
    delete: Callable[[Writer, int], None]
    label: Callable[[DataT], str]


def actor_data(info: ActorData) -> ActorData:
    """The editable part of an actor record (an ActorInfo without its id)."""
    return ActorData(info.name, info.kind, info.title, info.country_code, info.aliases)


def place_data(info: PlaceData) -> PlaceData:
    return PlaceData(info.locality, info.country_code, info.aliases)


def trip_data(info: TripData) -> TripData:
    return TripData(info.title, info.summary)


def place_label(data: PlaceData) -> str:
    country = countries.name(data.country_code)
    return f"{data.locality}, {country}" if data.locality else country


ACTOR: RecordKind[ActorData] = RecordKind(
    create=lambda w, data, wanted: w.create_actor(data, actor_id=wanted),
    read=lambda w, record_id: actor_data(w.actor(record_id)),
    update=lambda w, record_id, data: w.update_actor(record_id, data),
    delete=lambda w, record_id: w.delete_actor(record_id),
    label=lambda data: data.name,
)
PLACE: RecordKind[PlaceData] = RecordKind(
    create=lambda w, data, wanted: w.create_place(data, place_id=wanted),
    read=lambda w, record_id: place_data(w.place(record_id)),
    update=lambda w, record_id, data: w.update_place(record_id, data),
    delete=lambda w, record_id: w.delete_place(record_id),
    label=place_label,
)
SOURCE: RecordKind[SourceData] = RecordKind(
    create=lambda w, data, wanted: w.create_source(data, source_id=wanted),
    read=lambda w, record_id: source_data(w.source(record_id)),
    update=lambda w, record_id, data: w.update_source(record_id, data),
    delete=lambda w, record_id: w.delete_source(record_id),
    label=lambda data: data.url,
)
TRIP: RecordKind[TripData] = RecordKind(
    create=lambda w, data, wanted: w.create_trip(data, trip_id=wanted),
    read=lambda w, record_id: trip_data(w.trip(record_id)),
    update=lambda w, record_id, data: w.update_trip(record_id, data),
    delete=lambda w, record_id: w.delete_trip(record_id),
    label=lambda data: data.title,
)


class CreateRecordCommand(StoreCommand, Generic[DataT]):
    """Create an actor, a place, a source or a trip; redo recreates it under the same id."""

    kind: ClassVar[RecordKind[Any]]

    def __init__(self, store: Store, data: DataT, text: str = "") -> None:
        super().__init__(store, text)
        self.data: DataT = data
        self.record_id: int | None = None
        self.stored: DataT | None = None

    def apply(self, writer: Writer) -> None:
        self.record_id = self.kind.create(writer, self.data, self.record_id)
        self.stored = self.kind.read(writer, self.record_id)

    def revert(self, writer: Writer) -> None:
        assert self.record_id is not None
        _expect(self.kind.read(writer, self.record_id) == self.stored, self.kind.label(self.data))
        self.kind.delete(writer, self.record_id)


class UpdateRecordCommand(StoreCommand, Generic[DataT]):
    """Change an actor, a place, a source or a trip from ``before`` to ``after``."""

    kind: ClassVar[RecordKind[Any]]

    def __init__(
        self, store: Store, record_id: int, before: DataT, after: DataT, text: str = ""
    ) -> None:
        super().__init__(store, text)
        self.record_id = record_id
        self.before: DataT = before
        self.after: DataT = after
        self.stored: DataT | None = None

    def apply(self, writer: Writer) -> None:
        current = self.kind.read(writer, self.record_id)
        _expect(current == self.before, self.kind.label(self.before))
        self.kind.update(writer, self.record_id, self.after)
        self.stored = self.kind.read(writer, self.record_id)

    def revert(self, writer: Writer) -> None:
        current = self.kind.read(writer, self.record_id)
        _expect(current == self.stored, self.kind.label(self.after))
        self.kind.update(writer, self.record_id, self.before)


class CreateActorCommand(CreateRecordCommand[ActorData]):
    kind = ACTOR


class UpdateActorCommand(UpdateRecordCommand[ActorData]):
    kind = ACTOR


class CreatePlaceCommand(CreateRecordCommand[PlaceData]):
    kind = PLACE


class UpdatePlaceCommand(UpdateRecordCommand[PlaceData]):
    kind = PLACE


class CreateSourceCommand(CreateRecordCommand[SourceData]):
    kind = SOURCE


class UpdateSourceCommand(UpdateRecordCommand[SourceData]):
    kind = SOURCE


class CreateTripCommand(CreateRecordCommand[TripData]):
    kind = TRIP


class MergeActorsCommand(StoreCommand):
    """Fold one actor into another (``Store.merge_actors``); undo separates them again."""

    def __init__(self, store: Store, keep_id: int, merge_id: int, text: str = "") -> None:
        super().__init__(store, text)
        self.keep_id = keep_id
        self.merge_id = merge_id
        self.keep_before: ActorData | None = None
        self.gone: ActorData | None = None
        self.events_before: dict[int, EventData] = {}
        self.keep_after: ActorData | None = None
        self.events_after: dict[int, EventData] = {}

    def _events(self, writer: Writer, ids: Sequence[int]) -> dict[int, EventData]:
        return {event_id: _stored_event(writer, event_id) for event_id in ids}

    def apply(self, writer: Writer) -> None:
        keep = ACTOR.read(writer, self.keep_id)
        gone = ACTOR.read(writer, self.merge_id)
        if self.gone is None:
            self.keep_before, self.gone = keep, gone
            self.events_before = self._events(writer, writer.events_of_actor(self.merge_id))
        else:
            _expect(keep == self.keep_before, keep.name)
            _expect(gone == self.gone, gone.name)
            _expect(self._events(writer, list(self.events_before)) == self.events_before, gone.name)
        writer.merge_actors(self.keep_id, self.merge_id)
        self.keep_after = ACTOR.read(writer, self.keep_id)
        self.events_after = self._events(writer, list(self.events_before))

    def revert(self, writer: Writer) -> None:
        assert self.keep_before is not None and self.gone is not None
        keep = ACTOR.read(writer, self.keep_id)
        _expect(keep == self.keep_after, keep.name)
        _expect(self._events(writer, list(self.events_after)) == self.events_after, keep.name)
        writer.update_actor(self.keep_id, self.keep_before)
        writer.create_actor(self.gone, actor_id=self.merge_id)
        for event_id, data in self.events_before.items():
            writer.update_event(event_id, data)


# -- events -----------------------------------------------------------------------------------


def _content(data: EventData) -> EventData:
    """An event's state for comparing: its relations are a set (a restored neighbour adds its
    relation back at the end of the list)."""
    relations = sorted(data.relations, key=lambda link: (link.event_id, link.type.value))
    return replace(data, relations=tuple(relations))


def _stored_event(writer: Writer, event_id: int) -> EventData:
    return _content(writer.event(event_id).to_data())


def _relabel(error: ValidationError, field: str, label: str) -> ValidationError:
    """Errors about a record the event editor adds, named after the editor's field."""
    return ValidationError(FieldError(field, f"{label}: {e.message}") for e in error.errors)


class EditEventCommand(StoreCommand):
    """Create (``event_id`` None) or update an event from an :class:`EventDraft`.

    The actors, places, sources and trip the draft adds are created, and the sources it
    corrects updated, in the same step. With ``expected_version`` (the version the editor
    loaded), a save over a change made elsewhere since is refused with ``ConflictError``.
    """

    def __init__(
        self,
        store: Store,
        draft: EventDraft,
        *,
        event_id: int | None = None,
        expected_version: int | None = None,
        text: str = "",
    ) -> None:
        super().__init__(store, text)
        self.draft = draft
        self.event_id = event_id
        self.is_new = event_id is None
        self.expected_version = expected_version
        self.added: list[StoreCommand] | None = None  # known after the first application
        self.data: EventData | None = None
        self.before: EventData | None = None
        self.after: EventData | None = None

    def parts(self) -> Sequence[StoreCommand]:
        return self.added or ()

    def event_after(self, forward: bool) -> int | None:
        return self.event_id if forward or not self.is_new else None

    def _what(self) -> str:
        return f"“{self.draft.title.strip()}”"

    def apply(self, writer: Writer) -> None:
        if self.added is None:
            self._first_apply(writer)
            return
        assert self.data is not None
        for part in self.added:
            part.apply(writer)
        if self.is_new:
            self.event_id = writer.create_event(self.data, event_id=self.event_id)
        else:
            assert self.event_id is not None
            assert self.before is not None
            _expect(_stored_event(writer, self.event_id) == _content(self.before), self._what())
            writer.update_event(self.event_id, self.data)
        _expect(_stored_event(writer, self.event_id) == self.after, self._what())

    def revert(self, writer: Writer) -> None:
        assert self.event_id is not None and self.added is not None
        _expect(_stored_event(writer, self.event_id) == self.after, self._what())
        if self.is_new:
            writer.delete_event(self.event_id)
        else:
            assert self.before is not None
            writer.update_event(self.event_id, self.before)
        for part in reversed(self.added):
            part.revert(writer)

    def _first_apply(self, writer: Writer) -> None:
        draft = self.draft
        if self.event_id is not None:
            version = writer.event_version(self.event_id)
            if self.expected_version is not None and version != self.expected_version:
                raise ConflictError(self.event_id, self.expected_version, version)
            self.before = writer.event(self.event_id).to_data()
        added: list[StoreCommand] = []
        new_ids: dict[tuple[str, str], int] = {}

        def create(command: CreateRecordCommand[Any], field: str, key: tuple[str, str]) -> int:
            if key in new_ids:  # the same new record named twice in one edit
                return new_ids[key]
            try:
                command.apply(writer)
            except ValidationError as error:
                raise _relabel(error, field, command.kind.label(command.data)) from error
            assert command.record_id is not None
            added.append(command)
            new_ids[key] = command.record_id
            return command.record_id

        trip_id: int | None
        if isinstance(draft.trip, TripData):
            trip_id = create(CreateTripCommand(self.store, draft.trip), "trip", ("trip", ""))
        else:
            trip_id = draft.trip
        place_ids: list[int] = []
        for index, place in enumerate(draft.places):
            if not isinstance(place, PlaceData):
                place_ids.append(place)
                continue
            found = writer.find_place(place.locality, place.country_code)
            key = ("place", f"{place.locality.casefold()}|{place.country_code.upper()}")
            if found is None:
                found = create(CreatePlaceCommand(self.store, place), f"places[{index}]", key)
            place_ids.append(found)
        participants: list[Participant] = []
        for index, participant in enumerate(draft.participants):
            actor = participant.actor
            if isinstance(actor, ActorData):
                found = writer.find_actor(actor.name)
                key = ("actor", " ".join(actor.name.split()).casefold())
                actor = (
                    found
                    if found is not None
                    else create(
                        CreateActorCommand(self.store, actor), f"participants[{index}]", key
                    )
                )
            participants.append(Participant(actor, participant.role))
        sources: list[SourceLink] = []
        for index, cited in enumerate(draft.sources):
            field = f"sources[{index}]"
            if cited.source_id is None:
                assert cited.data is not None
                found = writer.find_source(cited.data.url)
                key = ("source", cited.data.url.strip())
                source_id = (
                    found
                    if found is not None
                    else create(CreateSourceCommand(self.store, cited.data), field, key)
                )
            else:
                source_id = cited.source_id
                stored = SOURCE.read(writer, source_id)
                if cited.data is not None and cited.data != stored:
                    update = UpdateSourceCommand(self.store, source_id, stored, cited.data)
                    try:
                        update.apply(writer)
                    except ValidationError as error:
                        raise _relabel(error, field, cited.data.url) from error
                    added.append(update)
            sources.append(SourceLink(source_id, cited.note))
        data = EventData(
            title=draft.title,
            kind=draft.kind,
            status=draft.status,
            start=draft.start,
            end=draft.end,
            summary=draft.summary,
            trip_id=trip_id,
            place_ids=tuple(place_ids),
            participants=tuple(participants),
            sources=tuple(sources),
            tags=draft.tags,
            relations=draft.relations,
        )
        if self.event_id is None:
            self.event_id = writer.create_event(data)
        else:
            writer.update_event(self.event_id, data)
        self.after = _stored_event(writer, self.event_id)
        self.data = data
        self.added = added


class _Restoring(StoreCommand):
    """Bringing a deleted event back from its history entry, and taking it away again.

    A restore recreates what the event pointed to if that is gone (an actor, a place...);
    taking the event away again deletes those too, so both directions are exact inverses.
    """

    def __init__(self, store: Store, text: str = "") -> None:
        super().__init__(store, text)
        self.event_id: int | None = None
        self.change_id: int | None = None
        self.recreated: tuple[tuple[str, int], ...] = ()
        self.after: EventData | None = None

    def _restore(self, writer: Writer) -> None:
        if self.change_id is None:
            raise ChangedElsewhereError(
                QCoreApplication.translate("EditCommands", "the history of this event")
            )
        already = len(writer.created)
        restored = writer.restore_event(self.change_id)
        recreated = tuple(item for item in writer.created[already:] if item[0] != "event")
        if self.event_id is not None:
            what = QCoreApplication.translate("EditCommands", "event {id}").format(id=self.event_id)
            _expect(restored == self.event_id and recreated == self.recreated, what)
        self.event_id, self.recreated = restored, recreated
        self.after = _stored_event(writer, restored)

    def _take_away(self, writer: Writer) -> None:
        assert self.event_id is not None
        current = _stored_event(writer, self.event_id)
        if self.after is not None:
            _expect(current == self.after, f"“{current.title}”")
        self.change_id = writer.delete_event(self.event_id)
        deleters: dict[str, RecordKind[Any]] = {
            "actor": ACTOR,
            "place": PLACE,
            "source": SOURCE,
            "trip": TRIP,
        }
        for table, record_id in reversed(self.recreated):
            deleters[table].delete(writer, record_id)


class DeleteEventCommand(_Restoring):
    """Delete an event with its links; undo restores it, under the same id, from the history."""

    def __init__(self, store: Store, event_id: int, text: str = "") -> None:
        super().__init__(store, text)
        self.event_id = event_id

    def event_after(self, forward: bool) -> int | None:
        return None if forward else self.event_id

    def apply(self, writer: Writer) -> None:
        self._take_away(writer)

    def revert(self, writer: Writer) -> None:
        self._restore(writer)


class RestoreEventCommand(_Restoring):
    """Restore a deleted event from its history entry (``Store.deleted_events``)."""

    def __init__(self, store: Store, change_id: int, text: str = "") -> None:
        super().__init__(store, text)
        self.change_id = change_id

    def event_after(self, forward: bool) -> int | None:
        return self.event_id if forward else None

    def apply(self, writer: Writer) -> None:
        self._restore(writer)

    def revert(self, writer: Writer) -> None:
        self._take_away(writer)
