"""An event's full record as a self-contained, JSON-ready dict, and back.

The change history stores one such snapshot before and after each change. A snapshot carries the
linked actors, places, sources and trip by value as well as by id, so a deleted event can be
restored even after what it pointed to was changed or removed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from timeline_app.core.dates import UncertainDate
from timeline_app.core.models import ExternalRecord, Relation
from timeline_app.core.records import ActorInfo, Alias, PlaceInfo, SourceInfo
from timeline_app.core.store import queries

Snapshot = dict[str, Any]


def date_to_json(value: UncertainDate | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"date": value.iso, "qualifier": value.qualifier.value}


def date_from_json(value: object) -> UncertainDate | None:
    """``{"date": "2023-04", "qualifier": "early"}`` or a bare ISO string; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        return UncertainDate.from_iso(value)
    if isinstance(value, dict) and isinstance(value.get("date"), str):
        return UncertainDate.from_iso(value["date"], str(value.get("qualifier") or "exact"))
    raise ValueError(f"{value!r} is not a date (expected {{'date': 'YYYY-MM-DD', ...}})")


def aliases_to_json(aliases: tuple[Alias, ...]) -> list[dict[str, str]]:
    return [{"name": alias.name, "language": alias.language} for alias in aliases]


def actor_to_json(actor: ActorInfo) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "title": actor.title,
        "country": actor.country_code,
        "aliases": aliases_to_json(actor.aliases),
    }


def place_to_json(place: PlaceInfo) -> dict[str, Any]:
    return {
        "id": place.id,
        "locality": place.locality,
        "country": place.country_code,
        "aliases": aliases_to_json(place.aliases),
    }


def source_to_json(source: SourceInfo) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "outlet": source.outlet,
        "title": source.title,
        "language": source.language,
        "published": source.published.isoformat() if source.published else None,
    }


def take(session: Session, event_id: int) -> Snapshot:
    """The snapshot of an event as it is now in the session."""
    detail = queries.event_detail(session, event_id)
    row = detail.row
    actor_ids = {p.actor_id for p in detail.participants}
    actors = {actor_id: queries.actor(session, actor_id) for actor_id in actor_ids}
    relations = session.execute(
        select(Relation.type, Relation.from_event_id, Relation.to_event_id)
        .where(or_(Relation.from_event_id == event_id, Relation.to_event_id == event_id))
        .order_by(Relation.id)
    ).all()
    external = session.execute(
        select(ExternalRecord.dataset, ExternalRecord.record_id)
        .where(ExternalRecord.event_id == event_id)
        .order_by(ExternalRecord.id)
    ).all()
    state: Snapshot = {
        "id": row.id,
        "title": row.title,
        "kind": row.kind.value,
        "status": row.status.value,
        "summary": detail.summary,
        "start": date_to_json(row.start),
        "end": date_to_json(row.end),
        "trip": (
            {"id": detail.trip.id, "title": detail.trip.title, "summary": detail.trip.summary}
            if detail.trip
            else None
        ),
        "places": [place_to_json(queries.place(session, place.id)) for place in row.places],
        "participants": [
            {"role": p.role.value, "actor": actor_to_json(actors[p.actor_id])}
            for p in detail.participants
        ],
        "sources": [
            {"note": ref.note, "source": source_to_json(ref.source)} for ref in detail.sources
        ],
        "tags": list(detail.tags),
        "relations": [
            {"type": kind, "from": source_id, "to": target_id}
            for kind, source_id, target_id in relations
        ],
    }
    if external:  # only imported events have any; older snapshots lack the key altogether
        state["external"] = [{"dataset": ds, "record": rec} for ds, rec in external]
    return state


def describe_changes(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    """The top-level fields that differ between two snapshots."""
    old = before or {}
    new = after or {}
    return [key for key in new.keys() | old.keys() if key != "id" and old.get(key) != new.get(key)]


def event_data_fields(snapshot: Snapshot) -> dict[str, Any]:
    """The scalar part of an EventData from a snapshot (links are resolved by the writer)."""
    start = date_from_json(snapshot["start"])
    assert start is not None
    return {
        "title": snapshot["title"],
        "kind": snapshot["kind"],
        "status": snapshot["status"],
        "summary": snapshot.get("summary", ""),
        "start": start,
        "end": date_from_json(snapshot.get("end")),
    }
