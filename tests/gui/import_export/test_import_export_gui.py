"""Importing and exporting from the window: progress, Cancel, the report, drops, export."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.db import row_counts
from timeline_app.core.filters import EventFilter
from timeline_app.core.io import importing as core_importing
from timeline_app.core.io.exporting import export_events
from timeline_app.core.io.formats import Format
from timeline_app.core.store import ChangeSet, Store
from timeline_app.core.vocabulary import Kind
from timeline_app.gui.import_export import (
    ImportReportDialog,
    accepts_drop,
    export_dialog,
    import_dialog,
    import_files,
)

SAMPLES = Path(__file__).resolve().parents[2] / "core" / "io" / "samples"


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.setObjectName("testWindow")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def report(window: QWidget) -> ImportReportDialog:
    dialogs = window.findChildren(ImportReportDialog)
    assert len(dialogs) == 1
    return dialogs[0]


def test_an_import_runs_off_the_gui_thread_and_reports_on_it(
    qtbot: QtBot, window: QWidget, seeded: Store
) -> None:
    heard: list[tuple[ChangeSet, bool]] = []
    seeded.subscribe(
        lambda changes: heard.append(
            (changes, threading.current_thread() is threading.main_thread())
        )
    )
    summary = import_files(window, seeded, [SAMPLES])

    assert summary is not None
    assert summary.added["events"] == 12
    assert seeded.count_events() == 25
    assert len(heard) == 1
    assert heard[0][1], "listeners are told on the GUI thread"
    assert "event" in heard[0][0].tables
    dialog = report(window)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Import finished"
    assert dialog.lines == summary.lines()
    assert dialog.lines[0] == "added: 6 actors, 12 events, 5 places, 8 sources"
    assert (
        window.findChild(QProgressDialog, "importProgress") is None
        or not window.findChild(QProgressDialog, "importProgress").isVisible()
    )
    dialog.accept()
    qtbot.waitUntil(lambda: not window.findChildren(ImportReportDialog))


def test_a_rejected_import_lists_every_problem_and_changes_nothing(
    qtbot: QtBot, window: QWidget, seeded: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "visits.csv"
    bad.write_text("title,start\nA,2023-02-30\nB,\n", encoding="utf-8")
    before = row_counts(seeded)
    heard: list[ChangeSet] = []
    seeded.subscribe(heard.append)

    assert import_files(window, seeded, [SAMPLES, bad]) is None

    assert row_counts(seeded) == before
    assert heard == []
    dialog = report(window)
    assert dialog.windowTitle() == "Import refused"
    assert dialog.heading.text() == "Nothing was imported: 2 problems must be fixed first."
    assert dialog.lines == [
        f"{bad}:2: start: 30 February 2023 does not exist (February 2023 has 28 days)",
        f"{bad}:3: start: missing",
    ]
    dialog.reject()


def test_a_dry_run_reports_what_would_happen(window: QWidget, seeded: Store) -> None:
    before = row_counts(seeded)
    summary = import_files(window, seeded, [SAMPLES], dry_run=True)
    assert summary is not None and summary.dry_run
    assert row_counts(seeded) == before
    dialog = report(window)
    assert dialog.windowTitle() == "Import checked"
    assert dialog.lines[0].startswith("would add: ")
    dialog.accept()


def test_cancel_leaves_the_database_exactly_as_it_was(
    qtbot: QtBot,
    window: QWidget,
    seeded: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A native JSON file goes in first and is written at once; the import then waits, as a
    # long one would, until the user presses Cancel.
    first = tmp_path / "timeline.json"
    export_events(seeded, first, Format.JSON)
    real = core_importing.import_paths
    waited: list[bool] = []

    def slow(store: Store, paths: list[Path], **options: Any) -> Any:
        progress, cancelled = options["progress"], options["cancelled"]

        def gate(done: int, total: int) -> None:
            progress(done, total)
            if done:  # the JSON file is in (uncommitted): wait for Cancel
                deadline = time.monotonic() + 10
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)
                waited.append(cancelled())

        return real(store, paths, **{**options, "progress": gate})

    monkeypatch.setattr(core_importing, "import_paths", slow)
    before = row_counts(seeded)
    pressed: list[bool] = []

    def press_cancel() -> None:
        dialog = window.findChild(QProgressDialog, "importProgress")
        if dialog is None:
            QTimer.singleShot(20, press_cancel)
            return
        assert dialog.labelText() == "Importing 2 files…"
        [button] = dialog.findChildren(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        pressed.append(True)

    QTimer.singleShot(50, press_cancel)
    assert import_files(window, seeded, [first, SAMPLES]) is None

    assert pressed and waited and waited[0], "cancelled while the import was under way"
    assert row_counts(seeded) == before
    assert window.findChildren(ImportReportDialog) == []


def test_import_dialog_asks_for_files(
    window: QWidget, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(parent: QWidget, title: str, folder: str, filters: str) -> tuple[list[str], str]:
        asked.append(filters)
        return [str(SAMPLES / "sample-visits.xml")], filters.split(";;", maxsplit=1)[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    summary = import_dialog(window, seeded)
    assert summary is not None and summary.added["events"] == 5
    assert asked[0].startswith("Importable files (*.json *.csv *.tsv *.ics *.xml)")
    report(window).accept()

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *args: ([], "")))
    assert import_dialog(window, seeded) is None


def test_dropped_files_that_can_be_imported(tmp_path: Path) -> None:
    csv_file = tmp_path / "visits.CSV"
    csv_file.write_text("title,start\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    folder = tmp_path / "historian"
    folder.mkdir()
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(csv_file)),
            QUrl.fromLocalFile(str(notes)),
            QUrl.fromLocalFile(str(folder)),
            QUrl.fromLocalFile(str(tmp_path / "gone.ics")),
            QUrl("https://example.org/visits.csv"),
        ]
    )
    assert accepts_drop(mime) == [csv_file, folder]
    text_only = QMimeData()
    text_only.setText("visits.csv")
    assert accepts_drop(text_only) == []


@pytest.mark.parametrize(
    ("chosen_filter", "expected_suffix", "first_line"),
    [
        ("Spreadsheet (CSV) (*.csv)", ".csv", "\ufeffid,title,kind"),
        ("Calendar (iCalendar) (*.ics)", ".ics", "BEGIN:VCALENDAR"),
        ("Timeline, complete (JSON) (*.json)", ".json", "{"),
    ],
)
def test_export_dialog_writes_the_chosen_format_with_the_filter(
    window: QWidget,
    seeded: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chosen_filter: str,
    expected_suffix: str,
    first_line: str,
) -> None:
    offered: list[str] = []

    def choose(parent: QWidget, title: str, name: str, filters: str) -> tuple[str, str]:
        offered.extend(filters.split(";;"))
        return str(tmp_path / "visits"), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    written = export_dialog(window, seeded, EventFilter(kinds=frozenset({Kind.STATE_VISIT})))
    assert written == tmp_path / f"visits{expected_suffix}"
    assert chosen_filter in offered
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith(first_line)
    assert "Macron's state visit to China" in text
    assert "Xi and Zelensky speak by phone" not in text


def test_export_dialog_says_why_a_file_cannot_be_written(
    window: QWidget, seeded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing" / "out.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), ""))
    )
    assert export_dialog(window, seeded) is None
    box = window.findChild(QMessageBox, "exportError")
    assert box is not None and box.isVisible()
    assert "does not exist" in box.informativeText()
    box.close()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    assert export_dialog(window, seeded) is None
