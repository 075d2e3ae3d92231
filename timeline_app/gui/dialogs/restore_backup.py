"""File > Restore from Backup…: the automatic backups of the open database, to restore one.

The list shows when each backup was made, how many events it holds and why it was made, newest
first. Choosing one and pressing Restore accepts the dialog with :attr:`chosen` set; the window
then restores it (``core.restore``: the current version is kept as a backup first). Copies of
damaged files are listed, for the record, but cannot be chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.backups import BackupInfo, Reason, folder_for
from timeline_app.core.text import one_line

INFO_ROLE = Qt.ItemDataRole.UserRole + 1


def restorable(info: BackupInfo) -> bool:
    """A readable backup, not a copy kept of a damaged file."""
    return info.event_count is not None and info.reason is not Reason.DAMAGED


class RestoreBackupDialog(QDialog):
    def __init__(
        self, database: Path, found: list[BackupInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.chosen: BackupInfo | None = None
        self.backups = found

        intro = QLabel(self)
        intro.setObjectName("restoreBackupIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "Automatic backups of {name}, newest first. Restoring one replaces everything in "
                "the database with the backup's contents; the current version is kept as a "
                "backup first, so it can be restored in turn. Backups are kept in {folder}."
            ).format(name=one_line(database.name), folder=folder_for(database))
        )

        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Backups"))
        self.list.setRootIsDecorated(False)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("Made on"), self.tr("Events"), self.tr("Why")])
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for info in found:
            self.list.addTopLevelItem(self._item(info))
        intro.setBuddy(self.list)

        self.empty = QLabel(self.tr("There are no backups of this database yet."), self)
        self.empty.setObjectName("noBackups")
        self.empty.setVisible(not found)
        self.list.setVisible(bool(found))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.buttons.accepted.connect(self._restore)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.list.itemDoubleClicked.connect(lambda *_: self._restore())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        first = next((i for i, info in enumerate(found) if restorable(info)), None)
        if first is not None:
            self.select(found[first])
        self._update_button()
        self.list.setFocus()

    def _item(self, info: BackupInfo) -> QTreeWidgetItem:
        if info.event_count is None:
            count = self.tr("unreadable")
        else:
            count = self.tr("%n event(s)", "", info.event_count)
        item = QTreeWidgetItem(
            [info.local_created.strftime("%Y-%m-%d %H:%M"), count, info.reason.label]
        )
        item.setData(0, INFO_ROLE, str(info.path))
        item.setToolTip(0, str(info.path.name))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not restorable(info):  # a damaged file's copy: listed, not restorable
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            item.setDisabled(True)
        return item

    def lines(self) -> list[str]:
        """What the list shows, one line per backup (for tests and speech)."""
        result = []
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            assert item is not None
            result.append(" | ".join(item.text(column) for column in range(3)))
        return result

    def select(self, info: BackupInfo) -> None:
        item = self.list.topLevelItem(self.backups.index(info))
        assert item is not None
        self.list.setCurrentItem(item)

    def _current(self) -> BackupInfo | None:
        item = self.list.currentItem()
        if item is None or item.isDisabled():
            return None
        path = Path(str(item.data(0, INFO_ROLE)))
        return next((info for info in self.backups if info.path == path), None)

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self._current() is not None)

    def _restore(self) -> None:
        chosen = self._current()
        if chosen is None:
            return
        self.chosen = chosen
        self.accept()
