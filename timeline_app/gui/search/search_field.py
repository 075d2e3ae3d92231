"""The search field: what is typed, debounced; Escape clears; Enter steps through matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

#: How long typing must pause before the search runs.
DEBOUNCE_MS = 200


class SearchField(QLineEdit):
    """Emits ``searchChanged(text)`` once typing pauses (at once on Escape, Enter or a call to
    :meth:`set_search_text` with ``emit=True``); ``nextMatchRequested`` on Enter and
    ``previousMatchRequested`` on Shift+Enter."""

    searchChanged = Signal(str)
    nextMatchRequested = Signal()
    previousMatchRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText(self.tr("Search names, places, sources… (Ctrl+F)"))
        self.setAccessibleName(self.tr("Search"))
        self.setAccessibleDescription(
            self.tr(
                "Finds events by any word, in any spelling, case or accents. Enter: next match; "
                "Shift+Enter: previous match; Escape: clear"
            )
        )
        self.setClearButtonEnabled(True)
        self._emitted = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Emit the current text now if it differs from the last one emitted."""
        self._timer.stop()
        if self.text() != self._emitted:
            self._emitted = self.text()
            self.searchChanged.emit(self._emitted)

    def set_search_text(self, text: str, *, emit: bool = False) -> None:
        """Show ``text`` (a restored view's search); it is emitted only if ``emit``."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self._timer.stop()
        if emit:
            self.flush()
        else:
            self._emitted = text

    def event(self, event: QEvent) -> bool:
        # Escape is also a window shortcut (focus the timeline): while there is text to clear,
        # the field takes the key first; an empty field lets the shortcut have it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previousMatchRequested.emit()
            else:
                self.nextMatchRequested.emit()
            return
        super().keyPressEvent(event)
