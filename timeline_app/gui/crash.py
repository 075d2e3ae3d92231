"""Errors never vanish: an unexpected exception is logged, shown with a copyable report, survived.

:func:`install_excepthook` (called once at start-up) routes every uncaught exception through a
:class:`CrashReporter`: those raised by the main code (``sys.excepthook``), by Qt slots and
overridden virtual methods (PySide reports those through ``sys.excepthook`` too, then carries
on) and by other threads (``threading.excepthook``). Each one is written with its traceback to
a rotating log file in the user's log folder (``paths.user_log_dir()``), and shown in a
non-modal :class:`CrashDialog` with the message and a report the user can copy and send; the
application keeps running. While a dialog is open, further errors are added to it instead of
opening more (a failing paint event would otherwise open one per frame).
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app import APP_NAME, __version__, paths
from timeline_app.core.text import one_line

LOG_NAME = "timeline-app.log"
LOG_MAX_BYTES = 1_000_000
LOG_KEEP = 3
REPORT_LIMIT = 200_000  # characters kept in an open dialog's report
log = logging.getLogger("timeline_app.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_file() -> Path:
    return paths.user_log_dir() / LOG_NAME


def configure_logging() -> logging.Handler:
    """Send the app's log (``timeline_app.*`` loggers) to the rotating log file; idempotent."""
    path = log_file()
    logger = logging.getLogger("timeline_app")
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return handler
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_KEEP, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler


def summary(error: BaseException) -> str:
    """``ValueError: bad value``: one line, safe to show whatever the message holds."""
    message = str(error)
    name = type(error).__name__
    return one_line(f"{name}: {message}" if message else name, 500)


def format_report(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """What to send to the developers: versions, time, and the full traceback."""
    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        f"Time: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        *traceback.format_exception(kind, error, trace),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    """The message, where the log is, and the report in a read-only box with a Copy button."""

    def __init__(self, message: str, report: str, log_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Unexpected Error"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.errors = 1

        self.message = QLabel(self)
        self.message.setObjectName("crashMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the message may hold anything
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text = message

        self.note = QLabel(self)
        self.note.setObjectName("crashNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self._log_path = log_path

        self.report = QPlainTextEdit(self)
        self.report.setObjectName("crashReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setPlainText(report)
        self.report.setAccessibleName(self.tr("Error report"))
        self.report.setMinimumSize(560, 220)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy Report"), self)
        self.copy_button.setObjectName("crashCopyButton")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self._update_texts()

    def _update_texts(self) -> None:
        self.message.setText(
            self.tr("Something went wrong: {message}").format(message=self._text)
            if self.errors == 1
            else self.tr("{count} errors occurred; the first: {message}").format(
                count=self.errors, message=self._text
            )
        )
        self.note.setText(
            self.tr(
                "The application is still running, and every change saved before the error is "
                "safe. The details were written to {log}; please send the report below to the "
                "developers."
            ).format(log=self._log_path)
        )

    def add_error(self, report: str) -> None:
        """Another error while this dialog is open: counted, and its report appended."""
        self.errors += 1
        text = self.report.toPlainText()
        if len(text) < REPORT_LIMIT:
            self.report.setPlainText(f"{text}\n\n{'-' * 40}\n\n{report}"[:REPORT_LIMIT])
        self._update_texts()

    def copy_report(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.report.toPlainText())


class CrashReporter(QObject):
    """Logs uncaught exceptions and shows them; see :func:`install_excepthook`."""

    reported = Signal(str)  # the report, once logged and shown
    _show_requested = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = configure_logging()
        self.dialog: CrashDialog | None = None
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        # Queued when an error comes from another thread: widgets live in the GUI thread.
        self._show_requested.connect(self._show)

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        """The exception hook itself: never raises, whatever happens while reporting."""
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, error, trace)
            return
        try:
            report = format_report(kind, error, trace)
            log.error("unexpected error\n%s", report)
            self._show_requested.emit(summary(error), report)
        except Exception:  # the hook must not fail: fall back on stderr
            sys.__excepthook__(kind, error, trace)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, message: str, report: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_error(report)
        else:
            parent = QApplication.activeWindow()
            self.dialog = CrashDialog(message, report, log_file(), parent)
            self.dialog.show()
            self.dialog.activateWindow()
        self.reported.emit(report)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        """Put the previous hooks back and stop logging to the file (for tests)."""
        if self._previous_hook is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None and threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook
        logging.getLogger("timeline_app").removeHandler(self.handler)
        self.handler.close()


def install_excepthook(app: QApplication) -> CrashReporter:
    """Report every uncaught exception from now on; the app calls this once at start-up."""
    reporter = CrashReporter(app)
    reporter.install()
    return reporter
