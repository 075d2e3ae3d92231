"""The closed vocabularies of the timeline: event kinds, statuses, roles, relation types."""

from __future__ import annotations

from enum import StrEnum

from timeline_app.core.i18n import translate


class Kind(StrEnum):
    STATE_VISIT = "state_visit"
    OFFICIAL_VISIT = "official_visit"
    WORKING_VISIT = "working_visit"
    MINISTERIAL_MEETING = "ministerial_meeting"
    SUMMIT_TALKS = "summit_talks"
    PHONE_CALL = "phone_call"
    ANNOUNCEMENT = "announcement"
    STATEMENT = "statement"
    PUBLICATION = "publication"
    REPORT = "report"
    SANCTIONS_MEASURE = "sanctions_measure"
    OTHER = "other"

    @property
    def label(self) -> str:
        return translate("vocabulary", _KIND_LABELS[self])

    @property
    def is_visit(self) -> bool:
        return self in (Kind.STATE_VISIT, Kind.OFFICIAL_VISIT, Kind.WORKING_VISIT)


class Status(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return translate("vocabulary", _STATUS_LABELS[self])


class Role(StrEnum):
    VISITOR = "visitor"
    HOST = "host"
    PARTICIPANT = "participant"
    AUTHOR = "author"

    @property
    def label(self) -> str:
        return translate("vocabulary", _ROLE_LABELS[self])

    @property
    def plural(self) -> str:
        return translate("vocabulary", _ROLE_PLURALS[self])


class RelationType(StrEnum):
    ANNOUNCES = "announces"
    PART_OF = "part_of"
    FOLLOWS = "follows"
    RELATED = "related"

    @property
    def label(self) -> str:
        """How the relation reads from its source event: "announces", "is part of"."""
        return translate("vocabulary", _RELATION_LABELS[self])

    @property
    def inverse_label(self) -> str:
        """How the relation reads from its target event: "announced by", "includes"."""
        return translate("vocabulary", _RELATION_INVERSE_LABELS[self])


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    STATE = "state"

    @property
    def label(self) -> str:
        return translate("vocabulary", _ACTOR_KIND_LABELS[self])


_KIND_LABELS = {
    Kind.STATE_VISIT: "State visit",
    Kind.OFFICIAL_VISIT: "Official visit",
    Kind.WORKING_VISIT: "Working visit",
    Kind.MINISTERIAL_MEETING: "Ministerial meeting",
    Kind.SUMMIT_TALKS: "Summit talks",
    Kind.PHONE_CALL: "Phone call",
    Kind.ANNOUNCEMENT: "Announcement",
    Kind.STATEMENT: "Statement",
    Kind.PUBLICATION: "Publication",
    Kind.REPORT: "Report",
    Kind.SANCTIONS_MEASURE: "Sanctions measure",
    Kind.OTHER: "Other",
}
_STATUS_LABELS = {
    Status.PLANNED: "Planned",
    Status.CONFIRMED: "Confirmed",
    Status.ONGOING: "Ongoing",
    Status.COMPLETED: "Completed",
    Status.POSTPONED: "Postponed",
    Status.CANCELLED: "Cancelled",
}
_ROLE_LABELS = {
    Role.VISITOR: "Visitor",
    Role.HOST: "Host",
    Role.PARTICIPANT: "Participant",
    Role.AUTHOR: "Author",
}
_ROLE_PLURALS = {
    Role.VISITOR: "Visitors",
    Role.HOST: "Hosts",
    Role.PARTICIPANT: "Participants",
    Role.AUTHOR: "Authors",
}
_RELATION_LABELS = {
    RelationType.ANNOUNCES: "announces",
    RelationType.PART_OF: "is part of",
    RelationType.FOLLOWS: "follows",
    RelationType.RELATED: "is related to",
}
_RELATION_INVERSE_LABELS = {
    RelationType.ANNOUNCES: "announced by",
    RelationType.PART_OF: "includes",
    RelationType.FOLLOWS: "followed by",
    RelationType.RELATED: "is related to",
}
_ACTOR_KIND_LABELS = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANISATION: "Organisation",
    ActorKind.STATE: "State",
}
