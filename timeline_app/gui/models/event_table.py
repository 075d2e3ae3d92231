"""The event table: a thin Qt adapter over the store's event rows."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from timeline_app.core.records import EventRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    START = 0
    END = 1
    TITLE = 2
    KIND = 3
    STATUS = 4
    ACTORS = 5
    PLACES = 6


def _header(column: Column) -> str:
    labels = {
        Column.START: "Start",
        Column.END: "End",
        Column.TITLE: "Title",
        Column.KIND: "Kind",
        Column.STATUS: "Status",
        Column.ACTORS: "Participants",
        Column.PLACES: "Places",
    }
    return QCoreApplication.translate("EventTableModel", labels[column])


class EventTableModel(QAbstractTableModel):
    """Rows are events (in the order given), columns the fields in :class:`Column`."""

    def __init__(self, rows: list[EventRow] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = list(rows or [])
        self._row_of: dict[int, int] = {}
        self._reindex()
        self.language = "en"

    def _reindex(self) -> None:
        self._row_of = {row.id: index for index, row in enumerate(self._rows)}

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self.endResetModel()

    def apply_changes(self, rows: list[EventRow], removed: set[int]) -> None:
        """Update, add and remove rows in place (no reset: selection and scroll are kept)."""
        doomed = sorted((self._row_of[i] for i in removed if i in self._row_of), reverse=True)
        for index in doomed:
            self.beginRemoveRows(QModelIndex(), index, index)
            del self._rows[index]
            self.endRemoveRows()
        if doomed:
            self._reindex()
        last_column = len(Column) - 1
        for row in rows:
            index = self._row_of.get(row.id)
            if index is None:
                position = len(self._rows)
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.append(row)
                self._row_of[row.id] = position
                self.endInsertRows()
            else:
                self._rows[index] = row
                self.dataChanged.emit(self.index(index, 0), self.index(index, last_column))

    def event_at(self, row: int) -> EventRow:
        return self._rows[row]

    def row_of(self, event_id: int) -> int | None:
        return self._row_of.get(event_id)

    def event_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < len(Column) and role == Qt.ItemDataRole.DisplayRole:
            return _header(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == EVENT_ID_ROLE:
            return row.id
        return None

    def _display(self, row: EventRow, column: Column) -> str:
        lang = self.language
        if column is Column.START:
            return row.start.format("fr" if lang == "fr" else "en")
        if column is Column.END:
            return row.end.format("fr" if lang == "fr" else "en") if row.end else ""
        if column is Column.TITLE:
            return row.title
        if column is Column.KIND:
            return row.kind.label
        if column is Column.STATUS:
            return row.status.label
        if column is Column.ACTORS:
            return "; ".join(f"{a.name} ({a.role.label.lower()})" for a in row.actors)
        return row.places_text(lang)

    def _sort_value(self, row: EventRow, column: Column) -> Any:
        if column is Column.START:
            return row.sort_key()
        if column is Column.END:
            end = row.end or row.start
            return (*end.sort_key(), row.id)
        return (self._display(row, column).casefold(), row.sort_key())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
