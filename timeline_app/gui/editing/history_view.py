"""The change history of one event, for the detail pane: when, what, and each field before and
after, in words. It follows the store, so an edit, an undo or a redo shows up at once."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.records import ChangeRecord
from timeline_app.core.store import ChangeSet, Store
from timeline_app.gui.editing import change_text
from timeline_app.gui.text import tooltip

CHANGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(at: datetime) -> str:
    """A stored (naive UTC) time as local date and time: "28 Feb 2023, 14:05"."""
    moment = QDateTime.fromSecsSinceEpoch(int(at.replace(tzinfo=UTC).timestamp()))
    return QLocale().toString(moment, "d MMM yyyy, HH:mm")


#: the most lines of text the history asks room for; it scrolls beyond that
MAX_LINES = 8
MIN_LINES = 3


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for text wrapped to the column's width (a tree view measures rows as if
    they had all the room they want, so word wrap alone would only elide)."""

    def __init__(self, tree: _HistoryTree) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        if self.tree.rootIsDecorated():
            depth += 1
        width = self.tree.viewport().width() - depth * self.tree.indentation()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(width, 40), 1)
        return super().sizeHint(wrapped, index)


class _HistoryTree(QTreeWidget):
    """Asks for the height of its content (up to :data:`MAX_LINES` lines), so the detail pane
    keeps its room for the event; lines wrap to the width they are given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_WrappingDelegate(self))
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)

    def content_height(self) -> int:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        total = 0
        items = [self.topLevelItem(n) for n in range(self.topLevelItemCount())]
        for top in items:
            if top is None:
                continue
            for item in (top, *(top.child(n) for n in range(top.childCount()))):
                if item is not None:
                    total += delegate.sizeHint(option, self.indexFromItem(item)).height()
        return total

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        line = self.fontMetrics().lineSpacing() + 2
        content = min(max(self.content_height(), MIN_LINES * line), MAX_LINES * line)
        return QSize(hint.width(), content + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()  # wrap again at the new width
            self.updateGeometry()


class HistoryView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.store = store
        self.language = "en"
        self.event_id: int | None = None
        self.records: list[ChangeRecord] = []
        self.heading = QLabel(self.tr("History"), self)
        self.heading.setObjectName("historyHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.tree = _HistoryTree(self)
        self.tree.setObjectName("historyTree")
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("History of the event"))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(self)
        self.empty.setObjectName("historyEmpty")
        self.empty.setWordWrap(True)
        self.heading.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.show_event(None)

    def set_store(self, store: Store) -> None:
        self._unsubscribe()
        self.store = store
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.show_event(None)

    def show_event(self, event_id: int | None) -> None:
        self.event_id = event_id
        self.refresh()

    def _on_store_changed(self, changes: ChangeSet) -> None:
        if self.event_id is not None and (
            self.event_id in changes.events or self.event_id in changes.deleted_events
        ):
            self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.records = [] if self.event_id is None else self.store.history(self.event_id)
        if not self.records:
            self.empty.setText(
                self.tr("No event selected.")
                if self.event_id is None
                else self.tr("No changes recorded: the event is as it was imported or seeded.")
            )
            self.empty.show()
            self.tree.hide()
            return
        self.empty.hide()
        self.tree.show()
        titles = self._titles(change_text.related_ids(self.records))
        actions = change_text.actions(self.records)
        for record in self.records:
            changes = change_text.field_changes(record, titles=titles, lang=self.language)
            action = change_text.action_text(actions[record.id])
            if changes:
                action += ": " + ", ".join(label for label, _, _ in changes)
            top = QTreeWidgetItem([f"{local_time(record.at)} — {action}"])
            top.setData(0, CHANGE_ID_ROLE, record.id)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for label, before, after in changes:
                child = QTreeWidgetItem([f"{label}: {before} → {after}"])
                child.setToolTip(0, tooltip([label, before, f"→ {after}"]))
                top.addChild(child)
            top.setToolTip(0, top.text(0))
        self.tree.expandAll()
        self.tree.updateGeometry()

    def _titles(self, ids: set[int]) -> dict[int, str]:
        titles = {row.id: row.title for row in self.store.rows(sorted(ids))} if ids else {}
        return titles

    def lines(self) -> list[str]:
        """What the view shows, one line per change and per field (for tests and speech)."""
        result = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            assert top is not None
            result.append(top.text(0))
            for child_index in range(top.childCount()):
                child = top.child(child_index)
                assert child is not None
                result.append(f"  {child.text(0)}")
        return result
