"""The legend of the timeline's marks: status patterns, uncertain dates, single days, today.

Printing puts it on every page; the screen can show it in a help panel. It uses the same drawing
routines as the timeline, so the legend always matches what is drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.timeline.item_painter import draw_shape, draw_soft_ends
from timeline_app.gui.timeline.palette import TimelinePalette
from timeline_app.gui.timeline.text_metrics import QtTextMetrics, logical_font

SAMPLE_WIDTH = 34.0
SAMPLE_HEIGHT = 12.0
GAP = 6.0
ENTRY_GAP = 18.0


def legend_entries() -> list[tuple[str, str]]:
    """(what, label) of each legend entry, in drawing order."""
    entries = [(f"status:{status.value}", status.label) for status in Status]
    entries += [
        ("single-day", QCoreApplication.translate("TimelineLegend", "Single day")),
        ("uncertain", QCoreApplication.translate("TimelineLegend", "Uncertain date")),
        ("today", QCoreApplication.translate("TimelineLegend", "Today")),
    ]
    return entries


def _layout(
    metrics: QtTextMetrics, width: float
) -> tuple[list[tuple[str, str, float, float]], float]:
    """Entries placed left to right, wrapping at ``width``: (what, label, x, y), height."""
    line_height = max(metrics.height, SAMPLE_HEIGHT) + 6
    x = y = 0.0
    placed: list[tuple[str, str, float, float]] = []
    for what, label in legend_entries():
        entry_width = SAMPLE_WIDTH + GAP + metrics.width(label)
        if x > 0 and x + entry_width > width:
            x = 0.0
            y += line_height
        placed.append((what, label, x, y))
        x += entry_width + ENTRY_GAP
    return placed, y + line_height


def legend_height(font: QFont, width: float) -> float:
    """How tall the legend is when drawn ``width`` wide (in the timeline's units)."""
    return _layout(QtTextMetrics(logical_font(font)), width)[1]


def draw_legend(
    painter: QPainter,
    rect: QRectF,
    palette: TimelinePalette | None = None,
    font: QFont | None = None,
) -> QRectF:
    """Draw the legend in ``rect`` (wrapping to its width); returns the area it took."""
    palette = palette or TimelinePalette.light()
    font = logical_font(font or painter.font())
    metrics = QtTextMetrics(font)
    placed, height = _layout(metrics, rect.width())

    def shape(area: QRectF, status: Status, *, point: bool = False) -> None:
        draw_shape(
            painter,
            area,
            point=point,
            status=status,
            kind=Kind.OFFICIAL_VISIT,
            palette=palette,
            background=palette.background,
        )

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    line_height = max(metrics.height, SAMPLE_HEIGHT) + 6
    for what, label, x, y in placed:
        left = rect.left() + x
        mid = rect.top() + y + line_height / 2
        sample = QRectF(left, mid - SAMPLE_HEIGHT / 2, SAMPLE_WIDTH, SAMPLE_HEIGHT)
        if what.startswith("status:"):
            status = Status(what.split(":", 1)[1])
            shape(sample, status)
        elif what == "single-day":
            marker = QRectF(sample.center().x() - 6, mid - 6, 12, 12)
            shape(marker, Status.COMPLETED, point=True)
        elif what == "uncertain":
            shape(sample, Status.COMPLETED)
            draw_soft_ends(painter, sample, sample.left() + 12, sample.right() - 12, palette)
        else:
            painter.setPen(QPen(palette.today, 1.5, Qt.PenStyle.DashLine))
            x_mid = sample.center().x()
            painter.drawLine(QLineF(x_mid, sample.top() - 3, x_mid, sample.bottom() + 3))
        painter.setPen(QColor(palette.text))
        baseline = mid - metrics.height / 2 + metrics.ascent
        painter.drawText(QPointF(left + SAMPLE_WIDTH + GAP, baseline), label)
    painter.restore()
    return QRectF(rect.left(), rect.top(), rect.width(), height)
