"""What each ``timeline-app`` subcommand does. None of it imports Qt, except ``run_gui``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from timeline_app import paths
from timeline_app.cli.errors import REJECTED, CliError
from timeline_app.core import backups, countries, early_read, restore
from timeline_app.core.database import DatabaseOpenError
from timeline_app.core.dates import DateParseError, UncertainDate, parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import EventRow
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status


def open_store(db: Path | None, *, must_exist: bool = True) -> Store:
    """The store at ``db``, or the default one (created and seeded on first use)."""
    try:
        if db is None:
            return open_default_store()
        if must_exist and not db.exists():
            raise CliError(f"no database at {db} (create one with: timeline-app init {db})")
        return Store.open(db)
    except DatabaseOpenError as error:
        raise CliError(str(error)) from error


def open_default_store() -> Store:
    """The user's own timeline; the first time, it is created with the seed timeline."""
    path = paths.default_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists() or path.stat().st_size == 0
    store = Store.open(path)
    if is_new:
        load_seed(store)
    return store


# -- filters -------------------------------------------------------------------------------------


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="words in titles, summaries, names and their other spellings, places, sources, tags"
        " (any case or accents; each word may be the start of a word)",
    )
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from this date on")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date")
    parser.add_argument("--actor", action="append", default=[], help="name or alias (repeatable)")
    parser.add_argument(
        "--country", action="append", default=[], help="ISO code or name (repeatable)"
    )
    parser.add_argument(
        "--kind", action="append", default=[], choices=[k.value for k in Kind], metavar="KIND"
    )
    parser.add_argument(
        "--status",
        action="append",
        default=[],
        choices=[s.value for s in Status],
        metavar="STATUS",
    )
    parser.add_argument("--tag", action="append", default=[], help="tag (repeatable)")
    sources = parser.add_mutually_exclusive_group()
    sources.add_argument(
        "--with-sources",
        dest="has_sources",
        action="store_const",
        const=True,
        default=None,
        help="only events with at least one source",
    )
    sources.add_argument(
        "--without-sources",
        dest="has_sources",
        action="store_const",
        const=False,
        help="only events without any source",
    )


def _date_option(text: str | None, option: str) -> UncertainDate | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except DateParseError as error:
        raise CliError(f"{option}: {error}") from error


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    start = _date_option(args.date_from, "--from")
    end = _date_option(args.date_to, "--to")
    codes = []
    for text in args.country:
        country = countries.find(text)
        if country is None:
            raise CliError(f"--country: '{text}' is not a known country code or name")
        codes.append(country.code)
    if start and end and end.latest < start.earliest:
        raise CliError(f"--to: {end} is before --from ({start})")
    return EventFilter(
        text=args.search,
        date_from=start.earliest if start else None,
        date_to=end.latest if end else None,
        actors=tuple(args.actor),
        countries=tuple(codes),
        kinds=frozenset(Kind(k) for k in args.kind),
        statuses=frozenset(Status(s) for s in args.status),
        tags=tuple(args.tag),
        has_sources=args.has_sources,
    )


# -- list ----------------------------------------------------------------------------------------


def _date_json(value: UncertainDate | None, lang: str) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "date": value.iso,
        "precision": value.precision.value,
        "qualifier": value.qualifier.value,
        "earliest": value.earliest.isoformat(),
        "latest": value.latest.isoformat(),
        "text": value.format("fr" if lang == "fr" else "en"),
    }


def row_json(row: EventRow, lang: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "kind": row.kind.value,
        "status": row.status.value,
        "dates": row.dates(lang),
        "start": _date_json(row.start, lang),
        "end": _date_json(row.end, lang),
        "places": [
            {
                "locality": place.locality,
                "country": place.country_code,
                "country_name": countries.name(place.country_code, lang),
            }
            for place in row.places
        ],
        "participants": [
            {"name": actor.name, "role": actor.role.value, "title": actor.title}
            for actor in row.actors
        ],
        "trip_id": row.trip_id,
    }


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: list[EventRow], lang: str) -> str:
    if not rows:
        return "No events."
    header = ("DATES", "KIND", "STATUS", "PLACES", "TITLE")
    cells = [
        (
            row.dates(lang),
            row.kind.label,
            row.status.label,
            _clip(row.places_text(lang), 34),
            row.title,
        )
        for row in rows
    ]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(4)]
    lines = []
    for line in (header, *cells):
        padded = [cell.ljust(widths[i]) for i, cell in enumerate(line[:4])]
        lines.append("  ".join((*padded, _printable(line[4]))).rstrip())
    return "\n".join(lines)


def _printable(text: str) -> str:
    """One line of text: control characters (a hostile title's newlines...) made visible."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def list_events(args: argparse.Namespace) -> int:
    flt = filter_from_args(args)
    with open_store(args.db) as store:
        rows = store.list_events(flt)
    if args.format == "json":
        json.dump(
            [row_json(row, args.lang) for row in rows], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(rows, args.lang) + "\n")
    return 0


# -- init ----------------------------------------------------------------------------------------


def init_database(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.exists() and path.stat().st_size > 0:
        raise CliError(f"{path} already exists; choose a new file name")
    try:
        store = Store.open(path)
    except DatabaseOpenError as error:
        raise CliError(str(error)) from error
    with store:
        if not args.empty:
            load_seed(store)
        count = store.count_events()
    print(f"Created {path} with {count} event(s).")
    return 0


# -- gui -----------------------------------------------------------------------------------------


def run_gui(args: argparse.Namespace) -> int:
    from timeline_app.gui.app import run  # noqa: PLC0415 - Qt only when the window is wanted

    try:
        return run(args.db)
    finally:
        early_read.discard()  # what the window did not take (it did not open, or not that file)


# -- backups -------------------------------------------------------------------------------------


def _database_path(db: Path | None) -> Path:
    return (db if db is not None else paths.default_database()).expanduser().absolute()


def format_backups(database: Path, found: list[backups.BackupInfo]) -> str:
    if not found:
        return f"No backups of {database} yet."
    lines = [f"Backups of {database} (newest first), in {backups.folder_for(database)}:"]
    for number, info in enumerate(found, start=1):
        when = info.local_created.strftime("%Y-%m-%d %H:%M:%S")
        count = "unreadable" if info.event_count is None else f"{info.event_count} events"
        lines.append(f"{number:>3}  {when}  {count:>12}  {info.reason.label}  {info.path.name}")
    lines.append("Restore one with: timeline-app restore NUMBER|FILE [--db PATH] [--to NEW_FILE]")
    return "\n".join(lines)


def list_backups(args: argparse.Namespace) -> int:
    database = _database_path(args.db)
    print(format_backups(database, backups.list_backups(database)))
    return 0


def _chosen_backup(choice: str, database: Path) -> Path:
    """A backup given by its number in ``timeline-app backups`` or by its file name."""
    if choice.isdigit() and not Path(choice).exists():
        found = backups.list_backups(database)
        number = int(choice)
        if not 1 <= number <= len(found):
            raise CliError(
                f"there is no backup number {number} of {database} "
                f"({len(found)} backup(s); list them with: timeline-app backups)"
            )
        return found[number - 1].path
    path = Path(choice).expanduser()
    if not path.is_file():
        raise CliError(f"no backup file at {path}")
    return path


def restore_backup(args: argparse.Namespace) -> int:
    database = _database_path(args.db)
    backup = _chosen_backup(args.backup, database)
    try:
        if args.to is not None:
            result = restore.restore_to_new_file(backup, args.to)
        else:
            result = restore.restore(backup, database)
    except backups.BackupError as error:
        raise CliError(str(error), REJECTED) from error
    print(f"Restored {result.database} from the backup of {result.restored.describe()}.")
    if result.previous is not None:
        print(f"The version it replaced was kept as {result.previous}")
    return 0
