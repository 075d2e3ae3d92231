"""The native JSON format: the whole timeline, losslessly, in one readable file.

The schema is documented for users in ``docs/native-json.md``; in short:

Schema (version 1)::

    {
      "format": "diplomatic-timeline",
      "version": 1,
      "actors":  [{"id": KEY, "name": str, "kind": "person|organisation|state",
                   "title": str, "country": "CC"|null,
                   "aliases": [{"name": str, "language": str}]}],
      "places":  [{"id": KEY, "locality": str, "country": "CC",
                   "aliases": [{"name": str, "language": str}]}],
      "sources": [{"id": KEY, "url": "http(s)://...", "outlet": str, "title": str,
                   "language": str, "published": "YYYY-MM-DD"|null}],
      "trips":   [{"id": KEY, "title": str, "summary": str}],
      "events":  [{"id": KEY, "title": str, "kind": KIND, "status": STATUS,
                   "start": DATE, "end": DATE|null, "summary": str, "trip": KEY|null,
                   "places": [KEY], "participants": [{"actor": KEY, "role": ROLE}],
                   "sources": [{"source": KEY, "note": str}], "tags": [str],
                   "relations": [{"type": "announces|part_of|follows|related",
                                  "event": KEY}]}]
    }

A KEY is any string unique within its list; events, places... refer to each other by key.
A DATE is ``{"date": "YYYY[-MM[-DD]]", "qualifier": "exact|about|before|after|early|mid|late"}``
or just the ISO string for an exact date. Only ``format``, ``version`` and the events' ``id``,
``title``, ``kind``, ``status`` and ``start`` are required.

Importing matches actors by name, places by locality and country, sources by URL and trips by
title, so existing ones are reused (new aliases are added); events are always added. The seed
timeline (``db/seed/seed-timeline.json``) is loaded by this same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline_app.core.dates import DateParseError, UncertainDate, end_before_start
from timeline_app.core.filters import EventFilter
from timeline_app.core.io.atomic import atomic_text
from timeline_app.core.io.problems import ImportRejected, ImportSummary, Problem
from timeline_app.core.models import Trip
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
from timeline_app.core.store.snapshot import date_from_json, date_to_json
from timeline_app.core.store.writer import Writer
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status

FORMAT = "diplomatic-timeline"
VERSION = 1

Json = dict[str, Any]
T = TypeVar("T")


# -- export ------------------------------------------------------------------------------------


def export_document(session: Session, flt: EventFilter | None = None) -> Json:
    """The timeline (or its filtered part) as a native JSON document."""
    rows = queries.event_rows(session, flt)
    whole = flt is None or flt.is_empty
    details = [queries.event_detail(session, row.id) for row in rows]
    exported = {row.id for row in rows}

    actor_ids = {p.actor_id for d in details for p in d.participants}
    place_ids = {place.id for d in details for place in d.row.places}
    source_ids = {ref.source.id for d in details for ref in d.sources}
    trip_ids = {d.trip.id for d in details if d.trip}

    actors = [a for a in queries.actors(session) if whole or a.id in actor_ids]
    places = [p for p in queries.places(session) if whole or p.id in place_ids]
    sources = [s for s in queries.sources(session) if whole or s.id in source_ids]
    trips = [t for t in queries.trips(session) if whole or t.id in trip_ids]

    def aliases(items: tuple[Alias, ...]) -> list[Json]:
        return [{"name": a.name, "language": a.language} for a in items]

    return {
        "format": FORMAT,
        "version": VERSION,
        "actors": [
            {
                "id": f"A{a.id}",
                "name": a.name,
                "kind": a.kind.value,
                "title": a.title,
                "country": a.country_code,
                "aliases": aliases(a.aliases),
            }
            for a in actors
        ],
        "places": [
            {
                "id": f"P{p.id}",
                "locality": p.locality,
                "country": p.country_code,
                "aliases": aliases(p.aliases),
            }
            for p in places
        ],
        "sources": [
            {
                "id": f"S{s.id}",
                "url": s.url,
                "outlet": s.outlet,
                "title": s.title,
                "language": s.language,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in sources
        ],
        "trips": [{"id": f"T{t.id}", "title": t.title, "summary": t.summary} for t in trips],
        "events": [
            {
                "id": f"E{d.id}",
                "title": d.row.title,
                "kind": d.row.kind.value,
                "status": d.row.status.value,
                "start": date_to_json(d.row.start),
                "end": date_to_json(d.row.end),
                "summary": d.summary,
                "trip": f"T{d.trip.id}" if d.trip else None,
                "places": [f"P{p.id}" for p in d.row.places],
                "participants": [
                    {"actor": f"A{p.actor_id}", "role": p.role.value} for p in d.participants
                ],
                "sources": [{"source": f"S{r.source.id}", "note": r.note} for r in d.sources],
                "tags": list(d.tags),
                "relations": [
                    {"type": r.type.value, "event": f"E{r.event_id}"}
                    for r in d.relations
                    if r.event_id in exported
                ],
            }
            for d in details
        ],
    }


def write_document(document: Json, path: Path) -> None:
    """Write a document atomically: to a temporary file first, then renamed into place."""
    with atomic_text(path) as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


# -- import ------------------------------------------------------------------------------------


def read_document(path: Path) -> Json:
    """Parse a JSON file; a syntax error is reported with its line and column."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ImportRejected([Problem(where, f"not UTF-8 text ({error.reason})")]) from error
    except OSError as error:
        raise ImportRejected([Problem(where, error.strerror or str(error))]) from error
    if not text.strip():
        raise ImportRejected([Problem(where, "the file is empty")])
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRejected(
            [Problem(f"{where}:{error.lineno}:{error.colno}", f"invalid JSON: {error.msg}")]
        ) from error
    if not isinstance(document, dict):
        raise ImportRejected([Problem(where, "expected a JSON object at the top level")])
    return document


class _Reader:
    """Turns a document into records, collecting every problem instead of stopping at one."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        prefix = f"{self.origin}: " if self.origin else ""
        self.problems.append(Problem(prefix + where, message))

    def items(self, document: Json, section: str) -> list[tuple[str, Json]]:
        """(location, entry) for each entry of a section that is an object with a unique id."""
        raw = document.get(section, [])
        if not isinstance(raw, list):
            self.problem(section, "must be a list")
            return []
        result: list[tuple[str, Json]] = []
        seen: set[str] = set()
        for index, entry in enumerate(raw):
            where = f"{section}[{index}]"
            if not isinstance(entry, dict):
                self.problem(where, "must be an object")
                continue
            key = entry.get("id")
            if not isinstance(key, str | int) or str(key) == "":
                self.problem(f"{where}.id", "missing")
                continue
            where = f"{section}[{index}] ({key})"
            if str(key) in seen:
                self.problem(f"{where}.id", f"'{key}' is used twice in {section}")
                continue
            seen.add(str(key))
            result.append((where, entry))
        return result

    def text(self, entry: Json, name: str, where: str, *, required: bool = False) -> str:
        value = entry.get(name)
        if value is None:
            if required:
                self.problem(f"{where}.{name}", "missing")
            return ""
        if not isinstance(value, str):
            self.problem(f"{where}.{name}", "must be text")
            return ""
        if required and not value.strip():
            self.problem(f"{where}.{name}", "must not be empty")
        return value

    def aliases(self, entry: Json, where: str) -> tuple[Alias, ...]:
        raw = entry.get("aliases") or []
        result = []
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(item, str):
                result.append(Alias(item))
            elif isinstance(item, dict) and isinstance(item.get("name"), str):
                result.append(Alias(item["name"], str(item.get("language") or "")))
            else:
                self.problem(f"{where}.aliases[{index}]", "must be a name or {name, language}")
        return tuple(result)

    def date(self, entry: Json, name: str, where: str) -> UncertainDate | None:
        try:
            return date_from_json(entry.get(name))
        except (DateParseError, ValueError) as error:
            self.problem(f"{where}.{name}", str(error))
            return None

    def validated(self, check: Callable[[T], T], data: T, where: str) -> T | None:
        try:
            return check(data)
        except ValidationError as error:
            for item in error.errors:
                self.problem(f"{where}.{item.field}", item.message)
            return None


def import_document(writer: Writer, document: Json, *, origin: str = "") -> ImportSummary:
    """Add a native document to the store through ``writer`` (one transaction).

    Every problem is collected; if there is any, :class:`ImportRejected` is raised and the
    caller's transaction rolls back, so nothing at all is imported.
    """
    reader = _Reader(origin)
    summary = ImportSummary()
    if document.get("format") != FORMAT:
        reader.problem("format", f"expected '{FORMAT}', found {document.get('format')!r}")
    version = document.get("version")
    if not isinstance(version, int) or version < 1:
        reader.problem("version", "missing or not a positive whole number")
    elif version > VERSION:
        reader.problem(
            "version", f"{version} is newer than this app reads ({VERSION}); update the app"
        )
    if reader.problems:
        raise ImportRejected(reader.problems)

    # 1. Linked records: reuse what exists, add what does not.
    actor_ids: dict[str, int] = {}
    for where, entry in reader.items(document, "actors"):
        kind = entry.get("kind") or "person"
        if kind not in ActorKind.__members__.values():
            reader.problem(f"{where}.kind", f"'{kind}' is not person, organisation or state")
            continue
        actor = reader.validated(
            validation.validate_actor,
            ActorData(
                reader.text(entry, "name", where, required=True),
                ActorKind(kind),
                reader.text(entry, "title", where),
                entry.get("country") or None,
                reader.aliases(entry, where),
            ),
            where,
        )
        if actor is None:
            continue
        existing = writer.find_actor(actor.name)
        if existing is None:
            actor_ids[str(entry["id"])] = writer.create_actor(actor)
            summary.count("added", "actors")
        else:
            writer.add_aliases(existing, actor.aliases)
            actor_ids[str(entry["id"])] = existing
            summary.count("skipped", "actors (already known)")

    place_ids: dict[str, int] = {}
    for where, entry in reader.items(document, "places"):
        place = reader.validated(
            validation.validate_place,
            PlaceData(
                reader.text(entry, "locality", where),
                reader.text(entry, "country", where, required=True),
                reader.aliases(entry, where),
            ),
            where,
        )
        if place is None:
            continue
        found = writer.find_place(place.locality, place.country_code)
        if found is None:
            found = writer.create_place(place)
            summary.count("added", "places")
        else:
            summary.count("skipped", "places (already known)")
        place_ids[str(entry["id"])] = found

    source_ids: dict[str, int] = {}
    for where, entry in reader.items(document, "sources"):
        published: date | None = None
        raw_published = entry.get("published")
        if raw_published:
            try:
                published = date.fromisoformat(str(raw_published))
            except ValueError:
                reader.problem(f"{where}.published", f"'{raw_published}' is not a YYYY-MM-DD date")
                continue
        source = reader.validated(
            validation.validate_source,
            SourceData(
                reader.text(entry, "url", where, required=True),
                reader.text(entry, "outlet", where),
                reader.text(entry, "title", where),
                reader.text(entry, "language", where),
                published,
            ),
            where,
        )
        if source is None:
            continue
        found = writer.find_source(source.url)
        if found is None:
            found = writer.create_source(source)
            summary.count("added", "sources")
        else:
            summary.count("skipped", "sources (already known)")
        source_ids[str(entry["id"])] = found

    trip_ids: dict[str, int] = {}
    for where, entry in reader.items(document, "trips"):
        trip = reader.validated(
            validation.validate_trip,
            TripData(
                reader.text(entry, "title", where, required=True),
                reader.text(entry, "summary", where),
            ),
            where,
        )
        if trip is None:
            continue
        found = writer.session.scalar(select(Trip.id).where(Trip.title == trip.title))
        if found is None:
            found = writer.create_trip(trip)
            summary.count("added", "trips")
        trip_ids[str(entry["id"])] = found

    # 2. Events, then the relations between them (which may point forward in the file).
    event_ids: dict[str, int] = {}
    pending_relations: list[tuple[str, str, str, str]] = []
    for where, entry in reader.items(document, "events"):
        data = _event_data(
            reader,
            entry,
            where,
            actor_ids=actor_ids,
            place_ids=place_ids,
            source_ids=source_ids,
            trip_ids=trip_ids,
        )
        if data is None:
            continue
        for index, relation in enumerate(entry.get("relations") or []):
            rel_where = f"{where}.relations[{index}]"
            if not isinstance(relation, dict):
                reader.problem(rel_where, "must be an object")
                continue
            pending_relations.append(
                (rel_where, str(entry["id"]), str(relation.get("event")), str(relation.get("type")))
            )
        if reader.problems:
            continue  # keep checking the rest, but write nothing more
        try:
            event_ids[str(entry["id"])] = writer.create_event(data)
        except ValidationError as error:
            for item in error.errors:
                reader.problem(f"{where}.{item.field}", item.message)
            continue
        summary.count("added", "events")
    for where, source_key, target_key, kind in pending_relations:
        if kind not in RelationType.__members__.values():
            reader.problem(f"{where}.type", f"'{kind}' is not a relation type")
        elif target_key not in event_ids and not reader.problems:
            reader.problem(f"{where}.event", f"no event '{target_key}' in this file")
        elif not reader.problems:
            writer.link_events(event_ids[source_key], event_ids[target_key], RelationType(kind))
    if reader.problems:
        raise ImportRejected(reader.problems)
    summary.event_ids = list(event_ids.values())
    return summary


def _event_data(
    reader: _Reader,
    entry: Json,
    where: str,
    *,
    actor_ids: dict[str, int],
    place_ids: dict[str, int],
    source_ids: dict[str, int],
    trip_ids: dict[str, int],
) -> EventData | None:
    before = len(reader.problems)
    title = reader.text(entry, "title", where, required=True)
    kind = entry.get("kind")
    if kind not in Kind.__members__.values():
        reader.problem(f"{where}.kind", f"'{kind}' is not a known kind of event")
    status = entry.get("status")
    if status not in Status.__members__.values():
        reader.problem(f"{where}.status", f"'{status}' is not a known status")
    start = reader.date(entry, "start", where)
    if start is None and f"{where}.start" not in {p.where for p in reader.problems}:
        reader.problem(f"{where}.start", "missing")
    end = reader.date(entry, "end", where)
    if start is not None and end is not None and end_before_start(start, end):
        reader.problem(f"{where}.end", f"{end} is before the start ({start})")

    def resolve(table: dict[str, int], key: object, field: str) -> int | None:
        if str(key) not in table:
            reader.problem(field, f"'{key}' is not defined in this file")
            return None
        return table[str(key)]

    places = tuple(
        pid
        for index, key in enumerate(entry.get("places") or [])
        if (pid := resolve(place_ids, key, f"{where}.places[{index}]")) is not None
    )
    participants: list[Participant] = []
    for index, item in enumerate(entry.get("participants") or []):
        field = f"{where}.participants[{index}]"
        if not isinstance(item, dict):
            reader.problem(field, "must be an object")
            continue
        role = item.get("role")
        if role not in Role.__members__.values():
            reader.problem(f"{field}.role", f"'{role}' is not visitor, host, participant or author")
            continue
        actor_id = resolve(actor_ids, item.get("actor"), f"{field}.actor")
        if actor_id is not None:
            participants.append(Participant(actor_id, Role(str(role))))
    sources: list[SourceLink] = []
    for index, item in enumerate(entry.get("sources") or []):
        field = f"{where}.sources[{index}]"
        key = item.get("source") if isinstance(item, dict) else item
        source_id = resolve(source_ids, key, field)
        if source_id is not None:
            note = item.get("note", "") if isinstance(item, dict) else ""
            sources.append(SourceLink(source_id, str(note or "")))
    trip_key = entry.get("trip")
    trip_id = resolve(trip_ids, trip_key, f"{where}.trip") if trip_key else None
    tags = entry.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        reader.problem(f"{where}.tags", "must be a list of text")
        tags = []
    if len(reader.problems) > before or start is None:
        return None
    data = EventData(
        title=title,
        kind=Kind(str(kind)),
        status=Status(str(status)),
        start=start,
        end=end,
        summary=reader.text(entry, "summary", where),
        trip_id=trip_id,
        place_ids=places,
        participants=tuple(participants),
        sources=tuple(sources),
        tags=tuple(tags),
    )
    return reader.validated(validation.validate_event, data, where)
