"""Printing, print preview and PDF export, for the window and for ``timeline-app print``.

The window builds a :class:`~timeline_app.core.printing.PrintJob` (what it shows: filter,
visible range, selection, lane grouping) and calls:

- :func:`edit_options` (layout, range, paper, orientation, pages wide, title) -> job or None;
- :func:`page_setup` (QPageSetupDialog) -> job or None;
- :func:`print_preview`, :func:`print_document` (QPrintDialog) and :func:`export_pdf`.

Layouts plug in through :mod:`timeline_app.gui.printing.layouts`.
"""

from timeline_app.gui.printing.document import (
    LayoutUnavailable,
    NothingToPrint,
    OutputError,
    PagedDocument,
    PageGeometry,
    PrintContext,
    PrintError,
)
from timeline_app.gui.printing.interactive import (
    configured_printer,
    export_pdf,
    page_setup,
    print_document,
    print_preview,
    problem,
)
from timeline_app.gui.printing.layouts import LAYOUTS, register
from timeline_app.gui.printing.options_dialog import PrintOptionsDialog, edit_options
from timeline_app.gui.printing.output import render, write_pdf

__all__ = [
    "LAYOUTS",
    "LayoutUnavailable",
    "NothingToPrint",
    "OutputError",
    "PageGeometry",
    "PagedDocument",
    "PrintContext",
    "PrintError",
    "PrintOptionsDialog",
    "configured_printer",
    "edit_options",
    "export_pdf",
    "page_setup",
    "print_document",
    "print_preview",
    "problem",
    "register",
    "render",
    "write_pdf",
]
