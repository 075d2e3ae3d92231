"""The print options: layout, range, paper, orientation, the timeline's width and the title.

The dialog edits a :class:`PrintJob` and gives back a new one, checked (an invalid choice is
explained in the dialog, next to the buttons, and the dialog stays open). The timeline's width
is either "fit to N pages wide" or a time scale in days per centimetre; both are offered only
for the timeline layout.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import DateParseError, UncertainDate, parse_date
from timeline_app.core.printing import (
    MAX_PAGES_WIDE,
    Orientation,
    Paper,
    PrintJob,
    PrintJobError,
    PrintLayout,
    RangeMode,
)

MIN_DAYS_PER_CM = 0.05
MAX_DAYS_PER_CM = 100_000.0
DEFAULT_DAYS_PER_CM = 7.0


class PrintOptionsDialog(QDialog):
    def __init__(self, job: PrintJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printOptionsDialog")
        self.setWindowTitle(QCoreApplication.translate("PrintOptionsDialog", "Print Options"))
        self._job = job
        self._result: PrintJob | None = None

        form = QFormLayout()
        self.layout_combo = QComboBox(self)
        self.layout_combo.setObjectName("printLayout")
        for layout in PrintLayout:
            self.layout_combo.addItem(layout.label, layout.value)
        self.layout_combo.setCurrentIndex(list(PrintLayout).index(job.layout))
        self.layout_combo.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Layout")
        )
        form.addRow(
            self._label(
                QCoreApplication.translate("PrintOptionsDialog", "&Layout:"), self.layout_combo
            ),
            self.layout_combo,
        )

        self.paper_combo = QComboBox(self)
        self.paper_combo.setObjectName("printPaper")
        for paper in Paper:
            self.paper_combo.addItem(paper.value, paper.value)
        self.paper_combo.setCurrentIndex(list(Paper).index(job.paper))
        self.paper_combo.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Paper size")
        )
        form.addRow(
            self._label(
                QCoreApplication.translate("PrintOptionsDialog", "&Paper:"), self.paper_combo
            ),
            self.paper_combo,
        )

        self.orientation_combo = QComboBox(self)
        self.orientation_combo.setObjectName("printOrientation")
        for orientation in Orientation:
            self.orientation_combo.addItem(orientation.label, orientation.value)
        self.orientation_combo.setCurrentIndex(list(Orientation).index(job.orientation))
        self.orientation_combo.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Orientation")
        )
        form.addRow(
            self._label(
                QCoreApplication.translate("PrintOptionsDialog", "&Orientation:"),
                self.orientation_combo,
            ),
            self.orientation_combo,
        )

        self.width_box = self._width_group(job)
        form.addRow(
            QCoreApplication.translate("PrintOptionsDialog", "Timeline width:"), self.width_box
        )

        self.title_edit = QLineEdit(job.title, self)
        self.title_edit.setObjectName("printTitle")
        self.title_edit.setPlaceholderText(job.layout.label)
        self.title_edit.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Title in the page header")
        )
        form.addRow(
            self._label(
                QCoreApplication.translate("PrintOptionsDialog", "&Title:"), self.title_edit
            ),
            self.title_edit,
        )

        self.range_box = self._range_group(job)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("printOptionsError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Problem")
        )
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("printOptionsButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.range_box)
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)
        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        self._layout_changed()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _width_group(self, job: PrintJob) -> QWidget:
        """Fit to N pages wide, or a time scale (days per cm): the timeline layout's width."""
        box = QWidget(self)
        box.setObjectName("printWidth")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.width_buttons = QButtonGroup(self)
        self.fit_radio = QRadioButton(
            QCoreApplication.translate("PrintOptionsDialog", "&Fit to"), box
        )
        self.fit_radio.setObjectName("printFitPages")
        self.scale_radio = QRadioButton(
            QCoreApplication.translate("PrintOptionsDialog", "Time sc&ale:"), box
        )
        self.scale_radio.setObjectName("printTimeScale")
        self.width_buttons.addButton(self.fit_radio, 0)
        self.width_buttons.addButton(self.scale_radio, 1)
        self.pages_wide = QSpinBox(box)
        self.pages_wide.setObjectName("printPagesWide")
        self.pages_wide.setRange(1, MAX_PAGES_WIDE)
        self.pages_wide.setValue(job.pages_wide)
        self._pages_suffix(job.pages_wide)
        self.pages_wide.valueChanged.connect(self._pages_suffix)
        self.pages_wide.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Fit to this many pages wide")
        )
        self.pages_wide.setToolTip(
            QCoreApplication.translate(
                "PrintOptionsDialog", "The timeline layout spreads the range over this many pages"
            )
        )
        self.days_per_cm = QDoubleSpinBox(box)
        self.days_per_cm.setObjectName("printDaysPerCm")
        self.days_per_cm.setDecimals(2)
        self.days_per_cm.setRange(MIN_DAYS_PER_CM, MAX_DAYS_PER_CM)
        self.days_per_cm.setValue(job.days_per_cm or DEFAULT_DAYS_PER_CM)
        self.days_per_cm.setSuffix(QCoreApplication.translate("PrintOptionsDialog", " days per cm"))
        self.days_per_cm.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "Time scale in days per centimetre")
        )
        self.days_per_cm.setToolTip(
            QCoreApplication.translate(
                "PrintOptionsDialog",
                "The timeline layout draws this many days in each centimetre, on as many pages as "
                "the range needs",
            )
        )
        grid.addWidget(self.fit_radio, 0, 0)
        grid.addWidget(self.pages_wide, 0, 1)
        grid.addWidget(self.scale_radio, 1, 0)
        grid.addWidget(self.days_per_cm, 1, 1)
        (self.scale_radio if job.days_per_cm is not None else self.fit_radio).setChecked(True)
        self.pages_wide.valueChanged.connect(lambda _value: self.fit_radio.setChecked(True))
        self.days_per_cm.valueChanged.connect(lambda _value: self.scale_radio.setChecked(True))
        return box

    def _pages_suffix(self, value: int) -> None:
        self.pages_wide.setSuffix(
            QCoreApplication.translate("PrintOptionsDialog", " page wide")
            if value == 1
            else QCoreApplication.translate("PrintOptionsDialog", " pages wide")
        )

    def _range_group(self, job: PrintJob) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("PrintOptionsDialog", "Range"), self)
        box.setObjectName("printRange")
        grid = QGridLayout(box)
        self.range_buttons = QButtonGroup(self)
        lang = job.lang

        def radio(mode: RangeMode, text: str, enabled: bool = True) -> QRadioButton:
            button = QRadioButton(text, box)
            button.setObjectName(f"printRange_{mode.value}")
            button.setEnabled(enabled)
            self.range_buttons.addButton(button, list(RangeMode).index(mode))
            return button

        visible = QCoreApplication.translate("PrintOptionsDialog", "The &visible range")
        if job.visible is not None:
            visible += f" ({job.visible.text(lang)})"
        selection = QCoreApplication.translate("PrintOptionsDialog", "The &selection's range")
        if job.selection is not None:
            selection += f" ({job.selection.text(lang)})"
        grid.addWidget(
            radio(
                RangeMode.EVERYTHING,
                QCoreApplication.translate("PrintOptionsDialog", "&Everything"),
            ),
            0,
            0,
            1,
            4,
        )
        grid.addWidget(radio(RangeMode.VISIBLE, visible, job.visible is not None), 1, 0, 1, 4)
        grid.addWidget(radio(RangeMode.SELECTION, selection, job.selection is not None), 2, 0, 1, 4)
        grid.addWidget(
            radio(RangeMode.DATES, QCoreApplication.translate("PrintOptionsDialog", "&Dates from")),
            3,
            0,
        )
        self.from_edit = QLineEdit(_day_text(job.date_from, lang), box)
        self.from_edit.setObjectName("printFrom")
        self.from_edit.setPlaceholderText(
            QCoreApplication.translate("PrintOptionsDialog", "e.g. 1 March 2023")
        )
        self.from_edit.setAccessibleName(
            QCoreApplication.translate("PrintOptionsDialog", "From date")
        )
        self.to_edit = QLineEdit(_day_text(job.date_to, lang), box)
        self.to_edit.setObjectName("printTo")
        self.to_edit.setPlaceholderText(
            QCoreApplication.translate("PrintOptionsDialog", "e.g. April 2023")
        )
        self.to_edit.setAccessibleName(QCoreApplication.translate("PrintOptionsDialog", "To date"))
        grid.addWidget(self.from_edit, 3, 1)
        grid.addWidget(
            self._label(QCoreApplication.translate("PrintOptionsDialog", "t&o"), self.to_edit), 3, 2
        )
        grid.addWidget(self.to_edit, 3, 3)
        button = self.range_buttons.button(list(RangeMode).index(job.range_mode))
        if button is not None:
            button.setChecked(True)
        for edit in (self.from_edit, self.to_edit):
            edit.textEdited.connect(self._dates_typed)
        return box

    def _dates_typed(self) -> None:
        button = self.range_buttons.button(list(RangeMode).index(RangeMode.DATES))
        if button is not None:
            button.setChecked(True)

    def _layout_changed(self) -> None:
        layout = self.selected_layout()
        self.width_box.setEnabled(layout is PrintLayout.TIMELINE)
        self.title_edit.setPlaceholderText(layout.label)
        self.error_label.hide()
        self.adjustSize()

    def selected_layout(self) -> PrintLayout:
        return PrintLayout(self.layout_combo.currentData())

    def selected_range(self) -> RangeMode:
        return list(RangeMode)[max(self.range_buttons.checkedId(), 0)]

    def build_job(self) -> PrintJob:
        """The job the dialog shows; PrintJobError names what is wrong."""
        mode = self.selected_range()
        date_from, date_to = self._job.date_from, self._job.date_to
        if mode is RangeMode.DATES:
            date_from = _typed_day(self.from_edit.text(), "from", first=True)
            date_to = _typed_day(self.to_edit.text(), "to", first=False)
        return replace(
            self._job,
            layout=self.selected_layout(),
            paper=Paper(self.paper_combo.currentData()),
            orientation=Orientation(self.orientation_combo.currentData()),
            pages_wide=self.pages_wide.value(),
            days_per_cm=self.days_per_cm.value() if self.scale_radio.isChecked() else None,
            range_mode=mode,
            date_from=date_from,
            date_to=date_to,
            title=self.title_edit.text().strip(),
        )

    def accept(self) -> None:
        try:
            self._result = self.build_job()
        except PrintJobError as error:
            target: QWidget = {
                "from": self.from_edit,
                "to": self.to_edit,
                "range": self.range_box,
                "pages_wide": self.pages_wide,
                "days_per_cm": self.days_per_cm,
            }.get(error.field, self.layout_combo)
            self._show_error(error.message, target)
            return
        super().accept()

    def _show_error(self, message: str, focus: QWidget) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def result_job(self) -> PrintJob | None:
        """The accepted job; None until the dialog is accepted."""
        return self._result


def _day_text(value: date | None, lang: str) -> str:
    if value is None:
        return ""
    return UncertainDate.from_date(value).format("fr" if lang == "fr" else "en")


def _typed_day(text: str, field: str, *, first: bool) -> date | None:
    """A typed date (``April 2023``...) as its first or its last possible day."""
    if not text.strip():
        return None
    try:
        value = parse_date(text)
    except DateParseError as error:
        label = (
            QCoreApplication.translate("PrintOptionsDialog", "From")
            if field == "from"
            else QCoreApplication.translate("PrintOptionsDialog", "To")
        )
        raise PrintJobError(field, f"{label}: {error}") from error
    return value.earliest if first else value.latest


def edit_options(parent: QWidget | None, job: PrintJob) -> PrintJob | None:
    """Ask for the print options; the new job, or None when cancelled."""
    dialog = PrintOptionsDialog(job, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_job()
    finally:
        dialog.deleteLater()
