"""Restore Deleted Events: the events deleted (now or in an earlier session, as the history is
kept in the database) and a Restore button; restoring is an undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import Language, format_range
from timeline_app.core.store import ChangeSet
from timeline_app.core.store.snapshot import date_from_json
from timeline_app.gui.editing.history_view import local_time

if TYPE_CHECKING:
    from timeline_app.gui.editing.controller import EditController

CHANGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDeletedDialog(QDialog):
    def __init__(self, controller: EditController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDeletedDialog")
        self.setWindowTitle(self.tr("Restore Deleted Events"))
        self.controller = controller
        self.language = controller.language
        intro = QLabel(
            self.tr(
                "Deleted events, the most recently deleted first. Restoring one brings it "
                "back with its participants, places, sources and relations."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("deletedEvents")
        self.list.setAccessibleName(self.tr("Deleted events"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # a double click restores; Enter is the Restore button's (the default): activating the
        # item on Enter as well would restore two events, the chosen one and the next
        self.list.itemDoubleClicked.connect(lambda _: self.restore_selected())
        intro.setBuddy(self.list)
        self.status = QLabel(self)
        self.status.setObjectName("restoreStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setObjectName("restoreEvent")
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._unsubscribe = controller.store.subscribe(self._on_changed)
        self.finished.connect(lambda _: self._unsubscribe())
        self.reload()
        self.resize(620, 440)
        self.list.setFocus()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.events or changes.deleted_events:
            self.reload()

    def reload(self) -> None:
        self.list.clear()
        language: Language = "fr" if self.language == "fr" else "en"
        for record in self.controller.store.deleted_events():
            state = record.before or {}
            start = date_from_json(state.get("start"))
            end = date_from_json(state.get("end"))
            dates = format_range(start, end, language) if start else ""
            text = self.tr("%1 — %2 (deleted %3)").replace("%1", str(state.get("title", "")))
            text = text.replace("%2", dates).replace("%3", local_time(record.at))
            item = QListWidgetItem(text, self.list)
            item.setData(CHANGE_ID_ROLE, record.id)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.status.setText(self.tr("No deleted events."))
        self.restore_button.setEnabled(self.list.count() > 0)

    def restore_selected(self) -> int | None:
        item = self.list.currentItem()
        if item is None:
            return None
        title = item.text()
        restored = self.controller.restore_event(int(item.data(CHANGE_ID_ROLE)))
        if restored is not None:
            self.status.setText(self.tr("Restored: %1").replace("%1", title.split(" — ")[0]))
        return restored
