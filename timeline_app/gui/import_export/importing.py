"""Importing files from the window: off the GUI thread, with progress, Cancel and a report."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from timeline_app.core.backups import BackupError
from timeline_app.core.io import importing as core_importing
from timeline_app.core.io.problems import ImportCancelled, ImportRejected, ImportSummary
from timeline_app.core.store import Store
from timeline_app.gui.import_export.report import ImportReportDialog
from timeline_app.gui.text import plain_message

STEPS = 1000  # the progress bar's resolution


class ImportJob(QObject):
    """One import, run by :meth:`run` in a worker thread; signals reach the GUI thread queued.

    The worker writes through a listener-less ``Store`` on the same engine, so no window hears
    of the changes from the wrong thread; :func:`import_files` passes them on afterwards.
    """

    progressed = Signal(int)  # 0..STEPS
    finished = Signal()

    def __init__(
        self, store: Store, paths: list[Path], *, dry_run: bool = False, backup: bool = True
    ) -> None:
        super().__init__()
        self.store = store
        self.paths = paths
        self.dry_run = dry_run
        self.backup = backup
        self.result: ImportSummary | Exception | None = None
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(done * STEPS / total) if total else 0)

    def run(self) -> None:
        quiet = Store(
            self.store.engine,
            location=self.store.location,
            path=self.store.path,
            read_only=self.store.read_only,
        )
        try:
            self.result = core_importing.import_paths(
                quiet,
                self.paths,
                dry_run=self.dry_run,
                progress=self._progress,
                cancelled=self._cancel.is_set,
                backup=self.backup,
            )
        except Exception as error:  # reported on the GUI thread, whatever it is
            self.result = error
        finally:
            self.finished.emit()


def import_files(
    parent: QWidget | None,
    store: Store,
    paths: list[Path],
    *,
    dry_run: bool = False,
    backup: bool = True,
) -> ImportSummary | None:
    """Import ``paths`` (files and folders) into ``store``; the summary, or None.

    A progress dialog with Cancel shows while it runs (cancelling leaves the database exactly
    as it was); then a report dialog is shown: what was added, updated and skipped, or every
    problem that stopped the import (then nothing was imported). The database is backed up
    before the import is saved; if that fails, nothing is imported and the user is asked
    whether to import without a backup (:func:`ask_without_backup`).
    """
    files = len(paths)  # a name, not a call: pyside6-lupdate skips calls as the count
    progress = QProgressDialog(
        QCoreApplication.translate("ImportExport", "Importing %n file(s)…", "", files),
        QCoreApplication.translate("ImportExport", "Cancel"),
        0,
        STEPS,
        parent,
    )
    progress.setObjectName("importProgress")
    progress.setWindowTitle(QCoreApplication.translate("ImportExport", "Import"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setValue(0)

    job = ImportJob(store, paths, dry_run=dry_run, backup=backup)
    job.progressed.connect(progress.setValue)
    progress.canceled.connect(job.cancel)  # the Cancel button, closing the dialog
    progress.rejected.connect(job.cancel)  # Escape
    loop = QEventLoop()
    job.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker = threading.Thread(target=job.run, name="import", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    progress.hide()
    progress.deleteLater()

    result = job.result
    if isinstance(result, ImportSummary):
        if not result.dry_run:
            store.notify(result.changes)
        title = (
            QCoreApplication.translate("ImportExport", "Import checked")
            if result.dry_run
            else QCoreApplication.translate("ImportExport", "Import finished")
        )
        heading = (
            QCoreApplication.translate(
                "ImportExport", "Nothing was written. The import would do this:"
            )
            if result.dry_run
            else QCoreApplication.translate("ImportExport", "The import is done:")
        )
        if result.backup is not None:
            heading = QCoreApplication.translate(
                "ImportExport",
                "The import is done; the database as it was before is kept as a backup "
                "(File > Restore from Backup…):",
            )
        _show(ImportReportDialog(title, heading, result.lines(), parent))
        return result
    if isinstance(result, ImportCancelled):
        return None
    if isinstance(result, BackupError):
        if ask_without_backup(parent, result):
            return import_files(parent, store, paths, dry_run=dry_run, backup=False)
        return None
    if isinstance(result, ImportRejected):
        problems = len(result.problems)  # a name, not a call: pyside6-lupdate skips calls here
        heading = QCoreApplication.translate(
            "ImportExport",
            "Nothing was imported: %n problem(s) must be fixed first.",
            "",
            problems,
        )
        _show(
            ImportReportDialog(
                QCoreApplication.translate("ImportExport", "Import refused"),
                heading,
                [str(p) for p in result.problems],
                parent,
            )
        )
        return None
    _show(
        ImportReportDialog(
            QCoreApplication.translate("ImportExport", "Import failed"),
            QCoreApplication.translate(
                "ImportExport", "Nothing was imported: the import stopped on an error."
            ),
            [str(result)],
            parent,
        )
    )
    return None


def _show(dialog: ImportReportDialog) -> None:
    dialog.show()


def ask_without_backup(parent: QWidget | None, error: BackupError) -> bool:
    """The backup before an import failed: import anyway? (Nothing was imported yet.)"""
    box = plain_message(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ImportExport", "No Backup Before the Import"),
        QCoreApplication.translate(
            "ImportExport",
            "The database could not be backed up before the import: %1\n\n"
            "Nothing was imported. Import anyway, without a backup?",
        ).replace("%1", str(error)),
        parent,
        QMessageBox.StandardButton.NoButton,
    )
    box.setObjectName("importWithoutBackupMessage")
    anyway = box.addButton(
        QCoreApplication.translate("ImportExport", "Import &Without a Backup"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    anyway.setObjectName("importWithoutBackupButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    chosen = box.clickedButton() is anyway
    box.deleteLater()
    return chosen


def _file_filters() -> list[str]:
    return [
        QCoreApplication.translate(
            "ImportExport", "Importable files (*.json *.csv *.tsv *.ics *.xml)"
        ),
        QCoreApplication.translate("ImportExport", "Timeline (JSON) (*.json)"),
        QCoreApplication.translate("ImportExport", "Spreadsheet (CSV) (*.csv *.tsv)"),
        QCoreApplication.translate("ImportExport", "Calendar (iCalendar) (*.ics)"),
        QCoreApplication.translate("ImportExport", "Office of the Historian (XML) (*.xml)"),
        QCoreApplication.translate("ImportExport", "All files (*)"),
    ]


def import_dialog(
    parent: QWidget | None, store: Store, *, folder: bool = False
) -> ImportSummary | None:
    """Ask for files (or a folder) to import, then import them as :func:`import_files` does."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("ImportExport", "Import a folder")
        )
        paths = [Path(chosen)] if chosen else []
    else:
        names, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("ImportExport", "Import files"),
            "",
            ";;".join(_file_filters()),
        )
        paths = [Path(name) for name in names]
    if not paths:
        return None
    return import_files(parent, store, paths)
