"""The trip an event is a leg of: none, an existing trip, or a new one (typed title)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QVBoxLayout, QWidget

from timeline_app.core.records import TripData, TripInfo
from timeline_app.gui.editing.feedback import FeedbackLabel


class TripField(QWidget):
    changed = Signal()

    def __init__(self, trips: Sequence[TripInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("eventTrip")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItem("", None)
        for trip in trips:
            self.combo.addItem(trip.title, trip.id)
        line = self.combo.lineEdit()
        completer = self.combo.completer()
        assert line is not None and completer is not None
        line.setPlaceholderText(self.tr("None; or pick a trip, or type a new trip's title"))
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.feedback = FeedbackLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.feedback)
        self.setFocusProxy(self.combo)
        self.combo.editTextChanged.connect(self._describe)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.combo.setAccessibleName(name)

    def set_value(self, trip: int | TripData | None) -> None:
        if isinstance(trip, TripData):
            self.combo.setEditText(trip.title)
        else:
            index = self.combo.findData(trip)
            self.combo.setCurrentIndex(max(index, 0))
            self.combo.setEditText(self.combo.itemText(max(index, 0)))

    def value(self) -> int | TripData | None:
        title = " ".join(self.combo.currentText().split())
        if not title:
            return None
        index = self.combo.findText(title)
        if index > 0:
            data = self.combo.itemData(index)
            return int(data) if data is not None else None
        return TripData(title)

    def _describe(self) -> None:
        value = self.value()
        if isinstance(value, TripData):
            self.feedback.show_reading(self.tr("new trip: “%1”").replace("%1", value.title))
        else:
            self.feedback.clear_message()
        self.changed.emit()
