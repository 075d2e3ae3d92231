"""The active filters as a row of chips, each removable with the keyboard or its button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from timeline_app.core.dates import Language
from timeline_app.core.filter_chips import FilterChip, filter_chips
from timeline_app.core.filters import EventFilter

CHIP_STYLE = """
QFrame#filterChip { border: 1px solid palette(mid); border-radius: 10px;
                    background: palette(alternate-base); padding: 0 2px 0 6px; }
QFrame#filterChip:focus { border: 2px solid palette(highlight); }
QToolButton#filterChipRemove { border: none; padding: 0 2px; }
"""


class ChipWidget(QFrame):
    """One chip: its label and a remove button; Delete or Backspace removes it too."""

    removeRequested = Signal(object)  # the FilterChip

    def __init__(self, chip: FilterChip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chip = chip
        self.setObjectName("filterChip")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(chip.label)
        self.setAccessibleDescription(self.tr("Active filter; press Delete to remove it"))
        self.label = QLabel(chip.label, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QToolButton(self)
        self.button.setObjectName("filterChipRemove")
        self.button.setText("×")
        self.button.setAccessibleName(self.tr("Remove filter: %1").replace("%1", chip.label))
        self.button.setToolTip(self.tr("Remove this filter (Delete)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chip itself takes the focus
        self.button.clicked.connect(lambda: self.removeRequested.emit(self.chip))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 1, 1, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit(self.chip)
            return
        super().keyPressEvent(event)


class FilterBar(QWidget):
    """Shows a filter as chips; removing one emits ``filterChanged`` with the filter without
    it; "Clear all" emits the empty filter."""

    filterChanged = Signal(object)  # EventFilter

    def __init__(self, parent: QWidget | None = None, *, lang: Language = "en") -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setAccessibleName(self.tr("Active filters"))
        self.setStyleSheet(CHIP_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.lang: Language = lang
        self._filter = EventFilter()
        self.chips: list[ChipWidget] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(6)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("filterClearAll")
        self.clear_button.setText(self.tr("Clear all"))
        self.clear_button.setAccessibleName(self.tr("Clear all filters"))
        self.clear_button.clicked.connect(self.clear_all)
        self._layout.addStretch(1)
        self._layout.addWidget(self.clear_button)
        self._rebuild()

    @property
    def current_filter(self) -> EventFilter:
        return self._filter

    def set_filter(self, flt: EventFilter) -> None:
        """Show ``flt`` (emits nothing)."""
        if flt != self._filter:
            self._filter = flt
            self._rebuild()

    def _rebuild(self) -> None:
        for old in self.chips:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.chips = []
        for index, chip in enumerate(filter_chips(self._filter, self.lang)):
            widget = ChipWidget(chip, self)
            widget.removeRequested.connect(self.remove_chip)
            self._layout.insertWidget(index, widget)
            widget.show()  # now, so it can take the focus at once
            self.chips.append(widget)
        self.clear_button.setVisible(bool(self.chips))

    def remove_chip(self, chip: FilterChip) -> None:
        position = next((i for i, w in enumerate(self.chips) if w.chip == chip), 0)
        had_focus = QApplication.focusWidget() in self.chips
        if had_focus and len(self.chips) == 1:
            self.focusNextChild()  # the last chip goes: the focus moves on, not to nowhere
        self._filter = chip.remove_from(self._filter)
        self._rebuild()
        if had_focus and self.chips:
            # The focus stays in the bar, on the chip that took this one's place (or the last).
            self.chips[min(position, len(self.chips) - 1)].setFocus()
        self.filterChanged.emit(self._filter)

    def clear_all(self) -> None:
        if not self._filter.is_empty:
            self._filter = EventFilter()
            self._rebuild()
            self.filterChanged.emit(self._filter)
