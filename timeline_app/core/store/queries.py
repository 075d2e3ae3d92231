"""Reading the store: SQL in, plain records out. Every function takes an open session."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    exists,
    func,
    intersect,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.models import (
    Actor,
    ActorAlias,
    Event,
    EventChange,
    EventPlace,
    EventSource,
    EventTag,
    Participation,
    Place,
    PlaceAlias,
    Relation,
    Source,
    StoredView,
    Tag,
    Trip,
)
from timeline_app.core.records import (
    ActorInfo,
    ActorRole,
    Alias,
    ChangeRecord,
    EventDetail,
    EventRow,
    PlaceInfo,
    RelatedEvent,
    RelationLink,
    SourceInfo,
    SourceRef,
    TripInfo,
    TripLeg,
)
from timeline_app.core.search import index as search_index
from timeline_app.core.search import text as search_text
from timeline_app.core.search.synonyms import Combined, Synonyms, country_synonyms
from timeline_app.core.search.text import Expander
from timeline_app.core.store.errors import NotFoundError
from timeline_app.core.store.time_order import Order, TimeOrder, applies
from timeline_app.core.views import SavedView
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status


@lru_cache(maxsize=65536)
def stored_date(value: str, qualifier: str) -> UncertainDate:
    """An UncertainDate from its stored columns (cached: many events share their dates)."""
    return UncertainDate.from_stored(value, qualifier)


# Enum lookups by value, without the cost of calling the enum class for each row.
KINDS = {member.value: member for member in Kind}
STATUSES = {member.value: member for member in Status}
ROLES = {member.value: member for member in Role}


def optional_date(value: str | None, qualifier: str | None) -> UncertainDate | None:
    if value is None:
        return None
    return stored_date(value, qualifier or Qualifier.EXACT.value)


def span_end() -> ColumnElement[Any]:
    """The last possible day of an event: its end's, or its start's when it has no end."""
    return func.coalesce(Event.end_latest, Event.start_latest)


def time_order() -> tuple[Any, ...]:
    return (Event.start_earliest, span_end(), Event.id)


def name_synonyms(session: Session) -> Combined:
    """The other spellings search words are widened to: actors' and places' aliases (read now,
    so a new alias counts at once) and countries' English and French names.

    A person's or a place's names are spellings of one another (their words correspond); an
    organisation's are different names (only a one-word name, "EBRD", stands for the others).
    Reading the names is one quick query; folding them into :class:`Synonyms` is done again
    only when they changed.
    """
    connection = session.connection()  # Core: plain rows, no ORM work per row
    actors = tuple(
        tuple(row)
        for row in connection.execute(
            select(Actor.id, Actor.kind, Actor.name, ActorAlias.name)
            .join(ActorAlias, ActorAlias.actor_id == Actor.id)
            .order_by(Actor.id, ActorAlias.id)
        )
    )
    places = tuple(
        tuple(row)
        for row in connection.execute(
            select(Place.id, Place.locality, PlaceAlias.name)
            .join(PlaceAlias, PlaceAlias.place_id == Place.id)
            .order_by(Place.id, PlaceAlias.id)
        )
    )
    return _name_synonyms(actors, places)


@lru_cache(maxsize=4)
def _name_synonyms(
    actors: tuple[tuple[Any, ...], ...], places: tuple[tuple[Any, ...], ...]
) -> Combined:
    spellings: dict[tuple[str, int], list[str]] = defaultdict(list)
    names: dict[int, list[str]] = defaultdict(list)
    for actor_id, kind, name, alias in actors:
        group = spellings[("actor", actor_id)] if kind == ActorKind.PERSON else names[actor_id]
        group.extend((name, alias))
    for place_id, locality, alias in places:
        spellings[("place", place_id)].extend((locality, alias))
    return Combined(
        (
            Synonyms.from_groups(spellings.values()),
            Synonyms.from_groups(names.values(), aligned=False),
            country_synonyms(),
        )
    )


def filter_conditions(
    flt: EventFilter | None, session: Session | None = None
) -> list[ColumnElement[bool]]:
    """SQL conditions for an EventFilter (see its docs for what each field means).

    Pass the ``session`` whenever there is one: the search text is then widened to the other
    spellings of actors' and places' names (without it, only countries' names are).

    The search text, actors, countries and tags each give a set of event ids (found through
    the search index, or through the few matching actors, places or tags and the indexes that
    lead from them to their events), rather than a test of every event. When several are given,
    their sets are intersected first (``INTERSECT``), so that only the events in all of them
    are looked up: SQLite would otherwise look up every event of the first set and test it
    against the others.
    """
    if flt is None:
        return []
    return _conditions(_id_sets(flt, session), _column_conditions(flt))


def _conditions(
    id_sets: list[Select[Any]], columns: list[ColumnElement[bool]]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if len(id_sets) == 1:
        conditions.append(Event.id.in_(id_sets[0]))
    elif id_sets:
        conditions.append(Event.id.in_(intersect(*id_sets)))
    return conditions + columns


def _column_conditions(flt: EventFilter) -> list[ColumnElement[bool]]:
    """The conditions on the event's own columns (dates, kind, status) and on its sources."""
    conditions: list[ColumnElement[bool]] = []
    if flt.date_from is not None:
        conditions.append(span_end() >= flt.date_from)
    if flt.date_to is not None:
        conditions.append(Event.start_earliest <= flt.date_to)
    if flt.kinds:
        conditions.append(Event.kind.in_(sorted(kind.value for kind in flt.kinds)))
    if flt.statuses:
        conditions.append(Event.status.in_(sorted(status.value for status in flt.statuses)))
    if flt.has_sources is not None:
        # Events with sources are most of them: tested one by one (EXISTS), whatever finds the
        # others. Without: tested against the index of event_source's primary key as it is.
        conditions.append(
            exists().where(EventSource.event_id == Event.id)
            if flt.has_sources
            else Event.id.not_in(select(EventSource.event_id))
        )
    return conditions


def _id_sets(flt: EventFilter, session: Session | None) -> list[Select[Any]]:
    """The sets of event ids the text, actors, countries and tags of a filter allow."""
    sets: list[Select[Any]] = []
    if flt.text:
        synonyms = name_synonyms(session) if session is not None else country_synonyms()
        matching = search_index.matching_ids(flt.text, synonyms)
        if matching is not None:
            sets.append(matching)
    if flt.actors:
        matches = [
            or_(
                Actor.name.icontains(text, autoescape=True),
                Actor.id.in_(
                    select(ActorAlias.actor_id).where(
                        ActorAlias.name.icontains(text, autoescape=True)
                    )
                ),
            )
            for text in flt.actors
            if text.strip()
        ]
        if matches:
            actor_ids = select(Actor.id).where(or_(*matches))
            sets.append(select(Participation.event_id).where(Participation.actor_id.in_(actor_ids)))
    if flt.countries:
        codes = sorted({code.strip().upper() for code in flt.countries})
        in_places = select(EventPlace.event_id).where(
            EventPlace.place_id.in_(select(Place.id).where(Place.country_code.in_(codes)))
        )
        with_people = select(Participation.event_id).where(
            Participation.actor_id.in_(select(Actor.id).where(Actor.country_code.in_(codes)))
        )
        # UNION ALL: IN and INTERSECT keep each id once anyway. As a subquery, since SQLite
        # takes no compound query inside another one.
        either = in_places.union_all(with_people).subquery()
        sets.append(select(either.c.event_id))
    if flt.tags:
        names = [tag.strip().casefold() for tag in flt.tags if tag.strip()]
        tag_ids = select(Tag.id).where(func.lower(Tag.name).in_(names))
        sets.append(select(EventTag.event_id).where(EventTag.tag_id.in_(tag_ids)))
    return sets


def search_ids(session: Session, text: str, synonyms: Expander | None = None) -> set[int]:
    """The ids of the events a search for ``text`` finds, in no order and under no other filter:
    what a view that already holds its events needs to mark the matches. Only the search index
    is read, through the DB-API cursor (bare ids need no SQLAlchemy rows), so it costs a
    fraction of :func:`event_ids` for a broad search. ``synonyms`` (:func:`name_synonyms`) may
    be passed by a caller that keeps them; empty when the text holds no word."""
    expression = search_text.match_expression(
        text, synonyms if synonyms is not None else name_synonyms(session)
    )
    if expression is None:
        return set()
    table = search_index.INDEX_TABLE
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,))
        return {row[0] for row in cursor.fetchall()}
    finally:
        cursor.close()


def filtered_ids(flt: EventFilter | None, session: Session | None = None) -> Select[Any]:
    return select(Event.id).where(and_(True, *filter_conditions(flt, session)))


class SortField(StrEnum):
    """The orders a list of events can be sorted in (the table's columns)."""

    START = "start"
    END = "end"
    TITLE = "title"
    KIND = "kind"
    STATUS = "status"
    ACTORS = "actors"
    PLACES = "places"


def _first_actor() -> Any:
    return (
        select(func.lower(Actor.name))
        .join(Participation, Participation.actor_id == Actor.id)
        .where(Participation.event_id == Event.id)
        .order_by(Participation.position, Participation.id)
        .limit(1)
        .scalar_subquery()
    )


def _first_place() -> Any:
    return (
        select(func.lower(Place.locality))
        .join(EventPlace, EventPlace.place_id == Place.id)
        .where(EventPlace.event_id == Event.id)
        .order_by(EventPlace.position)
        .limit(1)
        .scalar_subquery()
    )


def event_ids(
    session: Session,
    flt: EventFilter | None = None,
    order: SortField = SortField.START,
    *,
    descending: bool = False,
    time_order: TimeOrder | None = None,
) -> list[int]:
    """The ids of the filtered events in the given order: cheap even for a million events.

    With ``time_order`` (the store's, kept between calls), the default order (``START``) is
    not sorted in SQL: the ids the filter lets through are found in no order, then sorted by
    each event's place in the kept order of all events, which is the same order (SQLite only:
    the counters that keep it right are SQLite triggers).
    """
    connection = session.connection()
    if order is SortField.START and time_order is not None and applies(connection):
        kept = time_order.order(connection)
        found = matching_ids(session, flt, time_order, kept)
        if found is None:
            return list(reversed(kept.ids) if descending else kept.ids)
        return kept.sort(found, descending=descending)
    keys: tuple[Any, ...] = {
        SortField.START: (Event.start_earliest, span_end()),
        SortField.END: (span_end(), Event.start_earliest),
        SortField.TITLE: (func.lower(Event.title),),
        SortField.KIND: (Event.kind, Event.start_earliest),
        SortField.STATUS: (Event.status, Event.start_earliest),
        SortField.ACTORS: (_first_actor(), Event.start_earliest),
        SortField.PLACES: (_first_place(), Event.start_earliest),
    }[order]
    ordering = [key.desc() if descending else key for key in (*keys, Event.id)]
    stmt = select(Event.id).where(*filter_conditions(flt, session)).order_by(*ordering)
    # Through Core: tens of thousands of bare ids need no ORM work per row.
    return list(connection.scalars(stmt))


def matching_ids(
    session: Session, flt: EventFilter | None, time_order: TimeOrder, order: Order
) -> Iterable[int] | None:
    """The ids of the events ``flt`` lets through, in no order; None when it lets all through.

    Only the indexes are read where that is enough: a filter by text, actors, countries or tags
    gives the ids of its sets (intersected) without looking up any event; "has sources" (or
    not) takes or leaves out the events ``time_order`` knows to have sources; only dates, kinds
    and statuses are tested on the events' rows.
    """
    if flt is None or flt.is_empty:
        return None
    connection = session.connection()
    found: Iterable[int] | None = None
    rest = replace(flt, has_sources=None)  # "has sources" is worked out below
    if not rest.is_empty:
        id_sets = _id_sets(flt, session)
        columns = _column_conditions(rest)
        if columns:
            found = _id_list(connection, select(Event.id).where(*_conditions(id_sets, columns)))
        elif id_sets:
            found = _id_list(connection, id_sets[0] if len(id_sets) == 1 else intersect(*id_sets))
    if flt.has_sources is None:
        return found  # None: a search text with no word in it
    with_sources = time_order.with_sources(connection)
    if found is None:
        if flt.has_sources:
            return with_sources
        return [event_id for event_id in order.ids if event_id not in with_sources]
    return [event_id for event_id in found if (event_id in with_sources) is flt.has_sources]


def _id_list(connection: Connection, stmt: Select[Any] | CompoundSelect[Any]) -> list[int]:
    """The ids ``stmt`` selects (one column), in no order.

    They come back as one JSON array built by SQLite: tens of thousands of ids cost half as
    much that way as one row each (SQLite may put them in any order, which is why this is for
    sets of ids only)."""
    found = stmt.subquery()
    listed = connection.scalar(select(func.json_group_array(next(iter(found.c)))))
    return json.loads(listed) if listed else []


#: Up to this many events, their actors and places are read by id rather than by the filter.
SCOPE_BY_IDS = 2000


def event_rows(
    session: Session, flt: EventFilter | None = None, ids: Sequence[int] | None = None
) -> list[EventRow]:
    """Events in time order, with their actors and places, filtered."""
    conditions = filter_conditions(flt, session)
    if ids is not None:
        conditions.append(Event.id.in_(list(ids)))
    stmt = (
        select(
            Event.id,
            Event.title,
            Event.kind,
            Event.status,
            Event.start_value,
            Event.start_qualifier,
            Event.end_value,
            Event.end_qualifier,
            Event.trip_id,
        )
        .where(*conditions)
        .order_by(*time_order())
    )
    rows = session.execute(stmt).all()
    if not rows:
        return []
    # The events found, by id when they are few: the filter (a full-text search...) is not run
    # again for their actors and places.
    scope: Select[Any] | list[int] | None = None
    if conditions:
        scope = (
            [row.id for row in rows]
            if len(rows) <= SCOPE_BY_IDS
            else select(Event.id).where(*conditions)
        )
    actors = _actors_by_event(session, scope)
    places = _places_by_event(session, scope)
    return [
        EventRow(
            id=row.id,
            title=row.title,
            kind=KINDS[row.kind],
            status=STATUSES[row.status],
            start=stored_date(row.start_value, row.start_qualifier),
            end=optional_date(row.end_value, row.end_qualifier),
            trip_id=row.trip_id,
            actors=tuple(actors.get(row.id, ())),
            places=tuple(places.get(row.id, ())),
        )
        for row in rows
    ]


def _actors_by_event(
    session: Session, scope: Select[Any] | list[int] | None
) -> dict[int, list[ActorRole]]:
    stmt = select(
        Participation.event_id, Actor.id, Actor.name, Participation.role, Actor.title
    ).join(Actor, Actor.id == Participation.actor_id)
    if scope is not None:
        stmt = stmt.where(Participation.event_id.in_(scope))
    stmt = stmt.order_by(Participation.event_id, Participation.position, Participation.id)
    result: dict[int, list[ActorRole]] = defaultdict(list)
    for event_id, actor_id, name, role, title in session.execute(stmt):
        result[event_id].append(ActorRole(actor_id, name, ROLES[role], title))
    return result


def _places_by_event(
    session: Session, scope: Select[Any] | list[int] | None
) -> dict[int, list[PlaceInfo]]:
    stmt = select(EventPlace.event_id, Place.id, Place.locality, Place.country_code).join(
        Place, Place.id == EventPlace.place_id
    )
    if scope is not None:
        stmt = stmt.where(EventPlace.event_id.in_(scope))
    stmt = stmt.order_by(EventPlace.event_id, EventPlace.position)
    result: dict[int, list[PlaceInfo]] = defaultdict(list)
    cache: dict[int, PlaceInfo] = {}
    for event_id, place_id, locality, country in session.execute(stmt):
        info = cache.get(place_id)
        if info is None:
            info = cache[place_id] = PlaceInfo(locality=locality, country_code=country, id=place_id)
        result[event_id].append(info)
    return result


def event_row(session: Session, event_id: int) -> EventRow:
    rows = event_rows(session, ids=[event_id])
    if not rows:
        raise NotFoundError("event", event_id)
    return rows[0]


def event_detail(session: Session, event_id: int) -> EventDetail:
    """One event with everything linked to it."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError("event", event_id)
    row = event_row(session, event_id)
    participants = tuple(
        ActorRole(part.actor_id, name, Role(part.role), title)
        for part, name, title in session.execute(
            select(Participation, Actor.name, Actor.title)
            .join(Actor, Actor.id == Participation.actor_id)
            .where(Participation.event_id == event_id)
            .order_by(Participation.position, Participation.id)
        )
    )
    sources = tuple(
        SourceRef(source_info(source), link.note)
        for link, source in session.execute(
            select(EventSource, Source)
            .join(Source, Source.id == EventSource.source_id)
            .where(EventSource.event_id == event_id)
            .order_by(EventSource.position)
        )
    )
    tags = tuple(
        session.scalars(
            select(Tag.name)
            .join(EventTag, EventTag.tag_id == Tag.id)
            .where(EventTag.event_id == event_id)
            .order_by(func.lower(Tag.name))
        )
    )
    outgoing = session.execute(
        select(Relation.type, Relation.to_event_id)
        .where(Relation.from_event_id == event_id)
        .order_by(Relation.id)
    ).all()
    incoming = session.execute(
        select(Relation.type, Relation.from_event_id)
        .where(Relation.to_event_id == event_id)
        .order_by(Relation.id)
    ).all()
    others = {other for _, other in (*outgoing, *incoming)}
    heads = _event_heads(session, others)
    related = tuple(
        RelatedEvent(RelationType(kind), is_out, other, heads[other][0], heads[other][1])
        for is_out, links in ((True, outgoing), (False, incoming))
        for kind, other in links
        if other in heads
    )
    related = tuple(sorted(related, key=lambda rel: (rel.start.sort_key(), rel.event_id)))
    trip = session.get(Trip, event.trip_id) if event.trip_id is not None else None
    legs: tuple[TripLeg, ...] = ()
    if trip is not None:
        legs = tuple(
            TripLeg(
                leg.id,
                leg.title,
                stored_date(leg.start_value, leg.start_qualifier),
                optional_date(leg.end_value, leg.end_qualifier),
            )
            for leg in session.execute(
                select(
                    Event.id,
                    Event.title,
                    Event.start_value,
                    Event.start_qualifier,
                    Event.end_value,
                    Event.end_qualifier,
                )
                .where(Event.trip_id == trip.id)
                .order_by(*time_order())
            )
        )
    return EventDetail(
        row=row,
        summary=event.summary,
        participants=participants,
        sources=sources,
        tags=tags,
        related=related,
        trip=TripInfo(title=trip.title, summary=trip.summary, id=trip.id) if trip else None,
        legs=legs,
        created_at=event.created_at,
        updated_at=event.updated_at,
        version=event.version,
        relations=tuple(RelationLink(RelationType(kind), other) for kind, other in outgoing),
    )


def _event_heads(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, UncertainDate]]:
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Event.id, Event.title, Event.start_value, Event.start_qualifier).where(
            Event.id.in_(wanted)
        )
    )
    return {row.id: (row.title, stored_date(row.start_value, row.start_qualifier)) for row in rows}


def event_version(session: Session, event_id: int) -> int:
    version = session.scalar(select(Event.version).where(Event.id == event_id))
    if version is None:
        raise NotFoundError("event", event_id)
    return version


def has_events(session: Session) -> bool:
    """Whether the timeline holds any event at all (one index lookup, whatever its size).
    Through the table (see :func:`newest_change_id`)."""
    return session.scalar(select(Event.__table__.c.id).limit(1)) is not None


def count_events(
    session: Session, flt: EventFilter | None = None, time_order: TimeOrder | None = None
) -> int:
    """How many events ``flt`` keeps; all of them are counted in the kept time order, when
    there is one (see :func:`event_ids`)."""
    connection = session.connection()
    empty = flt is None or flt.is_empty
    if empty and time_order is not None and applies(connection):
        return len(time_order.order(connection).ids)
    stmt = select(func.count()).select_from(Event).where(*filter_conditions(flt, session))
    return int(session.scalar(stmt) or 0)


def next_id(session: Session, model: type[Event] | type[Trip]) -> int:
    """The id SQLite would give the next new row of ``model``: past its largest id, and past
    every id its ``AUTOINCREMENT`` counter ever gave (the ids of deleted rows), for code that
    writes many rows under ids it chooses itself (imports)."""
    table = model.__tablename__
    largest = session.scalar(select(func.max(model.id))) or 0
    given = session.scalar(
        text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table}
    )
    return max(largest, int(given or 0)) + 1


# -- linked things -------------------------------------------------------------------------------


def _aliases_by(
    session: Session, model: type[ActorAlias] | type[PlaceAlias]
) -> dict[int, list[Alias]]:
    owner = model.actor_id if model is ActorAlias else model.place_id  # type: ignore[union-attr]
    result: dict[int, list[Alias]] = defaultdict(list)
    for owner_id, name, language in session.execute(
        select(owner, model.name, model.language).order_by(model.id)
    ):
        result[owner_id].append(Alias(name, language))
    return result


def actor_info(actor: Actor, aliases: Iterable[Alias] = ()) -> ActorInfo:
    return ActorInfo(
        name=actor.name,
        kind=ActorKind(actor.kind),
        title=actor.title,
        country_code=actor.country_code,
        aliases=tuple(aliases),
        id=actor.id,
    )


def actors(session: Session) -> list[ActorInfo]:
    aliases = _aliases_by(session, ActorAlias)
    return [
        actor_info(actor, aliases.get(actor.id, ()))
        for actor in session.scalars(select(Actor).order_by(func.lower(Actor.name)))
    ]


def actor(session: Session, actor_id: int) -> ActorInfo:
    found = session.get(Actor, actor_id)
    if found is None:
        raise NotFoundError("actor", actor_id)
    aliases = session.scalars(
        select(ActorAlias).where(ActorAlias.actor_id == actor_id).order_by(ActorAlias.id)
    )
    return actor_info(found, (Alias(a.name, a.language) for a in aliases))


def place_info(place: Place, aliases: Iterable[Alias] = ()) -> PlaceInfo:
    return PlaceInfo(
        locality=place.locality,
        country_code=place.country_code,
        aliases=tuple(aliases),
        id=place.id,
    )


def places(session: Session) -> list[PlaceInfo]:
    aliases = _aliases_by(session, PlaceAlias)
    return [
        place_info(place, aliases.get(place.id, ()))
        for place in session.scalars(
            select(Place).order_by(Place.country_code, func.lower(Place.locality))
        )
    ]


def place(session: Session, place_id: int) -> PlaceInfo:
    found = session.get(Place, place_id)
    if found is None:
        raise NotFoundError("place", place_id)
    aliases = session.scalars(
        select(PlaceAlias).where(PlaceAlias.place_id == place_id).order_by(PlaceAlias.id)
    )
    return place_info(found, (Alias(a.name, a.language) for a in aliases))


def source_info(source: Source) -> SourceInfo:
    return SourceInfo(
        url=source.url,
        outlet=source.outlet,
        title=source.title,
        language=source.language,
        published=source.published,
        id=source.id,
    )


def sources(session: Session) -> list[SourceInfo]:
    return [source_info(s) for s in session.scalars(select(Source).order_by(Source.id))]


def source(session: Session, source_id: int) -> SourceInfo:
    found = session.get(Source, source_id)
    if found is None:
        raise NotFoundError("source", source_id)
    return source_info(found)


def trips(session: Session) -> list[TripInfo]:
    return [
        TripInfo(title=trip.title, summary=trip.summary, id=trip.id)
        for trip in session.scalars(select(Trip).order_by(func.lower(Trip.title)))
    ]


def trip(session: Session, trip_id: int) -> TripInfo:
    found = session.get(Trip, trip_id)
    if found is None:
        raise NotFoundError("trip", trip_id)
    return TripInfo(title=found.title, summary=found.summary, id=found.id)


def tags(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))


# -- saved views ---------------------------------------------------------------------------------


def _saved_view(row: StoredView) -> SavedView:
    view = SavedView.loads(row.definition)
    return SavedView(name=row.name, filter=view.filter, lanes=view.lanes, zoom=view.zoom)


def saved_views(session: Session) -> list[SavedView]:
    """Every saved view, by name (any case)."""
    rows = session.scalars(select(StoredView).order_by(func.lower(StoredView.name)))
    return [_saved_view(row) for row in rows]


def saved_view(session: Session, name: str) -> SavedView:
    row = session.scalar(select(StoredView).where(StoredView.name == " ".join(name.split())))
    if row is None:
        raise NotFoundError("saved view", name)
    return _saved_view(row)


# -- history -------------------------------------------------------------------------------------


def _change_record(change: EventChange) -> ChangeRecord:
    return ChangeRecord(
        id=change.id,
        at=change.at,
        event_id=change.event_id,
        action=change.action,
        before=json.loads(change.before) if change.before else None,
        after=json.loads(change.after) if change.after else None,
    )


def history(
    session: Session, event_id: int | None = None, limit: int | None = None
) -> list[ChangeRecord]:
    """Changes, newest first; for one event or for all."""
    stmt = select(EventChange).order_by(EventChange.id.desc())
    if event_id is not None:
        stmt = stmt.where(EventChange.event_id == event_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_change_record(change) for change in session.scalars(stmt)]


def newest_change_id(session: Session) -> int:
    """The id of the newest change recorded (0: none). Through the table's columns, as the
    other queries a window makes before its first frame: the first use of a model's attributes
    sets up every mapper (about 30 ms), which can then wait until after that frame."""
    found = session.scalar(select(func.max(EventChange.__table__.c.id)))
    return int(found or 0)


def change(session: Session, change_id: int) -> ChangeRecord:
    found = session.get(EventChange, change_id)
    if found is None:
        raise NotFoundError("change", change_id)
    return _change_record(found)


def deleted_events(session: Session) -> list[ChangeRecord]:
    """The last deletion of each event that does not exist any more, newest first."""
    latest = (
        select(func.max(EventChange.id))
        .where(EventChange.action == "delete")
        .group_by(EventChange.event_id)
    )
    stmt = (
        select(EventChange)
        .where(EventChange.id.in_(latest))
        .where(~exists().where(Event.id == EventChange.event_id))
        .order_by(EventChange.id.desc())
    )
    return [_change_record(change) for change in session.scalars(stmt)]
