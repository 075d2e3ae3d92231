"""The US Office of the Historian's public datasets: travels and foreign leaders' visits.

Two XML vocabularies (schemas in ``shared/formats/historian``):

``<trips>``: travels abroad of the President and of the Secretary of State, one ``<trip>`` per
country visited. The traveller is ``<name>`` (``@who`` is the person's key in the dataset),
their office ``@role`` (``president`` or ``secretary``); ``<country id>`` with its label gives
the country, ``<locale>`` the comma-separated places in it, ``<remarks>`` the summary. The event
is the traveller's visit (role *visitor*) to those places; its kind is read from the remarks
("State visit", "Summit", "Ministerial"..., else an official visit) and its status from the
dates. Consecutive legs of one traveller are grouped into trips after the import
(:mod:`.journeys`).

``<visits>``: visits of foreign leaders to the United States. ``<visitor>`` is the leader with
their office in front ("President Emmanuel Macron": the actor *Emmanuel Macron*, titled
*President of France*, with the full text kept as an alias), ``<from id>`` their country, and
``<description>`` the summary, from which the kind is read ("State Visit." -> state visit).

Each record keeps its dataset (``historian:trips`` or ``historian:visits``: the two reuse the
same numbers) and its ``<id>``, so importing the file again updates its events instead of
adding them twice. Each event cites the Office of the Historian's page it comes from.

The XML is read as a stream (any size, in constant memory) by defusedxml's SAX parser, which
refuses a DOCTYPE, entity declarations and external references outright: nothing is ever
fetched or expanded. Problems are reported with their line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import ClassVar
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import Locator

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from timeline_app.core import countries
from timeline_app.core.dates import DateParseError, UncertainDate, end_before_start
from timeline_app.core.i18n import translate
from timeline_app.core.io.incoming import (
    MAX_TEXT,
    Citation,
    ExternalKey,
    IncomingEvent,
    Item,
    PersonRef,
    PlaceRef,
    infer_kind,
    infer_status,
)
from timeline_app.core.io.problems import Problem
from timeline_app.core.vocabulary import Kind, Role

TRIPS = "historian:trips"
VISITS = "historian:visits"
SITE = "https://history.state.gov/departmenthistory"
OUTLET = "Office of the Historian, U.S. Department of State"
READ_SIZE = 64 * 1024

OFFICE_TITLES = {
    "president": "President of the United States",
    "secretary": "US Secretary of State",
}
# Offices written before a visitor's name, longest first so "Prime Minister" wins over "Prime".
_OFFICES = sorted(
    (
        "Acting President",
        "Amir",
        "Chairman",
        "Chancellor",
        "Chief Executive",
        "Crown Prince",
        "Emir",
        "Emperor",
        "Empress",
        "Federal Chancellor",
        "First Deputy Prime Minister",
        "Foreign Minister",
        "General",
        "Governor-General",
        "Governor General",
        "Grand Duchess",
        "Grand Duke",
        "Interim President",
        "King",
        "Minister",
        "Pope",
        "Premier",
        "President",
        "President-elect",
        "Prime Minister",
        "Prime Minister-designate",
        "Prince",
        "Princess",
        "Provisional President",
        "Queen",
        "Secretary General",
        "Secretary-General",
        "State Counsellor",
        "Sultan",
        "Taoiseach",
        "Vice President",
    ),
    key=len,
    reverse=True,
)
_OFFICE_RE = re.compile(r"^(" + "|".join(re.escape(o) for o in _OFFICES) + r")\s+(.+)$")


# -- reading the XML -----------------------------------------------------------------------------


@dataclass
class _Raw:
    """One <trip> or <visit> as read: its line, attributes and fields' texts."""

    tag: str
    line: int
    attrs: dict[str, str]
    fields: dict[str, str] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)  # fields given twice or more
    field_attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    too_long: set[str] = field(default_factory=set)

    def text(self, name: str) -> str:
        return " ".join(self.fields.get(name, "").split())

    def texts(self, name: str) -> list[str]:
        values = [self.fields.get(name, ""), *self.repeated.get(name, ())]
        return [" ".join(value.split()) for value in values if value.strip()]


class _Stop(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Handler(ContentHandler):
    RECORDS: ClassVar[dict[str, str]] = {"trips": "trip", "visits": "visit"}

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.locator: Locator | None = None
        self.root: str | None = None
        self.depth = 0
        self.record: _Raw | None = None
        self.field: str | None = None
        self.parts: list[str] = []
        self.length = 0
        self.ready: list[_Raw] = []

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def line(self) -> int:
        return (self.locator.getLineNumber() or 0) if self.locator else 0

    def start(self, name: str, attrs: Mapping[str, str]) -> None:
        self.depth += 1
        if self.depth == 3 and self.record is not None:
            self.field = name
            self.parts = []
            self.length = 0
            if attrs:
                self.record.field_attrs.setdefault(name, dict(attrs))
        elif self.depth == 1:
            if name not in self.RECORDS:
                raise _Stop(
                    Problem(
                        f"{self.where}:{self.line()}",
                        translate(
                            "import",
                            "the root element is <{name}>; an Office of the Historian file "
                            "has <trips> or <visits>",
                        ).format(name=name),
                    )
                )
            self.root = name
        elif self.depth == 2:
            self.record = _Raw(name, self.line(), dict(attrs))

    def characters(self, content: str) -> None:
        if self.field is None or self.record is None:
            return
        self.length += len(content)
        if self.length > MAX_TEXT:
            self.record.too_long.add(self.field)
        else:
            self.parts.append(content)

    def end(self) -> None:
        record, name = self.record, self.field
        if self.depth == 3 and record is not None and name is not None:
            text = "".join(self.parts)
            if name in record.fields:
                record.repeated.setdefault(name, []).append(text)
            else:
                record.fields[name] = text
            self.field = None
        elif self.depth == 2 and self.record is not None:
            self.ready.append(self.record)
            self.record = None
        self.depth -= 1


class _Parser(DefusedExpatParser):
    """defusedxml's SAX parser (DTDs, entities and external references refused), handing the
    handler each element's attributes as the plain dict expat gives: no SAX attribute object
    per element, which matters at a million elements."""

    def __init__(self, handler: _Handler) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.handler = handler
        self.setContentHandler(handler)
        handler.setDocumentLocator(self)  # the parser tells the line it is at

    def reset(self) -> None:
        super().reset()
        # Text in one piece per element rather than one call per line (pyexpat's own switch).
        expat = getattr(self, "_parser", None)
        if expat is not None:
            expat.buffer_text = True

    def start_element(self, name: str, attrs: Mapping[str, str]) -> None:
        self.handler.start(name, attrs)

    def end_element(self, name: str) -> None:
        self.handler.end()


def read_historian(
    path: Path, *, today: date, meter: Callable[[int], None] | None = None
) -> Iterator[Item]:
    """Each record of a ``<trips>`` or ``<visits>`` file, or a problem with its line."""
    where = str(path)
    handler = _Handler(where)
    parser = _Parser(handler)
    failure: Problem | None = None
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(READ_SIZE):
                parser.feed(chunk)
                yield from _convert(handler, where, today)
                if meter:
                    meter(len(chunk))
            parser.close()
        except SAXParseException as error:
            failure = _syntax_problem(path, error)
        except DTDForbidden:
            failure = Problem(
                f"{where}:{parser.getLineNumber()}",
                translate(
                    "import",
                    "the file declares a document type (<!DOCTYPE ...>); it is refused for "
                    "safety and never read: remove the declaration",
                ),
            )
        except (EntitiesForbidden, ExternalReferenceForbidden) as error:
            failure = Problem(
                f"{where}:{parser.getLineNumber()}",
                translate(
                    "import",
                    "the file declares or uses an entity ({name}); entities are refused for "
                    "safety and never expanded or fetched",
                ).format(name=getattr(error, "name", None) or getattr(error, "sysid", "")),
            )
        except _Stop as stop:
            failure = stop.problem
    yield from _convert(handler, where, today)
    if failure is not None:
        yield failure


def _syntax_problem(path: Path, error: SAXParseException) -> Problem:
    # Expat counts columns from 0; people (and editors) from 1.
    line, column = error.getLineNumber() or 0, (error.getColumnNumber() or 0) + 1
    reason = error.getMessage()
    where = f"{path}:{line}:{column}"
    if reason in ("no element found", "unclosed token"):
        return Problem(
            where, translate("import", "the XML ends too early (is the file truncated?)")
        )
    bad = _undecodable(path, line)
    if bad is not None:
        return Problem(
            where,
            translate(
                "import",
                "this line is not valid {encoding} text (byte 0x{byte:02X}); the file's encoding "
                "is not the one it declares: save it as UTF-8",
            ).format(encoding=bad[0], byte=bad[1]),
        )
    return Problem(
        where, translate("import", "not well-formed XML: {reason}").format(reason=reason)
    )


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _undecodable(path: Path, line: int) -> tuple[str, int] | None:
    """The declared encoding and the first byte of ``line`` that it cannot decode, if any."""
    with path.open("rb") as handle:
        head = handle.read(200)
        match = _DECLARED.match(head)
        encoding = match.group(1).decode("ascii") if match else "UTF-8"
        if encoding.upper().replace("_", "-") not in ("UTF-8", "UTF8"):
            return None
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if number == line:
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    return encoding, raw[error.start]
                return None
    return None


def _convert(handler: _Handler, where: str, today: date) -> Iterator[Item]:
    ready, handler.ready = handler.ready, []
    expected = _Handler.RECORDS.get(handler.root or "", "")
    for raw in ready:
        if raw.tag != expected:
            yield Problem(
                f"{where}:{raw.line}",
                translate("import", "unexpected <{tag}> in <{root}>; expected <{expected}>").format(
                    tag=raw.tag, root=handler.root, expected=expected
                ),
            )
            continue
        if raw.tag == "trip":
            yield from _trip(raw, where, today)
        else:
            yield from _visit(raw, where, today)


# -- turning records into events ------------------------------------------------------------------


class _Record:
    """Reading the fields of one record, collecting its problems."""

    def __init__(self, raw: _Raw, where: str) -> None:
        self.raw = raw
        self.problems: list[Problem] = []
        record_id = raw.text("id")
        self.id = record_id
        label = raw.tag
        self.where = (
            f"{where}:{raw.line} ({label} {record_id})" if record_id else f"{where}:{raw.line}"
        )
        for name in sorted(raw.too_long):
            self.problem(
                translate("import", "<{name}> is longer than {limit} characters").format(
                    name=name, limit=MAX_TEXT
                )
            )
        if not record_id:
            self.problem(translate("import", "<id> is missing"))
        elif not record_id.isdigit():
            self.problem(
                translate("import", "<id> '{id}' is not a whole number").format(id=record_id)
            )

    def problem(self, message: str) -> None:
        self.problems.append(Problem(self.where, message))

    def required(self, name: str) -> str:
        value = self.raw.text(name)
        if not value:
            self.problem(translate("import", "<{name}> is missing or empty").format(name=name))
        return value

    def day(self, name: str) -> UncertainDate | None:
        value = self.required(name)
        if not value:
            return None
        try:
            return _iso_date(value)
        except DateParseError as error:
            self.problem(f"<{name}>: {error}")
            return None

    def dates(self) -> tuple[UncertainDate | None, UncertainDate | None]:
        start, end = self.day("start-date"), self.day("end-date")
        if start is not None and end is not None:
            if end_before_start(start, end):
                self.problem(
                    translate("import", "<end-date> {end} is before <start-date> {start}").format(
                        end=end.iso, start=start.iso
                    )
                )
            if end == start:
                end = None
        return start, end

    def country(self, name: str) -> tuple[str | None, str]:
        """The ISO code and the label of ``<country id="...">Label</country>``."""
        label = self.raw.text(name)
        key = self.raw.field_attrs.get(name, {}).get("id", "")
        code = _country(label, key)
        if code is not None:
            return code, label or countries.name(code)
        if not label and not key:
            self.problem(translate("import", "<{name}> is missing").format(name=name))
        else:
            self.problem(
                translate(
                    "import", '<{name} id="{key}">{label}</{name}> is not a known country'
                ).format(name=name, key=key, label=label)
            )
        return None, label


@lru_cache(maxsize=8192)
def _iso_date(text: str) -> UncertainDate:
    return UncertainDate.from_iso(text)


@lru_cache(maxsize=1024)
def _country(label: str, key: str) -> str | None:
    """The ISO code for a dataset's country label or key (``holy-see``), if known."""
    for candidate in (label, key.replace("-", " "), key):
        if candidate:
            found = countries.find(candidate)
            if found is not None:
                return found.code
    return None


def _trip(raw: _Raw, where: str, today: date) -> Iterator[Item]:
    record = _Record(raw, where)
    role = raw.attrs.get("role") or raw.text("role")
    who = raw.attrs.get("who", "")
    name = raw.text("name") or name_from_key(who)
    if not name:
        record.problem(translate("import", "<name> is missing or empty"))
    start, end = record.dates()
    code, label = record.country("country")
    localities = [part.strip() for part in raw.text("locale").split(",") if part.strip()]
    remarks = raw.text("remarks")
    if record.problems or start is None or code is None:
        yield from record.problems
        return
    places = tuple(PlaceRef(locality, code) for locality in localities) or (PlaceRef("", code),)
    where_text = f"{', '.join(localities)}, {label}" if localities else _with_article(label)
    office = OFFICE_TITLES.get(role, role.replace("-", " ").capitalize())
    sources: tuple[Citation, ...] = ()
    if role and who:
        sources = (
            Citation(
                f"{SITE}/travels/{role}/{who}",
                OUTLET,
                f"Travels Abroad: {name}",
            ),
        )
    yield IncomingEvent(
        where=record.where,
        title=f"{name} in {where_text}",
        kind=infer_kind(remarks, Kind.OFFICIAL_VISIT),
        status=infer_status(start, end, today),
        start=start,
        end=end,
        summary=remarks,
        places=places,
        people=(PersonRef(name, Role.VISITOR, title=office, country_code="US"),),
        sources=sources,
        external=ExternalKey(TRIPS, record.id),
    )


def _visit(raw: _Raw, where: str, today: date) -> Iterator[Item]:
    record = _Record(raw, where)
    visitors = raw.texts("visitor")
    if not visitors:
        record.problem(translate("import", "<visitor> is missing or empty"))
    start, end = record.dates()
    code, label = record.country("from")
    description = raw.text("description")
    if record.problems or start is None or code is None:
        yield from record.problems
        return
    people = []
    for text in visitors:
        office, name = split_office(text)
        people.append(
            PersonRef(
                name,
                Role.VISITOR,
                title=f"{office} of {label}" if office else "",
                country_code=code,
                aliases=(text,) if text != name else (),
            )
        )
    names = [person.name for person in people]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    title = (
        "{who} visits the United States" if len(names) == 1 else "{who} visit the United States"
    ).format(who=who)
    country_key = raw.field_attrs.get("from", {}).get("id", "")
    sources = (
        (
            Citation(
                f"{SITE}/visits/{country_key}",
                OUTLET,
                f"Visits by Foreign Leaders: {label}",
            ),
        )
        if country_key
        else ()
    )
    yield IncomingEvent(
        where=record.where,
        title=title,
        kind=infer_kind(description, Kind.OFFICIAL_VISIT),
        status=infer_status(start, end, today),
        start=start,
        end=end,
        summary=description,
        places=(PlaceRef("", "US"),),
        people=tuple(people),
        sources=sources,
        external=ExternalKey(VISITS, record.id),
    )


def name_from_key(who: str) -> str:
    """A traveller's name from their key in the dataset, when ``<name>`` is missing:
    ``bush-george-h-w`` -> ``George H W Bush``."""
    parts = [part for part in who.split("-") if part]
    return " ".join(part.capitalize() for part in (*parts[1:], *parts[:1]))


def split_office(text: str) -> tuple[str, str]:
    """``President Emmanuel Macron`` -> ``("President", "Emmanuel Macron")``."""
    cleaned = " ".join(text.split())
    match = _OFFICE_RE.match(cleaned)
    if match is None:
        return "", cleaned
    return match.group(1), match.group(2)


_ARTICLE = re.compile(
    r"^(?:United |Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|"
    r"Holy See|Vatican$|.*\b(?:Republic|Islands|Emirates|Kingdom|States)\b)"
)


def _with_article(country: str) -> str:
    """``the United Kingdom``, ``the Netherlands``; ``France``."""
    return f"the {country}" if _ARTICLE.match(country) else country
