"""The time axis: two rows of labels (the context above, the ticks below) and the grid lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF

from timeline_app.core.timeline.ticks import Axis, AxisChoice, Tick, Unit
from timeline_app.core.timeline.viewport import TimeWindow
from timeline_app.gui.timeline.palette import TimelinePalette
from timeline_app.gui.timeline.text_metrics import QtTextMetrics

LABEL_INSET = 5.0
MARKER_ROOM = 5.0  # px below the tick labels for the current event's mark


def draw_grid(
    painter: QPainter,
    window: TimeWindow,
    *,
    minor: Sequence[Tick],
    major: Sequence[Tick],
    width: float,
    height: float,
    palette: TimelinePalette,
) -> None:
    """Vertical lines at every tick across the content, stronger at the major ones."""
    majors = {tick.day for tick in major}
    painter.setPen(QPen(palette.grid, 1.0))
    lines = [
        QLineF(x, 0, x, height)
        for tick in minor
        if tick.day not in majors and 0 <= (x := round(window.x_of(tick.day)) + 0.5) <= width
    ]
    painter.drawLines(lines)
    painter.setPen(QPen(palette.grid_major, 1.0))
    painter.drawLines(
        [
            QLineF(x, 0, x, height)
            for tick in major
            if 0 <= (x := round(window.x_of(tick.day)) + 0.5) <= width
        ]
    )


def draw_axis(
    painter: QPainter,
    rect: QRectF,
    window: TimeWindow,
    *,
    axis: Axis,
    choice: AxisChoice,
    minor: Sequence[Tick],
    major: Sequence[Tick],
    metrics: QtTextMetrics,
    palette: TimelinePalette,
    today: date | None,
    today_label: str,
    marker_x: float | None = None,
) -> None:
    """The axis in ``rect`` (its x origin is the content's left edge)."""
    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, palette.axis_background)
    painter.translate(rect.left(), rect.top())
    width, height = rect.width(), rect.height()
    half = (height - MARKER_ROOM) / 2
    taken: list[tuple[float, float]] = []
    painter.setPen(palette.text)
    ascent = metrics.ascent
    text_y = (half - metrics.height) / 2 + ascent

    # the context row: major labels, the first one kept in view while its cell is
    for at, tick in enumerate(major):
        x = window.x_of(tick.day)
        end = window.x_of(major[at + 1].day) if at + 1 < len(major) else width + 1e6
        if end <= 0 or x >= width:
            continue
        start = max(x, 0.0) + LABEL_INSET
        room = min(end, width) - LABEL_INSET - start
        scale_major = choice.scale.major
        forms = axis.major_label_forms(scale_major, tick.day) if scale_major else (tick.label,)
        text = next((form for form in forms if metrics.width(form) <= room), None)
        if text is None:
            continue
        painter.drawText(QPointF(start, text_y), text)
        taken.append((start, start + metrics.width(text)))
    painter.setPen(QPen(palette.grid_major, 1.0))
    for tick in major:
        x = round(window.x_of(tick.day)) + 0.5
        if 0 <= x <= width:
            painter.drawLine(QLineF(x, 0, x, height))

    # the tick row: labels centred in their cells, in the visible part of the cell
    painter.setPen(QPen(palette.grid, 1.0))
    minor_lines = [
        QLineF(x, half + 4, x, height)
        for tick in minor
        if 0 <= (x := round(window.x_of(tick.day)) + 0.5) <= width
    ]
    painter.drawLines(minor_lines)
    painter.setPen(palette.text)
    label_y = half + (half - metrics.height) / 2 + ascent
    at_tick = choice.scale.unit is Unit.WEEK  # a week is named by its first day: label at it
    for at, tick in enumerate(minor[:-1]):
        x0 = max(window.x_of(tick.day), 0.0)
        x1 = min(window.x_of(minor[at + 1].day), width)
        label_width = metrics.width(tick.label)
        if x1 - x0 < label_width + 4:
            continue
        x = x0 + 3 if at_tick else (x0 + x1 - label_width) / 2
        painter.drawText(QPointF(x, label_y), tick.label)

    # today, in the context row where it does not cover a label
    if today is not None:
        x = window.x_of(today.toordinal() + 0.5)
        if 0 <= x <= width:
            painter.setPen(QPen(palette.today, 2.0))
            painter.drawLine(QLineF(x, half, x, height))
            label_width = metrics.width(today_label)
            start = x - label_width / 2
            if (
                start >= 0
                and start + label_width <= width
                and all(start + label_width + 4 < a or start - 4 > b for a, b in taken)
            ):
                painter.drawText(QPointF(start, text_y), today_label)

    # the current event's place on the axis
    if marker_x is not None and 0 <= marker_x <= width:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.selection)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(marker_x - 5, height - MARKER_ROOM),
                    QPointF(marker_x + 5, height - MARKER_ROOM),
                    QPointF(marker_x, height),
                ]
            )
        )
    painter.restore()
    painter.setPen(QPen(palette.separator, 1.0))
    painter.drawLine(QLineF(rect.left(), rect.bottom() - 0.5, rect.right(), rect.bottom() - 0.5))
