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

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
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


def _group_columns(
    index: EventIndex, event_ids: Sequence[int], keys: Sequence[int]
) -> tuple[dict[Any, list[int]], bytearray]:
    """:func:`_group` of the pairs given column by column: without Python code per pair when
    they are sorted by key and their events are all in the index (the early read's)."""
    lookup = index.lookup_table()
    positions = (
        list(map(lookup.__getitem__, event_ids))
        if event_ids and min(event_ids) >= 0 and max(event_ids) < len(lookup)
        else [-1]
    )
    key_list = list(keys)
    if min(positions) < 0 or key_list != sorted(key_list):
        return _group(index, zip(event_ids, keys, strict=True))
    groups: dict[Any, list[int]] = {}
    start = 0
    for key, count in Counter(key_list).items():  # in the keys' (sorted) order
        groups[key] = positions[start : start + count]
        start += count
    covered = bytearray(len(index))
    for position in positions:
        covered[position] = 1
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


def actor_lanes(
    session: Session,
    index: EventIndex,
    flt: EventFilter | None,
    pairs: tuple[Sequence[int], Sequence[int]] | None = None,
) -> list[LaneSpec]:
    """The actors' lanes; ``pairs``: the event ids and actor ids of :func:`actor_pairs`, when
    they were read already (``core.early_read``)."""
    if pairs is None:
        groups, covered = _group(index, _rows(session, actor_pairs(session, flt)))
    else:
        groups, covered = _group_columns(index, *pairs)
    names = _labels(session, select(Actor.id, Actor.name))
    return _finish("actor", groups, names, covered, _missing_label("actor"))


def actor_pairs(
    session: Session, flt: EventFilter | None, event_ids: Collection[int] | None = None
) -> Any:
    """The query of each event's (event id, actor id) pairs: its visitors, else its authors and
    participants, else its hosts (of the events ``flt`` keeps, or of ``event_ids``)."""
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
        .where(*([] if event_ids is None else [Participation.event_id.in_(list(event_ids))]))
        .group_by(Participation.event_id)
        .subquery()
    )
    return (
        select(Participation.event_id, Participation.actor_id)
        .join(best, best.c.event_id == Participation.event_id)
        .where(rank == best.c.best)
    )


def country_pairs(
    session: Session, flt: EventFilter | None, event_ids: Collection[int] | None = None
) -> Any:
    """The query of each event's (event id, country code) pairs, one a country (of the events
    ``flt`` keeps, or of ``event_ids``)."""
    return (
        select(EventPlace.event_id, Place.country_code)
        .join(Place, Place.id == EventPlace.place_id)
        .where(*_in_scope(EventPlace.event_id, flt, session))
        .where(*([] if event_ids is None else [EventPlace.event_id.in_(list(event_ids))]))
        .distinct()
    )


def country_lanes(
    session: Session, index: EventIndex, flt: EventFilter | None, lang: str
) -> list[LaneSpec]:
    groups, covered = _group(index, _rows(session, country_pairs(session, flt)))
    name = Country.name_fr if lang == "fr" else Country.name_en
    names = _labels(session, select(Country.code, name))
    return _finish("country", groups, names, covered, _missing_label("country"))


def trip_lanes(session: Session, index: EventIndex) -> list[LaneSpec]:
    groups: dict[Any, list[int]] = {}
    covered = bytearray(len(index))
    for at, trip in enumerate(index.trip):
        if trip:
            groups.setdefault(trip, []).append(at)
            covered[at] = 1
    titles = _labels(session, select(Trip.id, Trip.title))
    return _finish("trip", groups, titles, covered, _missing_label("trip"))


def kind_lanes(index: EventIndex) -> list[LaneSpec]:
    groups: dict[int, list[int]] = {}
    for at, code in enumerate(index.kind):
        groups.setdefault(code, []).append(at)
    return [LaneSpec(_kind_key(code), KINDS[code].label, groups[code]) for code in sorted(groups)]


def _missing_label(prefix: str) -> str:
    """The label of the lane of events without a key of the grouping ``prefix``."""
    if prefix == "actor":
        return translate("timeline", "No actor")
    if prefix == "country":
        return translate("timeline", "No place")
    return translate("timeline", "No trip")


def _single_label() -> str:
    return translate("timeline", "All events")


def translated_label(key: str) -> str | None:
    """The label of the lane ``key`` when it is a translated text (the lane of events with no
    actor, place or trip; a kind's lane; the single lane), in the interface language now;
    None for a lane named by the database (an actor, a country, a trip)."""
    prefix, _, value = key.partition(":")
    if key == "none":
        return _single_label()
    if value == NO_KEY and prefix in ("actor", "country", "trip"):
        return _missing_label(prefix)
    if prefix == "kind":
        kind = next((kind for kind in KINDS if kind.value == value), None)
        return None if kind is None else kind.label
    return None


def _kind_key(code: int) -> str:
    return f"kind:{KINDS[code].value}"


def single_lane(index: EventIndex) -> list[LaneSpec]:
    if not len(index):
        return []
    return [LaneSpec("none", _single_label(), list(range(len(index))))]


def keys_of(
    session: Session,
    grouping: LaneGrouping,
    event_ids: Collection[int],
    rows: Mapping[int, tuple[int, int]],
) -> dict[int, set[str]]:
    """The keys of the lanes that hold each of ``event_ids``, as :func:`lane_specs` names them
    (an event without a key: the last lane's); ``rows`` gives each event's kind code and trip
    (the index's columns, read again). For a few events: one query at most."""
    ids = list(event_ids)
    found: dict[int, set[str]] = {event_id: set() for event_id in ids}
    if grouping is LaneGrouping.NONE:
        return {event_id: {"none"} for event_id in ids}
    if grouping is LaneGrouping.KIND:
        return {event_id: {_kind_key(rows[event_id][0])} for event_id in ids}
    pairs: Iterable[Any]
    if grouping is LaneGrouping.TRIP:
        pairs = [(event_id, rows[event_id][1]) for event_id in ids if rows[event_id][1]]
        prefix = "trip"
    elif grouping is LaneGrouping.ACTOR:
        pairs = session.execute(actor_pairs(session, None, ids))
        prefix = "actor"
    else:
        pairs = session.execute(country_pairs(session, None, ids))
        prefix = "country"
    for event_id, key in pairs:
        found[event_id].add(f"{prefix}:{key}")
    for keys in found.values():
        if not keys:
            keys.add(f"{prefix}:{NO_KEY}")
    return found


def lane_specs(
    session: Session,
    index: EventIndex,
    grouping: LaneGrouping,
    flt: EventFilter | None = None,
    lang: str = "en",
    *,
    actor_pairs: tuple[Sequence[int], Sequence[int]] | None = None,
) -> list[LaneSpec]:
    """The lanes of ``grouping`` for the events of ``index`` (read with ``flt``), in order;
    ``actor_pairs``: see :func:`actor_lanes`."""
    if grouping is LaneGrouping.ACTOR:
        return actor_lanes(session, index, flt, actor_pairs)
    if grouping is LaneGrouping.COUNTRY:
        return country_lanes(session, index, flt, lang)
    if grouping is LaneGrouping.TRIP:
        return trip_lanes(session, index)
    if grouping is LaneGrouping.KIND:
        return kind_lanes(index)
    return single_lane(index)
