"""What the event editor hands over: an event's new state, in which linked things may be new.

An :class:`EventDraft` is an :class:`~timeline_app.core.records.EventData` whose actors, places,
sources and trip are either existing records (by id) or new ones (their data), so that a name
typed in the editor becomes a new actor in the same undo step as the event. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import (
    ActorData,
    EventData,
    EventDetail,
    PlaceData,
    RelationLink,
    SourceData,
    TripData,
)
from timeline_app.core.vocabulary import Kind, Role, Status


@dataclass(frozen=True, slots=True)
class ParticipantDraft:
    actor: int | ActorData  # an existing actor's id, or a new actor
    role: Role


@dataclass(frozen=True, slots=True)
class SourceDraft:
    """A cited source: an existing one (``source_id``) or a new one (``data`` only).

    For an existing source, ``data`` None leaves it as it is; otherwise the source is updated
    to ``data`` where that differs (the editor lets the user correct an outlet or a title).
    """

    data: SourceData | None
    note: str = ""
    source_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventDraft:
    title: str
    kind: Kind
    status: Status
    start: UncertainDate
    end: UncertainDate | None = None
    summary: str = ""
    trip: int | TripData | None = None
    places: tuple[int | PlaceData, ...] = ()
    participants: tuple[ParticipantDraft, ...] = ()
    sources: tuple[SourceDraft, ...] = ()
    tags: tuple[str, ...] = ()
    relations: tuple[RelationLink, ...] = ()

    @classmethod
    def from_data(cls, data: EventData) -> EventDraft:
        """A draft of an event made only of existing records (its sources left as they are)."""
        return cls(
            title=data.title,
            kind=data.kind,
            status=data.status,
            start=data.start,
            end=data.end,
            summary=data.summary,
            trip=data.trip_id,
            places=data.place_ids,
            participants=tuple(ParticipantDraft(p.actor_id, p.role) for p in data.participants),
            sources=tuple(SourceDraft(None, link.note, link.source_id) for link in data.sources),
            tags=data.tags,
            relations=data.relations,
        )

    @classmethod
    def from_detail(cls, detail: EventDetail) -> EventDraft:
        """The draft an editor starts from: the event as stored, sources with their data."""
        sources = tuple(
            SourceDraft(source_data(ref.source), ref.note, ref.source.id) for ref in detail.sources
        )
        return replace(cls.from_data(detail.to_data()), sources=sources)

    @property
    def adds_records(self) -> bool:
        """True when saving it creates actors, places, sources or a trip too."""
        return (
            isinstance(self.trip, TripData)
            or any(isinstance(p, PlaceData) for p in self.places)
            or any(isinstance(p.actor, ActorData) for p in self.participants)
            or any(s.source_id is None for s in self.sources)
        )


def source_data(info: SourceData) -> SourceData:
    """The editable part of a source record (a SourceInfo without its id)."""
    return SourceData(info.url, info.outlet, info.title, info.language, info.published)
