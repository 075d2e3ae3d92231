"""Importing files, whole or not at all: the entry point the CLI and the GUI share.

:func:`import_paths` reads every file given (a folder's files of known formats included) and
writes them in **one** transaction. Every record is checked; if any has a problem, nothing at
all is imported and :class:`ImportRejected` lists each problem with its file and line or record
id. A dry run does all the same work, reports what would be added, updated and skipped, and
rolls back. Cancelling (from another thread, through ``cancelled``) also rolls back.

Before an import that changes something is committed, the database is backed up
(``backups.before_import``, reason ``before-import``): the copy is taken once every record
passed its checks, while the import waits to commit, so it holds the database exactly as it was
before the import, and imports that are refused or change nothing do not push older backups out
of the rotation. If the copy cannot be made, :class:`~timeline_app.core.backups.BackupError` is
raised and nothing is imported; ``backup=False`` imports without one (the user's choice).

Native JSON files are read first (:mod:`.native_json`), then CSV, iCalendar and Office of the
Historian files stream through the bulk :class:`Loader`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from timeline_app.core import backups
from timeline_app.core.i18n import translate
from timeline_app.core.io import csv_format, historian, ics_format, native_json
from timeline_app.core.io.formats import Format, detect, expand
from timeline_app.core.io.incoming import Skipped
from timeline_app.core.io.journeys import group_journeys
from timeline_app.core.io.loader import Loader
from timeline_app.core.io.problems import (
    ImportCancelled,
    ImportRejected,
    ImportSummary,
    Problem,
    ProblemLog,
)
from timeline_app.core.store import Store
from timeline_app.core.store.time_order import counters_suspended
from timeline_app.core.store.writer import Writer

Progress = Callable[[int, int], None]

# Native JSON is parsed whole; past this size a file would take too much memory.
MAX_JSON_BYTES = 32 * 1024 * 1024
_CHECK_EVERY = 256

READERS = {
    Format.CSV: csv_format.read_csv,
    Format.ICS: ics_format.read_ics,
    Format.HISTORIAN: historian.read_historian,
}


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def plan(paths: list[Path], fmt: Format = Format.AUTO) -> tuple[list[tuple[Path, Format]], int]:
    """Each file to import with its format, and how many files of folders were passed over.

    Raises :class:`ImportRejected` for what cannot be read at all.
    """
    files, problems, passed_over = expand(paths, fmt)
    planned: list[tuple[Path, Format]] = []
    for file in files:
        try:
            size = file.stat().st_size
        except OSError as error:
            problems.append(Problem(str(file), error.strerror or str(error)))
            continue
        if size == 0:
            problems.append(Problem(str(file), translate("import", "the file is empty")))
            continue
        found = fmt if fmt is not Format.AUTO else detect(file)
        if found is None:
            problems.append(
                Problem(
                    str(file),
                    translate(
                        "import",
                        "cannot tell the format of this file; name it .json, .csv, .ics or .xml, "
                        "or say which it is (--format)",
                    ),
                )
            )
            continue
        if found is Format.JSON and size > MAX_JSON_BYTES:
            problems.append(
                Problem(
                    str(file),
                    translate(
                        "import",
                        "the file is {size} MB; native JSON files of up to {limit} MB can be "
                        "imported (export bigger timelines in parts, or as CSV)",
                    ).format(size=size // (1024 * 1024), limit=MAX_JSON_BYTES // (1024 * 1024)),
                )
            )
            continue
        planned.append((file, found))
    if problems:
        raise ImportRejected(problems)
    # Native JSON first: it writes through the Writer, and the bulk loader then sees its records.
    planned.sort(key=lambda item: item[1] is not Format.JSON)
    return planned, passed_over


def import_paths(
    store: Store,
    paths: list[Path],
    *,
    fmt: Format = Format.AUTO,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    backup: bool = True,
) -> ImportSummary:
    """Import files and folders in one transaction; see the module docs.

    ``progress(done, total)`` is called now and then with bytes read; ``cancelled()`` is asked
    as often, and when it answers True the import stops and rolls back
    (:class:`ImportCancelled`). With ``backup`` (the default), the database is backed up before
    the import is committed (``summary.backup``); ``BackupError`` if that fails.
    """
    planned, passed_over = plan(paths, fmt)
    today = today or date.today()
    total = sum(file.stat().st_size for file, _ in planned)
    done = 0

    def meter(count: int) -> None:
        nonlocal done
        done += count

    def check() -> None:
        if progress is not None:
            progress(min(done, total), total)
        if cancelled is not None and cancelled():
            raise ImportCancelled

    summary = ImportSummary(files=[str(file) for file, _ in planned], dry_run=dry_run)
    if passed_over:
        summary.count("skipped", translate("import", "file(s) of other formats"), passed_over)
    log = ProblemLog()
    try:
        with (
            store.writing(record_history=False) as writer,
            counters_suspended(writer.session.connection()),
        ):
            loader: Loader | None = None
            for file, found in planned:
                check()
                if found is Format.JSON:
                    _import_json(writer, file, summary, log)
                    meter(file.stat().st_size)
                    continue
                if loader is None:
                    loader = Loader(writer, summary, log)
                reader = READERS[found](file, today=today, meter=meter)
                for count, item in enumerate(reader, start=1):
                    if isinstance(item, Problem):
                        log.add(item)
                    elif isinstance(item, Skipped):
                        summary.count("skipped", item.reason)
                    else:
                        loader.add(item)
                    if count % _CHECK_EVERY == 0:
                        check()
            if loader is not None:
                loader.finish()
                if not log and historian.TRIPS in loader.datasets:
                    group_journeys(writer, historian.TRIPS, summary)
            if log:
                raise log.rejection()
            check()
            summary.changes = writer.changes
            if dry_run:
                raise _DryRun
            if backup and writer.changes:
                made = backups.before_import(store)
                summary.backup = made.path if made is not None else None
    except _DryRun:
        pass
    return summary


def _import_json(writer: Writer, file: Path, summary: ImportSummary, log: ProblemLog) -> None:
    try:
        document = native_json.read_document(file)
        summary.merge(native_json.import_document(writer, document, origin=str(file)))
    except ImportRejected as error:
        log.extend(error.problems)
