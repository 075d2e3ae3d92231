"""Reading many events at once: a handful of queries for a batch instead of a dozen per event.

Importers compare what a file says with what is stored (:func:`event_data`), and exporters
write every field of thousands of events (:func:`export_extras`); both need the same facts as
``queries.event_detail`` gives for one event, for a whole batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from timeline_app.core.models import (
    Event,
    EventPlace,
    EventSource,
    EventTag,
    ExternalRecord,
    Participation,
    Relation,
    Source,
    Tag,
    Trip,
)
from timeline_app.core.records import EventData, Participant, RelationLink, SourceLink
from timeline_app.core.store.queries import optional_date, stored_date
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status

T = TypeVar("T")
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def event_data(session: Session, ids: Sequence[int]) -> dict[int, EventData]:
    """The editable state of each event (as ``EventDetail.to_data()`` gives it), by id."""
    result: dict[int, EventData] = {}
    for part in chunks(list(ids)):
        places: dict[int, list[int]] = defaultdict(list)
        for event_id, place_id in session.execute(
            select(EventPlace.event_id, EventPlace.place_id)
            .where(EventPlace.event_id.in_(part))
            .order_by(EventPlace.event_id, EventPlace.position)
        ):
            places[event_id].append(place_id)
        people: dict[int, list[Participant]] = defaultdict(list)
        for event_id, actor_id, role in session.execute(
            select(Participation.event_id, Participation.actor_id, Participation.role)
            .where(Participation.event_id.in_(part))
            .order_by(Participation.event_id, Participation.position, Participation.id)
        ):
            people[event_id].append(Participant(actor_id, Role(role)))
        sources: dict[int, list[SourceLink]] = defaultdict(list)
        for event_id, source_id, note in session.execute(
            select(EventSource.event_id, EventSource.source_id, EventSource.note)
            .where(EventSource.event_id.in_(part))
            .order_by(EventSource.event_id, EventSource.position)
        ):
            sources[event_id].append(SourceLink(source_id, note))
        tags = _tags(session, part)
        relations: dict[int, list[RelationLink]] = defaultdict(list)
        for event_id, kind, target in session.execute(
            select(Relation.from_event_id, Relation.type, Relation.to_event_id)
            .where(Relation.from_event_id.in_(part))
            .order_by(Relation.id)
        ):
            relations[event_id].append(RelationLink(RelationType(kind), target))
        for row in session.execute(
            select(
                Event.id,
                Event.title,
                Event.kind,
                Event.status,
                Event.summary,
                Event.start_value,
                Event.start_qualifier,
                Event.end_value,
                Event.end_qualifier,
                Event.trip_id,
            ).where(Event.id.in_(part))
        ):
            result[row.id] = EventData(
                title=row.title,
                kind=Kind(row.kind),
                status=Status(row.status),
                start=stored_date(row.start_value, row.start_qualifier),
                end=optional_date(row.end_value, row.end_qualifier),
                summary=row.summary,
                trip_id=row.trip_id,
                place_ids=tuple(places.get(row.id, ())),
                participants=tuple(people.get(row.id, ())),
                sources=tuple(sources.get(row.id, ())),
                tags=tuple(tags.get(row.id, ())),
                relations=tuple(relations.get(row.id, ())),
            )
    return result


def _tags(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = defaultdict(list)
    for event_id, name in session.execute(
        select(EventTag.event_id, Tag.name)
        .join(Tag, Tag.id == EventTag.tag_id)
        .where(EventTag.event_id.in_(ids))
        .order_by(EventTag.event_id, func.lower(Tag.name))
    ):
        tags[event_id].append(name)
    return tags


@dataclass(frozen=True, slots=True)
class Extras:
    """What an export writes beyond an ``EventRow``."""

    summary: str = ""
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # addresses, in the event's order
    trip: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1
    external: dict[str, str] = field(default_factory=dict)  # dataset -> record id


def export_extras(session: Session, ids: Sequence[int]) -> dict[int, Extras]:
    """Summary, tags, source addresses, trip title, timestamps and external ids, by event."""
    result: dict[int, Extras] = {}
    for part in chunks(list(ids)):
        tags = _tags(session, part)
        sources: dict[int, list[str]] = defaultdict(list)
        for event_id, url in session.execute(
            select(EventSource.event_id, Source.url)
            .join(Source, Source.id == EventSource.source_id)
            .where(EventSource.event_id.in_(part))
            .order_by(EventSource.event_id, EventSource.position)
        ):
            sources[event_id].append(url)
        external: dict[int, dict[str, str]] = defaultdict(dict)
        for event_id, dataset, record_id in session.execute(
            select(ExternalRecord.event_id, ExternalRecord.dataset, ExternalRecord.record_id)
            .where(ExternalRecord.event_id.in_(part))
            .order_by(ExternalRecord.id)
        ):
            external[event_id][dataset] = record_id
        rows: Any = session.execute(
            select(
                Event.id,
                Event.summary,
                Event.created_at,
                Event.updated_at,
                Event.version,
                Trip.title,
            )
            .outerjoin(Trip, Trip.id == Event.trip_id)
            .where(Event.id.in_(part))
        )
        for event_id, summary, created, updated, version, trip in rows:
            result[event_id] = Extras(
                summary=summary,
                tags=tuple(tags.get(event_id, ())),
                sources=tuple(sources.get(event_id, ())),
                trip=trip,
                created_at=created,
                updated_at=updated,
                version=version,
                external=external.get(event_id, {}),
            )
    return result
