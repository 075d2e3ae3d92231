"""Plain, immutable records that the store takes and returns.

Nothing outside the store touches ORM objects or sessions: the GUI, the CLI, importers and tests
work with these frozen dataclasses, which stay valid after the session that read them is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from timeline_app.core import countries
from timeline_app.core.dates import UncertainDate, date_bounds, format_range
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status

# -- what an event is made of (the editable state) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    actor_id: int
    role: Role


@dataclass(frozen=True, slots=True)
class SourceLink:
    source_id: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class RelationLink:
    """An outgoing relation: this event ``type`` the event ``event_id`` (E6 announces E7)."""

    type: RelationType
    event_id: int


@dataclass(frozen=True, slots=True)
class EventData:
    """Everything a user can edit on an event; what create and update take."""

    title: str
    kind: Kind
    status: Status
    start: UncertainDate
    end: UncertainDate | None = None
    summary: str = ""
    trip_id: int | None = None
    place_ids: tuple[int, ...] = ()
    participants: tuple[Participant, ...] = ()
    sources: tuple[SourceLink, ...] = ()
    tags: tuple[str, ...] = ()
    relations: tuple[RelationLink, ...] = ()


# -- linked things --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class ActorData:
    name: str
    kind: ActorKind = ActorKind.PERSON
    title: str = ""
    country_code: str | None = None
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorInfo(ActorData):
    id: int = 0


@dataclass(frozen=True, slots=True)
class PlaceData:
    locality: str
    country_code: str
    aliases: tuple[Alias, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceInfo(PlaceData):
    id: int = 0

    def display(self, lang: str = "en") -> str:
        country = countries.name(self.country_code, lang)
        return f"{self.locality}, {country}" if self.locality else country


@dataclass(frozen=True, slots=True)
class SourceData:
    url: str
    outlet: str = ""
    title: str = ""
    language: str = ""
    published: date | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo(SourceData):
    id: int = 0


@dataclass(frozen=True, slots=True)
class TripData:
    title: str
    summary: str = ""


@dataclass(frozen=True, slots=True)
class TripInfo(TripData):
    id: int = 0


# -- what the store returns -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorRole:
    actor_id: int
    name: str
    role: Role
    title: str = ""


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event as a list, a table or a timeline shows it."""

    id: int
    title: str
    kind: Kind
    status: Status
    start: UncertainDate
    end: UncertainDate | None
    trip_id: int | None = None
    actors: tuple[ActorRole, ...] = ()
    places: tuple[PlaceInfo, ...] = ()

    @property
    def first_day(self) -> date:
        return date_bounds(self.start, self.end)[0]

    @property
    def last_day(self) -> date:
        return date_bounds(self.start, self.end)[1]

    def dates(self, lang: str = "en") -> str:
        return format_range(self.start, self.end, "fr" if lang == "fr" else "en")

    def actors_text(self) -> str:
        return "; ".join(f"{a.name} ({a.role.value})" for a in self.actors)

    def places_text(self, lang: str = "en") -> str:
        return "; ".join(place.display(lang) for place in self.places)

    def sort_key(self) -> tuple[int, int, int]:
        first, last = date_bounds(self.start, self.end)
        return first.toordinal(), last.toordinal(), self.id


@dataclass(frozen=True, slots=True)
class SourceRef:
    source: SourceInfo
    note: str = ""


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """A relation seen from one event: ``outgoing`` reads "this announces that"."""

    type: RelationType
    outgoing: bool
    event_id: int
    title: str
    start: UncertainDate

    @property
    def label(self) -> str:
        return self.type.label if self.outgoing else self.type.inverse_label


@dataclass(frozen=True, slots=True)
class TripLeg:
    event_id: int
    title: str
    start: UncertainDate
    end: UncertainDate | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    """An event with everything linked to it, as the detail pane shows it."""

    row: EventRow
    summary: str
    participants: tuple[ActorRole, ...]
    sources: tuple[SourceRef, ...]
    tags: tuple[str, ...]
    related: tuple[RelatedEvent, ...]
    trip: TripInfo | None
    legs: tuple[TripLeg, ...]
    created_at: datetime
    updated_at: datetime
    version: int
    relations: tuple[RelationLink, ...] = field(default=())

    @property
    def id(self) -> int:
        return self.row.id

    def to_data(self) -> EventData:
        """The editable state of this event, for an editor or an undo step."""
        row = self.row
        return EventData(
            title=row.title,
            kind=row.kind,
            status=row.status,
            start=row.start,
            end=row.end,
            summary=self.summary,
            trip_id=self.trip.id if self.trip else None,
            place_ids=tuple(place.id for place in row.places),
            participants=tuple(Participant(p.actor_id, p.role) for p in self.participants),
            sources=tuple(SourceLink(ref.source.id, ref.note) for ref in self.sources),
            tags=self.tags,
            relations=self.relations,
        )


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One entry of an event's change history."""

    id: int
    at: datetime
    event_id: int
    action: str
    before: dict[str, object] | None
    after: dict[str, object] | None

    def changed_fields(self) -> list[str]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [key for key in keys if before.get(key) != after.get(key)]
