"""iCalendar (.ics): events as all-day calendar entries, out and in, with the ``icalendar`` package.

Export writes one VEVENT per event:

- ``DTSTART;VALUE=DATE`` the first possible day and ``DTEND;VALUE=DATE`` the day *after* the
  last one (all-day ends are exclusive in iCalendar), so "5-7 Apr 2023" shows on three days and
  "early April 2023" on the 1st to the 10th;
- ``SUMMARY`` the title, ``DESCRIPTION`` the summary, ``LOCATION`` the places
  (``Beijing, China; Guangzhou, China``), ``URL`` the first source, ``CATEGORIES`` the tags;
- ``STATUS``: ``TENTATIVE`` for planned or postponed events, ``CANCELLED``, else ``CONFIRMED``;
- ``UID``: stable for an event (its id and creation time, or the UID it was imported with),
  with ``SEQUENCE`` (its version) and ``DTSTAMP``/``LAST-MODIFIED``, so importing a new export
  into a calendar updates the entries instead of duplicating them;
- ``TRANSP:TRANSPARENT``: the entries do not make the calendar's owner look busy;
- ``X-DT-*`` properties keep what iCalendar has no room for (the dates as written, with their
  precision and qualifier; kind; exact status; participants and roles; all sources; trip), so an
  export imports back into the same timeline.

Import reads any calendar: a timed event becomes the days it covers; a ``LOCATION`` that is not
``Locality, Country`` is kept in the summary; the UID is kept so importing the calendar again
updates its events; recurring events are skipped (and counted). Calendars are read whole, so
files over :data:`MAX_BYTES` are refused with a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from icalendar import Calendar, vText
from icalendar import Event as VEvent
from sqlalchemy.orm import Session

from timeline_app.core.dates import DateParseError, UncertainDate, date_bounds, parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate
from timeline_app.core.io import bulk
from timeline_app.core.io.incoming import (
    Citation,
    ExternalKey,
    IncomingEvent,
    Item,
    PlaceRef,
    ReadError,
    Skipped,
    date_text,
    infer_kind,
    infer_status,
    join_list,
    parse_person,
    parse_place,
    person_text,
    place_text,
    split_list,
    vocabulary,
)
from timeline_app.core.io.problems import Problem
from timeline_app.core.records import EventRow
from timeline_app.core.store import queries
from timeline_app.core.vocabulary import Kind, Status

DATASET = "ics"
MAX_BYTES = 20 * 1024 * 1024
PRODID = "-//Diplomatic Timeline//Diplomatic Timeline//EN"
UID_DOMAIN = "diplomatic-timeline"

_TO_ICS = {
    Status.PLANNED: "TENTATIVE",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}


def ics_status(status: Status) -> str:
    return _TO_ICS.get(status, "CONFIRMED")


def stamp(created: datetime | None) -> str:
    return created.strftime("%Y%m%dT%H%M%S") if created else "0"


def uid_for(event_id: int, created: datetime | None, external: dict[str, str]) -> str:
    """The event's UID: the one it was imported with, else one made of its id and birth."""
    if DATASET in external:
        return external[DATASET]
    return f"event-{event_id}-{stamp(created)}@{UID_DOMAIN}"


_OWN_UID = re.compile(rf"event-(\d+)-(\w+)@{re.escape(UID_DOMAIN)}")


def own_uid(uid: str) -> tuple[int, str] | None:
    """The event id and creation stamp in a UID made by :func:`uid_for`, if it is one."""
    match = _OWN_UID.fullmatch(uid)
    return (int(match.group(1)), match.group(2)) if match else None


# -- export ---------------------------------------------------------------------------------------


def write_ics(session: Session, handle: IO[bytes], flt: EventFilter | None = None) -> int:
    """Write the (filtered) events as an iCalendar file to a binary handle, event by event."""
    rows = queries.event_rows(session, flt)
    header = Calendar()
    header.add("prodid", PRODID)
    header.add("version", "2.0")
    header.add("calscale", "GREGORIAN")
    header.add("method", "PUBLISH")
    header.add("x-wr-calname", "Diplomatic Timeline")
    opening = header.to_ical()
    closing = b"END:VCALENDAR\r\n"
    assert opening.endswith(closing)
    handle.write(opening[: -len(closing)])
    for part in bulk.chunks(rows, 2000):
        extras = bulk.export_extras(session, [row.id for row in part])
        for row in part:
            handle.write(_vevent(row, extras[row.id]).to_ical())
    handle.write(closing)
    return len(rows)


def _vevent(row: EventRow, extra: bulk.Extras) -> VEvent:
    first, last = date_bounds(row.start, row.end)
    event = VEvent()
    event.add("uid", uid_for(row.id, extra.created_at, extra.external))
    stamp = (extra.updated_at or datetime(2000, 1, 1)).replace(tzinfo=UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    if extra.created_at:
        event.add("created", extra.created_at.replace(tzinfo=UTC))
    event.add("sequence", max(extra.version - 1, 0))
    event.add("summary", row.title)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("status", ics_status(row.status))
    if extra.summary:
        event.add("description", extra.summary)
    if row.places:
        event.add(
            "location", join_list([place_text(p.locality, p.country_code) for p in row.places])
        )
    if extra.sources:
        event.add("url", extra.sources[0])
        event.add("x-dt-sources", vText(join_list(extra.sources)))
    if extra.tags:
        event.add("categories", list(extra.tags))
    event.add("x-dt-start", vText(date_text(row.start)))
    if row.end is not None:
        event.add("x-dt-end", vText(date_text(row.end)))
    event.add("x-dt-kind", vText(row.kind.value))
    event.add("x-dt-status", vText(row.status.value))
    if row.actors:
        event.add(
            "x-dt-participants", vText(join_list([person_text(a.name, a.role) for a in row.actors]))
        )
    if extra.trip:
        event.add("x-dt-trip", vText(extra.trip))
    return event


# -- import ---------------------------------------------------------------------------------------


def read_ics(
    path: Path, *, today: date, meter: Callable[[int], None] | None = None
) -> Iterator[Item]:
    """Each VEVENT as an event, a problem, or the reason it was skipped."""
    where = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        yield Problem(
            where,
            translate(
                "import",
                "the calendar is {size} MB; calendars of up to {limit} MB can be imported "
                "(split it, or export the events as CSV)",
            ).format(size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
        )
        return
    data = path.read_bytes()
    if meter:
        meter(len(data))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        yield Problem(
            f"{where}:{line}",
            translate(
                "import", "this line is not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8"
            ).format(byte=data[error.start]),
        )
        return
    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as error:
        yield Problem(
            where, translate("import", "not an iCalendar file: {reason}").format(reason=error)
        )
        return
    count = 0
    for calendar in calendars:
        for index, component in enumerate(calendar.walk("VEVENT"), start=1):
            count += 1
            yield _event(component, where, index, today)
    if count == 0:
        yield Skipped(translate("import", "calendars without events"))


_ESCAPED = re.compile(r"\\(.)")


def _unescape(raw: str) -> str:
    """RFC 5545 text unescaping (``\\;`` ``\\,`` ``\\n`` ``\\\\``), for the X- properties the
    icalendar package hands over as written."""
    return _ESCAPED.sub(lambda match: "\n" if match.group(1) in "nN" else match.group(1), raw)


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    text = _unescape(str(value)) if name.startswith("x-") else str(value)
    return " ".join(text.split()) if name != "description" else text.strip()


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ReadError(translate("import", "'{value}' is not a date").format(value=value))


def _event(component: Any, where: str, index: int, today: date) -> Item:
    uid = _text(component, "uid")
    title = _text(component, "summary")
    label = uid or f"#{index}"
    at = f"{where} (event {label})"
    if "rrule" in component or "rdate" in component:
        return Skipped(translate("import", "events (recurring)"))
    errors = [f"{name}: {reason}" for name, reason in getattr(component, "errors", [])]
    if errors:
        return Problem(at, "; ".join(errors))
    problems: list[str] = []
    if not title:
        problems.append(translate("import", "SUMMARY (the title) is missing"))
    start = end = None
    try:
        start, end = _dates(component)
    except (ReadError, DateParseError, KeyError, TypeError) as error:
        problems.append(str(error))
    kind = Kind.OTHER
    status: Status | None = None
    people: tuple[Any, ...] = ()
    try:
        if component.get("x-dt-kind"):
            kind = vocabulary(Kind, _text(component, "x-dt-kind"))
        else:
            kind = infer_kind(f"{title} {_text(component, 'description')}", Kind.OTHER)
        if component.get("x-dt-status"):
            status = vocabulary(Status, _text(component, "x-dt-status"))
        people = tuple(
            parse_person(text) for text in split_list(_text(component, "x-dt-participants"))
        )
    except ReadError as error:
        problems.append(str(error))
    if problems or start is None:
        return Problem(at, "; ".join(problems))
    if status is None:
        status = _status(_text(component, "status").upper(), start, end, today)
    summary = _text(component, "description")
    places: list[PlaceRef] = []
    location = _text(component, "location")
    try:
        places = [parse_place(text) for text in split_list(location)]
    except ReadError:
        places = []
        summary = f"{summary}\n\n{translate('import', 'Location')}: {location}".strip()
    urls = split_list(_text(component, "x-dt-sources")) or split_list(_text(component, "url"))
    categories = component.get("categories")
    tags: list[str] = []
    for item in categories if isinstance(categories, list) else [categories] if categories else []:
        tags.extend(str(tag) for tag in getattr(item, "cats", []))
    return IncomingEvent(
        where=at,
        title=title,
        kind=kind,
        status=status,
        start=start,
        end=end,
        summary=summary,
        places=tuple(places),
        people=people,
        sources=tuple(Citation(url) for url in urls),
        tags=tuple(tag.strip() for tag in tags if tag.strip()),
        trip=_text(component, "x-dt-trip") or None,
        external=ExternalKey(DATASET, uid) if uid else None,
    )


def _dates(component: Any) -> tuple[UncertainDate, UncertainDate | None]:
    if component.get("x-dt-start"):
        start = parse_date(_text(component, "x-dt-start"))
        written_end = _text(component, "x-dt-end")
        return start, parse_date(written_end) if written_end else None
    if component.get("dtstart") is None:
        raise ReadError(translate("import", "DTSTART (the start) is missing"))
    raw_start = component.decoded("dtstart")
    first = _day(raw_start)
    last = first
    if component.get("dtend") is not None:
        raw_end = component.decoded("dtend")
        last = _day(raw_end)
        timed_midnight = isinstance(raw_end, datetime) and raw_end.time() == datetime.min.time()
        if (not isinstance(raw_end, datetime) or timed_midnight) and last > first:
            last -= timedelta(days=1)  # an exclusive end: the day before
    elif component.get("duration") is not None:
        end = raw_start + component.decoded("duration")
        last = max(
            first, _day(end) - (timedelta(days=1) if not isinstance(end, datetime) else timedelta())
        )
    if last < first:
        raise ReadError(
            translate("import", "the end ({end}) is before the start ({start})").format(
                end=last.isoformat(), start=first.isoformat()
            )
        )
    start = UncertainDate.from_date(first)
    return start, UncertainDate.from_date(last) if last != first else None


def _status(text: str, start: UncertainDate, end: UncertainDate | None, today: date) -> Status:
    if text == "TENTATIVE":
        return Status.PLANNED
    if text == "CANCELLED":
        return Status.CANCELLED
    return infer_status(start, end, today)
