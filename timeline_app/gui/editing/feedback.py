"""How the editors speak to the user next to a field: a reading, a hint, or an error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

#: For the dialogs: a field at fault gets a red frame (``set_invalid``); the rest of the
#: style is left to the platform.
EDITOR_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {
    border: 2px solid #c0392b;
    border-radius: 3px;
}
"""

ERROR_COLOUR = "#b03a2e"


def muted_colour(palette: QPalette) -> QColor:
    """Text between the text and the background colour, still readable (about 5:1)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 2 + back.red()) // 3,
        (text.green() * 2 + back.green()) // 3,
        (text.blue() * 2 + back.blue()) // 3,
    )


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark a field as at fault (a red frame) or not."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class FeedbackLabel(QLabel):
    """A line under or beside a field: a muted reading ("→ early April 2023") or an error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._is_error = False
        self.clear_message()

    @property
    def is_error(self) -> bool:
        return self._is_error

    def clear_message(self) -> None:
        self._is_error = False
        self.setText("")
        self.hide()

    def show_reading(self, text: str) -> None:
        self._is_error = False
        self.setStyleSheet(f"color: {muted_colour(self.palette()).name()};")
        self.setText(text)
        self.setVisible(bool(text))

    def show_error(self, text: str) -> None:
        self._is_error = True
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setText("⚠ " + text)
        self.show()
