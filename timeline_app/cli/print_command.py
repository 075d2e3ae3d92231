"""``timeline-app print``: a timeline or a chronology as a PDF file, without a display.

The options are checked here, without Qt; Qt is loaded (lazily, offscreen when there is no
display) only to lay out and write the PDF. Exit status: 0 when written; 2 for bad options (an
unknown paper size, a bad date...), an unavailable layout or an output file that cannot be
written; 1 when the range and the filter leave nothing to print. On failure no file is left
behind and an existing file is left as it was.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from timeline_app.cli.commands import add_filter_options, filter_from_args, open_store
from timeline_app.cli.errors import REJECTED, USAGE, CliError
from timeline_app.core.printing import (
    LANE_GROUPINGS,
    MAX_PAGES_WIDE,
    Orientation,
    Paper,
    PrintJob,
    PrintJobError,
    PrintLayout,
    RangeMode,
)

OPTIONS = {  # PrintJob field -> the option that sets it, for messages
    "layout": "--layout",
    "paper": "--paper",
    "orientation": "--orientation",
    "pages_wide": "--pages-wide",
    "days_per_cm": "--days-per-cm",
    "lane_grouping": "--lanes",
    "range": "--from/--to",
    "title": "--title",
    "lang": "--lang",
}


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--layout",
        required=True,
        choices=[layout.value for layout in PrintLayout],
        help="a timeline drawn over pages, or a chronology report",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="PDF to write")
    parser.add_argument(
        "--paper",
        default=Paper.A4.value,
        metavar="SIZE",
        help=f"paper size: {', '.join(p.value for p in Paper)} (default: A4)",
    )
    parser.add_argument(
        "--orientation",
        choices=[o.value for o in Orientation],
        default=Orientation.LANDSCAPE.value,
        help="default: landscape",
    )
    parser.add_argument(
        "--pages-wide",
        type=int,
        default=1,
        metavar="N",
        help=f"timeline layout: fit the range to N pages wide (1-{MAX_PAGES_WIDE}, default 1)",
    )
    parser.add_argument(
        "--days-per-cm",
        type=float,
        default=None,
        metavar="DAYS",
        help="timeline layout: a time scale instead of --pages-wide",
    )
    parser.add_argument(
        "--lanes",
        choices=LANE_GROUPINGS,
        default="actor",
        help="timeline layout: what puts events in the same lane (default: actor)",
    )
    parser.add_argument("--title", default="", help="the title in the page header")
    parser.add_argument("--lang", choices=("en", "fr"), default="en", help="language of dates")
    add_filter_options(parser)


def job_from_args(args: argparse.Namespace) -> PrintJob:
    """The print job the options describe; a bad option raises CliError naming it."""
    flt = filter_from_args(args)
    dated = flt.date_from is not None or flt.date_to is not None
    try:
        return PrintJob(
            layout=PrintLayout(args.layout),
            paper=Paper.parse(args.paper),
            orientation=Orientation(args.orientation),
            pages_wide=args.pages_wide,
            days_per_cm=args.days_per_cm,
            lane_grouping=args.lanes,
            range_mode=RangeMode.DATES if dated else RangeMode.EVERYTHING,
            date_from=flt.date_from,
            date_to=flt.date_to,
            filter=replace(flt, date_from=None, date_to=None),
            title=args.title,
            lang=args.lang,
        )
    except PrintJobError as error:
        raise CliError(f"{OPTIONS.get(error.field, error.field)}: {error.message}") from error


def check_output(path: Path) -> None:
    """Refuse at once an output that cannot be a file (before the database is opened)."""
    if path.is_dir():
        raise CliError(f"--out: {path} is a folder, not a file name")
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise CliError(f"--out: cannot write {path}: {folder} is not a folder")
    if not folder.is_dir():
        raise CliError(f"--out: cannot write {path}: the folder {folder} does not exist")


def run(args: argparse.Namespace) -> int:
    job = job_from_args(args)
    out: Path = args.out
    check_output(out)
    # Qt only now, for the layout and the PDF.
    from timeline_app.gui.printing.document import (  # noqa: PLC0415
        LayoutUnavailable,
        NothingToPrint,
        PrintError,
    )
    from timeline_app.gui.printing.headless import export_pdf_file  # noqa: PLC0415

    with open_store(args.db) as store:
        try:
            pages = export_pdf_file(store, job, out)
        except NothingToPrint as error:
            raise CliError(str(error), REJECTED) from error
        except LayoutUnavailable as error:
            raise CliError(f"--layout: {error}", USAGE) from error
        except PrintError as error:
            raise CliError(str(error), USAGE) from error
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}).")
    return 0
