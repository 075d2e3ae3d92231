"""An unexpected exception is logged, shown with a copyable report, and the app keeps running."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from timeline_app import paths
from timeline_app.gui import crash
from timeline_app.gui.crash import CrashDialog, CrashReporter, install_excepthook

# pytest-qt turns exceptions in slots into test failures; here they are the subject.
pytestmark = pytest.mark.qt_no_exception_capture


class Emitter(QObject):
    fired = Signal(str)


@pytest.fixture
def reporter(qapp: QApplication) -> Iterator[CrashReporter]:
    installed = install_excepthook(qapp)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()
        installed.dialog.deleteLater()


def fail(text: str) -> None:
    raise ValueError(f"the importer choked on {text}")


def test_an_exception_in_a_slot_is_logged_and_shown_and_the_app_goes_on(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    button = QPushButton("Import")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: fail("line 12"))
    survived = QLabel("still here")
    qtbot.addWidget(survived)

    with qtbot.waitSignal(reporter.reported, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    log = (paths.user_log_dir() / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "ERROR timeline_app.crash: unexpected error" in log
    assert "Traceback (most recent call last)" in log
    assert "ValueError: the importer choked on line 12" in log
    assert "in fail" in log

    dialog = reporter.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.message.text() == (
        "Something went wrong: ValueError: the importer choked on line 12"
    )
    assert str(crash.log_file()) in dialog.note.text()
    report = dialog.report.toPlainText()
    assert report.startswith("Diplomatic Timeline ")
    assert "ValueError: the importer choked on line 12" in report
    assert "Traceback (most recent call last)" in report

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == report

    # The event loop still runs and the rest of the app answers.
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True])
    survived.setText("after the error")
    assert survived.text() == "after the error"
    dialog.buttons.button(dialog.buttons.StandardButton.Close).click()
    assert not dialog.isVisible()


def test_an_exception_in_another_thread_is_shown_in_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    worker = threading.Thread(target=fail, args=("a worker",))
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        worker.start()
        worker.join()
    assert reporter.dialog is not None
    assert reporter.dialog.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
    assert "choked on a worker" in reporter.dialog.message.text()


def test_uncaught_exceptions_of_the_main_code_go_through_the_hook(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    assert sys.excepthook == reporter.handle
    try:
        fail("the main code")
    except ValueError:
        with qtbot.waitSignal(reporter.reported, timeout=5000):
            sys.excepthook(*sys.exc_info())  # what Python does with an uncaught exception
    assert reporter.dialog is not None and reporter.dialog.isVisible()


def test_more_errors_while_the_dialog_is_open_join_it(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    emitter = Emitter()
    emitter.fired.connect(fail)
    for number in range(3):
        with qtbot.waitSignal(reporter.reported, timeout=5000):
            emitter.fired.emit(f"record {number}")
    dialog = reporter.dialog
    assert dialog is not None
    assert dialog.message.text() == (
        "3 errors occurred; the first: ValueError: the importer choked on record 0"
    )
    report = dialog.report.toPlainText()
    assert all(f"choked on record {n}" in report for n in range(3))
    visible = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog"]
    assert len([w for w in visible if w.isVisible()]) == 1


def test_a_hostile_message_is_shown_as_text(qtbot: QtBot, reporter: CrashReporter) -> None:
    emitter = Emitter()
    emitter.fired.connect(fail)
    hostile = "<img src=file:///etc/passwd><b>bold</b>\n\u202eevil"
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        emitter.fired.emit(hostile)
    dialog = reporter.dialog
    assert dialog is not None
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert dialog.message.text() == (
        "Something went wrong: ValueError: the importer choked on "
        "<img src=file:///etc/passwd><b>bold</b>⏎<U+202E>evil"
    )


def test_the_log_rotates(qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crash, "LOG_MAX_BYTES", 1000)
    reporter = install_excepthook(qapp)
    try:
        emitter = Emitter()
        emitter.fired.connect(fail)
        for number in range(6):
            with qtbot.waitSignal(reporter.reported, timeout=5000):
                emitter.fired.emit(f"record {number}")
    finally:
        reporter.uninstall()
        if reporter.dialog is not None:
            reporter.dialog.close()
    names = sorted(p.name for p in paths.user_log_dir().iterdir())
    assert names[:2] == [crash.LOG_NAME, f"{crash.LOG_NAME}.1"]
    assert len(names) <= 1 + crash.LOG_KEEP
    assert all(p.stat().st_size < 2000 for p in paths.user_log_dir().iterdir())


def test_uninstall_puts_the_previous_hooks_back(qapp: QApplication) -> None:
    before, thread_before = sys.excepthook, threading.excepthook
    reporter = install_excepthook(qapp)
    assert sys.excepthook != before and threading.excepthook != thread_before
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == (before, thread_before)
