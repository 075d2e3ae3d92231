"""Exporting from the window: a file dialog whose file types are the formats."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app.core.filters import EventFilter
from timeline_app.core.io.exporting import ExportError, export_events
from timeline_app.core.io.formats import Format, export_format
from timeline_app.core.store import Store


def _filters() -> dict[str, tuple[Format, str]]:
    return {
        QCoreApplication.translate("ImportExport", "Timeline, complete (JSON) (*.json)"): (
            Format.JSON,
            ".json",
        ),
        QCoreApplication.translate("ImportExport", "Spreadsheet (CSV) (*.csv)"): (
            Format.CSV,
            ".csv",
        ),
        QCoreApplication.translate("ImportExport", "Calendar (iCalendar) (*.ics)"): (
            Format.ICS,
            ".ics",
        ),
    }


def export_dialog(
    parent: QWidget | None, store: Store, flt: EventFilter | None = None
) -> Path | None:
    """Ask where to export and in which format, then write the events ``flt`` selects.

    Returns the file written, or None when the user cancelled or the file could not be
    written (then a message says why, and no half-written file is left).
    """
    filters = _filters()
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ImportExport", "Export events"),
        "timeline.json",
        ";;".join(filters),
    )
    if not name:
        return None
    path = Path(name)
    fmt = export_format(path)
    if fmt is None:
        fmt, extension = filters.get(chosen, (Format.JSON, ".json"))
        path = path.with_name(path.name + extension)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        export_events(store, path, fmt, flt)
    except ExportError as error:
        QGuiApplication.restoreOverrideCursor()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ImportExport", "Export failed"),
            QCoreApplication.translate("ImportExport", "The events were not exported."),
            QMessageBox.StandardButton.Close,
            parent,
        )
        box.setObjectName("exportError")
        box.setInformativeText(str(error))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        return None
    QGuiApplication.restoreOverrideCursor()
    return path
