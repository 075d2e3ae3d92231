"""Checks on what a user or an importer asks the store to write.

Each function returns the cleaned value or raises :class:`ValidationError` naming every field at
fault. Checks that need the database (does this actor exist?) are made by the writer; the same
rules are also CHECK constraints in the schema, so nothing slips past a bug here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar
from urllib.parse import urlsplit

from timeline_app.core import countries
from timeline_app.core.dates import end_before_start
from timeline_app.core.i18n import translate
from timeline_app.core.records import ActorData, Alias, EventData, PlaceData, SourceData, TripData
from timeline_app.core.store.errors import FieldError, ValidationError
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status


def _required(value: str, field: str, errors: list[FieldError]) -> str:
    cleaned = value.strip()
    if not cleaned:
        errors.append(FieldError(field, translate("validation", "must not be empty")))
    return cleaned


EnumT = TypeVar("EnumT", Kind, Status, Role, RelationType, ActorKind)


def _member(value: object, enum: type[EnumT], field: str, errors: list[FieldError]) -> EnumT | None:
    try:
        return enum(str(value))
    except ValueError:
        known = ", ".join(member.value for member in enum)
        message = translate("validation", "'{value}' is not one of: {known}").format(
            value=value, known=known
        )
        errors.append(FieldError(field, message))
        return None


def check_country(code: str | None, field: str, errors: list[FieldError]) -> str | None:
    if code is None or not code.strip():
        return None
    cleaned = code.strip().upper()
    if countries.get(cleaned) is None:
        errors.append(
            FieldError(
                field,
                translate("validation", "'{code}' is not a known ISO 3166-1 country code").format(
                    code=code.strip()
                ),
            )
        )
    return cleaned


def clean_tags(tags: tuple[str, ...], errors: list[FieldError]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for index, tag in enumerate(tags):
        cleaned = " ".join(tag.split())
        if not cleaned:
            errors.append(
                FieldError(f"tags[{index}]", translate("validation", "a tag must not be empty"))
            )
        elif len(cleaned) > 100:
            errors.append(
                FieldError(
                    f"tags[{index}]", translate("validation", "a tag has at most 100 characters")
                )
            )
        else:
            seen.setdefault(cleaned.casefold(), cleaned)
    return tuple(seen.values())


def clean_aliases(
    aliases: tuple[Alias, ...], own_name: str, errors: list[FieldError]
) -> tuple[Alias, ...]:
    result: dict[str, Alias] = {}
    for index, alias in enumerate(aliases):
        name = " ".join(alias.name.split())
        if not name:
            errors.append(
                FieldError(
                    f"aliases[{index}]", translate("validation", "an alias must not be empty")
                )
            )
            continue
        if name.casefold() == own_name.casefold():
            continue
        result.setdefault(name.casefold(), Alias(name, alias.language.strip()))
    return tuple(result.values())


def validate_event(data: EventData) -> EventData:
    """The event with its text cleaned, or a ValidationError naming each bad field."""
    errors: list[FieldError] = []
    title = _required(data.title, "title", errors)
    kind = _member(data.kind, Kind, "kind", errors)
    status = _member(data.status, Status, "status", errors)
    if data.end is not None and end_before_start(data.start, data.end):
        errors.append(
            FieldError(
                "end",
                translate("validation", "{end} is before the start ({start})").format(
                    end=data.end.format(), start=data.start.format()
                ),
            )
        )
    seen_roles: set[tuple[int, Role]] = set()
    participants = []
    for index, participant in enumerate(data.participants):
        role = _member(participant.role, Role, f"participants[{index}].role", errors)
        if role is None:
            continue
        if (participant.actor_id, role) not in seen_roles:
            seen_roles.add((participant.actor_id, role))
            participants.append(replace(participant, role=role))
    for index, relation in enumerate(data.relations):
        _member(relation.type, RelationType, f"relations[{index}].type", errors)
    tags = clean_tags(data.tags, errors)
    if errors:
        raise ValidationError(errors)
    assert kind is not None and status is not None
    return replace(
        data,
        title=title,
        kind=kind,
        status=status,
        summary=data.summary.strip(),
        participants=tuple(participants),
        place_ids=tuple(dict.fromkeys(data.place_ids)),
        sources=tuple({link.source_id: link for link in data.sources}.values()),
        relations=tuple(dict.fromkeys(data.relations)),
        tags=tags,
    )


def validate_actor(data: ActorData) -> ActorData:
    errors: list[FieldError] = []
    name = " ".join(data.name.split())
    if not name:
        errors.append(FieldError("name", translate("validation", "must not be empty")))
    kind = _member(data.kind, ActorKind, "kind", errors)
    country = check_country(data.country_code, "country", errors)
    aliases = clean_aliases(data.aliases, name, errors)
    if errors:
        raise ValidationError(errors)
    assert kind is not None
    return replace(
        data, name=name, kind=kind, title=data.title.strip(), country_code=country, aliases=aliases
    )


def validate_place(data: PlaceData) -> PlaceData:
    errors: list[FieldError] = []
    locality = " ".join(data.locality.split())
    country = check_country(data.country_code, "country", errors)
    if country is None and not errors:
        errors.append(FieldError("country", translate("validation", "must not be empty")))
    aliases = clean_aliases(data.aliases, locality, errors)
    if errors:
        raise ValidationError(errors)
    assert country is not None
    return replace(data, locality=locality, country_code=country, aliases=aliases)


def check_url(url: str, field: str, errors: list[FieldError]) -> str:
    cleaned = url.strip()
    if not cleaned:
        errors.append(FieldError(field, translate("validation", "must not be empty")))
        return cleaned
    parts = urlsplit(cleaned)
    host = parts.hostname or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or not host
        or any(ch.isspace() for ch in cleaned)
        or ("." not in host and host != "localhost")
    ):
        errors.append(
            FieldError(
                field,
                translate(
                    "validation",
                    "'{url}' is not a web address (it must start with http:// or https://)",
                ).format(url=cleaned),
            )
        )
    return cleaned


def validate_source(data: SourceData) -> SourceData:
    errors: list[FieldError] = []
    url = check_url(data.url, "url", errors)
    if errors:
        raise ValidationError(errors)
    return replace(
        data,
        url=url,
        outlet=data.outlet.strip(),
        title=data.title.strip(),
        language=data.language.strip().lower(),
    )


def validate_trip(data: TripData) -> TripData:
    errors: list[FieldError] = []
    title = _required(data.title, "title", errors)
    if errors:
        raise ValidationError(errors)
    return replace(data, title=title, summary=data.summary.strip())
