"""A list of editable rows with Add and Remove buttons (participants, places, sources...).

Rows are plain widgets laid out one under the other, so every field is reachable with Tab in
reading order; the list tells its dialog when rows come and go (``rowsChanged``) so the dialog
can chain the tab order again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.gui.editing.feedback import FeedbackLabel


class Row(QFrame):
    """One row: its fields (subclasses add them to ``fields``), a remove button, a message."""

    removeRequested = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = QHBoxLayout()
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("removeRow")
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))
        self.message = FeedbackLabel(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(self.fields, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def focus_chain(self) -> list[QWidget]:
        """The row's focusable widgets in reading order (the remove button last)."""
        return [*self.inputs(), self.remove_button]

    def inputs(self) -> list[QWidget]:
        raise NotImplementedError

    def set_remove_label(self, text: str) -> None:
        self.remove_button.setToolTip(text)
        self.remove_button.setAccessibleName(text)


RowT = TypeVar("RowT", bound=Row)


class RowList(QWidget, Generic[RowT]):
    """Rows made by ``factory``; an Add button under them; an empty note when there are none."""

    rowsChanged = Signal()

    def __init__(self, factory: Callable[[QWidget], RowT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._remove_text: Callable[[int], str] = str
        self._rows: list[RowT] = []
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.empty = QLabel(self)
        self.empty.setEnabled(False)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addRow")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.message = FeedbackLabel(self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)  # extra room goes below the rows, not into them

    def set_texts(self, add: str, empty: str, remove: Callable[[int], str]) -> None:
        """The Add button's text, the note shown without rows, each Remove button's name."""
        self.add_button.setText(add)
        self.empty.setText(empty)
        self._remove_text = remove
        self._renumber()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def add_row(self, *, focus: bool = False) -> RowT:
        row = self._factory(self)
        row.removeRequested.connect(self._remove)
        self._rows.append(row)
        self.rows_layout.addWidget(row)
        self._renumber()
        if focus:
            row.inputs()[0].setFocus()
        return row

    def clear_rows(self) -> None:
        for row in list(self._rows):
            self._drop(row)
        self._renumber()

    def _drop(self, row: RowT) -> None:
        self._rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _remove(self, row: QWidget) -> None:
        if row not in self._rows:
            return
        index = self._rows.index(row)
        self._drop(row)
        self._renumber()
        # keep the keyboard user in place: the next row, the previous one, or Add
        if self._rows:
            self._rows[min(index, len(self._rows) - 1)].inputs()[0].setFocus()
        else:
            self.add_button.setFocus()

    def _renumber(self) -> None:
        for number, row in enumerate(self._rows, start=1):
            row.set_remove_label(self._remove_text(number))
        self.empty.setVisible(not self._rows)
        self.rowsChanged.emit()

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self._rows:
            chain.extend(row.focus_chain())
        chain.append(self.add_button)
        return chain

    def show_errors(self, general: list[str], by_row: dict[int, list[str]]) -> None:
        """Errors about the whole list, and errors about single rows (by index)."""
        if general:
            self.message.show_error("; ".join(general))
        else:
            self.message.clear_message()
        for index, row in enumerate(self._rows):
            messages = by_row.get(index, [])
            if messages:
                row.message.show_error("; ".join(messages))
            elif row.message.is_error:
                row.message.clear_message()
