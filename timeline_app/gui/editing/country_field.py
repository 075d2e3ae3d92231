"""A country typed by its English or French name or its ISO code, completed in both languages."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from timeline_app.core import countries
from timeline_app.gui.editing.completers import FoldingCompleter, country_choices
from timeline_app.gui.editing.feedback import FeedbackLabel, set_invalid


def read_country(text: str) -> str | None:
    """The ISO code of a country typed as a code or a name (English or French); None if none."""
    text = text.strip()
    if not text:
        return None
    found = countries.find(text)
    if found is None:  # the completer's entry form, "Belarus (BY)", and codes in any case
        inner = text.rsplit("(", 1)[-1].rstrip(")").strip() if text.endswith(")") else ""
        found = countries.get(inner) if len(inner) == 2 else None
    return found.code if found else None


class CountryField(QWidget):
    """A country; empty is allowed when ``optional``."""

    changed = Signal()

    def __init__(
        self, *, optional: bool = True, quiet: bool = False, parent: QWidget | None = None
    ) -> None:
        """``quiet``: no reading under the field, errors only (where space is short)."""
        super().__init__(parent)
        self.optional = optional
        self.quiet = quiet
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("name or code: Belarus, Bélarus, BY"))
        self.completer = FoldingCompleter(country_choices(), self)
        self.edit.setCompleter(self.completer)
        self.feedback = FeedbackLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.feedback)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._read)
        self.edit.editingFinished.connect(self._finished)
        self._read("")

    def set_code(self, code: str | None) -> None:
        self.edit.setText(countries.name(code) if code else "")

    def code(self) -> str | None:
        return read_country(self.edit.text())

    def error(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None if self.optional else self.tr("the country is needed")
        if self.code() is None:
            return self.tr(
                "'%1' is not a country this app knows (give its name or ISO code)"
            ).replace("%1", text)
        return None

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _read(self, text: str) -> None:
        """Read live; a text that is no country is only called so when the user moves on."""
        code = self.code()
        if code is not None and not self.quiet:
            self.feedback.show_reading(f"→ {countries.name(code)} ({code})")
        else:
            self.feedback.clear_message()
        set_invalid(self.edit, False)
        self.changed.emit()

    def _finished(self) -> None:
        error = self.error()
        if error and self.edit.text().strip():
            self.show_error(error)

    def show_error(self, message: str) -> None:
        self.feedback.show_error(message)
        set_invalid(self.edit, True)
