"""CSV: one row per event, for spreadsheets.

The first line names the columns, in any order and case; only ``title`` and ``start`` are
required. The columns:

============  ==========================================================================
column        what it holds
============  ==========================================================================
id            the row's own identifier, optional; importing the same file again updates
              the events of the rows whose id it has seen (per file name)
title         the event's title
kind          ``state_visit``... or its English label (``State visit``); default *other*
status        ``planned``... or its label; default from the dates (completed when past)
start, end    dates as people write them, read by the dates module: ``2023-02-28``,
              ``28 Feb 2023``, ``early April 2023``, ``c. 1995`` (exports write
              ``2023-02-28``, ``early 2023-04``, ``c. 1995``)
places        ``Locality, Country`` (name or ISO code), or just ``Country``; several are
              separated by ``;``: ``Beijing, China; Guangzhou, China``
participants  ``Name (role)``, several separated by ``;``:
              ``Antony Blinken (visitor); Kassym-Jomart Tokayev (host)``; without a role,
              a participant. People are matched by name or alias, else added
summary       free text
tags          separated by ``;``
sources       web addresses separated by ``;``
trip          the title of the trip the event is a leg of
============  ==========================================================================

Files are UTF-8 (a byte-order mark is fine; exports write one so spreadsheets read the
accents right), separated by commas (or semicolons or tabs, as the header line shows), quoted
the usual way. A row with more or fewer cells than the header names - a column shifted by a
missing or extra separator - is rejected with its line, as is an unknown column.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from timeline_app.core.dates import DateParseError, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate
from timeline_app.core.io import bulk
from timeline_app.core.io.incoming import (
    Citation,
    ExternalKey,
    IncomingEvent,
    Item,
    ReadError,
    check_length,
    date_text,
    infer_status,
    join_list,
    parse_person,
    parse_place,
    person_text,
    place_text,
    read_date,
    split_list,
    vocabulary,
)
from timeline_app.core.io.problems import Problem
from timeline_app.core.store import queries
from timeline_app.core.store.errors import FieldError
from timeline_app.core.store.validation import check_url
from timeline_app.core.vocabulary import Kind, Status

COLUMNS = (
    "id",
    "title",
    "kind",
    "status",
    "start",
    "end",
    "places",
    "participants",
    "summary",
    "tags",
    "sources",
    "trip",
)
REQUIRED = ("title", "start")
DATASET_PREFIX = "csv:"


class _BadEncoding(Exception):
    def __init__(self, line: int, byte: int) -> None:
        super().__init__(line, byte)
        self.line = line
        self.byte = byte


def _lines(handle: IO[bytes], meter: Callable[[int], None] | None) -> Iterator[str]:
    """The file's lines as text; a byte that is not UTF-8 stops it with its line number."""
    for number, raw in enumerate(handle, start=1):
        if meter:
            meter(len(raw))
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _BadEncoding(number, raw[error.start]) from error
        yield line.removeprefix("\ufeff") if number == 1 else line


def _column(name: str) -> str:
    return "_".join(name.strip().casefold().replace("-", " ").split())


def read_csv(
    path: Path, *, today: date, meter: Callable[[int], None] | None = None
) -> Iterator[Item]:
    """Each row of a CSV file as an event, or a problem with its line."""
    where = str(path)
    dataset = (DATASET_PREFIX + path.name)[:64]
    with path.open("rb") as handle:
        lines = _lines(handle, meter)
        reader = None
        try:
            first = next(lines, None)
            if first is None or not first.strip():
                yield Problem(
                    f"{where}:1", translate("import", "the first line must name the columns")
                )
                return
            delimiter = max((",", ";", "\t"), key=first.count)
            reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
            header = [_column(name) for name in next(reader)]
            problems = _check_header(header, where)
            if problems:
                yield from problems
                return
            previous = reader.line_num
            for row in reader:
                line = previous + 1
                previous = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                yield _row(row, header, f"{where}:{line}", dataset, (today, delimiter))
        except _BadEncoding as error:
            yield Problem(
                f"{where}:{error.line}",
                translate(
                    "import",
                    "this line is not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8 "
                    "(in a spreadsheet: CSV UTF-8)",
                ).format(byte=error.byte),
            )
        except csv.Error as error:
            line = reader.line_num if reader is not None else 1
            message = str(error)
            if "field larger than field limit" in message:
                message = translate(
                    "import", 'a cell is longer than {limit} characters: is a quote (") left open?'
                ).format(limit=csv.field_size_limit())
            yield Problem(
                f"{where}:{line}",
                translate("import", "cannot read the CSV: {reason}").format(reason=message),
            )


def _check_header(header: list[str], where: str) -> list[Problem]:
    problems = []
    known = ", ".join(COLUMNS)
    for name in header:
        if name and name not in COLUMNS:
            problems.append(
                Problem(
                    f"{where}:1",
                    translate(
                        "import", "unknown column '{name}' (the columns are: {known})"
                    ).format(name=name, known=known),
                )
            )
        elif not name:
            problems.append(Problem(f"{where}:1", translate("import", "a column has no name")))
    for name in sorted({name for name in header if header.count(name) > 1 and name}):
        problems.append(
            Problem(
                f"{where}:1",
                translate("import", "the column '{name}' appears twice").format(name=name),
            )
        )
    for name in REQUIRED:
        if name not in header:
            problems.append(
                Problem(
                    f"{where}:1",
                    translate("import", "the column '{name}' is missing").format(name=name),
                )
            )
    return problems


def _row(
    row: list[str], header: list[str], where: str, dataset: str, context: tuple[date, str]
) -> IncomingEvent | Problem:
    today, delimiter = context
    if len(row) != len(header):
        return Problem(
            where,
            translate(
                "import",
                "{cells} cells where the header names {columns} columns: a missing or extra "
                "separator shifts the columns (quote cells that contain '{delimiter}')",
            ).format(cells=len(row), columns=len(header), delimiter=delimiter),
        )
    cells = {name: value.strip() for name, value in zip(header, row, strict=False)}
    errors: list[str] = []

    def read(name: str, parse: Callable[[str], object]) -> object:
        text = cells.get(name, "")
        try:
            check_length(text, name)
            return parse(text) if text else None
        except (ReadError, DateParseError) as error:
            errors.append(f"{name}: {error}")
            return None

    start = read("start", read_date)
    if start is None and not cells.get("start"):
        errors.append(translate("import", "start: missing"))
    end = read("end", read_date)
    kind = read("kind", lambda text: vocabulary(Kind, text))
    status = read("status", lambda text: vocabulary(Status, text))
    places = read("places", lambda text: tuple(parse_place(p) for p in split_list(text)))
    people = read("participants", lambda text: tuple(parse_person(p) for p in split_list(text)))
    tags = read("tags", lambda text: tuple(split_list(text)))
    for name in ("title", "summary", "trip", "id"):
        read(name, str)
    sources: list[Citation] = []
    for url in split_list(cells.get("sources", "")):
        url_errors: list[FieldError] = []
        check_url(url, "sources", url_errors)
        errors.extend(str(error) for error in url_errors)
        sources.append(Citation(url))
    if errors:
        return Problem(where, "; ".join(errors))
    assert isinstance(start, UncertainDate)
    assert end is None or isinstance(end, UncertainDate)
    record_id = cells.get("id", "")
    return IncomingEvent(
        where=where + (f" (id {record_id})" if record_id else ""),
        title=cells.get("title", ""),
        kind=kind if isinstance(kind, Kind) else Kind.OTHER,
        status=status if isinstance(status, Status) else infer_status(start, end, today),
        start=start,
        end=end,
        summary=cells.get("summary", ""),
        places=places if isinstance(places, tuple) else (),
        people=people if isinstance(people, tuple) else (),
        sources=tuple(sources),
        tags=tags if isinstance(tags, tuple) else (),
        trip=cells.get("trip") or None,
        external=ExternalKey(dataset, record_id) if record_id else None,
    )


# -- export ---------------------------------------------------------------------------------------


def write_csv(session: Session, handle: IO[str], flt: EventFilter | None = None) -> int:
    """Write the (filtered) events as CSV to a text handle opened with ``newline=""``."""
    rows = queries.event_rows(session, flt)
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    for part in bulk.chunks(rows, 2000):
        extras = bulk.export_extras(session, [row.id for row in part])
        for row in part:
            extra = extras[row.id]
            writer.writerow(
                (
                    row.id,
                    row.title,
                    row.kind.value,
                    row.status.value,
                    date_text(row.start),
                    date_text(row.end),
                    join_list([place_text(p.locality, p.country_code) for p in row.places]),
                    join_list([person_text(a.name, a.role) for a in row.actors]),
                    extra.summary,
                    join_list(extra.tags),
                    join_list(extra.sources),
                    extra.trip or "",
                )
            )
    return len(rows)


__all__ = ["COLUMNS", "read_csv", "write_csv"]
