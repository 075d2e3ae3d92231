"""The ``timeline-app`` command: the GUI by default, and subcommands that need no display.

Exit status: 0 on success, 1 when the input was rejected (an import), 2 for usage errors and for
a database that cannot be opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline_app.cli.errors import USAGE, CliError

# The subcommands' modules are imported by build_parser(), not here: a window's start reads the
# timeline meanwhile (see main() and core.early_read).


def _add_db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        # Given before or after the subcommand; the subcommand's copy must not reset it.
        default=None if top else argparse.SUPPRESS,
        help="the timeline database file (default: timeline.sqlite3 in your data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    from timeline_app import __version__  # noqa: PLC0415 - see above
    from timeline_app.cli import commands, print_command, transfer  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Diplomatic Timeline: a timeline of diplomatic visits. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_db_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = sub.add_parser("list", help="print events in time order")
    _add_db_option(listing)
    commands.add_filter_options(listing)
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument("--lang", choices=("en", "fr"), default="en", help="language of dates")
    listing.set_defaults(handler=commands.list_events)

    init = sub.add_parser("init", help="create a new timeline database")
    init.add_argument("path", type=Path, help="the database file to create")
    init.add_argument("--empty", action="store_true", help="without the seed timeline")
    init.set_defaults(handler=commands.init_database)

    listing_backups = sub.add_parser("backups", help="list the automatic backups of a database")
    _add_db_option(listing_backups)
    listing_backups.set_defaults(handler=commands.list_backups)

    restoring = sub.add_parser(
        "restore",
        help="restore a backup in place of the database (the current version is kept)",
    )
    restoring.add_argument("backup", metavar="BACKUP", help="its number in `backups`, or a file")
    _add_db_option(restoring)
    restoring.add_argument(
        "--to", metavar="NEW_FILE", type=Path, help="restore into this new file instead"
    )
    restoring.set_defaults(handler=commands.restore_backup)
    transfer.add_commands(sub, _add_db_option)

    printing = sub.add_parser(
        "print", help="write a timeline or a chronology as a PDF file (no display needed)"
    )
    _add_db_option(printing)
    print_command.add_options(printing)
    printing.set_defaults(handler=print_command.run)
    return parser


def window_database(argv: Sequence[str]) -> Path | None:
    """The database a window is about to open, when ``argv`` plainly asks for the window
    (nothing but ``--db PATH``); None otherwise (a subcommand, help, anything unusual)."""
    db: Path | None = None
    words = list(argv)
    while words:
        word = words.pop(0)
        if word == "--db" and words:
            db = Path(words.pop(0))
        elif word.startswith("--db="):
            db = Path(word.removeprefix("--db="))
        else:
            return None
    if db is None:
        from timeline_app import paths  # noqa: PLC0415

        db = paths.default_database()
    return db


def _start_reading_early(argv: Sequence[str]) -> None:
    """For the window: start reading the timeline while the rest of the app is imported."""
    db = window_database(argv)
    if db is not None:
        from timeline_app.core import early_read  # noqa: PLC0415 - light: sqlite3 and a thread

        early_read.start(db)


def main(argv: Sequence[str] | None = None) -> int:
    _start_reading_early(sys.argv[1:] if argv is None else argv)
    from timeline_app.cli import commands  # noqa: PLC0415 - after the early start
    from timeline_app.core.store import StoreError  # noqa: PLC0415

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return commands.run_gui(args)
        return int(handler(args))
    except CliError as error:
        print(f"timeline-app: error: {error}", file=sys.stderr)
        return error.status
    except StoreError as error:  # read-only, busy...: said in a line, nothing half-written
        print(f"timeline-app: error: {error}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`timeline-app list | head`): not an error of ours. Python docs'
        # recipe: point stdout at devnull so the interpreter's final flush does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
