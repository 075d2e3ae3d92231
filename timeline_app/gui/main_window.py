"""The main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMainWindow, QTableView

from timeline_app import APP_NAME
from timeline_app.core.store import ChangeSet, Store
from timeline_app.gui.models.event_table import Column, EventTableModel
from timeline_app.gui.models.sorting import SortProxy


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.model = EventTableModel(parent=self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView(self)
        self.table.setObjectName("eventTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.START, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Events"))
        self.table.setAccessibleDescription(self.tr("All events, one per row, in time order"))
        self.setCentralWidget(self.table)

        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.setWindowTitle(f"{APP_NAME} — {store.path.name if store.path else store.location}")
        self.resize(1200, 700)
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.reload()

    def reload(self) -> None:
        rows = self.store.list_events()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column, cap in ((Column.TITLE, 420), (Column.ACTORS, 320)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        self.count_label.setText(self.tr("%n event(s)", "", len(rows)))

    def _on_store_changed(self, _changes: ChangeSet) -> None:
        self.reload()

    def closeEvent(self, event: Any) -> None:
        self._unsubscribe()
        super().closeEvent(event)
