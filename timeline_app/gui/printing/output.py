"""One way to put a print job on paper, for the printer, the preview and PDF files alike.

:func:`render` paints a job onto any ``QPagedPaintDevice`` (a ``QPrinter`` for printing and the
preview, a ``QPdfWriter`` for PDF files): it lays the whole document out first, so every footer
can say "page i of n", then paints the pages. :func:`write_pdf` writes a PDF file safely: into a
temporary file beside the target, renamed over it only when complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from timeline_app import APP_NAME
from timeline_app.core.dates import UncertainDate
from timeline_app.core.printing import Margins, Orientation, Paper, PrintJob, PrintJobError
from timeline_app.core.store import Store
from timeline_app.core.store.queries import SortField
from timeline_app.gui.printing.document import (
    NothingToPrint,
    OutputError,
    PagedDocument,
    PageGeometry,
    PrintContext,
    PrintError,
    tr,
)
from timeline_app.gui.printing.frame import PageFrame, frame_text
from timeline_app.gui.printing.layouts import builder_for

PAGE_SIZES = {
    Paper.A4: QPageSize.PageSizeId.A4,
    Paper.LETTER: QPageSize.PageSizeId.Letter,
    Paper.A3: QPageSize.PageSizeId.A3,
    Paper.LEGAL: QPageSize.PageSizeId.Legal,
}


def page_layout(job: PrintJob) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Landscape
        if job.orientation is Orientation.LANDSCAPE
        else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        QPageSize(PAGE_SIZES[job.paper]),
        orientation,
        QMarginsF(*job.margins.as_tuple()),
        QPageLayout.Unit.Millimeter,
    )


def apply_job(device: QPagedPaintDevice, job: PrintJob) -> None:
    """Give ``device`` the job's paper, orientation and margins."""
    device.setPageLayout(page_layout(job))


def job_from_layout(job: PrintJob, layout: QPageLayout) -> PrintJob:
    """``job`` with the paper, orientation and margins of ``layout`` (from a page set-up).

    A paper size the app does not print on raises :class:`PrintJobError`.
    """
    size_id = layout.pageSize().id()
    paper = next((p for p, known in PAGE_SIZES.items() if known == size_id), None)
    if paper is None:
        raise PrintJobError(
            "paper",
            tr("{name} paper is not supported; choose one of {known}").format(
                name=layout.pageSize().name(), known=", ".join(p.value for p in Paper)
            ),
        )
    orientation = (
        Orientation.LANDSCAPE
        if layout.orientation() == QPageLayout.Orientation.Landscape
        else Orientation.PORTRAIT
    )
    margins = layout.margins(QPageLayout.Unit.Millimeter)
    return replace(
        job,
        paper=paper,
        orientation=orientation,
        margins=Margins(
            round(margins.left(), 1),
            round(margins.top(), 1),
            round(margins.right(), 1),
            round(margins.bottom(), 1),
        ),
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A job laid out for one device: the frame and the document, ready to paint."""

    frame: PageFrame
    document: PagedDocument

    @property
    def page_count(self) -> int:
        return self.document.page_count


def event_span(store: Store, job: PrintJob) -> tuple[UncertainDate, UncertainDate]:
    """The start of the job's first event and the end of the one that ends last (for the
    header), read without loading the events; NothingToPrint when there is none."""
    flt = job.effective_filter()
    first = store.event_ids(flt, SortField.START)[:1]
    last = store.event_ids(flt, SortField.END, descending=True)[:1]
    if not first or not last:
        raise NothingToPrint(job.nothing_to_print())
    rows = {row.id: row for row in store.rows([first[0], last[0]])}
    ending = rows[last[0]]
    return rows[first[0]].start, ending.end or ending.start


def prepare(device: QPagedPaintDevice, store: Store, job: PrintJob) -> Prepared:
    """Lay ``job`` out for ``device``'s current page layout (the job's, or a dialog's)."""
    build = builder_for(job.layout)
    first, last = event_span(store, job)
    resolution = device.logicalDpiY()
    paint = device.pageLayout().paintRectPixels(resolution)
    page = QRectF(0.0, 0.0, float(paint.width()), float(paint.height()))
    frame = PageFrame(device, page, frame_text(job, job.range_description(first, last)))
    geometry = PageGeometry(device, frame.body, resolution)
    return Prepared(frame, build(PrintContext(store, job, geometry)))


def paint(device: QPagedPaintDevice, prepared: Prepared) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise OutputError(tr("Printing could not start: the printer or the file refused it."))
    try:
        count = prepared.page_count
        for index in range(count):
            if index:
                device.newPage()
            prepared.frame.paint(painter, index, count)
            painter.save()
            prepared.document.paint_page(painter, index)
            painter.restore()
    finally:
        painter.end()


def render(device: QPagedPaintDevice, store: Store, job: PrintJob) -> int:
    """Paint ``job`` onto ``device``; the number of pages. Raises :class:`PrintError`."""
    prepared = prepare(device, store, job)
    paint(device, prepared)
    return prepared.page_count


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_pdf(store: Store, job: PrintJob, path: str | Path) -> int:
    """Write ``job`` as a PDF file at ``path``; the number of pages.

    Written to a temporary file in the same folder, renamed over ``path`` when complete: a
    failure leaves no partial file behind and an existing file untouched.
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise OutputError(tr("{path} is a folder, not a file name").format(path=target))
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            tr("cannot write {path}: {folder} is not a folder").format(path=target, folder=folder)
        )
    if not folder.is_dir():
        raise OutputError(
            tr("cannot write {path}: the folder {folder} does not exist").format(
                path=target, folder=folder
            )
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(
            tr("cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from error
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
        writer.setTitle(job.display_title())
        writer.setCreator(APP_NAME)
        apply_job(writer, job)
        pages = render(writer, store, job)
        del writer
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(
                tr("cannot write {path}: {reason}").format(
                    path=target, reason=error.strerror or error
                )
            ) from error
        raise
    return pages


__all__ = [
    "PAGE_SIZES",
    "NothingToPrint",
    "OutputError",
    "PrintError",
    "apply_job",
    "job_from_layout",
    "page_layout",
    "prepare",
    "render",
    "write_pdf",
]
