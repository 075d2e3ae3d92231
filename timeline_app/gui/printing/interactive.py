"""What File > Page Setup, Print Preview, Print and Export PDF do, given a print job.

Each function checks first that the job can print (it has events) and says
why not in a message box instead of opening an empty preview or writing an empty file. All of
them paint through :func:`output.render`, the same code for the preview, the printer and PDF.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from timeline_app.core.printing import PrintJob, PrintJobError
from timeline_app.core.store import Store
from timeline_app.gui.printing.document import PrintError
from timeline_app.gui.printing.options_dialog import edit_options
from timeline_app.gui.printing.output import job_from_layout, page_layout, render, write_pdf


def notify(parent: QWidget | None, message: str) -> None:
    """Tell the user why printing did not happen (a module function: tests replace it)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Printing", "Print"),
        message,
        parent=parent,
    )
    box.setObjectName("printMessage")
    box.exec()


def problem(store: Store, job: PrintJob) -> str | None:
    """Why ``job`` cannot print, fit to show; None when it can."""
    if store.count_events(job.effective_filter()) == 0:
        return job.nothing_to_print()
    return None


def configured_printer(job: PrintJob) -> QPrinter:
    """A high-resolution printer with the job's paper, orientation and margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job.display_title())
    printer.setPageLayout(page_layout(job))
    return printer


def print_preview(parent: QWidget | None, store: Store, job: PrintJob) -> bool:
    """Show the print preview (from which the user may print); False when refused."""
    message = problem(store, job)
    if message:
        notify(parent, message)
        return False
    printer = configured_printer(job)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreviewDialog")
    dialog.setWindowTitle(
        QCoreApplication.translate("Printing", "Print Preview — {title}").format(
            title=job.display_title()
        )
    )
    errors: list[str] = []

    def paint(device: QPrinter) -> None:
        try:
            render(device, store, job)
        except PrintError as error:
            errors.append(str(error))

    dialog.paintRequested.connect(paint)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    if errors:
        notify(parent, errors[0])
        return False
    return True


def print_document(parent: QWidget | None, store: Store, job: PrintJob) -> bool:
    """Ask for a printer (QPrintDialog), then print; True when printed."""
    message = problem(store, job)
    if message:
        notify(parent, message)
        return False
    printer = configured_printer(job)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    try:
        render(printer, store, job)
    except PrintError as error:
        notify(parent, str(error))
        return False
    return True


def ask_pdf_path(parent: QWidget | None, job: PrintJob) -> Path | None:
    suggested = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in job.display_title())
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Printing", "Export PDF"),
        f"{suggested.strip() or 'timeline'}.pdf",
        QCoreApplication.translate("Printing", "PDF files (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def export_pdf(
    parent: QWidget | None, store: Store, job: PrintJob, path: str | Path | None = None
) -> Path | None:
    """Write the job as a PDF at ``path`` (asked for when None); the file written, or None."""
    message = problem(store, job)
    if message:
        notify(parent, message)
        return None
    target = Path(path) if path is not None else ask_pdf_path(parent, job)
    if target is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_pdf(store, job, target)
    except PrintError as error:
        QGuiApplication.restoreOverrideCursor()
        notify(parent, str(error))
        return None
    QGuiApplication.restoreOverrideCursor()
    return target


def page_setup(parent: QWidget | None, job: PrintJob) -> PrintJob | None:
    """Page Setup (QPageSetupDialog): the job with the chosen paper, orientation and margins.

    None when cancelled, or when the paper chosen is one the app does not print on (the user
    is told which ones it does). Qt's page set-up works only with a system printer: without one
    (no print system installed), the print options dialog, which has paper and orientation,
    stands in for it.
    """
    printer = configured_printer(job)
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return edit_options(parent, job)
    dialog = QPageSetupDialog(printer, parent)
    dialog.setObjectName("pageSetupDialog")
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    finally:
        dialog.deleteLater()
    try:
        return job_from_layout(job, printer.pageLayout())
    except PrintJobError as error:
        notify(parent, error.message)
        return None
