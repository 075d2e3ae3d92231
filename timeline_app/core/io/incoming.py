"""What every reader (CSV, iCalendar, Office of the Historian) hands to the loader.

An :class:`IncomingEvent` names its linked things by what a file says (an actor's name, a
place's locality and country, a source's address, a trip's title); the loader finds them in the
database or creates them. Readers yield either an ``IncomingEvent`` or a :class:`Problem` for a
record they cannot read, so one pass reports every bad record.

This module also holds the small text conventions the readers share: multi-valued cells
(``Antony Blinken (visitor); Kassym-Jomart Tokayev (host)``), places written
``Locality, Country``, vocabulary given by value or English label, and the guesses made when a
file does not say (status from the dates, kind from the words of a description).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import TypeVar

from timeline_app.core import countries
from timeline_app.core.dates import Qualifier, UncertainDate, date_bounds, parse_date
from timeline_app.core.i18n import translate
from timeline_app.core.io.problems import Problem
from timeline_app.core.vocabulary import ActorKind, Kind, Role, Status

SEPARATOR = ";"
# Longest text accepted in one field: far beyond any real title or summary, and it keeps a
# runaway field (a missing quote swallowing the rest of a file) from filling the memory.
MAX_TEXT = 20_000


@dataclass(frozen=True, slots=True)
class PersonRef:
    name: str
    role: Role
    title: str = ""
    country_code: str | None = None
    kind: ActorKind = ActorKind.PERSON
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceRef:
    locality: str
    country_code: str


@dataclass(frozen=True, slots=True)
class Citation:
    url: str
    outlet: str = ""
    title: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ExternalKey:
    """A record's identity in its dataset, kept so that importing it again updates it."""

    dataset: str
    record_id: str


@dataclass(frozen=True, slots=True)
class IncomingEvent:
    where: str
    title: str
    kind: Kind
    status: Status
    start: UncertainDate
    end: UncertainDate | None = None
    summary: str = ""
    places: tuple[PlaceRef, ...] = ()
    people: tuple[PersonRef, ...] = ()
    sources: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    trip: str | None = None
    external: ExternalKey | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record a reader passes over on purpose (a recurring calendar entry...), to count."""

    reason: str


Item = IncomingEvent | Problem | Skipped


class ReadError(ValueError):
    """One value that cannot be read; the message says why."""


# -- multi-valued cells ---------------------------------------------------------------------------


def split_list(text: str) -> list[str]:
    """``a; b;; c`` -> ``["a", "b", "c"]``."""
    return [part.strip() for part in text.split(SEPARATOR) if part.strip()]


def join_list(items: list[str] | tuple[str, ...]) -> str:
    return f"{SEPARATOR} ".join(items)


# -- vocabulary by value or label -----------------------------------------------------------------

E = TypeVar("E", Kind, Status, Role)


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


@cache
def _members(enum: type[E]) -> dict[str, E]:
    index = {_fold(member.label): member for member in enum}
    index.update({_fold(member.value): member for member in enum})
    return index


def vocabulary(enum: type[E], text: str) -> E:
    """``state_visit``, ``State visit`` or ``state visit`` -> ``Kind.STATE_VISIT``."""
    found: E | None = _members(enum).get(_fold(text))
    if found is None:
        known = ", ".join(member.value for member in enum)
        raise ReadError(
            translate("import", "'{value}' is not one of: {known}").format(
                value=text.strip(), known=known
            )
        )
    return found


# -- places ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The ISO code of a country written as a code or a name (English or French)."""
    found = countries.find(text)
    return found.code if found else None


@lru_cache(maxsize=4096)
def parse_place(text: str) -> PlaceRef:
    """``Beijing, China``, ``Beijing, CN`` or just ``China``.

    The country is what follows the last comma that leaves a known country on its right, so
    ``Washington, D.C., United States`` and ``Kinshasa, Congo, The Democratic Republic of the``
    both read right.
    """
    cleaned = " ".join(text.split())
    commas = [index for index, char in enumerate(cleaned) if char == ","]
    for index in reversed(commas):
        code = country_code(cleaned[index + 1 :])
        if code:
            return PlaceRef(cleaned[:index].strip(), code)
    code = country_code(cleaned)
    if code:
        return PlaceRef("", code)
    if commas:
        raise ReadError(
            translate("import", "'{text}': '{country}' is not a known country").format(
                text=cleaned, country=cleaned[commas[-1] + 1 :].strip()
            )
        )
    raise ReadError(
        translate(
            "import", "'{text}' is not a country; write a place as 'Locality, Country'"
        ).format(text=cleaned)
    )


def place_text(locality: str, code: str) -> str:
    """A place as :func:`parse_place` reads it back; the country by name where that is exact."""
    name = countries.name(code)
    country = name if country_code(name) == code and "," not in name else code
    return f"{locality}, {country}" if locality else country


# -- participants ---------------------------------------------------------------------------------

_PERSON = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]*)\)$")


@lru_cache(maxsize=4096)
def parse_person(text: str) -> PersonRef:
    """``Antony Blinken (visitor)``; without a role in brackets, a participant."""
    cleaned = " ".join(text.split())
    match = _PERSON.match(cleaned)
    if match is None:
        return PersonRef(cleaned, Role.PARTICIPANT)
    name = match.group("name").strip()
    if not name:
        raise ReadError(translate("import", "'{text}' has a role but no name").format(text=cleaned))
    return PersonRef(name, vocabulary(Role, match.group("role")))


def person_text(name: str, role: Role) -> str:
    return f"{name} ({role.value})"


# -- dates as cells ---------------------------------------------------------------------------

_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "c. ",
    Qualifier.BEFORE: "before ",
    Qualifier.AFTER: "after ",
    Qualifier.EARLY: "early ",
    Qualifier.MID: "mid ",
    Qualifier.LATE: "late ",
}


_PLAIN_ISO = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")


@lru_cache(maxsize=4096)
def read_date(text: str) -> UncertainDate:
    """A date as people write it (see the dates module); repeated texts are read once, and
    plain ISO dates (most of a spreadsheet's) straight away."""
    if _PLAIN_ISO.fullmatch(text):
        return UncertainDate.from_iso(text)
    return parse_date(text)


def date_text(value: UncertainDate | None) -> str:
    """``2023-02-28``, ``early 2023-04``, ``c. 1995``: sortable, and read back by the dates
    module exactly (precision and qualifier included)."""
    if value is None:
        return ""
    return _QUALIFIER_WORDS[value.qualifier] + value.iso


# -- guesses --------------------------------------------------------------------------------------


def infer_status(start: UncertainDate, end: UncertainDate | None, today: date) -> Status:
    """Completed once its last possible day is past, ongoing while it runs, else confirmed."""
    first, last = date_bounds(start, end)
    if last < today:
        return Status.COMPLETED
    if first <= today:
        return Status.ONGOING
    return Status.CONFIRMED


# Words in a description and the kind they mean, tried in this order.
_KIND_WORDS: tuple[tuple[str, Kind], ...] = (
    (r"\bstate visit", Kind.STATE_VISIT),
    (r"\bofficial working visit", Kind.WORKING_VISIT),
    (r"\bworking visit", Kind.WORKING_VISIT),
    (r"\bofficial visit", Kind.OFFICIAL_VISIT),
    (r"\bsummit\b", Kind.SUMMIT_TALKS),
    (r"\bministerial\b|\bforeign ministers\b|\bministers'? meeting", Kind.MINISTERIAL_MEETING),
    (r"\b(?:private|personal|vacation|holiday)\b", Kind.OTHER),
    (r"\bfuneral\b|\binauguration\b|\bcoronation\b|\bwedding\b", Kind.OTHER),
    (r"\btelephone\b|\bphone call\b", Kind.PHONE_CALL),
)
_KIND_RES = tuple((re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _KIND_WORDS)


@lru_cache(maxsize=4096)
def infer_kind(text: str, default: Kind) -> Kind:
    """The kind a description names (``State Visit.``, ``Attended the NATO Summit``)."""
    for pattern, kind in _KIND_RES:
        if pattern.search(text):
            return kind
    return default


def check_length(text: str, field: str) -> None:
    if len(text) > MAX_TEXT:
        raise ReadError(
            translate(
                "import", "{field} is {length} characters long; at most {limit} are accepted"
            ).format(field=field, length=len(text), limit=MAX_TEXT)
        )
