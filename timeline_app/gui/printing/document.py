"""What a print layout is given and what it gives back.

A *layout* (chronology, timeline...) is a function ``build(context) -> PagedDocument``. It gets
the store, the job, the page geometry and, when it asks for them, the events to print (already
filtered and in time order; read on first use, so a layout that reads the store its own way does
not pay for them); it lays everything out first, so it knows its page count, then paints any
page on request. The page frame (header, footer with "page i of n" and the printing date) is painted
around it by :mod:`timeline_app.gui.printing.output`, the same for every layout.

Coordinates are the painter's on the paged device: device units (``geometry.resolution`` dots per
inch), origin at the top left of the printable area inside the margins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPagedPaintDevice, QPainter

from timeline_app.core.printing import PrintJob
from timeline_app.core.records import EventRow
from timeline_app.core.store import Store


def tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


class PrintError(Exception):
    """Printing could not be done; the message is fit to show to the user as is."""


class NothingToPrint(PrintError):
    """The range and the filter leave no event to print."""


class LayoutUnavailable(PrintError):
    """The job asks for a layout that this version cannot draw yet."""


class OutputError(PrintError):
    """The output file cannot be written."""


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """The paged device being painted and the rectangle each layout paints its body in."""

    device: QPagedPaintDevice
    body: QRectF  # inside the header and the footer
    resolution: int  # device units per inch

    def mm(self, millimetres: float) -> float:
        return millimetres * self.resolution / 25.4

    def pt(self, points: float) -> float:
        return points * self.resolution / 72.0


@dataclass(frozen=True)
class PrintContext:
    store: Store
    job: PrintJob
    geometry: PageGeometry

    @cached_property
    def events(self) -> list[EventRow]:
        """What the job prints, in time order; never empty (read when first asked for)."""
        return self.store.list_events(self.job.effective_filter())


class PagedDocument(Protocol):
    """A laid-out document: its number of pages, and a way to paint each one."""

    @property
    def page_count(self) -> int: ...

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (from 0) inside ``geometry.body``; the painter is saved around."""
        ...


LayoutBuilder = Callable[[PrintContext], PagedDocument]
