"""The database schema, as SQLAlchemy 2 typed ORM classes.

Integrity lives in the database as well as in Python: foreign keys, CHECK constraints on every
closed vocabulary and on date order, and uniqueness where duplicates would be wrong. The
migrations in ``db/migrations`` create exactly this schema (a test compares them).

The tables whose ids the change history and undo refer to (event, actor, place, source, trip)
use ``AUTOINCREMENT`` (``sqlite_autoincrement``): SQLite then never gives a new row the id of a
deleted one, so a new event cannot inherit a deleted event's history (migration 0005).

Uncertain dates are stored as their ISO form (``2023``, ``2023-04``, ``2023-04-05``), their
qualifier, and the earliest and latest possible day, which ranges and ordering use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from timeline_app.core.dates import Qualifier
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC now: SQLite keeps no time zone, so every timestamp is UTC by convention."""
    return datetime.now(UTC).replace(tzinfo=None)


def one_of(
    column: str, values: type[Kind | Status | Role | RelationType | ActorKind | Qualifier]
) -> str:
    listed = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({listed})"


ISO_DATE_CHECK = (
    "{col} GLOB '[0-9][0-9][0-9][0-9]' OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'"
    " OR {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Country(Base):
    __tablename__ = "country"
    __table_args__ = (CheckConstraint("length(code) = 2 AND code = upper(code)", name="code"),)

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_fr: Mapped[str] = mapped_column(String(200))


class Trip(Base):
    """A multi-leg journey; its legs are the events that point to it."""

    __tablename__ = "trip"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[Event]] = relationship(back_populates="trip")


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint(one_of("kind", Kind), name="kind_known"),
        CheckConstraint(one_of("status", Status), name="status_known"),
        CheckConstraint(ISO_DATE_CHECK.format(col="start_value"), name="start_value_iso"),
        CheckConstraint(one_of("start_qualifier", Qualifier), name="start_qualifier_known"),
        CheckConstraint("start_latest >= start_earliest", name="start_bounds_ordered"),
        CheckConstraint(
            "(end_value IS NULL AND end_qualifier IS NULL AND end_earliest IS NULL"
            " AND end_latest IS NULL) OR (end_value IS NOT NULL AND end_qualifier IS NOT NULL"
            " AND end_earliest IS NOT NULL AND end_latest IS NOT NULL)",
            name="end_complete",
        ),
        CheckConstraint(
            "end_value IS NULL OR " + ISO_DATE_CHECK.format(col="end_value"), name="end_value_iso"
        ),
        CheckConstraint(
            "end_qualifier IS NULL OR " + one_of("end_qualifier", Qualifier),
            name="end_qualifier_known",
        ),
        CheckConstraint(
            "end_latest IS NULL OR end_latest >= start_earliest", name="end_not_before_start"
        ),
        CheckConstraint("version >= 1", name="version_positive"),
        Index("ix_event_span", "start_earliest", "end_latest"),
        # Covers listing ids in time order with the kind, status and date filters (migration
        # 0004): no row of the (wide) event table is read for them.
        Index("ix_event_listing", "start_earliest", "end_latest", "start_latest", "kind", "status"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    start_value: Mapped[str] = mapped_column(String(10))
    start_qualifier: Mapped[str] = mapped_column(String(8), default=Qualifier.EXACT.value)
    start_earliest: Mapped[date] = mapped_column(Date)
    start_latest: Mapped[date] = mapped_column(Date)
    end_value: Mapped[str | None] = mapped_column(String(10))
    end_qualifier: Mapped[str | None] = mapped_column(String(8))
    end_earliest: Mapped[date | None] = mapped_column(Date)
    end_latest: Mapped[date | None] = mapped_column(Date)
    trip_id: Mapped[int | None] = mapped_column(
        ForeignKey("trip.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    trip: Mapped[Trip | None] = relationship(back_populates="events")
    places: Mapped[list[EventPlace]] = relationship(
        cascade="all, delete-orphan", order_by="EventPlace.position", passive_deletes=True
    )
    participations: Mapped[list[Participation]] = relationship(
        cascade="all, delete-orphan", order_by="Participation.position", passive_deletes=True
    )
    sources: Mapped[list[EventSource]] = relationship(
        cascade="all, delete-orphan", order_by="EventSource.position", passive_deletes=True
    )
    tags: Mapped[list[EventTag]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    relations_out: Mapped[list[Relation]] = relationship(
        foreign_keys="Relation.from_event_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Relation.id",
    )


class Actor(Base):
    """A person, an organisation or a state."""

    __tablename__ = "actor"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint(one_of("kind", ActorKind), name="kind_known"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=ActorKind.PERSON.value)
    title: Mapped[str] = mapped_column(String(300), default="")
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"), index=True)

    aliases: Mapped[list[ActorAlias]] = relationship(
        cascade="all, delete-orphan", order_by="ActorAlias.id", passive_deletes=True
    )


class ActorAlias(Base):
    """Another spelling or language form of an actor's name (Loukachenko, Lukashenka)."""

    __tablename__ = "actor_alias"
    __table_args__ = (
        UniqueConstraint("actor_id", "name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    language: Mapped[str] = mapped_column(String(8), default="")


class Place(Base):
    """A locality in a country; the locality may be empty (the country as a whole)."""

    __tablename__ = "place"
    __table_args__ = (UniqueConstraint("locality", "country_code"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    locality: Mapped[str] = mapped_column(String(300), default="")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)

    country: Mapped[Country] = relationship()
    aliases: Mapped[list[PlaceAlias]] = relationship(
        cascade="all, delete-orphan", order_by="PlaceAlias.id", passive_deletes=True
    )


class PlaceAlias(Base):
    """Another name of a place (Pékin for Beijing, Canton for Guangzhou)."""

    __tablename__ = "place_alias"
    __table_args__ = (
        UniqueConstraint("place_id", "name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(8), default="")


class EventPlace(Base):
    __tablename__ = "event_place"
    # The events of some places (the country filter) from the index alone (migration 0005).
    __table_args__ = (Index("ix_event_place_place_id_event_id", "place_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("place.id", ondelete="RESTRICT"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    place: Mapped[Place] = relationship()


class Participation(Base):
    """An actor's part in an event: visitor, host, participant or author."""

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id", "role"),
        CheckConstraint(one_of("role", Role), name="role_known"),
        # The events of some actors (actor and country filters) from the index alone (0005).
        Index("ix_participation_actor_id_event_id", "actor_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)

    actor: Mapped[Actor] = relationship()


class Source(Base):
    """A published document behind a fact: an article, a communiqué, a dataset."""

    __tablename__ = "source"
    __table_args__ = (
        CheckConstraint("url LIKE 'http://_%' OR url LIKE 'https://_%'", name="url_http"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    outlet: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(1000), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    published: Mapped[date | None] = mapped_column(Date)


class EventSource(Base):
    __tablename__ = "event_source"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    source: Mapped[Source] = relationship()


class Relation(Base):
    """A typed link from one event to another: E6 announces E7."""

    __tablename__ = "relation"
    __table_args__ = (
        UniqueConstraint("from_event_id", "to_event_id", "type"),
        CheckConstraint(one_of("type", RelationType), name="type_known"),
        CheckConstraint("from_event_id <> to_event_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    to_event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16))


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)


class EventTag(Base):
    __tablename__ = "event_tag"
    # The events of some tags (the tag filter) from the index alone (migration 0005).
    __table_args__ = (Index("ix_event_tag_tag_id_event_id", "tag_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)

    tag: Mapped[Tag] = relationship()


class ExternalRecord(Base):
    """Where an imported event came from: a dataset and the record's id in it.

    Importing the same record again updates its event instead of adding a duplicate. Datasets
    are named by the importer (``historian:trips``, ``historian:visits``, ``ics:<UID>``...),
    since two datasets may reuse the same record numbers.
    """

    __tablename__ = "external_record"
    __table_args__ = (
        UniqueConstraint("dataset", "record_id"),
        CheckConstraint("length(dataset) > 0 AND length(record_id) > 0", name="not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    dataset: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(200))


class EventChange(Base):
    """One change to an event, kept for the history pane and for restoring deleted events.

    ``before`` and ``after`` hold the event's full record as JSON (the native export form), empty
    for a creation or a deletion respectively. ``event_id`` is not a foreign key: the history of
    a deleted event outlives it.
    """

    __tablename__ = "event_change"
    __table_args__ = (
        CheckConstraint("action IN ('create', 'update', 'delete')", name="action_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    event_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(8))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class StoredView(Base):
    """A saved view: a name for a filter, a lane grouping and a zoom, restored in one step.

    ``definition`` holds the view as JSON (``core.views.SavedView``); names are unique in any
    case, so the views menu never lists two that look the same.
    """

    __tablename__ = "saved_view"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    definition: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EventGeneration(Base):
    """Counters that move when the events' time order or their sources change.

    ``dates`` moves whenever an event is added, removed or given other dates; ``sources``
    whenever an event gains or loses a source. Triggers (migration 0006) raise them in the same
    transaction as the change, whoever makes it: a reader that keeps the events' time order and
    which events have sources in memory (``core.store.time_order``) compares the values it read
    them at with the current ones, within its own read transaction, and reads them again only
    when they differ. Restoring a backup sets new random values (``core.restore``), since the
    backup may have reached the same counts by other changes.

    ``timeline`` (migration 0007) takes a new random value with any change a timeline draws:
    the timeline kept between runs (``core.timeline_cache``) is taken only at the value
    it was read at.
    """

    __tablename__ = "event_generation"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dates: Mapped[int] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer)
    timeline: Mapped[int] = mapped_column(Integer, server_default="0")
