"""Opening a database at start-up or from the window, and saying plainly when it cannot be.

:func:`open_store` opens a file and, when that fails, tells the user what happened and what they
can do, in a dialog whose text is plain text (a file name may hold anything):

- a **damaged** file (``DamagedDatabaseError``) is left exactly as it is; when an automatic backup
  of it exists, the dialog offers to restore that backup in place of the damaged file (the damaged
  file is first copied byte for byte into the backups folder, never rotated away: see
  ``core.restore``) or to open the backup as a new file, next to it; or to give up;
- a file **locked** by another program (``DatabaseBusyError``) can be tried again (Retry);
- anything else (a database of a newer version of the app, another application's file, not a
  database at all, a folder that cannot be written...) is refused with its one-line reason.

The damaged file is never written: restoring in place replaces it by a new file renamed over it,
only when the user asks, and only after its copy was made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from timeline_app.core import early_read, restore
from timeline_app.core.backups import BackupError, BackupInfo
from timeline_app.core.database import DamagedDatabaseError, DatabaseBusyError, DatabaseOpenError
from timeline_app.core.store import Store
from timeline_app.gui.text import plain_message

Opener = Callable[[], Store]


def suggested_copy_name(path: Path) -> Path:
    """``timeline-restored.sqlite3`` beside ``timeline.sqlite3`` (numbered if taken)."""
    suffix = path.suffix or ".sqlite3"
    candidate = path.with_name(f"{path.stem}-restored{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-restored-{number}{suffix}")
        number += 1
    return candidate


def choose_new_file(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save the backup as a new database (tests replace this)."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("OpenDatabase", "Open the Backup as a New File"),
        str(suggested),
        QCoreApplication.translate(
            "OpenDatabase", "Timeline databases (*.sqlite3 *.db);;All files (*)"
        ),
    )
    return Path(name) if name else None


class _Opening:
    """One attempt to open a database, with the dialogs it may need."""

    def __init__(self, parent: QWidget | None, path: Path, opener: Opener, at_start: bool):
        self.parent = parent
        self.path = path
        self.opener = opener
        self.give_up = (
            QCoreApplication.translate("OpenDatabase", "&Quit")
            if at_start
            else QCoreApplication.translate("OpenDatabase", "Cancel")
        )

    def run(self) -> Store | None:
        attempt: Opener = self.opener
        while True:
            try:
                return attempt()
            except DamagedDatabaseError as error:
                early_read.discard()  # not opened: nothing read early from it is shown
                chosen = self._damaged(error)
            except DatabaseBusyError as error:
                early_read.discard()
                chosen = attempt if self._busy(error) else None
            except DatabaseOpenError as error:
                early_read.discard()
                self._refused(error)
                return None
            if chosen is None:
                return None
            attempt = chosen

    # -- the dialogs ------------------------------------------------------------------------

    def _box(self, icon: QMessageBox.Icon, name: str, title: str, text: str) -> QMessageBox:
        box = plain_message(icon, title, text, self.parent, QMessageBox.StandardButton.NoButton)
        box.setObjectName(name)
        return box

    def _give_up_button(self, box: QMessageBox) -> QAbstractButton:
        button = box.addButton(self.give_up, QMessageBox.ButtonRole.RejectRole)
        button.setObjectName("giveUpButton")
        box.setEscapeButton(button)
        return button

    def _damaged(self, error: DamagedDatabaseError) -> Opener | None:
        """Offer the backup; the next thing to try opening, or None to give up."""
        backup = error.backup
        text = QCoreApplication.translate(
            "OpenDatabase", "{path} is damaged: {problem}.\n\nThe file was left exactly as it is."
        ).format(path=error.path, problem=error.problem)
        if backup is None:
            text += "\n\n" + QCoreApplication.translate(
                "OpenDatabase",
                "There is no automatic backup of it. Keep the file: a specialist may be able to "
                "recover it.",
            )
        else:
            text += "\n\n" + QCoreApplication.translate(
                "OpenDatabase",
                "The most recent automatic backup is from {backup}.\n\n"
                "Restore it in place of the damaged file (a copy of the damaged file is kept in "
                "the backups folder), or open it as a new file next to it?",
            ).format(backup=backup.describe())
        box = self._box(
            QMessageBox.Icon.Critical,
            "damagedDatabaseMessage",
            QCoreApplication.translate("OpenDatabase", "Damaged Database"),
            text,
        )
        box.setDetailedText(str(error))
        in_place = as_copy = None
        if backup is not None:
            in_place = box.addButton(
                QCoreApplication.translate("OpenDatabase", "&Restore the Backup"),
                QMessageBox.ButtonRole.AcceptRole,
            )
            in_place.setObjectName("restoreBackupButton")
            as_copy = box.addButton(
                QCoreApplication.translate("OpenDatabase", "&Open the Backup as a New File…"),
                QMessageBox.ButtonRole.ActionRole,
            )
            as_copy.setObjectName("openBackupCopyButton")
            box.setDefaultButton(in_place)
        self._give_up_button(box)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if backup is None or clicked is None:
            return None
        if clicked is in_place:
            return self._restore_in_place(backup)
        if clicked is as_copy:
            return self._restore_as_copy(error, backup)
        return None

    def _restore_in_place(self, backup: BackupInfo) -> Opener | None:
        try:
            result = restore.restore(backup.path, self.path)
        except BackupError as error:
            self._failed(error)
            return self.opener  # the damaged file again: the choice is offered again
        if result.previous is not None:
            self._inform(
                QCoreApplication.translate(
                    "OpenDatabase",
                    "The backup from {backup} was restored. The damaged file was kept as:\n{copy}",
                ).format(backup=backup.describe(), copy=result.previous)
            )
        return self.opener

    def _restore_as_copy(self, error: DamagedDatabaseError, backup: BackupInfo) -> Opener | None:
        target = choose_new_file(self.parent, suggested_copy_name(error.path))
        if target is None:
            return self.opener  # back to the choice
        try:
            result = restore.restore_to_new_file(backup.path, target)
        except BackupError as failure:
            self._failed(failure)
            return self.opener
        return lambda: Store.open(result.database)

    def _busy(self, error: DatabaseBusyError) -> bool:
        """Whether to try again."""
        box = self._box(
            QMessageBox.Icon.Warning,
            "busyDatabaseMessage",
            QCoreApplication.translate("OpenDatabase", "Database Busy"),
            QCoreApplication.translate(
                "OpenDatabase", "{message}.\n\nAnother program is changing the database right now."
            ).format(message=str(error).rstrip(".")),
        )
        retry = box.addButton(
            QCoreApplication.translate("OpenDatabase", "&Retry"), QMessageBox.ButtonRole.AcceptRole
        )
        retry.setObjectName("retryButton")
        box.setDefaultButton(retry)
        self._give_up_button(box)
        box.exec()
        again = box.clickedButton() is retry
        box.deleteLater()
        return again

    def _refused(self, error: DatabaseOpenError) -> None:
        box = self._box(
            QMessageBox.Icon.Critical,
            "refusedDatabaseMessage",
            QCoreApplication.translate("OpenDatabase", "Cannot Open the Database"),
            str(error),
        )
        self._give_up_button(box)
        box.exec()
        box.deleteLater()

    def _failed(self, error: BackupError) -> None:
        box = self._box(
            QMessageBox.Icon.Warning,
            "restoreFailedMessage",
            QCoreApplication.translate("OpenDatabase", "Not Restored"),
            QCoreApplication.translate(
                "OpenDatabase", "The backup could not be restored: {reason}"
            ).format(reason=error),
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        box.deleteLater()

    def _inform(self, text: str) -> None:
        box = self._box(
            QMessageBox.Icon.Information,
            "restoredMessage",
            QCoreApplication.translate("OpenDatabase", "Backup Restored"),
            text,
        )
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        box.deleteLater()


def open_store(
    parent: QWidget | None,
    path: Path,
    *,
    opener: Opener | None = None,
    at_start: bool = False,
) -> Store | None:
    """The store at ``path`` (through ``opener`` if given), or None when it was not opened.

    When the file cannot be opened, a dialog says why and offers what can be done (see the
    module docs); ``at_start`` names the way out "Quit" rather than "Cancel".
    """
    path = path.expanduser().absolute()
    return _Opening(parent, path, opener or (lambda: Store.open(path)), at_start).run()
