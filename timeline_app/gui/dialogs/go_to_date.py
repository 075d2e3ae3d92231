"""Go to a date typed as free text, read by the dates module as the user types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from timeline_app.core.dates import DateParseError, UncertainDate, parse_date


class GoToDateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goToDateDialog")
        self.setWindowTitle(self.tr("Go to Date"))
        self.value: UncertainDate | None = None
        self.field = QLineEdit(self)
        self.field.setObjectName("goToDateField")
        self.field.setPlaceholderText(self.tr("e.g. 28 Feb 2023, early April 2023, 1995"))
        self.field.setAccessibleName(self.tr("Date"))
        self.reading = QLabel(self)
        self.reading.setObjectName("goToDateReading")
        self.reading.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Date:"), self.field)
        form.addRow("", self.reading)
        form.addRow(self.buttons)
        self.field.textChanged.connect(self._read)
        self._read("")

    def _read(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not text.strip():
            self.value = None
            self.reading.setText("")
            ok.setEnabled(False)
            return
        try:
            self.value = parse_date(text)
        except DateParseError as error:
            self.value = None
            self.reading.setText(str(error))
            ok.setEnabled(False)
        else:
            self.reading.setText("→ " + self.value.format())
            ok.setEnabled(True)

    def accept(self) -> None:
        if self.value is not None:
            super().accept()
