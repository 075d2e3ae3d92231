"""The lists of people and organisations, and of places: find one by any name, edit it, merge
two people. Each edit opens its editor and is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core import countries
from timeline_app.core.countries import fold
from timeline_app.core.store import ChangeSet
from timeline_app.gui.text import tooltip

if TYPE_CHECKING:
    from timeline_app.gui.editing.controller import EditController

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _ListDialog(QDialog):
    """A filter field, the list, and buttons that act on the selected entry."""

    def __init__(self, controller: EditController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.filter = QLineEdit(self)
        self.filter.setObjectName("listFilter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("recordList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # a double click edits; Enter (in the list or the filter field) is the Edit button's,
        # the default: activating the item on Enter too would open the editor and close the list
        self.list.itemDoubleClicked.connect(lambda _: self.edit_selected())
        self.filter_label = QLabel(self)
        self.filter_label.setBuddy(self.filter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.edit_button = self._button(self.tr("&Edit…"), "editRecord", self.edit_selected)
        self.edit_button.setAutoDefault(True)
        self.edit_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._unsubscribe = controller.store.subscribe(self._on_changed)
        self.finished.connect(lambda _: self._unsubscribe())
        self.resize(560, 520)

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _on_changed(self, changes: ChangeSet) -> None:
        self.reload()

    def entries(self) -> list[tuple[int, str, str, tuple[str, ...]]]:
        """(id, text, tooltip, names to match) for every record."""
        raise NotImplementedError

    def reload(self) -> None:
        current = self.selected_id()
        self.list.clear()
        for record_id, text, tip, names in self.entries():
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, record_id)
            item.setData(Qt.ItemDataRole.UserRole, " | ".join(fold(n) for n in names))
            item.setToolTip(tooltip([tip]))  # names may hold markup: shown as text
            if record_id == current:
                self.list.setCurrentItem(item)
        self._apply_filter(self.filter.text())
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _apply_filter(self, text: str) -> None:
        needle = fold(" ".join(text.split()))
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in str(item.data(Qt.ItemDataRole.UserRole)))
        current = self.list.currentItem()
        if current is None or current.isHidden():
            visible = [self.list.item(r) for r in range(self.list.count())]
            first = next((item for item in visible if not item.isHidden()), None)
            if first is not None:
                self.list.setCurrentItem(first)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(ID_ROLE))

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_id() is not None)

    def edit_selected(self) -> QDialog | None:
        raise NotImplementedError


class ActorsDialog(_ListDialog):
    def __init__(self, controller: EditController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("actorsDialog")
        self.setWindowTitle(self.tr("People and Organisations"))
        self.filter_label.setText(self.tr("&Find (any name or spelling):"))
        self.list.setAccessibleName(self.tr("People and organisations"))
        self.merge_button = self._button(self.tr("&Merge…"), "mergeRecord", self.merge_selected)
        self.reload()
        self.filter.setFocus()

    def entries(self) -> list[tuple[int, str, str, tuple[str, ...]]]:
        result = []
        for actor in self.controller.store.actors():
            detail = ", ".join(
                part for part in (actor.title, countries.name(actor.country_code or "")) if part
            )
            text = f"{actor.name} — {detail}" if detail else actor.name
            aliases = tuple(alias.name for alias in actor.aliases)
            tip = self.tr("Also: %1").replace("%1", ", ".join(aliases)) if aliases else ""
            result.append((actor.id, text, tip, (actor.name, *aliases)))
        return result

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "merge_button"):
            self.merge_button.setEnabled(self.selected_id() is not None)

    def edit_selected(self) -> QDialog | None:
        actor_id = self.selected_id()
        return None if actor_id is None else self.controller.edit_actor(actor_id, self)

    def merge_selected(self) -> QDialog | None:
        actor_id = self.selected_id()
        return None if actor_id is None else self.controller.choose_merge(actor_id, self)


class PlacesDialog(_ListDialog):
    def __init__(self, controller: EditController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.setObjectName("placesDialog")
        self.setWindowTitle(self.tr("Places"))
        self.filter_label.setText(self.tr("&Find (any name, or the country):"))
        self.list.setAccessibleName(self.tr("Places"))
        self.reload()
        self.filter.setFocus()

    def entries(self) -> list[tuple[int, str, str, tuple[str, ...]]]:
        result = []
        for place in self.controller.store.places():
            aliases = tuple(alias.name for alias in place.aliases)
            tip = self.tr("Also: %1").replace("%1", ", ".join(aliases)) if aliases else ""
            names = (place.display(), countries.name(place.country_code, "fr"), *aliases)
            result.append((place.id, place.display(), tip, names))
        return result

    def edit_selected(self) -> QDialog | None:
        place_id = self.selected_id()
        return None if place_id is None else self.controller.edit_place(place_id, self)
