"""Reliability in the window: read-only files, other programs' changes, backups, damage found.

- **Read-only** (``store.read_only``: no write permission, read-only media, opened read-only):
  the title says "(read-only)" (``MainWindow._update_title``), a label in the status bar gives
  the reason, and every command that would write (:data:`WRITING_ACTIONS`) is disabled, by action
  id, whichever feature carries it out. They are put in a disabled ``QActionGroup``, so that a
  feature enabling one of them (an edit command following the selection) cannot bring it back;
  each keeps its own enabled state for when a writable database is shown again.
- **Other programs' changes** and **daily backups**: the window's store is followed by a
  :class:`~timeline_app.gui.store_watch.StoreWatch` (one per store, shared by its windows),
  polled every second and whenever the window comes to the front.
- **File > Restore from Backup…**: lists the backups (dates, event counts, reasons) and restores
  the chosen one (``core.restore``: the current version is kept first); then every window on
  the database shows the restored contents.
- **Damage found after opening** (a file too large to check at open): the user is told, and
  pointed at File > Restore from Backup.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMessageBox

from timeline_app.core import backups, restore
from timeline_app.core.backups import BackupError, BackupInfo
from timeline_app.core.store import Store
from timeline_app.gui import store_watch
from timeline_app.gui.actions import ActionSet
from timeline_app.gui.dialogs.restore_backup import RestoreBackupDialog
from timeline_app.gui.features import Handlers, WindowFeature
from timeline_app.gui.text import plain_message

#: The commands that write to the database: disabled while it is read-only.
WRITING_ACTIONS = (
    "new_event",
    "edit_event",
    "duplicate_event",
    "delete_event",
    "edit_actors",
    "edit_places",
    "restore_deleted",
    "import",
    "load_sample",
    "undo",
    "redo",
    "restore_backup",
)

READ_ONLY_STYLE = (
    "QLabel#readOnlyBanner { background: #fff3cd; color: #5c4400; border: 1px solid #d6b656;"
    " border-radius: 3px; padding: 1px 6px; font-weight: bold; }"
)


class SafetyFeature(WindowFeature):
    def handlers(self) -> Handlers:
        return {"restore_backup": self.restore_backup}

    def actions_ready(self, actions: ActionSet) -> None:
        self.writing = QActionGroup(self)
        self.writing.setObjectName("writingActions")
        self.writing.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        self._loose: list[QAction] = []  # already in a group of their own: guarded one by one
        for action_id in WRITING_ACTIONS:
            action = actions[action_id]
            if action.actionGroup() is None:
                self.writing.addAction(action)
            else:
                self._loose.append(action)
                action.enabledChanged.connect(
                    lambda enabled, a=action: self._keep_disabled(a, enabled)
                )

        self.banner = QLabel(self.window)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(READ_ONLY_STYLE)
        self.banner.setAccessibleName(self.tr("Read-only"))
        self.banner.hide()
        self.window.statusBar().insertPermanentWidget(0, self.banner)
        self.window.installEventFilter(self)
        self._watch: store_watch.StoreWatch | None = None
        self.last_message: QMessageBox | None = None

    # -- the store -----------------------------------------------------------------------

    def store_attached(self, store: Store) -> None:
        self._show_access(store)
        self._watch = store_watch.watch(store)
        self._watch.damageFound.connect(self._damage_found)
        if self._watch.damage is not None:
            self._damage_found(self._watch.damage)

    def store_detached(self, store: Store) -> None:
        if self._watch is not None:
            self._watch.damageFound.disconnect(self._damage_found)
            self._watch = None
        store_watch.release(store)

    @property
    def read_only(self) -> bool:
        return self.window.store.read_only

    def _show_access(self, store: Store) -> None:
        self.writing.setEnabled(not store.read_only)
        for action in self._loose:
            if store.read_only:
                action.setEnabled(False)
        if store.read_only:
            reason = store.read_only_reason or self.tr("it was opened read-only")
            self.banner.setText(
                self.tr("Read-only: {reason}. Changes cannot be saved.").format(reason=reason)
            )
            self.banner.setToolTip(
                self.tr(
                    "To change this timeline, make the file writable, or copy it to a folder "
                    "you can write to and open the copy."
                )
            )
            self.banner.setAccessibleDescription(self.banner.text())
        self.banner.setVisible(store.read_only)

    def _keep_disabled(self, action: QAction, enabled: bool) -> None:
        if enabled and self.read_only:
            action.setEnabled(False)

    # -- other programs' changes ---------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.check_for_changes()
        return False

    def check_for_changes(self) -> bool:
        """Look now for changes another program made; True if there were (views refreshed)."""
        return self._watch.poll() if self._watch is not None else False

    # -- restoring a backup --------------------------------------------------------------

    def restore_backup(self) -> RestoreBackupDialog | None:
        """File > Restore from Backup…: the dialog, opened (window-modal); None if not possible."""
        store = self.window.store
        if store.read_only:
            return None
        if store.path is None:
            self.window._warn(
                self.tr("Restore from Backup"),
                self.tr("Only a database file has backups; this database is {location}.").format(
                    location=store.location
                ),
            )
            return None
        dialog = RestoreBackupDialog(store.path, backups.list_backups(store.path), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._restore(store, dialog.chosen))
        dialog.open()
        return dialog

    def _restore(self, store: Store, chosen: BackupInfo | None) -> None:
        if chosen is None or store is not self.window.store or store.path is None:
            return
        try:
            result = restore.restore(chosen.path, store.path)
        except BackupError as error:
            self.window._warn(self.tr("Not restored"), str(error))
            return
        if self._watch is not None:
            self._watch.poll()  # every listener of the store hears of it
        for window in list(self.window.manager.windows):
            if window.store is store:
                window.reload()
        text = self.tr("The backup from {backup} was restored.").format(backup=chosen.describe())
        if result.previous is not None:
            text += " " + self.tr(
                "The version it replaced was kept as a backup ({file}): restore it to undo this."
            ).format(file=result.previous.name)
        self.window.statusBar().showMessage(text, 15000)
        box = plain_message(
            QMessageBox.Icon.Information, self.tr("Backup Restored"), text, self.window
        )
        box.setObjectName("backupRestoredMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.last_message = box

    # -- damage found after opening ------------------------------------------------------

    def _damage_found(self, problems: list[str]) -> None:
        watch = self._watch
        if watch is None or watch.damage_reported:
            return  # one message per database, not one per window
        watch.damage_reported = True
        text = self.tr(
            "The check of {location} found damage: {problems}. Changes may fail or be lost: "
            "restore the most recent backup (File > Restore from Backup…)."
        ).format(location=self.window.store.location, problems="; ".join(problems[:3]))
        box = plain_message(
            QMessageBox.Icon.Critical, self.tr("Damaged Database"), text, self.window
        )
        box.setObjectName("damageFoundMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.last_message = box
