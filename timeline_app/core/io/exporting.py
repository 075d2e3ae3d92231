"""Exporting the timeline (or the part a filter shows) to a file, atomically."""

from __future__ import annotations

import json
from pathlib import Path

from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate
from timeline_app.core.io import csv_format, ics_format, native_json
from timeline_app.core.io.atomic import atomic_binary, atomic_text
from timeline_app.core.io.formats import EXPORTS, Format
from timeline_app.core.store import Store
from timeline_app.core.store.errors import StoreError


class ExportError(StoreError):
    """The file cannot be written; the message says why."""


def export_events(store: Store, path: Path, fmt: Format, flt: EventFilter | None = None) -> int:
    """Write the events ``flt`` selects (all by default) to ``path``; returns how many.

    The file is written to a temporary name beside ``path`` and renamed when complete, so an
    error leaves no half-written file (and an existing file untouched).
    """
    if fmt not in EXPORTS:
        raise ExportError(translate("export", "cannot export as {format}").format(format=fmt.value))
    if path.is_dir():
        raise ExportError(
            translate("export", "{path} is a folder; give a file name").format(path=path)
        )
    if not path.absolute().parent.is_dir():
        raise ExportError(
            translate("export", "cannot write {path}: the folder {folder} does not exist").format(
                path=path, folder=path.absolute().parent
            )
        )
    try:
        with store.reading() as session:
            if fmt is Format.JSON:
                document = native_json.export_document(session, flt)
                with atomic_text(path) as handle:
                    json.dump(document, handle, ensure_ascii=False, indent=2)
                    handle.write("\n")
                return len(document["events"])
            if fmt is Format.CSV:
                # A byte-order mark, so spreadsheet programs read the file as UTF-8.
                with atomic_text(path, encoding="utf-8-sig", newline="") as handle:
                    return csv_format.write_csv(session, handle, flt)
            with atomic_binary(path) as binary:
                return ics_format.write_ics(session, binary, flt)
    except OSError as error:
        raise ExportError(
            translate("export", "cannot write {path}: {reason}").format(
                path=path, reason=error.strerror or str(error)
            )
        ) from error
