"""The frame around every printed page: the header and the footer, the same for every layout.

Header: the title (left) and the date range (right), then the active filter, and a rule.
Footer: a rule, the printing date (left) and "Page i of n" (right).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPaintDevice, QPainter, QPen

from timeline_app.core.dates import UncertainDate
from timeline_app.core.printing import PrintJob
from timeline_app.gui.printing.text import DARK_GREY, INK, MID_GREY, font, paragraphs, plain, wrap

TITLE_PT = 13.0
RANGE_PT = 11.0
FILTER_PT = 9.0
FOOTER_PT = 8.5
MAX_FILTER_LINES = 2


def page_label(index: int, count: int) -> str:
    return QCoreApplication.translate("Printing", "Page {page} of {count}").format(
        page=index + 1, count=count
    )


@dataclass(frozen=True, slots=True)
class FrameText:
    title: str
    range_text: str
    filter_text: str
    printed: str


def frame_text(job: PrintJob, range_text: str) -> FrameText:
    printed = UncertainDate.from_date(job.printing_date()).format(job.lang)
    description = " ".join(paragraphs(job.filter_description()))
    if description:
        description = QCoreApplication.translate("Printing", "Filter: {filter}").format(
            filter=description
        )
    else:
        description = QCoreApplication.translate("Printing", "All events (no filter)")
    return FrameText(
        title=" ".join(plain(job.display_title()).split()),
        range_text=range_text,
        filter_text=description,
        printed=QCoreApplication.translate("Printing", "Printed on {date}").format(date=printed),
    )


class PageFrame:
    """Header and footer geometry for one device; :attr:`body` is what is left for a layout."""

    def __init__(self, device: QPaintDevice, page: QRectF, text: FrameText) -> None:
        self.device = device
        self.page = page
        self.text = text
        resolution = device.logicalDpiY()
        self._pt = resolution / 72.0
        self.title_font = font(TITLE_PT, bold=True)
        self.range_font = font(RANGE_PT, bold=True)
        self.filter_font = font(FILTER_PT)
        self.footer_font = font(FOOTER_PT)
        title_metrics = QFontMetricsF(self.title_font, device)
        self._range_width = QFontMetricsF(self.range_font, device).horizontalAdvance(
            text.range_text
        )
        self._title_height = title_metrics.height()
        self._title_ascent = title_metrics.ascent()
        self._filter = wrap(text.filter_text, self.filter_font, device, page.width())
        filter_lines = min(self._filter.lineCount(), MAX_FILTER_LINES)
        self._filter_height = sum(self._filter.lineAt(i).height() for i in range(filter_lines))
        self._filter_lines = filter_lines
        footer_metrics = QFontMetricsF(self.footer_font, device)
        self._footer_height = footer_metrics.height()
        self._footer_ascent = footer_metrics.ascent()
        gap = 4 * self._pt
        self.header_height = self._title_height + 2 * self._pt + self._filter_height + gap
        self.footer_height = self._footer_height + gap
        space = 10 * self._pt
        self.body = QRectF(
            page.left(),
            page.top() + self.header_height + space,
            page.width(),
            page.height() - self.header_height - self.footer_height - 2 * space,
        )

    def paint(self, painter: QPainter, index: int, count: int) -> None:
        painter.save()
        page = self.page
        rule = QPen(MID_GREY)
        rule.setWidthF(0.6 * self._pt)
        # Header: the title (elided if it would run into the range), the range, the filter.
        baseline = page.top() + self._title_ascent
        range_room = self._range_width + 12 * self._pt if self.text.range_text else 0.0
        title = QFontMetricsF(self.title_font, self.device).elidedText(
            self.text.title, Qt.TextElideMode.ElideRight, page.width() - range_room
        )
        painter.setPen(INK)
        painter.setFont(self.title_font)
        painter.drawText(QPointF(page.left(), baseline), title)
        if self.text.range_text:
            painter.setFont(self.range_font)
            painter.drawText(
                QPointF(page.right() - self._range_width, baseline), self.text.range_text
            )
        top = page.top() + self._title_height + 2 * self._pt
        painter.setPen(DARK_GREY)
        for i in range(self._filter_lines):
            line = self._filter.lineAt(i)
            if i == self._filter_lines - 1 and self._filter.lineCount() > self._filter_lines:
                self._draw_elided_last_line(painter, i, QPointF(page.left(), top + line.y()))
            else:
                line.draw(painter, QPointF(page.left(), top - line.y()))
        painter.setPen(rule)
        y = page.top() + self.header_height
        painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y))
        # Footer: a rule, the printing date, the page number.
        y = page.bottom() - self.footer_height
        painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y))
        baseline = page.bottom() - self._footer_height + self._footer_ascent
        painter.setPen(DARK_GREY)
        painter.setFont(self.footer_font)
        painter.drawText(QPointF(page.left(), baseline), self.text.printed)
        label = page_label(index, count)
        width = QFontMetricsF(self.footer_font, self.device).horizontalAdvance(label)
        painter.setPen(INK)
        painter.drawText(QPointF(page.right() - width, baseline), label)
        painter.restore()

    def _draw_elided_last_line(self, painter: QPainter, index: int, at: QPointF) -> None:
        """The filter's last shown line, cut with an ellipsis: the rest did not fit."""
        line = self._filter.lineAt(index)
        rest = self._filter.text()[line.textStart() :]
        metrics = QFontMetricsF(self.filter_font, self.device)
        shown = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, self.page.width())
        painter.setPen(DARK_GREY)
        painter.setFont(self.filter_font)
        painter.drawText(QPointF(at.x(), at.y() + metrics.ascent()), shown)
