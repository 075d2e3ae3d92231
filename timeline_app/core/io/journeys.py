"""Grouping a traveller's consecutive legs into trips.

The Office of the Historian lists one record per country visited; a journey of several countries
is several records whose dates follow each other. After an import, the legs of each traveller
(the visitor of each event of a dataset) are read in date order, in one streamed query, and a
leg that starts at most :data:`GAP_DAYS` after the previous one ended continues the journey.

A journey then goes into a trip: the trip one of its legs already has (so importing again
changes nothing), else a trip of the same traveller that overlaps it (the seed's "Blinken in
Central Asia and India" takes the Historian's Astana, Tashkent and New Delhi legs), else a new
trip when the journey has two legs or more. Legs that already have a trip are left where the
user put them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from timeline_app.core import countries
from timeline_app.core.dates import UncertainDate, format_range
from timeline_app.core.i18n import translate
from timeline_app.core.io.problems import ImportSummary
from timeline_app.core.models import Actor, Event, EventPlace, ExternalRecord, Participation, Place
from timeline_app.core.models import Trip as TripRow
from timeline_app.core.store.queries import next_id, span_end
from timeline_app.core.store.writer import Writer
from timeline_app.core.vocabulary import Role

GAP_DAYS = 1
WRITE_EVERY = 2000


@dataclass
class _Journey:
    actor_id: int
    traveller: str
    first: date
    last: date
    legs: list[tuple[int, int | None]] = field(default_factory=list)  # (event id, its trip)
    countries: list[str] = field(default_factory=list)


def group_journeys(writer: Writer, dataset: str, summary: ImportSummary) -> None:
    """Put the legs of each journey of ``dataset`` into a trip (see the module docs)."""
    session = writer.session
    spans = _trip_spans(session)
    new_trips: list[dict[str, object]] = []
    assignments: list[dict[str, int]] = []
    next_trip = next_id(session, TripRow)
    added = 0

    def write() -> None:
        """What was decided so far. The legs' query sorts before its first row, so changing
        their trips meanwhile does not disturb it; writing as we go keeps memory flat."""
        nonlocal added
        if new_trips:
            session.execute(insert(TripRow), new_trips)
            added += len(new_trips)
            new_trips.clear()
        if assignments:
            table = Event.__table__
            assert isinstance(table, Table)
            session.execute(
                update(table)
                .where(table.c.id == bindparam("leg"))
                .values(trip_id=bindparam("trip")),
                assignments,
            )
            assignments.clear()

    def close(journey: _Journey | None) -> None:
        nonlocal next_trip
        if journey is None:
            return
        owned = [trip for _, trip in journey.legs if trip is not None]
        target = owned[0] if owned else _overlapping(spans, journey)
        if target is None and len(journey.legs) >= 2:
            target = next_trip
            next_trip += 1
            new_trips.append({"id": target, **_describe(journey)})
        if target is not None:
            assignments.extend(
                {"leg": leg, "trip": target} for leg, trip in journey.legs if trip is None
            )
        if len(assignments) >= WRITE_EVERY:
            write()

    current: _Journey | None = None
    # Through the connection (Core), so the rows stream instead of being buffered by the ORM.
    for (
        actor_id,
        traveller,
        event_id,
        first,
        last,
        trip_id,
        country,
    ) in session.connection().execute(_legs(dataset)):
        if (
            current is None
            or current.actor_id != actor_id
            or first > current.last + timedelta(days=GAP_DAYS)
        ):
            close(current)
            current = _Journey(actor_id, traveller, first, last)
        current.last = max(current.last, last)
        current.legs.append((event_id, trip_id))
        if country and country not in current.countries:
            current.countries.append(country)
    close(current)
    if assignments or new_trips:
        writer.changes.tables.update(("trip", "event"))
    write()
    if added:
        summary.count("added", translate("import", "trips"), added)


def _legs(dataset: str):  # type: ignore[no-untyped-def]  # a long generic Select
    country = (
        select(Place.country_code)
        .join(EventPlace, EventPlace.place_id == Place.id)
        .where(EventPlace.event_id == Event.id)
        .order_by(EventPlace.position)
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )
    return (
        select(
            Participation.actor_id,
            Actor.name,
            Event.id,
            Event.start_earliest,
            span_end(),
            Event.trip_id,
            country,
        )
        .select_from(Event)
        .join(ExternalRecord, ExternalRecord.event_id == Event.id)
        .join(
            Participation,
            (Participation.event_id == Event.id) & (Participation.role == Role.VISITOR.value),
        )
        .join(Actor, Actor.id == Participation.actor_id)
        .where(ExternalRecord.dataset == dataset)
        .order_by(Participation.actor_id, Event.start_earliest, Event.id)
    )


def _trip_spans(session: Session) -> dict[int, list[tuple[int, date, date]]]:
    """For each visitor, the trips they travel on and the days those trips cover."""
    spans: dict[int, list[tuple[int, date, date]]] = defaultdict(list)
    for trip_id, actor_id, first, last in session.execute(
        select(
            Event.trip_id,
            Participation.actor_id,
            func.min(Event.start_earliest),
            func.max(span_end()),
        )
        .join(Participation, Participation.event_id == Event.id)
        .where(Event.trip_id.is_not(None), Participation.role == Role.VISITOR.value)
        .group_by(Event.trip_id, Participation.actor_id)
    ):
        spans[actor_id].append((trip_id, first, last))
    return spans


def _overlapping(spans: dict[int, list[tuple[int, date, date]]], journey: _Journey) -> int | None:
    for trip_id, first, last in spans.get(journey.actor_id, ()):
        if first <= journey.last and journey.first <= last:
            return trip_id
    return None


def _describe(journey: _Journey) -> dict[str, object]:
    names = [countries.name(code) for code in journey.countries]
    if len(names) > 4:
        places = ", ".join(names[:3]) + f" and {len(names) - 3} more"
    elif len(names) > 1:
        places = ", ".join(names[:-1]) + " and " + names[-1]
    else:
        places = names[0] if names else ""
    dates = format_range(
        UncertainDate.from_date(journey.first), UncertainDate.from_date(journey.last)
    )
    title = f"{journey.traveller} in {places}, {dates}"
    return {
        "title": title if places else f"{journey.traveller}, {dates}",
        "summary": f"{len(journey.legs)} consecutive legs of one journey, grouped on import.",
    }
