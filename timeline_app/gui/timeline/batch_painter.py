"""Drawing many events at once: grouped by style, so that Qt gets few, large calls.

A frame may show hundreds of events; one Python call per pen, brush and rectangle of each would
cost more than the frame budget. Bars of one kind and status go out in one ``drawRects``,
faded ends of one lane colour in another, markers as ready-made sprites (or as polygons when
painting for print, where bitmaps would blur).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF

from timeline_app.core.timeline.frame import BAR_HEIGHT, MARKER_SIZE, Item
from timeline_app.core.timeline.index import STATUSES, EventIndex
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.vocabulary import Status
from timeline_app.gui.timeline.item_painter import (
    AA,
    ItemPainter,
    continuation_arrows,
    fade_between,
    fades_as_steps,
    stepped_fade,
)

SPRITE_MARGIN = 2  # room for the outline around a marker
EDGE_WIDTH = 1.5  # px, a textured outline
EDGE = 4.0  # px drawn beyond the edges of the content, so that no outline shows there
_ONGOING = STATUSES.index(Status.ONGOING)
_CANCELLED = STATUSES.index(Status.CANCELLED)
_HALF_ROW = ROW_HEIGHT / 2


class BatchPainter:
    """Draws the unselected events of a frame; the selected ones go through ItemPainter."""

    def __init__(self, marker: ItemPainter) -> None:
        self.marker = marker
        self._sprites: dict[tuple[int, int, float], QPixmap] = {}

    def sprite(self, kind: int, status: int, ratio: float) -> QPixmap:
        """A marker drawn once, at the device's pixel ratio, with a transparent surround."""
        key = (kind, status, ratio)
        found = self._sprites.get(key)
        if found is None:
            side = MARKER_SIZE + 2 * SPRITE_MARGIN
            found = QPixmap(round(side * ratio), round(side * ratio))
            found.setDevicePixelRatio(ratio)
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            painter.setRenderHint(AA, True)
            rect = QRectF(SPRITE_MARGIN, SPRITE_MARGIN, MARKER_SIZE, MARKER_SIZE)
            transparent = QColor(0, 0, 0, 0)
            self.marker.shape(
                painter, rect, point=True, kind=kind, status=status, background=transparent
            )
            painter.end()
            self._sprites[key] = found
        return found

    def draw(
        self,
        painter: QPainter,
        items: Sequence[Item],
        index: EventIndex,
        *,
        lane_colour: Callable[[int], QColor],
        x_of_day: float,
        ppd: float,
        width: float,
        sprites: bool = True,
    ) -> None:
        batch = _Batch(index, lane_colour, x_of_day, ppd, width)
        for item in items:
            batch.add(item)
        self._paint_bars(painter, batch, fast=sprites)
        painter.setRenderHint(AA, True)
        for rect, background in batch.notches:
            _notch(painter, rect, background)
        self.marker.continuations(
            painter, [arrow for item in batch.edges for arrow in continuation_arrows(item, width)]
        )
        self._paint_markers(painter, batch, sprites)

    def _paint_bars(self, painter: QPainter, batch: _Batch, *, fast: bool) -> None:
        marker = self.marker
        painter.setRenderHint(AA, False)
        if batch.halos:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(marker.search_brush)
            painter.drawRects(batch.halos)
        for (kind, status), rects in batch.bars.items():
            brush, pen, tint = marker.style(kind, status)
            if tint is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(tint)
                painter.drawRects(rects)
            edge = None
            if fast:
                brush, fast_pen, edge = marker.fast_style(kind, status)
                pen = fast_pen or QPen(Qt.PenStyle.NoPen)
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRects(rects)
            if edge is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(edge)
                painter.drawRects(_edges(rects))
        if batch.strikes:
            painter.setPen(marker.cross_pen)
            painter.drawLines(batch.strikes)
        painter.setPen(Qt.PenStyle.NoPen)
        if fades_as_steps(painter):  # on paper: bands, not gradients (see item_painter)
            for rising, fades in ((True, batch.rising), (False, batch.falling)):
                for background, rects in fades.values():
                    for rect in rects:
                        stepped_fade(
                            painter, rect, rect.left(), rect.right(), background, rising=rising
                        )
            for rect, x0, x1, background, rising in batch.cut_fades:
                stepped_fade(painter, rect, x0, x1, background, rising=rising)
            return
        for background, rects in batch.rising.values():
            painter.setBrush(marker.fades(background)[0])
            painter.drawRects(rects)
        for background, rects in batch.falling.values():
            painter.setBrush(marker.fades(background)[1])
            painter.drawRects(rects)
        for rect, x0, x1, background, rising in batch.cut_fades:
            painter.setBrush(fade_between(background, x0, x1, rising=rising))
            painter.drawRect(rect)

    def _paint_markers(self, painter: QPainter, batch: _Batch, sprites: bool) -> None:
        if sprites:
            device = painter.device()
            ratio = device.devicePixelRatioF() if device is not None else 1.0
            for (kind, status), rects in batch.points.items():
                sprite = self.sprite(kind, status, ratio)
                for rect in rects:
                    corner = QPointF(rect.left() - SPRITE_MARGIN, rect.top() - SPRITE_MARGIN)
                    painter.drawPixmap(corner, sprite)
            return
        clear = QColor(0, 0, 0, 0)
        for (kind, status), rects in batch.points.items():
            for rect in rects:
                self.marker.shape(
                    painter, rect, point=True, kind=kind, status=status, background=clear
                )


class _Batch:
    """The events of a frame sorted into what can be drawn together."""

    def __init__(
        self,
        index: EventIndex,
        lane_colour: Callable[[int], QColor],
        x_of_day: float,
        ppd: float,
        width: float,
    ) -> None:
        self.index = index
        self.lane_colour = lane_colour
        self.x_of_day = x_of_day
        self.ppd = ppd
        self.width = width
        self.bars: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
        self.points: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
        self.halos: list[QRectF] = []
        self.notches: list[tuple[QRectF, QColor]] = []
        self.strikes: list[QLineF] = []
        self.rising: dict[int, tuple[QColor, list[QRectF]]] = {}
        self.falling: dict[int, tuple[QColor, list[QRectF]]] = {}
        self.edges: list[Item] = []
        self.cut_fades: list[tuple[QRectF, float, float, QColor, bool]] = []

    def add(self, item: Item) -> None:
        index = self.index
        position = item.position
        top = item.y + _HALF_ROW - BAR_HEIGHT / 2  # (Item.mid_y, inlined)
        x0, x1 = item.x0, item.x1
        key = (index.kind[position], index.status[position])
        if item.point:
            rect = QRectF(x0, top, x1 - x0, BAR_HEIGHT)
            if item.highlighted:
                self.halos.append(rect.adjusted(-4, -4, 4, 4))
            self.points[key].append(rect)
            return
        width = self.width
        # what lies beyond the edges need not be rasterised
        left = x0 if x0 > -EDGE else -EDGE
        right = x1 if x1 < width + EDGE else width + EDGE
        rect = QRectF(left, top, right - left, BAR_HEIGHT)
        if item.highlighted:
            self.halos.append(rect.adjusted(-4, -4, 4, 4))
        self.bars[key].append(rect)
        status = key[1]
        if status == _ONGOING and right == x1:
            self.notches.append((rect, self.lane_colour(item.lane)))
        elif status == _CANCELLED:
            mid = top + BAR_HEIGHT / 2
            self.strikes.append(QLineF(left, mid, right, mid))
        if x0 < 0 or x1 > width:
            self.edges.append(item)
        sure_start = index.start_sure[position]
        sure_end = index.end_sure[position]
        soft_start = sure_start > index.first[position]
        soft_end = sure_end < index.last[position]
        if (soft_start or soft_end) and x1 - x0 >= 4:
            start = sure_start + 0.5 if soft_start else None
            end = sure_end + 0.5 if soft_end else None
            self._fades(item, top, self.lane_colour(item.lane), start, end)

    def _fades(
        self,
        item: Item,
        top: float,
        background: QColor,
        sure_start: float | None,
        sure_end: float | None,
    ) -> None:
        """The faded ends of an uncertain event: from its earliest possible day to the day its
        start is sure, and from the day its end may come to its latest possible day."""
        x_of_day, ppd = self.x_of_day, self.ppd
        if sure_start is not None and sure_end is not None and sure_start > sure_end:
            sure_start = sure_end = (sure_start + sure_end) / 2
        if sure_start is not None:
            fade_in = min(x_of_day + sure_start * ppd, item.x1)
            if fade_in > item.x0 + 0.5:
                self._fade(item.x0 - 1, fade_in, top, background, rising=True)
        if sure_end is not None:
            fade_out = max(x_of_day + sure_end * ppd, item.x0)
            if fade_out < item.x1 - 0.5:
                self._fade(fade_out, item.x1 + 1, top, background, rising=False)

    def _fade(self, x0: float, x1: float, top: float, background: QColor, *, rising: bool) -> None:
        """One faded end from x0 to x1: batched when it is all in view; cut to the view, with
        its own gradient, when it runs past an edge (a year-long fade at day zoom)."""
        height = BAR_HEIGHT + 2
        left, right = max(x0, -EDGE), min(x1, self.width + EDGE)
        if right <= left:
            return
        if left == x0 and right == x1:
            batch = self.rising if rising else self.falling
            key = background.rgba()
            found = batch.get(key)
            if found is None:
                found = batch[key] = (background, [])
            found[1].append(QRectF(x0, top - 1, x1 - x0, height))
            return
        self.cut_fades.append(
            (QRectF(left, top - 1, right - left, height), x0, x1, background, rising)
        )


def _edges(rects: list[QRectF]) -> list[QRectF]:
    """The four sides of each rectangle as thin strips (for textured outlines)."""
    strips = []
    for rect in rects:
        left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
        strips.append(QRectF(left, top, width, EDGE_WIDTH))
        strips.append(QRectF(left, top + height - EDGE_WIDTH, width, EDGE_WIDTH))
        strips.append(QRectF(left, top, EDGE_WIDTH, height))
        strips.append(QRectF(left + width - EDGE_WIDTH, top, EDGE_WIDTH, height))
    return strips


def _notch(painter: QPainter, rect: QRectF, background: QColor) -> None:
    """The open end of an ongoing event."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
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
