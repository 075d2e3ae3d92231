"""Relations from this event to others ("announces", "is part of"...), the other event picked
by its title."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from timeline_app.core.records import EventRow, RelationLink
from timeline_app.core.store import FieldError
from timeline_app.core.vocabulary import RelationType
from timeline_app.gui.editing.completers import (
    VALUE_ROLE,
    Choice,
    FoldingCompleter,
    event_choices,
)
from timeline_app.gui.editing.feedback import set_invalid
from timeline_app.gui.editing.row_list import Row, RowList


class RelationRow(Row):
    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relationRow")
        self.type = QComboBox(self)
        self.type.setObjectName("relationType")
        self.type.setAccessibleName(self.tr("Relation"))
        for kind in RelationType:
            self.type.addItem(kind.label, kind.value)
        self.other = QLineEdit(self)
        self.other.setObjectName("relationEvent")
        self.other.setPlaceholderText(self.tr("Other event, by its title"))
        self.other.setAccessibleName(self.tr("Related event"))
        self.completer = FoldingCompleter(choices, self)
        self.other.setCompleter(self.completer)
        self.fields.addWidget(self.type)
        self.fields.addWidget(self.other, 1)
        self._chosen: tuple[str, int] | None = None
        self.completer.on_activated(self._picked)
        self.other.textChanged.connect(self._describe)
        self.other.textChanged.connect(lambda _: set_invalid(self.other, False))

    def inputs(self) -> list[QWidget]:
        return [self.type, self.other]

    def set_value(self, link: RelationLink, title: str) -> None:
        self.type.setCurrentIndex(self.type.findData(link.type.value))
        self._chosen = (title, link.event_id)
        self.other.setText(title)

    def _picked(self, index: QModelIndex) -> None:
        value = index.data(VALUE_ROLE)
        if value is not None:
            self._chosen = (str(index.data(Qt.ItemDataRole.EditRole)), int(value))

    def event_value(self) -> int | str | None:
        text = " ".join(self.other.text().split())
        if not text:
            return None
        if self._chosen is not None and self._chosen[0] == text:
            return self._chosen[1]
        found = [c for c in self.completer.exact(text) if c.text.casefold() == text.casefold()]
        if len(found) == 1:
            return int(found[0].value)
        if found:
            return QCoreApplication.translate(
                "RelationsEditor", "several events are called “%1”; choose one in the list"
            ).replace("%1", text)
        return QCoreApplication.translate(
            "RelationsEditor", "no event is called “%1”; choose one in the list"
        ).replace("%1", text)

    def _describe(self) -> None:
        value = self.event_value()
        if isinstance(value, int):
            detail = next((c.detail for c in self.completer.source.choices if c.value == value), "")
            self.message.show_reading(detail)
        else:
            self.message.clear_message()


class RelationsEditor(RowList[RelationRow]):
    def __init__(
        self, events: Sequence[EventRow], own_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(lambda owner: RelationRow(self.choices, owner), parent)
        self.set_texts(
            self.tr("Add &relation"),
            self.tr("No relations to other events."),
            lambda n: self.tr("Remove relation %1").replace("%1", str(n)),
        )
        self.titles = {row.id: row.title for row in events}
        self.choices = event_choices(row for row in events if row.id != own_id)
        self.setObjectName("relationsEditor")

    def set_value(self, links: Sequence[RelationLink]) -> None:
        self.clear_rows()
        for link in links:
            self.add_row().set_value(link, self.titles.get(link.event_id, ""))

    def value(self) -> tuple[list[RelationLink], list[FieldError]]:
        result: list[RelationLink] = []
        errors: list[FieldError] = []
        for index, row in enumerate(self.rows()):
            other = row.event_value()
            if other is None:
                continue
            if isinstance(other, str):
                errors.append(FieldError(f"relations[{index}]", other))
                set_invalid(row.other, True)
            else:
                result.append(RelationLink(RelationType(row.type.currentData()), other))
        return result, errors
