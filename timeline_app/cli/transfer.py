"""``timeline-app import`` and ``timeline-app export``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from timeline_app.cli import commands
from timeline_app.cli.errors import REJECTED, CliError
from timeline_app.core.backups import BackupError
from timeline_app.core.io.formats import EXPORTS, Format, export_format
from timeline_app.core.io.problems import ImportRejected
from timeline_app.core.store import ReadOnlyError

# The importers and exporters (iCalendar among them) are loaded by the commands that use them,
# not by every start of the program (the window's among them).

AddDbOption = Callable[[argparse.ArgumentParser], None]


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_db: AddDbOption
) -> None:
    importing = sub.add_parser(
        "import",
        help="import files or folders: native JSON, CSV, iCalendar, Office of the Historian XML",
        description="Import files or folders in one go: everything is imported, or nothing "
        "(every problem is listed, with its file and line or record). Importing the same "
        "records again updates them instead of adding them twice.",
    )
    add_db(importing)
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    importing.add_argument(
        "--format",
        choices=[fmt.value for fmt in Format],
        default=Format.AUTO.value,
        help="the files' format (default: from each file's name or content)",
    )
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help="check everything and say what would be added, updated and skipped; write nothing",
    )
    importing.add_argument(
        "--no-backup",
        action="store_true",
        help="import even if the database cannot be backed up first (by default a copy is "
        "made before the import is saved, and nothing is imported if that fails)",
    )
    importing.set_defaults(handler=import_command)

    exporting = sub.add_parser(
        "export",
        help="write events to a file: native JSON, CSV or iCalendar",
        description="Export the events the filters select (all by default) to a file, "
        "written whole or not at all.",
    )
    add_db(exporting)
    exporting.add_argument(
        "--format",
        choices=[fmt.value for fmt in EXPORTS],
        help="the file's format (default: from the --out file's extension)",
    )
    exporting.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    commands.add_filter_options(exporting)
    exporting.set_defaults(handler=export_command)


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


def import_command(args: argparse.Namespace) -> int:
    from timeline_app.core.io.importing import import_paths  # noqa: PLC0415 - see the imports

    with commands.open_store(args.db) as store:
        try:
            summary = import_paths(
                store,
                list(args.paths),
                fmt=Format(args.format),
                dry_run=args.dry_run,
                backup=not args.no_backup,
            )
        except BackupError as error:
            raise CliError(
                f"no backup of the database could be made before the import ({error}); "
                "nothing was imported. Free some disk space, or import without a backup: "
                "--no-backup",
                REJECTED,
            ) from error
        except ReadOnlyError as error:
            hint = " (a dry run writes and rolls back, so it needs write access too)"
            raise CliError(
                f"{error}; nothing was imported{hint if args.dry_run else ''}"
            ) from error
        except ImportRejected as error:
            count = len(error.problems)
            print(
                f"timeline-app: import rejected, nothing was imported ({count} problem(s)):",
                file=sys.stderr,
            )
            for problem in error.problems:
                print(_printable(str(problem)), file=sys.stderr)
            return REJECTED
    for line in summary.lines():
        print(line)
    if summary.backup is not None:
        print(f"The database as it was before the import is kept in {summary.backup}")
    if args.dry_run:
        print("dry run: nothing was written")
    return 0


def export_command(args: argparse.Namespace) -> int:
    from timeline_app.core.io.exporting import (  # noqa: PLC0415 - see the imports
        ExportError,
        export_events,
    )

    out: Path = args.out
    fmt = Format(args.format) if args.format else export_format(out)
    if fmt is None:
        raise CliError(
            f"--format: say json, csv or ics, or name the file .json, .csv or .ics ({out})"
        )
    flt = commands.filter_from_args(args)
    with commands.open_store(args.db) as store:
        try:
            count = export_events(store, out, fmt, flt)
        except ExportError as error:
            raise CliError(str(error)) from error
    print(f"Exported {count} event(s) to {out}.")
    return 0
