"""Printing without a window, for ``timeline-app print``: a PDF needs no display.

Qt still needs a ``QGuiApplication`` (fonts, text layout). When there is no display to connect
to, the ``offscreen`` platform is chosen before the application is created.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from timeline_app.core.printing import PrintJob
from timeline_app.core.store import Store
from timeline_app.gui.app import display_problem
from timeline_app.gui.printing.output import write_pdf

_application: QGuiApplication | None = None


def ensure_application() -> None:
    """A QGuiApplication (the existing one, or a new one, offscreen when there is no display)."""
    global _application  # noqa: PLW0603 - one application per process, kept alive here
    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("QT_QPA_PLATFORM") and display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _application = QGuiApplication([sys.argv[0] if sys.argv else "timeline-app"])


def export_pdf_file(store: Store, job: PrintJob, path: Path) -> int:
    """Write ``job`` as a PDF at ``path`` with no window; the number of pages."""
    ensure_application()
    return write_pdf(store, job, path)
