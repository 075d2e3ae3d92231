"""Writing imported events in bulk, inside the caller's one transaction.

The :class:`Loader` takes :class:`IncomingEvent` records one by one and writes them in batches:
each record is validated by the store's own rules (``validation.validate_event``) and its
actors, places, sources and trip are found (by name or alias, locality and country, address,
title) or created through the :class:`Writer`; then a batch of new events and their links goes
in with a few multi-row INSERTs instead of a dozen statements per event.

A record with an :class:`ExternalKey` (a Historian record id, an iCalendar UID...) that was
imported before updates its event: the fields the file supplies replace the stored ones, tags
and sources the user added are kept, and an event that would not change is skipped. The same
key twice in one import is a problem.

Once any problem is logged the loader stops writing but keeps checking, so one pass reports
every bad record; the caller then rolls the transaction back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from timeline_app.core.i18n import translate
from timeline_app.core.io import bulk, ics_format
from timeline_app.core.io.incoming import Citation, ExternalKey, IncomingEvent, PersonRef, PlaceRef
from timeline_app.core.io.problems import ImportSummary, Problem, ProblemLog
from timeline_app.core.models import (
    Actor,
    ActorAlias,
    Base,
    Event,
    ExternalRecord,
    Place,
    Source,
    Tag,
    Trip,
    utcnow,
)
from timeline_app.core.records import (
    ActorData,
    Alias,
    EventData,
    Participant,
    PlaceData,
    SourceData,
    SourceLink,
    TripData,
)
from timeline_app.core.store import queries, validation
from timeline_app.core.store.errors import ValidationError
from timeline_app.core.store.writer import Writer

BATCH = 1000
_EVENT_COLUMNS = (
    "id",
    "title",
    "kind",
    "status",
    "summary",
    "start_value",
    "start_qualifier",
    "start_earliest",
    "start_latest",
    "end_value",
    "end_qualifier",
    "end_earliest",
    "end_latest",
    "trip_id",
    "created_at",
    "updated_at",
    "version",
)
_TOUCHED = "import_touched"  # temporary table: existing events this import already matched


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class _Ready:
    where: str
    data: EventData
    external: ExternalKey | None


def _event_data(
    item: IncomingEvent,
    *,
    place_ids: tuple[int, ...] = (),
    participants: tuple[Participant, ...] = (),
    sources: tuple[SourceLink, ...] = (),
    trip_id: int | None = None,
) -> EventData:
    """What a record says of its event, with the ids of its links once they are known."""
    return EventData(
        title=item.title,
        kind=item.kind,
        status=item.status,
        start=item.start,
        end=item.end,
        summary=item.summary,
        trip_id=trip_id,
        place_ids=place_ids,
        participants=participants,
        sources=sources,
        tags=item.tags,
    )


class Loader:
    """Adds or updates imported events through one writer; see the module docs."""

    def __init__(self, writer: Writer, summary: ImportSummary, log: ProblemLog) -> None:
        self.writer = writer
        self.session: Session = writer.session
        self.summary = summary
        self.log = log
        self.datasets: set[str] = set()
        self._pending: list[_Ready] = []
        # Never the id of a deleted event: its history must not become the new event's.
        self._first_new_id = self._next_id = queries.next_id(self.session, Event)
        self._touched_ready = False
        self._people: dict[PersonRef, int] = {}  # as files write them: looked up once
        self._place_refs: dict[PlaceRef, int] = {}
        self._actors: dict[str, int] = {}
        for actor_id, name in self.session.execute(select(Actor.id, Actor.name)):
            self._actors.setdefault(_norm(name), actor_id)
        for actor_id, name in self.session.execute(
            select(ActorAlias.actor_id, ActorAlias.name).order_by(ActorAlias.id)
        ):
            self._actors.setdefault(_norm(name), actor_id)
        self._places: dict[tuple[str, str], int] = {
            (_norm(locality), code): place_id
            for place_id, locality, code in self.session.execute(
                select(Place.id, Place.locality, Place.country_code)
            )
        }
        self._sources: dict[str, int] = {
            url: source_id for source_id, url in self.session.execute(select(Source.id, Source.url))
        }
        self._trips: dict[str, int] = {}
        for trip_id, title in self.session.execute(select(Trip.id, Trip.title).order_by(Trip.id)):
            self._trips.setdefault(title, trip_id)
        self._tags: dict[str, int] = {
            name.casefold(): tag_id
            for tag_id, name in self.session.execute(select(Tag.id, Tag.name))
        }

    # -- taking records -----------------------------------------------------------------------

    def add(self, item: IncomingEvent) -> None:
        """Check one record, and queue it for writing while the import has no problem."""
        try:
            if self.log:
                # Rejected already: keep checking each record, but write (and create) nothing.
                validation.validate_event(_event_data(item))
                return
            data = validation.validate_event(
                _event_data(
                    item,
                    place_ids=tuple(self._place(place) for place in item.places),
                    participants=tuple(
                        Participant(self._actor(person), person.role) for person in item.people
                    ),
                    sources=tuple(
                        SourceLink(self._source(citation), citation.note)
                        for citation in item.sources
                    ),
                    trip_id=self._trip(item.trip) if item.trip else None,
                )
            )
        except ValidationError as error:
            for field_error in error.errors:
                self.log.add(Problem(item.where, f"{field_error.field}: {field_error.message}"))
            return
        if item.external is not None:
            self.datasets.add(item.external.dataset)
        self._pending.append(_Ready(item.where, data, item.external))
        if len(self._pending) >= BATCH:
            self.flush()

    def finish(self) -> None:
        """Write what is queued, and forget the temporary bookkeeping."""
        self.flush()
        if self._touched_ready:
            self.session.execute(text(f"DROP TABLE temp.{_TOUCHED}"))
            self._touched_ready = False

    # -- linked things ------------------------------------------------------------------------

    def _actor(self, person: PersonRef) -> int:
        known = self._people.get(person)
        if known is not None:
            return known
        found = self._find_or_create_actor(person)
        self._people[person] = found
        return found

    def _find_or_create_actor(self, person: PersonRef) -> int:
        for name in (person.name, *person.aliases):
            found = self._actors.get(_norm(name))
            if found is not None:
                return found
        actor = validation.validate_actor(
            ActorData(
                name=person.name,
                kind=person.kind,
                title=person.title,
                country_code=person.country_code,
                aliases=tuple(Alias(alias) for alias in person.aliases),
            )
        )
        actor_id = self._create(
            Actor,
            name=actor.name,
            kind=actor.kind.value,
            title=actor.title,
            country_code=actor.country_code,
        )
        for alias in actor.aliases:
            self._create(ActorAlias, actor_id=actor_id, name=alias.name, language=alias.language)
        for name in (actor.name, *(alias.name for alias in actor.aliases)):
            self._actors.setdefault(_norm(name), actor_id)
        self.summary.count("added", translate("import", "actors"))
        return actor_id

    def _create(self, model: type[Base], **values: object) -> int:
        """One new row of a linked table (validated by the caller); its id."""
        table = model.__table__
        assert isinstance(table, Table)
        self.writer.changes.tables.add(table.name)
        return int(self.session.scalar(insert(table).values(**values).returning(table.c.id)) or 0)

    def _place(self, place: PlaceRef) -> int:
        known = self._place_refs.get(place)
        if known is not None:
            return known
        key = (_norm(place.locality), place.country_code.strip().upper())
        found = self._places.get(key)
        if found is None:
            data = validation.validate_place(PlaceData(place.locality, place.country_code))
            found = self._create(Place, locality=data.locality, country_code=data.country_code)
            self._places[key] = found
            self.summary.count("added", translate("import", "places"))
        self._place_refs[place] = found
        return found

    def _source(self, citation: Citation) -> int:
        url = citation.url.strip()
        found = self._sources.get(url)
        if found is None:
            data = validation.validate_source(SourceData(url, citation.outlet, citation.title))
            found = self._create(
                Source,
                url=data.url,
                outlet=data.outlet,
                title=data.title,
                language=data.language,
                published=data.published,
            )
            self._sources[url] = found
            self.summary.count("added", translate("import", "sources"))
        return found

    def _trip(self, title: str) -> int:
        cleaned = " ".join(title.split())
        found = self._trips.get(cleaned)
        if found is None:
            found = self._create(Trip, title=validation.validate_trip(TripData(cleaned)).title)
            self._trips[cleaned] = found
            self.summary.count("added", translate("import", "trips"))
        return found

    def _tag(self, name: str) -> int:
        found = self._tags.get(name.casefold())
        if found is None:
            found = self._create(Tag, name=name)
            self._tags[name.casefold()] = found
        return found

    # -- writing a batch ----------------------------------------------------------------------

    def flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch or self.log:
            return
        existing = self._existing({item.external for item in batch if item.external})
        new: list[_Ready] = []
        matched: list[tuple[int, _Ready]] = []
        seen: set[ExternalKey] = set()
        for item in batch:
            key = item.external
            if key is None:
                new.append(item)
                continue
            if key in seen or existing.get(key, 0) >= self._first_new_id:
                self._duplicate(item)
                continue
            seen.add(key)
            event_id = existing.get(key)
            if event_id is None:
                new.append(item)
            else:
                matched.append((event_id, item))
        matched = self._first_matches(matched)
        if self.log:
            return
        self._insert(new)
        self._update(matched)

    def _duplicate(self, item: _Ready) -> None:
        assert item.external is not None
        self.log.add(
            Problem(
                item.where,
                translate(
                    "import", "record {id} of {dataset} appears more than once in this import"
                ).format(id=item.external.record_id, dataset=item.external.dataset),
            )
        )

    def _existing(self, keys: set[ExternalKey]) -> dict[ExternalKey, int]:
        """The events already imported under these keys."""
        found: dict[ExternalKey, int] = {}
        by_dataset: dict[str, list[str]] = {}
        for key in keys:
            by_dataset.setdefault(key.dataset, []).append(key.record_id)
        for dataset, record_ids in by_dataset.items():
            for start in range(0, len(record_ids), bulk.CHUNK):
                part = record_ids[start : start + bulk.CHUNK]
                for record_id, event_id in self.session.execute(
                    select(ExternalRecord.record_id, ExternalRecord.event_id).where(
                        ExternalRecord.dataset == dataset, ExternalRecord.record_id.in_(part)
                    )
                ):
                    found[ExternalKey(dataset, record_id)] = event_id
        self._own_uids(keys - found.keys(), found)
        return found

    def _own_uids(self, keys: set[ExternalKey], found: dict[ExternalKey, int]) -> None:
        """Calendar entries this app exported from this very database match their events, so
        importing one's own calendar back updates instead of duplicating."""
        wanted: dict[int, tuple[ExternalKey, str]] = {}
        for key in keys:
            own = ics_format.own_uid(key.record_id) if key.dataset == ics_format.DATASET else None
            if own is not None:
                wanted[own[0]] = (key, own[1])
        for part in bulk.chunks(list(wanted)):
            for event_id, created in self.session.execute(
                select(Event.id, Event.created_at).where(Event.id.in_(part))
            ):
                key, stamp = wanted[event_id]
                if ics_format.stamp(created) == stamp:
                    found[key] = event_id

    def _first_matches(self, matched: list[tuple[int, _Ready]]) -> list[tuple[int, _Ready]]:
        """Drop (as duplicates) matches of events an earlier batch of this import matched."""
        if not matched:
            return matched
        if not self._touched_ready:
            self.session.execute(
                text(f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (event_id INTEGER PRIMARY KEY)")
            )
            self.session.execute(text(f"DELETE FROM temp.{_TOUCHED}"))
            self._touched_ready = True
        ids = [event_id for event_id, _ in matched]
        already: set[int] = set()
        for part in bulk.chunks(ids):
            marks = ", ".join(str(int(event_id)) for event_id in part)
            already.update(
                self.session.scalars(
                    text(f"SELECT event_id FROM temp.{_TOUCHED} WHERE event_id IN ({marks})")
                )
            )
        result = []
        for event_id, item in matched:
            if event_id in already:
                self._duplicate(item)
            else:
                result.append((event_id, item))
        if result:
            self.session.execute(
                text(f"INSERT INTO temp.{_TOUCHED} (event_id) VALUES (:event_id)"),
                [{"event_id": event_id} for event_id, _ in result],
            )
        return result

    def _insert(self, items: list[_Ready]) -> None:
        """New events and their links, as one executemany per table.

        The rows go to the driver as plain tuples, dates and times in the text form the ORM
        stores them in (``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS.ffffff``): at tens of thousands of
        rows, the ORM's per-row work would cost more than SQLite's.
        """
        if not items:
            return
        now = utcnow().isoformat(sep=" ", timespec="microseconds")
        events: list[tuple[object, ...]] = []
        places: list[tuple[object, ...]] = []
        people: list[tuple[object, ...]] = []
        sources: list[tuple[object, ...]] = []
        tags: list[tuple[object, ...]] = []
        records: list[tuple[object, ...]] = []
        for item in items:
            event_id = self._next_id
            self._next_id += 1
            data = item.data
            start, end = data.start, data.end
            start_earliest, start_latest = start.bounds()
            end_earliest, end_latest = end.bounds() if end else (None, None)
            events.append(
                (
                    event_id,
                    data.title,
                    data.kind.value,
                    data.status.value,
                    data.summary,
                    start.iso,
                    start.qualifier.value,
                    start_earliest.isoformat(),
                    start_latest.isoformat(),
                    end.iso if end else None,
                    end.qualifier.value if end else None,
                    end_earliest.isoformat() if end_earliest else None,
                    end_latest.isoformat() if end_latest else None,
                    data.trip_id,
                    now,
                    now,
                    1,
                )
            )
            places.extend(
                (event_id, place_id, index) for index, place_id in enumerate(data.place_ids)
            )
            people.extend(
                (event_id, p.actor_id, p.role.value, i) for i, p in enumerate(data.participants)
            )
            sources.extend((event_id, s.source_id, s.note, i) for i, s in enumerate(data.sources))
            tags.extend((event_id, self._tag(tag)) for tag in data.tags)
            if item.external is not None:
                records.append((event_id, item.external.dataset, item.external.record_id))
        for table, columns, rows in (
            ("event", _EVENT_COLUMNS, events),
            ("event_place", ("event_id", "place_id", "position"), places),
            ("participation", ("event_id", "actor_id", "role", "position"), people),
            ("event_source", ("event_id", "source_id", "note", "position"), sources),
            ("event_tag", ("event_id", "tag_id"), tags),
            ("external_record", ("event_id", "dataset", "record_id"), records),
        ):
            if rows:
                marks = ", ".join("?" * len(columns))
                self.session.connection().exec_driver_sql(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
                )
        self.summary.count("added", translate("import", "events"), len(items))
        self.writer.changes.tables.add("event")

    def _update(self, matched: list[tuple[int, _Ready]]) -> None:
        if not matched:
            return
        current = bulk.event_data(self.session, [event_id for event_id, _ in matched])
        for event_id, item in matched:
            before = current[event_id]
            after = merged(before, item.data)
            if same(before, after):
                self.summary.count("skipped", translate("import", "events (unchanged)"))
                continue
            self.writer.update_event(event_id, after)
            self.summary.count("updated", translate("import", "events"))


def merged(before: EventData, incoming: EventData) -> EventData:
    """An event as a new import of its record leaves it.

    What the file says replaces the stored title, kind, status and dates, and the summary,
    places and participants unless the file leaves them empty (a calendar has no participants:
    importing it again must not remove those the user added); tags and sources are added to the
    user's own; the trip and the relations are kept (journeys are regrouped afterwards).
    """
    known_sources = {link.source_id for link in before.sources}
    known_tags = {tag.casefold() for tag in before.tags}
    return replace(
        before,
        title=incoming.title,
        kind=incoming.kind,
        status=incoming.status,
        start=incoming.start,
        end=incoming.end,
        summary=incoming.summary or before.summary,
        place_ids=incoming.place_ids or before.place_ids,
        participants=incoming.participants or before.participants,
        sources=before.sources
        + tuple(link for link in incoming.sources if link.source_id not in known_sources),
        tags=before.tags + tuple(tag for tag in incoming.tags if tag.casefold() not in known_tags),
        trip_id=before.trip_id if incoming.trip_id is None else incoming.trip_id,
    )


def same(before: EventData, after: EventData) -> bool:
    """Equal as stored (tags compare without regard to order or case)."""
    return replace(before, tags=()) == replace(after, tags=()) and {
        tag.casefold() for tag in before.tags
    } == {tag.casefold() for tag in after.tags}
