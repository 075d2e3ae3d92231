"""Which lane(s) each event belongs to, for each :class:`LaneGrouping`, read with one query.

- ACTOR: the visiting actors; for events without a visitor, the authors and participants; for
  events with only hosts, the hosts. An event with two visitors is in both their lanes.
- COUNTRY: the countries of the event's places (Beijing and Guangzhou: one lane, China).
- TRIP: the trip the event is a leg of.
- KIND: the event's kind, lanes in the vocabulary's order.
- NONE: one lane holding everything.

Lanes are sorted by label (kinds by the vocabulary's order); events that have no key (no actor,
no place, no trip) gather in a last lane, named for what they lack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate
from timeline_app.core.models import Actor, Country, EventPlace, Participation, Place, Trip
from timeline_app.core.store.queries import filtered_ids
from timeline_app.core.timeline.index import KINDS, EventIndex
from timeline_app.core.timeline.lanes import LaneGrouping
from timeline_app.core.timeline.sql import chunks
from timeline_app.core.vocabulary import Role

NO_KEY = "-"


@dataclass(frozen=True, slots=True)
class LaneSpec:
    """A lane before packing: its key, its label and the positions of its events."""

    key: str
    label: str
    positions: list[int]


def _in_scope(column: Any, flt: EventFilter | None, session: Session) -> list[Any]:
    if flt is None or flt.is_empty:
        return []
    return [column.in_(filtered_ids(flt, session))]


def _group(index: EventIndex, pairs: Iterable[Any]) -> tuple[dict[Any, list[int]], bytearray]:
    """Positions by key from (event id, key) pairs, and which positions got a key."""
    groups: dict[Any, list[int]] = {}
    covered = bytearray(len(index))
    lookup = index.lookup_table()
    size = len(lookup)
    get = groups.get
    for event_id, key in pairs:
        at = lookup[event_id] if 0 <= event_id < size else -1
        if at >= 0:
            members = get(key)
            if members is None:
                groups[key] = [at]
            else:
                members.append(at)
            covered[at] = 1
    return groups, covered


def _rows(session: Session, stmt: Any) -> Iterable[Any]:
    for rows in chunks(session, stmt):
        yield from rows


def _labels(session: Session, stmt: Any) -> dict[Any, str]:
    """Key -> label, from a two-column query (all actors, countries or trips: a few thousand)."""
    return {key: str(label) for key, label in session.execute(stmt)}


def _missing(covered: bytearray) -> list[int]:
    return [at for at, flag in enumerate(covered) if not flag]


def _finish(
    prefix: str,
    groups: dict[Any, list[int]],
    labels: dict[Any, str],
    covered: bytearray,
    missing_label: str,
) -> list[LaneSpec]:
    specs = [
        LaneSpec(f"{prefix}:{key}", labels.get(key, str(key)), members)
        for key, members in groups.items()
    ]
    specs.sort(key=lambda spec: (spec.label.casefold(), spec.key))
    if 0 in covered:
        specs.append(LaneSpec(f"{prefix}:{NO_KEY}", missing_label, _missing(covered)))
    return specs


def actor_lanes(session: Session, index: EventIndex, flt: EventFilter | None) -> list[LaneSpec]:
    rank = case(
        {Role.VISITOR.value: 0, Role.AUTHOR.value: 1, Role.PARTICIPANT.value: 1},
        value=Participation.role,
        else_=2,
    )
    # The filter narrows both the grouping and the rows (not only the rows): SQLite would
    # otherwise rank the participants of every event for a filter that keeps a few.
    best = (
        select(Participation.event_id.label("event_id"), func.min(rank).label("best"))
        .where(*_in_scope(Participation.event_id, flt, session))
        .group_by(Participation.event_id)
        .subquery()
    )
    stmt = (
        select(Participation.event_id, Participation.actor_id)
        .join(best, best.c.event_id == Participation.event_id)
        .where(rank == best.c.best)
    )
    groups, covered = _group(index, _rows(session, stmt))
    names = _labels(session, select(Actor.id, Actor.name))
    return _finish("actor", groups, names, covered, translate("timeline", "No actor"))


def country_lanes(
    session: Session, index: EventIndex, flt: EventFilter | None, lang: str
) -> list[LaneSpec]:
    stmt = (
        select(EventPlace.event_id, Place.country_code)
        .join(Place, Place.id == EventPlace.place_id)
        .where(*_in_scope(EventPlace.event_id, flt, session))
        .distinct()
    )
    groups, covered = _group(index, _rows(session, stmt))
    name = Country.name_fr if lang == "fr" else Country.name_en
    names = _labels(session, select(Country.code, name))
    return _finish("country", groups, names, covered, translate("timeline", "No place"))


def trip_lanes(session: Session, index: EventIndex) -> list[LaneSpec]:
    groups: dict[Any, list[int]] = {}
    covered = bytearray(len(index))
    for at, trip in enumerate(index.trip):
        if trip:
            groups.setdefault(trip, []).append(at)
            covered[at] = 1
    titles = _labels(session, select(Trip.id, Trip.title))
    return _finish("trip", groups, titles, covered, translate("timeline", "No trip"))


def kind_lanes(index: EventIndex) -> list[LaneSpec]:
    groups: dict[int, list[int]] = {}
    for at, code in enumerate(index.kind):
        groups.setdefault(code, []).append(at)
    return [
        LaneSpec(f"kind:{KINDS[code].value}", KINDS[code].label, groups[code])
        for code in sorted(groups)
    ]


def single_lane(index: EventIndex) -> list[LaneSpec]:
    if not len(index):
        return []
    return [LaneSpec("none", translate("timeline", "All events"), list(range(len(index))))]


def lane_specs(
    session: Session,
    index: EventIndex,
    grouping: LaneGrouping,
    flt: EventFilter | None = None,
    lang: str = "en",
) -> list[LaneSpec]:
    """The lanes of ``grouping`` for the events of ``index`` (read with ``flt``), in order."""
    if grouping is LaneGrouping.ACTOR:
        return actor_lanes(session, index, flt)
    if grouping is LaneGrouping.COUNTRY:
        return country_lanes(session, index, flt, lang)
    if grouping is LaneGrouping.TRIP:
        return trip_lanes(session, index)
    if grouping is LaneGrouping.KIND:
        return kind_lanes(index)
    return single_lane(index)
