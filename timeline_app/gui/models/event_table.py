"""The event table: a thin, lazy Qt adapter over the store.

The model holds only the ordered ids of the filtered events (cheap for a million events) and
reads rows a page at a time as the view shows them, keeping a bounded cache. Sorting asks the
store for the ids in another order; changes in the store are applied in place (rows updated,
inserted or removed) so the selection and the scroll position stay where they were.
"""

from __future__ import annotations

from collections import OrderedDict
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from timeline_app.core.dates import Language
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import EventRow
from timeline_app.core.store import ChangeSet, Store
from timeline_app.core.store.queries import SortField
from timeline_app.core.text import one_line
from timeline_app.gui.text import tooltip

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 200
CACHE_LIMIT = 4000
TOOLTIP_LIMIT = 1000  # characters of a cell's text in its tooltip (the cell shows 300)

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    START = 0
    END = 1
    TITLE = 2
    KIND = 3
    STATUS = 4
    ACTORS = 5
    PLACES = 6


SORT_FIELDS = {
    Column.START: SortField.START,
    Column.END: SortField.END,
    Column.TITLE: SortField.TITLE,
    Column.KIND: SortField.KIND,
    Column.STATUS: SortField.STATUS,
    Column.ACTORS: SortField.ACTORS,
    Column.PLACES: SortField.PLACES,
}


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
    """Rows are the filtered events in the chosen order; columns are :class:`Column`."""

    def __init__(self, store: Store | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = EventFilter()
        self.language = "en"
        self.sort_column = Column.START
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: OrderedDict[int, EventRow] = OrderedDict()

    # -- content ----------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload(self.filter)

    def _query_ids(self) -> list[int]:
        if self.store is None:
            return []
        return self.store.event_ids(
            self.filter,
            SORT_FIELDS[self.sort_column],
            descending=self.sort_order == Qt.SortOrder.DescendingOrder,
        )

    def reload(self, flt: EventFilter | None = None) -> None:
        if flt is not None:
            self.filter = flt
        self.beginResetModel()
        self._ids = self._query_ids()
        self._row_of = {event_id: row for row, event_id in enumerate(self._ids)}
        self._cache.clear()
        self.endResetModel()

    def event_at(self, row: int) -> EventRow:
        event_id = self._ids[row]
        cached = self._cache.get(event_id)
        if cached is not None:
            self._cache.move_to_end(event_id)
            return cached
        assert self.store is not None
        start = max(0, row - PAGE // 4)
        page = self._ids[start : start + PAGE]
        for fetched in self.store.rows(page):
            self._cache[fetched.id] = fetched
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache[event_id]

    def row_of(self, event_id: int) -> int | None:
        return self._row_of.get(event_id)

    def event_ids(self) -> list[int]:
        return list(self._ids)

    def apply_changes(self, changes: ChangeSet) -> None:
        """Follow a committed change: update, insert and remove rows in place."""
        for event_id in changes.events | changes.deleted_events:
            self._cache.pop(event_id, None)
        if changes.tables & {"actor", "place", "trip"}:
            self._cache.clear()
        new_ids = self._query_ids()
        if new_ids != self._ids:
            self._move_to(new_ids)
        last = len(Column) - 1
        for event_id in changes.events:
            row = self._row_of.get(event_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        if changes.tables & {"actor", "place", "trip"} and self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    def _move_to(self, new_ids: list[int]) -> None:
        keep = set(new_ids)
        for row in range(len(self._ids) - 1, -1, -1):
            if self._ids[row] not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        present = set(self._ids)
        survivors = [event_id for event_id in new_ids if event_id in present]
        if survivors != self._ids:
            self._reorder(survivors)
        for row, event_id in enumerate(new_ids):
            if event_id not in present:
                self.beginInsertRows(QModelIndex(), row, row)
                self._ids.insert(row, event_id)
                self.endInsertRows()
        self._row_of = {event_id: row for row, event_id in enumerate(self._ids)}

    def _reorder(self, ordered: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        new_rows = {event_id: row for row, event_id in enumerate(ordered)}
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            event_id = self._ids[index.row()] if index.row() < len(self._ids) else None
            target = new_rows.get(event_id) if event_id is not None else None
            moved.append(
                self.index(target, index.column()) if target is not None else QModelIndex()
            )
        self._ids = ordered
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

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
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        if role == EVENT_ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self.event_at(index.row())
        text = self._display(row, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt guesses whether a tooltip is rich text: escaped, so markup shows as typed
            return tooltip([text], TOOLTIP_LIMIT) if text else None
        return one_line(text)

    def _display(self, row: EventRow, column: Column) -> str:
        lang: Language = "fr" if self.language == "fr" else "en"
        if column is Column.START:
            return row.start.format(lang)
        if column is Column.END:
            return row.end.format(lang) if row.end else ""
        if column is Column.TITLE:
            return row.title
        if column is Column.KIND:
            return row.kind.label
        if column is Column.STATUS:
            return row.status.label
        if column is Column.ACTORS:
            return "; ".join(f"{a.name} ({a.role.label.lower()})" for a in row.actors)
        return row.places_text(lang)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.sort_column = Column(column)
        self.sort_order = order
        ordered = self._query_ids()
        if ordered != self._ids and set(ordered) == set(self._ids):
            self._reorder(ordered)
            self._row_of = {event_id: row for row, event_id in enumerate(self._ids)}
        elif ordered != self._ids:
            self.reload()
