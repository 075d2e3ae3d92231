"""Drawing one event, a cluster or a density band.

Status is drawn as a pattern as well as a colour, so it reads in greyscale and for colour-blind
readers:

=========== =================================================================
completed   solid fill
confirmed   light fill with a solid outline
ongoing     solid fill with an open, arrow-shaped end (still going on)
planned     hatched fill with a dashed outline
postponed   grey, dotted fill and dotted outline
cancelled   grey, crossed out (a strike line through bars, a cross on markers)
=========== =================================================================

Uncertain dates (month or year precision, about/before/after) fade out towards their earliest
and latest possible days.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPen, QPolygonF

from timeline_app.core.timeline.frame import BAR_HEIGHT, Band, Cluster, Item
from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.vocabulary import Status
from timeline_app.gui.timeline.palette import TimelinePalette, mix

FADE_STRENGTH = 0.85  # how much of the background covers the very edge of an uncertain end


def item_shape(item: Item) -> QRectF:
    top = item.mid_y - BAR_HEIGHT / 2
    return QRectF(item.x0, top, item.x1 - item.x0, BAR_HEIGHT)


def diamond(rect: QRectF) -> QPolygonF:
    centre = rect.center()
    half = min(rect.width(), rect.height()) / 2
    return QPolygonF(
        [
            QPointF(centre.x(), centre.y() - half),
            QPointF(centre.x() + half, centre.y()),
            QPointF(centre.x(), centre.y() + half),
            QPointF(centre.x() - half, centre.y()),
        ]
    )


def status_fill(status: Status, colour: QColor, palette: TimelinePalette) -> tuple[QBrush, QPen]:
    """The brush and the outline pen of a status, in a kind's colour."""
    if status is Status.CONFIRMED:
        return QBrush(mix(colour, palette.background, 0.55)), QPen(colour, 2.0)
    if status is Status.PLANNED:
        brush = QBrush(colour, Qt.BrushStyle.BDiagPattern)
        pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
        return brush, pen
    if status is Status.POSTPONED:
        grey = palette.muted_fill
        return QBrush(grey, Qt.BrushStyle.Dense5Pattern), QPen(grey, 1.5, Qt.PenStyle.DotLine)
    if status is Status.CANCELLED:
        grey = palette.muted_fill
        return QBrush(mix(grey, palette.background, 0.35)), QPen(grey, 1.0)
    return QBrush(colour), QPen(mix(colour, palette.text, 0.25), 1.0)


def is_solid(status: Status) -> bool:
    return status in (Status.COMPLETED, Status.ONGOING)


def draw_shape(
    painter: QPainter,
    rect: QRectF,
    *,
    point: bool,
    status: Status,
    colour: QColor,
    palette: TimelinePalette,
    background: QColor,
) -> None:
    """A bar (or marker, when ``point``) in ``rect`` styled for ``status``."""
    brush, pen = status_fill(status, colour, palette)
    if status is Status.PLANNED:  # the hatching shows through to a faint tint
        tint = QColor(colour)
        tint.setAlphaF(0.18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        _outline(painter, rect, point)
    painter.setBrush(brush)
    painter.setPen(pen)
    _outline(painter, rect, point)
    if status is Status.ONGOING:
        _open_end(painter, rect, point, background)
    elif status is Status.CANCELLED:
        _cross_out(painter, rect, point, palette)


def _outline(painter: QPainter, rect: QRectF, point: bool) -> None:
    if point:
        painter.drawPolygon(diamond(rect))
    else:
        painter.drawRoundedRect(rect, 2.0, 2.0)


def _open_end(painter: QPainter, rect: QRectF, point: bool, background: QColor) -> None:
    """A notch cut into the right end: the event is still going on."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    if point:
        painter.drawEllipse(rect.center(), rect.width() / 6, rect.width() / 6)
        return
    depth = min(rect.height() / 2, rect.width() / 3)
    right, mid = rect.right() + 0.5, rect.center().y()
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(right, rect.top() - 0.5),
                QPointF(right - depth, mid),
                QPointF(right, rect.bottom() + 0.5),
            ]
        )
    )


def _cross_out(painter: QPainter, rect: QRectF, point: bool, palette: TimelinePalette) -> None:
    painter.setPen(QPen(palette.text, 1.5))
    if point:
        inset = rect.adjusted(2, 2, -2, -2)
        painter.drawLine(inset.topLeft(), inset.bottomRight())
        painter.drawLine(inset.bottomLeft(), inset.topRight())
        return
    mid = rect.center().y()
    painter.drawLine(QPointF(rect.left(), mid), QPointF(rect.right(), mid))


def draw_soft_ends(
    painter: QPainter, rect: QRectF, fade_in: float, fade_out: float, background: QColor
) -> None:
    """Fade a bar into ``background`` from its left edge to ``fade_in`` and from ``fade_out``
    to its right edge (x coordinates; no fade when they equal the edges)."""
    painter.setPen(Qt.PenStyle.NoPen)
    cover = QColor(background)
    clear = QColor(background)
    clear.setAlphaF(0.0)
    cover.setAlphaF(FADE_STRENGTH)
    area = rect.adjusted(-1, -1, 1, 1)
    if fade_in > rect.left() + 0.5:
        gradient = QLinearGradient(rect.left(), 0, fade_in, 0)
        gradient.setColorAt(0, cover)
        gradient.setColorAt(1, clear)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(QRectF(area.left(), area.top(), fade_in - area.left(), area.height()))
    if fade_out < rect.right() - 0.5:
        gradient = QLinearGradient(fade_out, 0, rect.right(), 0)
        gradient.setColorAt(0, clear)
        gradient.setColorAt(1, cover)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(QRectF(fade_out, area.top(), area.right() - fade_out, area.height()))


def draw_item(
    painter: QPainter,
    item: Item,
    index: EventIndex,
    *,
    palette: TimelinePalette,
    background: QColor,
    x_of_day: float,
    ppd: float,
) -> None:
    """One event; ``x_of_day`` is the x of day 0 (so day d is at ``x_of_day + d * ppd``)."""
    position = item.position
    rect = item_shape(item)
    status = index.status_of(position)
    kind = index.kind_of(position)
    if item.highlighted:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.search)
        painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 5.0, 5.0)
    draw_shape(
        painter,
        rect,
        point=item.point,
        status=status,
        colour=palette.kind(kind),
        palette=palette,
        background=background,
    )
    if not item.point and (index.soft_start(position) or index.soft_end(position)):
        first, last = index.first[position], index.last[position]
        sure_start = index.start_sure[position] + 0.5
        sure_end = index.end_sure[position] + 0.5
        if sure_start > sure_end:
            sure_start = sure_end = (sure_start + sure_end) / 2
        fade_in = x_of_day + sure_start * ppd if index.soft_start(position) else rect.left()
        fade_out = x_of_day + sure_end * ppd if index.soft_end(position) else rect.right()
        left = x_of_day + first * ppd
        right = x_of_day + (last + 1) * ppd
        if right - left >= 4:
            fade_in = max(fade_in, rect.left())
            fade_out = min(fade_out, rect.right())
            draw_soft_ends(painter, rect, fade_in, fade_out, background)


def draw_selection(painter: QPainter, item: Item, palette: TimelinePalette, focused: bool) -> None:
    """The selection ring, and for the current event with keyboard focus, a focus frame."""
    rect = item_shape(item)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(palette.selection, 2.5))
    painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 4.0, 4.0)
    if item.current and focused:
        pen = QPen(palette.focus, 1.0, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(-6, -6, 6, 6))


def draw_continuation(
    painter: QPainter, item: Item, width: float, palette: TimelinePalette
) -> None:
    """Small arrows where a bar runs on beyond the left or right edge."""
    if item.point:
        return
    mid = item.mid_y
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.text)
    if item.x0 < 0:
        painter.drawPolygon(QPolygonF([QPointF(1, mid), QPointF(7, mid - 5), QPointF(7, mid + 5)]))
    if item.x1 > width:
        painter.drawPolygon(
            QPolygonF(
                [QPointF(width - 1, mid), QPointF(width - 7, mid - 5), QPointF(width - 7, mid + 5)]
            )
        )


def draw_cluster(
    painter: QPainter, cluster: Cluster, palette: TimelinePalette, text_width: float
) -> QRectF:
    """A rounded mark standing for several events; returns where its count may be written."""
    mid = cluster.y + ROW_HEIGHT / 2
    width = max(cluster.x1 - cluster.x0, text_width + 8)
    left = (cluster.x0 + cluster.x1 - width) / 2
    rect = QRectF(left, mid - BAR_HEIGHT / 2, width, BAR_HEIGHT)
    fill = mix(palette.band, palette.background, 0.55)
    painter.setPen(QPen(palette.band, 1.0))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
    return rect if rect.width() >= text_width + 8 else QRectF()


def draw_band(
    painter: QPainter, band: Band, peak: int, palette: TimelinePalette, width: float
) -> None:
    """A density band: an area whose height grows with the number of events in each stretch."""
    if peak <= 0:
        return
    bottom = band.y + band.height - 2
    usable = band.height - 4
    scale = 1.0 / math.sqrt(peak)
    points = [QPointF(max(band.x0, -2.0), bottom)]
    x = band.x0
    for count in band.counts:
        height = usable * math.sqrt(count) * scale if count else 0.0
        if count and height < 2.0:
            height = 2.0
        points.append(QPointF(x, bottom - height))
        points.append(QPointF(x + band.bucket, bottom - height))
        x += band.bucket
    points.append(QPointF(min(x, width + 2.0), bottom))
    fill = QColor(palette.band)
    fill.setAlphaF(0.45)
    painter.setPen(QPen(palette.band, 1.0))
    painter.setBrush(fill)
    painter.drawPolygon(QPolygonF(points))
