"""What the window's print commands do: preview, print dialog, PDF export, page set-up, options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.pdf import page_texts
from timeline_app.core.printing import (
    DateSpan,
    Orientation,
    Paper,
    PrintJob,
    PrintLayout,
    RangeMode,
)
from timeline_app.core.store import Store
from timeline_app.gui.printing import interactive
from timeline_app.gui.printing.options_dialog import PrintOptionsDialog


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(interactive, "notify", lambda _parent, text: shown.append(text))
    return shown


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the modal dialog as soon as it is up."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def test_print_preview_shows_every_page(seeded: Store, qtbot: QtBot, messages: list[str]) -> None:
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        seen["name"] = dialog.objectName()
        seen["pages"] = preview.pageCount()
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_modal(look)
    assert interactive.print_preview(None, seeded, PrintJob())
    assert seen["name"] == "printPreviewDialog"
    assert isinstance(seen["pages"], int)
    assert seen["pages"] > 1
    assert messages == []


def test_nothing_to_preview_says_why_and_opens_nothing(
    store: Store, qtbot: QtBot, messages: list[str]
) -> None:
    assert not interactive.print_preview(None, store, PrintJob())
    assert messages == ["nothing to print: the timeline has no events"]
    assert QApplication.activeModalWidget() is None


def test_the_timeline_layout_previews_and_exports(
    seeded: Store, qtbot: QtBot, messages: list[str], tmp_path: Path
) -> None:
    job = PrintJob(layout=PrintLayout.TIMELINE, pages_wide=2)
    seen: list[int] = []

    def look(dialog: QWidget) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        seen.append(preview.pageCount())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_modal(look)
    assert interactive.print_preview(None, seeded, job)
    assert seen == [2]
    target = tmp_path / "t.pdf"
    assert interactive.export_pdf(None, seeded, job, target) == target
    assert len(page_texts(target)) == 2
    assert messages == []


def test_cancelling_the_print_dialog_prints_nothing(
    seeded: Store, qtbot: QtBot, messages: list[str]
) -> None:
    names: list[str] = []

    def cancel(dialog: QWidget) -> None:
        names.append(dialog.objectName())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_modal(cancel)
    assert not interactive.print_document(None, seeded, PrintJob())
    assert names == ["printDialog"]


def test_export_pdf_writes_the_file_given(
    seeded: Store, qtbot: QtBot, messages: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "export.pdf"
    assert interactive.export_pdf(None, seeded, PrintJob(), target) == target
    assert "Page 1 of" in page_texts(target)[0]
    assert messages == []


def test_export_pdf_reports_a_file_it_cannot_write(
    seeded: Store, qtbot: QtBot, messages: list[str], tmp_path: Path
) -> None:
    assert interactive.export_pdf(None, seeded, PrintJob(), tmp_path / "no" / "x.pdf") is None
    assert messages and "does not exist" in messages[0]


def test_page_setup_keeps_the_job_when_accepted_and_nothing_when_cancelled(
    qtbot: QtBot, messages: list[str]
) -> None:
    job = PrintJob(paper=Paper.LETTER, orientation=Orientation.PORTRAIT)
    native = QPrinter().outputFormat() == QPrinter.OutputFormat.NativeFormat
    names: list[str] = []

    def close(dialog: QWidget, accept: bool) -> None:
        names.append(dialog.objectName())
        assert isinstance(dialog, QDialog)
        dialog.accept() if accept else dialog.reject()

    when_modal(lambda dialog: close(dialog, True))
    assert interactive.page_setup(None, job) == job
    when_modal(lambda dialog: close(dialog, False))
    assert interactive.page_setup(None, job) is None
    # Without a system printer Qt's page set-up cannot work; the options dialog stands in.
    expected = "pageSetupDialog" if native else "printOptionsDialog"
    assert names == [expected, expected]


# -- the options dialog ----------------------------------------------------------------------


def make_dialog(qtbot: QtBot, job: PrintJob) -> PrintOptionsDialog:
    dialog = PrintOptionsDialog(job)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok_button(dialog: PrintOptionsDialog) -> QWidget:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def test_options_show_the_job_and_give_back_the_choices(qtbot: QtBot) -> None:
    job = PrintJob(visible=DateSpan(date(2023, 2, 1), date(2023, 3, 31)))
    dialog = make_dialog(qtbot, job)
    assert dialog.findChild(QWidget, "printRange_visible").isEnabled()
    assert not dialog.findChild(QWidget, "printRange_selection").isEnabled()
    assert "1 Feb – 31 Mar 2023" in dialog.findChild(QWidget, "printRange_visible").text()
    dialog.paper_combo.setCurrentIndex(list(Paper).index(Paper.A3))
    dialog.orientation_combo.setCurrentIndex(list(Orientation).index(Orientation.PORTRAIT))
    dialog.findChild(QWidget, "printRange_visible").click()
    qtbot.keyClicks(dialog.title_edit, "Central Asia")
    dialog.accept()
    result = dialog.result_job()
    assert result is not None
    assert (result.paper, result.orientation, result.range_mode, result.title) == (
        Paper.A3,
        Orientation.PORTRAIT,
        RangeMode.VISIBLE,
        "Central Asia",
    )
    assert result.visible == job.visible


def test_typed_dates_become_the_range(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, PrintJob())
    qtbot.keyClicks(dialog.from_edit, "March 2023")
    dialog.to_edit.setText("début avril 2023")  # QTest cannot type the é
    dialog.accept()
    result = dialog.result_job()
    assert result is not None
    assert result.range_mode is RangeMode.DATES
    assert (result.date_from, result.date_to) == (date(2023, 3, 1), date(2023, 4, 10))


def test_a_bad_date_is_explained_and_the_dialog_stays_open(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, PrintJob())
    qtbot.keyClicks(dialog.from_edit, "31 February 2023")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.result_job() is None
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("From: 31 Feb")
    dialog.from_edit.clear()
    qtbot.keyClicks(dialog.from_edit, "April 2023")
    qtbot.keyClicks(dialog.to_edit, "March 2023")
    dialog.accept()
    assert "before the start date" in dialog.error_label.text()


def test_the_timeline_width_is_pages_wide_or_a_time_scale(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, PrintJob())
    assert not dialog.width_box.isEnabled()  # a chronology has no width to choose
    dialog.layout_combo.setCurrentIndex(list(PrintLayout).index(PrintLayout.TIMELINE))
    assert dialog.width_box.isEnabled()
    assert dialog.fit_radio.isChecked()
    dialog.pages_wide.setValue(3)
    assert dialog.pages_wide.suffix() == " pages wide"
    dialog.accept()
    result = dialog.result_job()
    assert result is not None
    assert (result.layout, result.pages_wide, result.days_per_cm) == (
        PrintLayout.TIMELINE,
        3,
        None,
    )

    dialog = make_dialog(qtbot, result)
    dialog.days_per_cm.setValue(2.5)  # choosing a scale picks the scale
    assert dialog.scale_radio.isChecked()
    dialog.accept()
    scaled = dialog.result_job()
    assert scaled is not None
    assert scaled.days_per_cm == 2.5
    dialog = make_dialog(qtbot, scaled)
    assert dialog.scale_radio.isChecked()
    assert dialog.days_per_cm.value() == 2.5


def test_every_option_has_a_label_and_an_accessible_name(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, PrintJob())
    for widget in (
        dialog.layout_combo,
        dialog.paper_combo,
        dialog.orientation_combo,
        dialog.pages_wide,
        dialog.days_per_cm,
        dialog.title_edit,
        dialog.from_edit,
        dialog.to_edit,
    ):
        assert widget.accessibleName()
        assert widget.objectName()
