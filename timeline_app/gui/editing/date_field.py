"""A date typed as people write it, read back live: "→ early April 2023 (1–10 Apr 2023)"."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from timeline_app.core.dates import (
    DateParseError,
    Language,
    UncertainDate,
    format_range,
    parse_date,
)
from timeline_app.gui.editing.feedback import FeedbackLabel, set_invalid


def reading(value: UncertainDate, lang: str = "en") -> str:
    """How the field reads a date back: with the weekday when it is one day ("→ Tuesday
    28 Feb 2023"), with its possible days when it is not ("→ early April 2023 (1–10 Apr 2023)")."""
    language: Language = "fr" if lang == "fr" else "en"
    text = "→ " + value.format(language)
    if value.is_exact_day:
        locale = QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English)
        weekday = locale.dayName(value.earliest.isoweekday(), QLocale.FormatType.LongFormat)
        text = f"→ {weekday} {value.format(language)}"
    else:
        first = UncertainDate.from_date(value.earliest)
        last = UncertainDate.from_date(value.latest)
        text += f"  ({format_range(first, last, language)})"
    return text


class DateField(QWidget):
    """A line edit for an uncertain date and, under it, what it was read as or why not."""

    changed = Signal()

    def __init__(self, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.language = "en"
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            self.tr("e.g. 28 Feb 2023, early April 2023, 2023, c. 1995")
            if not optional
            else self.tr("empty if it is one day or not known")
        )
        self.feedback = FeedbackLabel(self)
        self.feedback.setObjectName("dateReading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.feedback)
        self.setFocusProxy(self.edit)
        self._value: UncertainDate | None = None
        self._error: str | None = None
        self.edit.textChanged.connect(self._read)
        self._read("")

    def text(self) -> str:
        return self.edit.text()

    def set_value(self, value: UncertainDate | None) -> None:
        self.edit.setText(value.format("fr" if self.language == "fr" else "en") if value else "")

    def value(self) -> UncertainDate | None:
        """The date, or None when the field is empty or cannot be read (see :meth:`error`)."""
        return self._value

    def error(self) -> str | None:
        return self._error

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def _read(self, text: str) -> None:
        self._value = None
        self._error = None
        if not text.strip():
            if not self.optional:
                self._error = self.tr("the date is needed")
            self.feedback.clear_message()
        else:
            try:
                self._value = parse_date(text)
            except DateParseError as error:
                self._error = str(error)
                self.feedback.show_error(self._error)
            else:
                self.feedback.show_reading(reading(self._value, self.language))
        set_invalid(self.edit, self._error is not None and bool(text.strip()))
        self.edit.setAccessibleDescription(self.feedback.text())
        self.changed.emit()

    def show_error(self, message: str) -> None:
        """An error found on saving (the end before the start...): shown until the next edit."""
        self.feedback.show_error(message)
        set_invalid(self.edit, True)
        self.edit.setAccessibleDescription(self.feedback.text())
