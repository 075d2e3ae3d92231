"""Reading many events with everything linked to them, in a few queries.

:func:`event_details` gives the same :class:`EventDetail` records as
:func:`queries.event_detail` does one at a time, but with one query per kind of link for a whole
batch of events instead of eight queries per event: printing or exporting thousands of events
stays fast.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from timeline_app.core.models import (
    Actor,
    Event,
    EventSource,
    EventTag,
    Participation,
    Relation,
    Source,
    Tag,
    Trip,
)
from timeline_app.core.records import (
    ActorRole,
    EventDetail,
    RelatedEvent,
    RelationLink,
    SourceInfo,
    SourceRef,
    TripInfo,
    TripLeg,
)
from timeline_app.core.store import queries
from timeline_app.core.vocabulary import RelationType, Role

BATCH = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def event_details(session: Session, ids: Sequence[int]) -> list[EventDetail]:
    """The events ``ids`` that exist, in the order given, each with everything linked to it."""
    wanted = list(dict.fromkeys(ids))
    found: dict[int, EventDetail] = {}
    for batch in _batches(wanted):
        found.update(_batch(session, batch))
    return [found[event_id] for event_id in wanted if event_id in found]


def _batch(session: Session, ids: list[int]) -> dict[int, EventDetail]:
    rows = {row.id: row for row in queries.event_rows(session, ids=ids)}
    events = {
        event.id: event
        for event in session.execute(
            select(
                Event.id,
                Event.summary,
                Event.trip_id,
                Event.created_at,
                Event.updated_at,
                Event.version,
            ).where(Event.id.in_(ids))
        )
    }
    participants: dict[int, list[ActorRole]] = defaultdict(list)
    for event_id, actor_id, name, role, title in session.execute(
        select(
            Participation.event_id,
            Participation.actor_id,
            Actor.name,
            Participation.role,
            Actor.title,
        )
        .join(Actor, Actor.id == Participation.actor_id)
        .where(Participation.event_id.in_(ids))
        .order_by(Participation.event_id, Participation.position, Participation.id)
    ):
        participants[event_id].append(ActorRole(actor_id, name, Role(role), title))
    sources: dict[int, list[SourceRef]] = defaultdict(list)
    infos: dict[int, SourceInfo] = {}
    for link in session.execute(
        select(
            EventSource.event_id,
            EventSource.note,
            Source.id,
            Source.url,
            Source.outlet,
            Source.title,
            Source.language,
            Source.published,
        )
        .join(Source, Source.id == EventSource.source_id)
        .where(EventSource.event_id.in_(ids))
        .order_by(EventSource.event_id, EventSource.position)
    ):
        info = infos.get(link.id)
        if info is None:
            info = infos[link.id] = SourceInfo(
                url=link.url,
                outlet=link.outlet,
                title=link.title,
                language=link.language,
                published=link.published,
                id=link.id,
            )
        sources[link.event_id].append(SourceRef(info, link.note))
    tags: dict[int, list[str]] = defaultdict(list)
    for event_id, name in session.execute(
        select(EventTag.event_id, Tag.name)
        .join(Tag, Tag.id == EventTag.tag_id)
        .where(EventTag.event_id.in_(ids))
        .order_by(EventTag.event_id, func.lower(Tag.name))
    ):
        tags[event_id].append(name)
    outgoing: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for source_id, kind, target in session.execute(
        select(Relation.from_event_id, Relation.type, Relation.to_event_id)
        .where(Relation.from_event_id.in_(ids))
        .order_by(Relation.id)
    ):
        outgoing[source_id].append((kind, target))
    incoming: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for target, kind, source_id in session.execute(
        select(Relation.to_event_id, Relation.type, Relation.from_event_id)
        .where(Relation.to_event_id.in_(ids))
        .order_by(Relation.id)
    ):
        incoming[target].append((kind, source_id))
    others = {other for links in (*outgoing.values(), *incoming.values()) for _, other in links}
    heads = queries._event_heads(session, others)
    trip_ids = sorted({event.trip_id for event in events.values() if event.trip_id is not None})
    trips = {
        trip.id: TripInfo(title=trip.title, summary=trip.summary, id=trip.id)
        for trip in session.scalars(select(Trip).where(Trip.id.in_(trip_ids)))
    }
    legs: dict[int, list[TripLeg]] = defaultdict(list)
    for leg in session.execute(
        select(
            Event.trip_id,
            Event.id,
            Event.title,
            Event.start_value,
            Event.start_qualifier,
            Event.end_value,
            Event.end_qualifier,
        )
        .where(Event.trip_id.in_(trip_ids))
        .order_by(*queries.time_order())
    ):
        legs[leg.trip_id].append(
            TripLeg(
                leg.id,
                leg.title,
                queries.stored_date(leg.start_value, leg.start_qualifier),
                queries.optional_date(leg.end_value, leg.end_qualifier),
            )
        )
    result: dict[int, EventDetail] = {}
    for event_id, row in rows.items():
        event = events[event_id]
        related = tuple(
            sorted(
                (
                    RelatedEvent(
                        RelationType(kind), is_out, other, heads[other][0], heads[other][1]
                    )
                    for is_out, links in (
                        (True, outgoing.get(event_id, [])),
                        (False, incoming.get(event_id, [])),
                    )
                    for kind, other in links
                    if other in heads
                ),
                key=lambda rel: (rel.start.sort_key(), rel.event_id),
            )
        )
        trip = trips.get(event.trip_id) if event.trip_id is not None else None
        result[event_id] = EventDetail(
            row=row,
            summary=event.summary,
            participants=tuple(participants.get(event_id, ())),
            sources=tuple(sources.get(event_id, ())),
            tags=tuple(tags.get(event_id, ())),
            related=related,
            trip=trip,
            legs=tuple(legs.get(trip.id, ())) if trip is not None else (),
            created_at=event.created_at,
            updated_at=event.updated_at,
            version=event.version,
            relations=tuple(
                RelationLink(RelationType(kind), other)
                for kind, other in outgoing.get(event_id, ())
            ),
        )
    return result
