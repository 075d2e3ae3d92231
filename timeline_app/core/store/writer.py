"""Writing the store: validated changes inside one transaction.

A :class:`Writer` wraps the session of one transaction (``Store.writing()``). Every method
validates first and raises :class:`ValidationError` naming each bad field before anything is
written; the caller's transaction is then rolled back, so a rejected change leaves the database
exactly as it was. Event changes are recorded in the change history in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from timeline_app.core.i18n import translate
from timeline_app.core.models import (
    Actor,
    ActorAlias,
    Event,
    EventChange,
    EventPlace,
    EventSource,
    EventTag,
    ExternalRecord,
    Participation,
    Place,
    PlaceAlias,
    Relation,
    Source,
    StoredView,
    Tag,
    Trip,
    utcnow,
)
from timeline_app.core.records import (
    ActorData,
    ActorInfo,
    Alias,
    EventData,
    EventDetail,
    Participant,
    PlaceData,
    PlaceInfo,
    RelationLink,
    SourceData,
    SourceInfo,
    SourceLink,
    TripData,
    TripInfo,
)
from timeline_app.core.search import index as search_index
from timeline_app.core.store import queries, snapshot, validation
from timeline_app.core.store.errors import (
    ConflictError,
    FieldError,
    InUseError,
    NotFoundError,
    ValidationError,
)
from timeline_app.core.views import NAME_MAX, SavedView, ViewFormatError
from timeline_app.core.vocabulary import ActorKind, RelationType, Role


@dataclass
class ChangeSet:
    """What a transaction changed, for listeners that refresh views."""

    events: set[int] = field(default_factory=set)
    deleted_events: set[int] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    #: The timeline stamp (migration 0007) just before the transaction's first change and at
    #: its end, read under its write lock: a timeline read at the first value and given these
    #: changes is the timeline at the second. None when not read.
    timeline: tuple[int, int] | None = None

    def __bool__(self) -> bool:
        return bool(self.events or self.deleted_events or self.tables)

    def merge(self, other: ChangeSet) -> None:
        self.events |= other.events
        self.deleted_events |= other.deleted_events
        self.tables |= other.tables
        first, then = self.timeline, other.timeline
        if first is not None and then is not None and first[1] == then[0]:
            self.timeline = (first[0], then[1])
        else:
            self.timeline = None


class Writer:
    """The write operations of one transaction."""

    def __init__(self, session: Session, *, record_history: bool = True) -> None:
        self.session = session
        self.record_history = record_history
        self.changes = ChangeSet()
        #: What this transaction created, in order: ("event" | "actor" | "place" | "source" |
        #: "trip", id). Undo uses it to take back exactly what a restore had to recreate.
        self.created: list[tuple[str, int]] = []

    # -- reading inside the transaction ------------------------------------------------------

    def event(self, event_id: int) -> EventDetail:
        return queries.event_detail(self.session, event_id)

    def event_version(self, event_id: int) -> int:
        return queries.event_version(self.session, event_id)

    def actor(self, actor_id: int) -> ActorInfo:
        return queries.actor(self.session, actor_id)

    def place(self, place_id: int) -> PlaceInfo:
        return queries.place(self.session, place_id)

    def source(self, source_id: int) -> SourceInfo:
        return queries.source(self.session, source_id)

    def trip(self, trip_id: int) -> TripInfo:
        return queries.trip(self.session, trip_id)

    def events_of_actor(self, actor_id: int) -> list[int]:
        """The events an actor takes part in, by id."""
        return sorted(
            set(
                self.session.scalars(
                    select(Participation.event_id).where(Participation.actor_id == actor_id)
                )
            )
        )

    def _check_free(
        self,
        model: type[Event] | type[Actor] | type[Place] | type[Source] | type[Trip],
        wanted: int | None,
    ) -> None:
        """Refuse to create a record under an id that is taken (redo recreates under old ids)."""
        if wanted is not None and self.session.get(model, wanted) is not None:
            raise ValidationError.single(
                "id",
                translate("store", "{what} {id} already exists").format(
                    what=model.__tablename__, id=wanted
                ),
            )

    def update_search_index(self) -> None:
        """Reindex every event this transaction touched (``Store.writing`` calls this just
        before committing; see ``core.search.index`` for why the Writer keeps the index)."""
        touched = self.changes.events | self.changes.deleted_events
        if touched:
            self.session.flush()
            search_index.reindex(self.session.connection(), touched)

    # -- events -----------------------------------------------------------------------------

    def _check_links(self, data: EventData, event_id: int | None) -> None:
        errors: list[FieldError] = []
        self._check_ids(
            Place, data.place_ids, "places", translate("store", "no place with id {id}"), errors
        )
        self._check_ids(
            Actor,
            [p.actor_id for p in data.participants],
            "participants",
            translate("store", "no actor with id {id}"),
            errors,
        )
        self._check_ids(
            Source,
            [s.source_id for s in data.sources],
            "sources",
            translate("store", "no source with id {id}"),
            errors,
        )
        targets = [r.event_id for r in data.relations]
        if event_id is not None and event_id in targets:
            errors.append(
                FieldError("relations", translate("store", "an event cannot be related to itself"))
            )
        self._check_ids(
            Event, targets, "relations", translate("store", "no event with id {id}"), errors
        )
        if data.trip_id is not None and self.session.get(Trip, data.trip_id) is None:
            errors.append(
                FieldError(
                    "trip", translate("store", "no trip with id {id}").format(id=data.trip_id)
                )
            )
        if errors:
            raise ValidationError(errors)

    def _check_ids(
        self,
        model: type[Place] | type[Actor] | type[Source] | type[Event],
        ids: Iterable[int],
        field_name: str,
        message: str,
        errors: list[FieldError],
    ) -> None:
        wanted = set(ids)
        if not wanted:
            return
        found = set(self.session.scalars(select(model.id).where(model.id.in_(wanted))))
        errors.extend(FieldError(field_name, message.format(id=i)) for i in sorted(wanted - found))

    def _apply(self, event: Event, data: EventData) -> None:
        event.title = data.title
        event.kind = data.kind.value
        event.status = data.status.value
        event.summary = data.summary
        event.start_value = data.start.iso
        event.start_qualifier = data.start.qualifier.value
        event.start_earliest, event.start_latest = data.start.bounds()
        if data.end is None:
            event.end_value = event.end_qualifier = None
            event.end_earliest = event.end_latest = None
        else:
            event.end_value = data.end.iso
            event.end_qualifier = data.end.qualifier.value
            event.end_earliest, event.end_latest = data.end.bounds()
        event.trip_id = data.trip_id

    def _replace_links(self, event_id: int, data: EventData) -> None:
        session = self.session
        for model in (EventPlace, Participation, EventSource, EventTag):
            session.execute(delete(model).where(model.event_id == event_id))
        session.execute(delete(Relation).where(Relation.from_event_id == event_id))
        session.add_all(
            EventPlace(event_id=event_id, place_id=place_id, position=index)
            for index, place_id in enumerate(data.place_ids)
        )
        session.add_all(
            Participation(event_id=event_id, actor_id=p.actor_id, role=p.role.value, position=i)
            for i, p in enumerate(data.participants)
        )
        session.add_all(
            EventSource(event_id=event_id, source_id=s.source_id, note=s.note, position=i)
            for i, s in enumerate(data.sources)
        )
        session.add_all(
            EventTag(event_id=event_id, tag_id=tag_id) for tag_id in self._tag_ids(data.tags)
        )
        session.add_all(
            Relation(from_event_id=event_id, to_event_id=r.event_id, type=r.type.value)
            for r in data.relations
        )
        session.flush()

    def _tag_ids(self, names: Iterable[str]) -> list[int]:
        ids = []
        for name in names:
            tag_id = self.session.scalar(select(Tag.id).where(Tag.name == name))
            if tag_id is None:
                tag = Tag(name=name)
                self.session.add(tag)
                self.session.flush()
                tag_id = tag.id
                self.changes.tables.add("tag")
            ids.append(tag_id)
        return ids

    def _prune_tags(self) -> None:
        result = self.session.execute(delete(Tag).where(~exists().where(EventTag.tag_id == Tag.id)))
        if getattr(result, "rowcount", 0):
            self.changes.tables.add("tag")

    def _record(
        self,
        event_id: int,
        action: str,
        before: snapshot.Snapshot | None,
        after: snapshot.Snapshot | None,
    ) -> int | None:
        if not self.record_history:
            return None
        change = EventChange(
            event_id=event_id,
            action=action,
            before=json.dumps(before, ensure_ascii=False) if before is not None else None,
            after=json.dumps(after, ensure_ascii=False) if after is not None else None,
        )
        self.session.add(change)
        self.session.flush()
        return change.id

    def create_event(self, data: EventData, *, event_id: int | None = None) -> int:
        """Add an event; ``event_id`` asks for a given id (to restore a deleted event)."""
        data = validation.validate_event(data)
        self._check_links(data, event_id)
        self._check_free(Event, event_id)
        event = Event(id=event_id) if event_id is not None else Event()
        self._apply(event, data)
        now = utcnow()
        event.created_at = event.updated_at = now
        event.version = 1
        self.session.add(event)
        self.session.flush()
        self._replace_links(event.id, data)
        self.changes.events.add(event.id)
        self.changes.events.update(r.event_id for r in data.relations)
        self.created.append(("event", event.id))
        if self.record_history:
            self._record(event.id, "create", None, snapshot.take(self.session, event.id))
        return event.id

    def update_event(
        self, event_id: int, data: EventData, *, expected_version: int | None = None
    ) -> bool:
        """Replace an event's content; False when nothing changed (then nothing is written).

        With ``expected_version``, refuse (ConflictError) if someone changed it since.
        """
        event = self.session.get(Event, event_id)
        if event is None:
            raise NotFoundError("event", event_id)
        if expected_version is not None and event.version != expected_version:
            raise ConflictError(event_id, expected_version, event.version)
        data = validation.validate_event(data)
        self._check_links(data, event_id)
        before = queries.event_detail(self.session, event_id).to_data()
        if before == data:
            return False
        old_snapshot = snapshot.take(self.session, event_id) if self.record_history else None
        old_targets = {r.event_id for r in before.relations}
        self._apply(event, data)
        event.updated_at = utcnow()
        event.version += 1
        self.session.flush()
        self._replace_links(event_id, data)
        self._prune_tags()
        self.changes.events.add(event_id)
        self.changes.events.update(old_targets | {r.event_id for r in data.relations})
        if self.record_history:
            self._record(event_id, "update", old_snapshot, snapshot.take(self.session, event_id))
        return True

    def delete_event(self, event_id: int) -> int | None:
        """Remove an event and its links; returns the history entry that can restore it."""
        event = self.session.get(Event, event_id)
        if event is None:
            raise NotFoundError("event", event_id)
        old_snapshot = snapshot.take(self.session, event_id) if self.record_history else None
        neighbours = set(
            self.session.scalars(
                select(Relation.to_event_id).where(Relation.from_event_id == event_id)
            )
        ) | set(
            self.session.scalars(
                select(Relation.from_event_id).where(Relation.to_event_id == event_id)
            )
        )
        self.session.delete(event)
        self.session.flush()
        self._prune_tags()
        self.changes.deleted_events.add(event_id)
        self.changes.events.update(neighbours)
        return self._record(event_id, "delete", old_snapshot, None)

    def restore_event(self, change_id: int) -> int:
        """Bring back an event as it was before a deletion (or before any recorded change).

        The event keeps its old id when that id is free. Actors, places, sources and the trip
        it pointed to are found again by id, name or URL, and created anew if they are gone.
        Relations come back where the other event still exists.
        """
        record = queries.change(self.session, change_id)
        state = record.before if record.action == "delete" else (record.after or record.before)
        if state is None:
            raise ValidationError.single(
                "change", translate("store", "this change holds no event to restore")
            )
        return self.create_from_snapshot(state)

    def create_from_snapshot(self, state: snapshot.Snapshot) -> int:
        event_id = int(state["id"])
        keep_id = self.session.get(Event, event_id) is None
        trip = state.get("trip")
        trip_id = self._resolve_trip(trip) if trip else None
        place_ids = tuple(self._resolve_place(place) for place in state.get("places", []))
        participants = tuple(
            Participant(self._resolve_actor(item["actor"]), Role(item["role"]))
            for item in state.get("participants", [])
        )
        sources = tuple(
            SourceLink(self._resolve_source(item["source"]), item.get("note", ""))
            for item in state.get("sources", [])
        )
        existing = set(self.session.scalars(select(Event.id)))
        outgoing = tuple(
            RelationLink(RelationType(rel["type"]), int(rel["to"]))
            for rel in state.get("relations", [])
            if int(rel["from"]) == event_id and int(rel["to"]) in existing
        )
        data = EventData(
            **snapshot.event_data_fields(state),
            trip_id=trip_id,
            place_ids=place_ids,
            participants=participants,
            sources=sources,
            tags=tuple(state.get("tags", [])),
            relations=outgoing,
        )
        new_id = self.create_event(data, event_id=event_id if keep_id else None)
        for record in state.get("external", []):
            taken = self.session.scalar(
                select(ExternalRecord.id).where(
                    ExternalRecord.dataset == record["dataset"],
                    ExternalRecord.record_id == record["record"],
                )
            )
            if taken is None:
                self.session.add(
                    ExternalRecord(
                        event_id=new_id, dataset=record["dataset"], record_id=record["record"]
                    )
                )
        for rel in state.get("relations", []):
            source_id = int(rel["from"])
            if int(rel["to"]) == event_id and source_id in existing and source_id != new_id:
                self.session.add(
                    Relation(from_event_id=source_id, to_event_id=new_id, type=rel["type"])
                )
                self.changes.events.add(source_id)
        self.session.flush()
        return new_id

    def _old_id(
        self, model: type[Actor] | type[Place] | type[Source] | type[Trip], state: dict[str, Any]
    ) -> int | None:
        """A record brought back comes back under its own id when that is free, so undoing and
        redoing a restore gives the same ids each time (ids are never given to another record)."""
        old = state.get("id")
        if not isinstance(old, int) or self.session.get(model, old) is not None:
            return None
        return old

    def _resolve_trip(self, state: dict[str, Any]) -> int:
        found = self.session.get(Trip, state.get("id") or 0)
        if found is not None and found.title == state["title"]:
            return found.id
        by_title = self.session.scalar(select(Trip.id).where(Trip.title == state["title"]))
        if by_title is not None:
            return by_title
        return self.create_trip(
            TripData(state["title"], state.get("summary", "")),
            trip_id=self._old_id(Trip, state),
        )

    def _resolve_place(self, state: dict[str, Any]) -> int:
        existing = self.find_place(state.get("locality", ""), state["country"])
        if existing is not None:
            return existing
        aliases = tuple(Alias(a["name"], a.get("language", "")) for a in state.get("aliases", []))
        return self.create_place(
            PlaceData(state.get("locality", ""), state["country"], aliases),
            place_id=self._old_id(Place, state),
        )

    def _resolve_actor(self, state: dict[str, Any]) -> int:
        existing = self.find_actor(state["name"])
        if existing is None:  # merged into another actor since: its name is now an alias
            existing = self.find_actor_by_alias(state["name"])
        if existing is not None:
            return existing
        aliases = tuple(Alias(a["name"], a.get("language", "")) for a in state.get("aliases", []))
        return self.create_actor(
            ActorData(
                state["name"],
                ActorKind(state.get("kind", "person")),
                state.get("title", ""),
                state.get("country"),
                aliases,
            ),
            actor_id=self._old_id(Actor, state),
        )

    def _resolve_source(self, state: dict[str, Any]) -> int:
        existing = self.find_source(state["url"])
        if existing is not None:
            return existing
        published = state.get("published")
        return self.create_source(
            SourceData(
                state["url"],
                state.get("outlet", ""),
                state.get("title", ""),
                state.get("language", ""),
                date.fromisoformat(published) if published else None,
            ),
            source_id=self._old_id(Source, state),
        )

    def link_events(self, from_id: int, to_id: int, kind: RelationType) -> None:
        """Add one relation between two existing events (importers use this after creating
        all events, since a relation may point forward in the file)."""
        if from_id == to_id:
            raise ValidationError.single(
                "relations", translate("store", "an event cannot be related to itself")
            )
        errors: list[FieldError] = []
        self._check_ids(
            Event,
            (from_id, to_id),
            "relations",
            translate("store", "no event with id {id}"),
            errors,
        )
        if errors:
            raise ValidationError(errors)
        exists_already = self.session.scalar(
            select(Relation.id).where(
                Relation.from_event_id == from_id,
                Relation.to_event_id == to_id,
                Relation.type == kind.value,
            )
        )
        if exists_already is None:
            self.session.add(Relation(from_event_id=from_id, to_event_id=to_id, type=kind.value))
            self.session.flush()
            self.changes.events.update((from_id, to_id))

    def add_aliases(self, actor_id: int, aliases: Iterable[Alias]) -> None:
        """Add the aliases an actor does not have yet (importers merge names this way)."""
        current = queries.actor(self.session, actor_id)
        merged = (*current.aliases, *aliases)
        if len({a.name.casefold() for a in merged} - {current.name.casefold()}) > len(
            current.aliases
        ):
            self.update_actor(
                actor_id,
                ActorData(current.name, current.kind, current.title, current.country_code, merged),
            )

    # -- actors -----------------------------------------------------------------------------

    def find_actor(self, name: str) -> int | None:
        """An actor by exact name (any case)."""
        return self.session.scalar(
            select(Actor.id).where(func.lower(Actor.name) == name.strip().lower())
        )

    def find_actor_by_alias(self, name: str) -> int | None:
        """The one actor that has this alias (any case); None when none or several have."""
        owners = set(
            self.session.scalars(
                select(ActorAlias.actor_id).where(
                    func.lower(ActorAlias.name) == " ".join(name.split()).lower()
                )
            )
        )
        return owners.pop() if len(owners) == 1 else None

    def _check_actor_name(self, name: str, own_id: int | None) -> None:
        existing = self.find_actor(name)
        if existing is not None and existing != own_id:
            raise ValidationError.single(
                "name",
                translate("store", "an actor named '{name}' already exists").format(name=name),
            )

    def _set_aliases(
        self, model: type[ActorAlias] | type[PlaceAlias], owner_id: int, aliases: Iterable[Alias]
    ) -> None:
        if model is ActorAlias:
            self.session.execute(delete(ActorAlias).where(ActorAlias.actor_id == owner_id))
            self.session.add_all(
                ActorAlias(actor_id=owner_id, name=a.name, language=a.language) for a in aliases
            )
        else:
            self.session.execute(delete(PlaceAlias).where(PlaceAlias.place_id == owner_id))
            self.session.add_all(
                PlaceAlias(place_id=owner_id, name=a.name, language=a.language) for a in aliases
            )

    def create_actor(self, data: ActorData, *, actor_id: int | None = None) -> int:
        """Add an actor; ``actor_id`` asks for a given id (redo recreates under the old id)."""
        data = validation.validate_actor(data)
        self._check_actor_name(data.name, None)
        self._check_free(Actor, actor_id)
        actor = Actor(
            id=actor_id,
            name=data.name,
            kind=data.kind.value,
            title=data.title,
            country_code=data.country_code,
        )
        self.session.add(actor)
        self.session.flush()
        self._set_aliases(ActorAlias, actor.id, data.aliases)
        self.session.flush()
        self.changes.tables.add("actor")
        self.created.append(("actor", actor.id))
        return actor.id

    def update_actor(self, actor_id: int, data: ActorData) -> None:
        actor = self.session.get(Actor, actor_id)
        if actor is None:
            raise NotFoundError("actor", actor_id)
        data = validation.validate_actor(data)
        self._check_actor_name(data.name, actor_id)
        actor.name = data.name
        actor.kind = data.kind.value
        actor.title = data.title
        actor.country_code = data.country_code
        self._set_aliases(ActorAlias, actor_id, data.aliases)
        self.session.flush()
        self.changes.tables.add("actor")
        self.changes.events.update(
            self.session.scalars(
                select(Participation.event_id).where(Participation.actor_id == actor_id)
            )
        )

    def delete_actor(self, actor_id: int) -> None:
        actor = self.session.get(Actor, actor_id)
        if actor is None:
            raise NotFoundError("actor", actor_id)
        used = self.session.scalar(select(func.count()).where(Participation.actor_id == actor_id))
        if used:
            raise InUseError(
                translate(
                    "store", "{name} takes part in {count} event(s); remove them from those first"
                ).format(name=actor.name, count=used)
            )
        self.session.delete(actor)
        self.session.flush()
        self.changes.tables.add("actor")

    def merge_actors(self, keep_id: int, merge_id: int) -> None:
        """Fold ``merge_id`` into ``keep_id``: its events, roles and names move over.

        The merged actor's name becomes an alias of the kept one; its title and country fill
        the kept actor's only where those are empty.
        """
        if keep_id == merge_id:
            raise ValidationError.single(
                "actor", translate("store", "an actor cannot be merged with itself")
            )
        keep = queries.actor(self.session, keep_id)
        gone = queries.actor(self.session, merge_id)
        for event_id in self.session.scalars(
            select(Participation.event_id).where(Participation.actor_id == merge_id)
        ):
            self.changes.events.add(event_id)
        # Roles the kept actor already has in an event would collide: drop those duplicates.
        other = aliased(Participation)
        self.session.execute(
            delete(Participation).where(
                Participation.actor_id == merge_id,
                exists().where(
                    other.actor_id == keep_id,
                    other.event_id == Participation.event_id,
                    other.role == Participation.role,
                ),
            )
        )
        self.session.execute(
            update(Participation).where(Participation.actor_id == merge_id).values(actor_id=keep_id)
        )
        aliases = (*keep.aliases, Alias(gone.name), *gone.aliases)
        merged = ActorData(
            name=keep.name,
            kind=keep.kind,
            title=keep.title or gone.title,
            country_code=keep.country_code or gone.country_code,
            aliases=aliases,
        )
        self.session.execute(delete(Actor).where(Actor.id == merge_id))
        self.session.flush()
        self.update_actor(keep_id, merged)

    # -- places -----------------------------------------------------------------------------

    def find_place(self, locality: str, country_code: str) -> int | None:
        return self.session.scalar(
            select(Place.id).where(
                func.lower(Place.locality) == " ".join(locality.split()).lower(),
                Place.country_code == country_code.strip().upper(),
            )
        )

    def _check_place_unique(self, data: PlaceData, own_id: int | None) -> None:
        existing = self.find_place(data.locality, data.country_code)
        if existing is not None and existing != own_id:
            raise ValidationError.single(
                "locality",
                translate("store", "'{place}' already exists").format(
                    place=f"{data.locality}, {data.country_code}"
                ),
            )

    def create_place(self, data: PlaceData, *, place_id: int | None = None) -> int:
        data = validation.validate_place(data)
        self._check_place_unique(data, None)
        self._check_free(Place, place_id)
        place = Place(id=place_id, locality=data.locality, country_code=data.country_code)
        self.session.add(place)
        self.session.flush()
        self._set_aliases(PlaceAlias, place.id, data.aliases)
        self.session.flush()
        self.changes.tables.add("place")
        self.created.append(("place", place.id))
        return place.id

    def update_place(self, place_id: int, data: PlaceData) -> None:
        place = self.session.get(Place, place_id)
        if place is None:
            raise NotFoundError("place", place_id)
        data = validation.validate_place(data)
        self._check_place_unique(data, place_id)
        place.locality = data.locality
        place.country_code = data.country_code
        self._set_aliases(PlaceAlias, place_id, data.aliases)
        self.session.flush()
        self.changes.tables.add("place")
        self.changes.events.update(
            self.session.scalars(select(EventPlace.event_id).where(EventPlace.place_id == place_id))
        )

    def delete_place(self, place_id: int) -> None:
        place = self.session.get(Place, place_id)
        if place is None:
            raise NotFoundError("place", place_id)
        used = self.session.scalar(select(func.count()).where(EventPlace.place_id == place_id))
        if used:
            raise InUseError(
                translate(
                    "store", "this place is used by {count} event(s); remove it from those first"
                ).format(count=used)
            )
        self.session.delete(place)
        self.session.flush()
        self.changes.tables.add("place")

    # -- sources and trips ------------------------------------------------------------------

    def find_source(self, url: str) -> int | None:
        return self.session.scalar(select(Source.id).where(Source.url == url.strip()))

    def create_source(self, data: SourceData, *, source_id: int | None = None) -> int:
        data = validation.validate_source(data)
        if self.find_source(data.url) is not None:
            raise ValidationError.single(
                "url",
                translate("store", "a source with this address already exists: {url}").format(
                    url=data.url
                ),
            )
        self._check_free(Source, source_id)
        source = Source(
            id=source_id,
            url=data.url,
            outlet=data.outlet,
            title=data.title,
            language=data.language,
            published=data.published,
        )
        self.session.add(source)
        self.session.flush()
        self.changes.tables.add("source")
        self.created.append(("source", source.id))
        return source.id

    def update_source(self, source_id: int, data: SourceData) -> None:
        source = self.session.get(Source, source_id)
        if source is None:
            raise NotFoundError("source", source_id)
        data = validation.validate_source(data)
        existing = self.find_source(data.url)
        if existing is not None and existing != source_id:
            raise ValidationError.single(
                "url",
                translate("store", "a source with this address already exists: {url}").format(
                    url=data.url
                ),
            )
        source.url = data.url
        source.outlet = data.outlet
        source.title = data.title
        source.language = data.language
        source.published = data.published
        self.session.flush()
        self.changes.tables.add("source")
        self.changes.events.update(
            self.session.scalars(
                select(EventSource.event_id).where(EventSource.source_id == source_id)
            )
        )

    def delete_source(self, source_id: int) -> None:
        source = self.session.get(Source, source_id)
        if source is None:
            raise NotFoundError("source", source_id)
        used = self.session.scalar(select(func.count()).where(EventSource.source_id == source_id))
        if used:
            raise InUseError(
                translate(
                    "store", "this source is cited by {count} event(s); remove it from those first"
                ).format(count=used)
            )
        self.session.delete(source)
        self.session.flush()
        self.changes.tables.add("source")

    def create_trip(self, data: TripData, *, trip_id: int | None = None) -> int:
        data = validation.validate_trip(data)
        self._check_free(Trip, trip_id)
        trip = Trip(id=trip_id, title=data.title, summary=data.summary)
        self.session.add(trip)
        self.session.flush()
        self.changes.tables.add("trip")
        self.created.append(("trip", trip.id))
        return trip.id

    def delete_trip(self, trip_id: int) -> None:
        trip = self.session.get(Trip, trip_id)
        if trip is None:
            raise NotFoundError("trip", trip_id)
        used = self.session.scalar(select(func.count()).where(Event.trip_id == trip_id))
        if used:
            raise InUseError(
                translate(
                    "store", "{count} event(s) belong to this trip; take them out of it first"
                ).format(count=used)
            )
        self.session.delete(trip)
        self.session.flush()
        self.changes.tables.add("trip")

    def update_trip(self, trip_id: int, data: TripData) -> None:
        trip = self.session.get(Trip, trip_id)
        if trip is None:
            raise NotFoundError("trip", trip_id)
        data = validation.validate_trip(data)
        trip.title = data.title
        trip.summary = data.summary
        self.session.flush()
        self.changes.tables.add("trip")
        self.changes.events.update(
            self.session.scalars(select(Event.id).where(Event.trip_id == trip_id))
        )

    # -- saved views ------------------------------------------------------------------------

    def _view_name(self, name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValidationError.single("name", translate("store", "a saved view needs a name"))
        if len(name) > NAME_MAX:
            raise ValidationError.single(
                "name",
                translate("store", "a view name has at most {count} characters").format(
                    count=NAME_MAX
                ),
            )
        return name

    def _find_view(self, name: str) -> StoredView | None:
        return self.session.scalar(
            select(StoredView).where(StoredView.name == " ".join(name.split()))
        )

    def save_view(self, view: SavedView, *, overwrite: bool = False) -> None:
        """Keep a view under its name (any case counts as the same name).

        An existing view of that name is replaced with ``overwrite``, refused without.
        """
        name = self._view_name(view.name)
        try:
            definition = view.dumps()
        except ViewFormatError as error:
            raise ValidationError.single("zoom", str(error)) from error
        existing = self._find_view(name)
        if existing is not None and not overwrite:
            raise ValidationError.single(
                "name",
                translate("store", "a view named '{name}' already exists").format(
                    name=existing.name
                ),
            )
        if existing is None:
            self.session.add(StoredView(name=name, definition=definition, updated_at=utcnow()))
        else:
            existing.name = name
            existing.definition = definition
            existing.updated_at = utcnow()
        self.session.flush()
        self.changes.tables.add("saved_view")

    def rename_view(self, old_name: str, new_name: str) -> None:
        view = self._find_view(old_name)
        if view is None:
            raise NotFoundError("saved view", old_name)
        name = self._view_name(new_name)
        other = self._find_view(name)
        if other is not None and other.id != view.id:
            raise ValidationError.single(
                "name",
                translate("store", "a view named '{name}' already exists").format(name=other.name),
            )
        view.name = name
        view.updated_at = utcnow()
        self.session.flush()
        self.changes.tables.add("saved_view")

    def delete_view(self, name: str) -> None:
        view = self._find_view(name)
        if view is None:
            raise NotFoundError("saved view", name)
        self.session.delete(view)
        self.session.flush()
        self.changes.tables.add("saved_view")


__all__ = ["ChangeSet", "Writer"]
