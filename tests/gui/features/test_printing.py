"""File > Print, Print Preview, Page Setup and Export PDF from the main window: they print what
the window shows (its filter, lane grouping, visible range or selection) and keep the options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.helpers.pdf import page_sizes_pt, page_texts, squeezed
from tests.helpers.seed import by_title
from timeline_app.core.filters import EventFilter
from timeline_app.core.printing import DateSpan, Orientation, PrintLayout, RangeMode
from timeline_app.core.timeline import LaneGrouping
from timeline_app.core.vocabulary import Kind
from timeline_app.gui.features.printing import PrintingFeature
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.printing import interactive
from timeline_app.gui.printing.options_dialog import PrintOptionsDialog


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(interactive, "notify", lambda _parent, text: shown.append(text))
    return shown


def feature(window: MainWindow) -> PrintingFeature:
    return next(f for f in window.features if isinstance(f, PrintingFeature))


def in_options(choose: Callable[[PrintOptionsDialog], None] = lambda _dialog: None) -> list[str]:
    """Make the choices in the print options as soon as they are up, then press OK."""
    seen: list[str] = []

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PrintOptionsDialog):
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialog.objectName())
        choose(dialog)
        dialog.accept()

    QTimer.singleShot(0, attempt)
    return seen


def test_the_print_actions_are_in_the_file_menu_with_their_keys(window: MainWindow) -> None:
    actions = window.action_set
    for name in ("page_setup", "print_preview", "print", "export_pdf"):
        assert actions[name].isEnabled(), name
        assert actions[name] in window.menus["&File"].actions()
    assert actions["print"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions["print_preview"].shortcut() == QKeySequence("Ctrl+Shift+P")


def test_export_pdf_prints_the_filtered_events_as_a_timeline(
    window: MainWindow, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window.set_filter(EventFilter(kinds=frozenset({Kind.STATE_VISIT, Kind.SUMMIT_TALKS})))
    target = tmp_path / "visits.pdf"
    monkeypatch.setattr(interactive, "ask_pdf_path", lambda _parent, _job: target)
    seen = in_options()
    window.action_set["export_pdf"].trigger()  # File > Export PDF…
    assert seen == ["printOptionsDialog"]
    assert messages == []
    texts = page_texts(target)
    assert set(page_sizes_pt(target)) == {(842, 595)}  # landscape
    text = " ".join(texts)
    assert "Filter: Kind: State visit · Kind: Summit talks" in text
    assert "Visiting actor" in text
    for lane in ("Alexander Lukashenko", "Emmanuel Macron"):  # the visitors
        assert lane in text
    for other in ("Antony Blinken", "Office of Foreign Assets Control", "Xi Jinping"):
        assert other not in text
    assert "Planned Confirmed Ongoing Completed" in text  # the legend


def test_the_job_follows_the_window_and_the_options_are_kept(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    printing = feature(window)
    window.set_grouping(LaneGrouping.COUNTRY)
    macron = by_title(window.store, "Macron's state visit")
    window.select_event(macron.id)
    job = printing.current_job()
    assert job.layout is PrintLayout.TIMELINE
    assert job.lane_grouping == "country"
    assert job.range_mode is RangeMode.VISIBLE
    assert job.visible == DateSpan(*window.timeline.visible_range())
    assert job.selection == DateSpan(date(2023, 4, 5), date(2023, 4, 7))

    def choose(dialog: PrintOptionsDialog) -> None:
        dialog.findChild(QWidget, "printRange_selection").click()
        dialog.orientation_combo.setCurrentIndex(list(Orientation).index(Orientation.PORTRAIT))
        dialog.title_edit.setText("Macron in China")

    in_options(choose)
    target = printing.export_pdf(tmp_path / "macron.pdf")
    assert target == tmp_path / "macron.pdf"
    text = page_texts(target)[0]
    assert text.startswith("Macron in China 5–7 Apr 2023")
    assert "Destination country" in text and "China" in text
    assert squeezed("Macron's state visit to China") in squeezed(text)
    assert "Lukashenko" not in text
    assert page_sizes_pt(target) == [(595, 842)]

    kept = printing.current_job()  # the next print starts from these choices
    assert (kept.range_mode, kept.orientation, kept.title) == (
        RangeMode.SELECTION,
        Orientation.PORTRAIT,
        "Macron in China",
    )
    window.selection.select(None)
    assert printing.current_job().range_mode is RangeMode.VISIBLE  # nothing selected now


def test_a_chronology_of_the_filter_from_the_window(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    window.set_filter(EventFilter(actors=("Blinken",)))

    def choose(dialog: PrintOptionsDialog) -> None:
        dialog.layout_combo.setCurrentIndex(list(PrintLayout).index(PrintLayout.CHRONOLOGY))
        dialog.findChild(QWidget, "printRange_everything").click()

    in_options(choose)
    target = feature(window).export_pdf(tmp_path / "blinken.pdf")
    assert target is not None
    text = squeezed(" ".join(page_texts(target)))
    assert squeezed("Filter: Actor: Blinken") in text
    for title in ("Blinken in Tashkent", "Blinken meets Tokayev", "Blinken at the G20"):
        assert squeezed(title) in text
    assert squeezed("Lukashenko's state visit") not in text
    assert squeezed("OFAC") not in text


def test_cancelling_the_options_prints_nothing(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        dialog.close()

    QTimer.singleShot(0, cancel)
    assert feature(window).export_pdf(tmp_path / "no.pdf") is None
    assert not (tmp_path / "no.pdf").exists()
    assert feature(window).job is None


def test_nothing_to_print_is_said_and_no_file_is_written(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    window.set_filter(EventFilter(text="no such event anywhere"))
    in_options()
    assert feature(window).export_pdf(tmp_path / "none.pdf") is None
    assert len(messages) == 1
    assert messages[0].startswith("nothing to print: no event between ")
    assert messages[0].endswith("matches the filter (Search: “no such event anywhere”)")
    assert not (tmp_path / "none.pdf").exists()


def answer_dialogs(*answers: Callable[[QDialog], None]) -> list[str]:
    """Answer the modal dialogs that come up, one after the other; their object names."""
    seen: list[str] = []
    pending = list(answers)

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() in seen[-1:]:
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialog.objectName())
        pending.pop(0)(dialog)
        if pending:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)
    return seen


def test_print_preview_shows_the_timeline_pages(window: MainWindow, messages: list[str]) -> None:
    pages: list[int] = []

    def look(dialog: QDialog) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        pages.append(preview.pageCount())
        dialog.reject()

    seen = answer_dialogs(lambda dialog: dialog.accept(), look)
    window.action_set["print_preview"].trigger()
    assert seen == ["printOptionsDialog", "printPreviewDialog"]
    assert pages == [1]
    assert messages == []


def test_print_asks_for_a_printer_after_the_options(
    window: MainWindow, messages: list[str]
) -> None:
    seen = answer_dialogs(lambda dialog: dialog.accept(), lambda dialog: dialog.reject())
    assert not feature(window).print_document()  # the printer dialog was cancelled
    assert seen == ["printOptionsDialog", "printDialog"]
    assert feature(window).job is not None  # the options chosen are kept all the same


def test_page_setup_keeps_its_choices_for_the_next_print(window: MainWindow) -> None:
    seen = answer_dialogs(lambda dialog: dialog.accept())
    window.action_set["page_setup"].trigger()
    assert seen in (["pageSetupDialog"], ["printOptionsDialog"])  # without a print system
    job = feature(window).job
    assert job is not None
    assert (job.layout, job.orientation) == (PrintLayout.TIMELINE, Orientation.LANDSCAPE)
