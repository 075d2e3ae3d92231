"""One render path: PDF files written safely, printers, page set-up, and pluggable layouts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from tests.helpers.pdf import page_texts, squeezed
from timeline_app.core.printing import (
    Margins,
    Orientation,
    Paper,
    PrintJob,
    PrintJobError,
    PrintLayout,
)
from timeline_app.core.store import Store
from timeline_app.gui.printing import layouts
from timeline_app.gui.printing.document import (
    LayoutUnavailable,
    NothingToPrint,
    OutputError,
    PrintContext,
)
from timeline_app.gui.printing.output import job_from_layout, page_layout, render, write_pdf


def test_nothing_to_print_writes_nothing(store: Store, tmp_path: Path, qapp: object) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NothingToPrint, match="the timeline has no events"):
        write_pdf(store, PrintJob(), folder / "empty.pdf")
    assert list(folder.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file_and_the_old_file_as_it_was(
    seeded: Store, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"the previous report")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=r"cannot write .*report\.pdf: Permission denied"):
        write_pdf(seeded, PrintJob(), target)
    assert list(folder.iterdir()) == [target]
    assert target.read_bytes() == b"the previous report"


def test_a_folder_that_cannot_be_written_is_reported(
    seeded: Store, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        write_pdf(seeded, PrintJob(), tmp_path / "x.pdf")
    with pytest.raises(OutputError, match="does not exist"):
        write_pdf(seeded, PrintJob(), tmp_path / "missing" / "x.pdf")
    with pytest.raises(OutputError, match="is a folder"):
        write_pdf(seeded, PrintJob(), tmp_path)


def test_a_written_pdf_replaces_the_old_one_and_is_readable_by_others(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"old")
    pages = write_pdf(seeded, PrintJob(), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert len(page_texts(target)) == pages
    assert target.stat().st_mode & 0o044  # not left private like a temporary file
    assert list(folder.iterdir()) == [target]


def test_a_printer_gets_the_same_pages_as_a_pdf(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    job = PrintJob(orientation=Orientation.PORTRAIT)
    direct = tmp_path / "direct.pdf"
    pages = write_pdf(seeded, job, direct)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout(job))
    assert render(printer, seeded, job) == pages
    assert page_texts(tmp_path / "printed.pdf") == page_texts(direct)


def test_page_setup_values_come_back_into_the_job() -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.Letter),
        QPageLayout.Orientation.Portrait,
        QMarginsF(10, 11, 12, 13),
        QPageLayout.Unit.Millimeter,
    )
    job = job_from_layout(PrintJob(), layout)
    assert (job.paper, job.orientation, job.margins) == (
        Paper.LETTER,
        Orientation.PORTRAIT,
        Margins(10, 11, 12, 13),
    )
    assert job_from_layout(job, page_layout(job)) == job


def test_a_paper_size_the_app_does_not_print_on_is_refused() -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.B5),
        QPageLayout.Orientation.Portrait,
        QMarginsF(10, 10, 10, 10),
    )
    with pytest.raises(PrintJobError, match="B5 paper is not supported; choose one of A4"):
        job_from_layout(PrintJob(), layout)


def test_every_layout_can_be_printed(seeded: Store, tmp_path: Path, qapp: object) -> None:
    assert set(layouts.LAYOUTS) == set(PrintLayout)
    for layout in PrintLayout:
        path = tmp_path / f"{layout.value}.pdf"
        assert write_pdf(seeded, PrintJob(layout=layout), path) >= 1
        assert page_texts(path)[0].startswith(layout.label)


def test_a_layout_missing_from_the_table_is_refused(
    seeded: Store, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(layouts.LAYOUTS, PrintLayout.TIMELINE)
    with pytest.raises(LayoutUnavailable, match="cannot print the timeline layout"):
        write_pdf(seeded, PrintJob(layout=PrintLayout.TIMELINE), tmp_path / "t.pdf")
    assert not (tmp_path / "t.pdf").exists()


@dataclass
class Lanes:
    """A stand-in layout: one page per event, to show how a layout plugs in."""

    context: PrintContext

    @property
    def page_count(self) -> int:
        return len(self.context.events)

    def paint_page(self, painter: QPainter, index: int) -> None:
        body = self.context.geometry.body
        painter.drawText(body.topLeft(), f"lane {index}")


def test_a_new_layout_plugs_in_and_gets_the_frame(
    seeded: Store, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(layouts.LAYOUTS, PrintLayout.TIMELINE, Lanes)
    path = tmp_path / "lanes.pdf"
    pages = write_pdf(seeded, PrintJob(layout=PrintLayout.TIMELINE), path)
    texts = page_texts(path)
    assert pages == len(texts) == 13
    assert all(text.startswith("Timeline") for text in texts)
    assert "Page13of13lane12" in squeezed(texts[-1])
