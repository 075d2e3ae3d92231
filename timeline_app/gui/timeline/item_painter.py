"""Drawing events, clusters and density bands.

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
and latest possible days. On paper (any paged device: a printer, its preview, a PDF file) a fade
is drawn as bands of even transparency (:func:`stepped_fade`): Qt writes a gradient with
transparency to PDF as an opaque fill, which would hide those ends altogether.

A frame may hold a thousand marks, so pens, brushes and gradients are made once per palette and
reused; bars and bands are drawn without antialiasing (they are axis-aligned), markers with it.
"""

from __future__ import annotations

import math
from array import array
from itertools import groupby

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGradient,
    QImage,
    QLinearGradient,
    QPagedPaintDevice,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)

from timeline_app.core.timeline.frame import BAR_HEIGHT, Band, Cluster, Item
from timeline_app.core.timeline.index import KINDS, STATUSES, EventIndex
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.timeline.palette import TimelinePalette, mix

OUTLINE = 1.2  # px; (a 1.0 px outline takes Qt's slower cosmetic-pen path)
FADE_STRENGTH = 0.85  # how much of the background covers the very edge of an uncertain end
HEAT_LOOKUP = 4096  # peaks up to this get a ready table of shades
FADE_STEPS = 8  # bands of a fade on paper
AA = QPainter.RenderHint.Antialiasing


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
        return QBrush(colour, Qt.BrushStyle.BDiagPattern), QPen(colour, 1.5, Qt.PenStyle.DashLine)
    if status is Status.POSTPONED:
        grey = palette.muted_fill
        return QBrush(grey, Qt.BrushStyle.Dense5Pattern), QPen(grey, 1.5, Qt.PenStyle.DotLine)
    if status is Status.CANCELLED:
        grey = palette.muted_fill
        return QBrush(mix(grey, palette.background, 0.35)), QPen(grey, OUTLINE)
    return QBrush(colour), QPen(mix(colour, palette.text, 0.25), OUTLINE)


def edge_texture(colour: QColor, on: int, off: int) -> QBrush:
    """A brush that paints dashes (``on`` px, then ``off`` px clear) when it fills a thin
    horizontal strip: dashed outlines for many bars at the price of one fill."""
    pixmap = QPixmap(on + off, 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, on, 2, colour)
    painter.end()
    return QBrush(pixmap)


def is_solid(status: Status) -> bool:
    return status in (Status.COMPLETED, Status.ONGOING)


def _fade(background: QColor, *, rising: bool) -> QBrush:
    """A gradient over whatever rectangle it fills: from the background to clear, or back."""
    cover = QColor(background)
    cover.setAlphaF(FADE_STRENGTH)
    clear = QColor(background)
    clear.setAlphaF(0.0)
    gradient = QLinearGradient(0, 0, 1, 0)
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    gradient.setColorAt(0, cover if rising else clear)
    gradient.setColorAt(1, clear if rising else cover)
    return QBrush(gradient)


def fade_between(background: QColor, x0: float, x1: float, *, rising: bool) -> QBrush:
    """A fade from ``x0`` to ``x1`` in the painter's coordinates (for one cut-off end)."""
    cover = QColor(background)
    cover.setAlphaF(FADE_STRENGTH)
    clear = QColor(background)
    clear.setAlphaF(0.0)
    gradient = QLinearGradient(x0, 0, x1, 0)
    gradient.setColorAt(0, cover if rising else clear)
    gradient.setColorAt(1, clear if rising else cover)
    return QBrush(gradient)


def continuation_arrows(item: Item, width: float) -> list[QPolygonF]:
    """The arrows that say a bar runs on beyond the left or right edge (none for a marker)."""
    if item.point or (item.x0 >= 0 and item.x1 <= width) or item.x1 <= 0 or item.x0 >= width:
        return []
    mid = item.mid_y
    arrows = []
    if item.x0 < 0:
        arrows.append(QPolygonF([QPointF(1, mid), QPointF(7, mid - 5), QPointF(7, mid + 5)]))
    if item.x1 > width:
        arrows.append(
            QPolygonF(
                [QPointF(width - 1, mid), QPointF(width - 7, mid - 5), QPointF(width - 7, mid + 5)]
            )
        )
    return arrows


def fades_as_steps(painter: QPainter) -> bool:
    """Whether ``painter`` paints on paper, where fades are drawn as bands (see the module)."""
    return isinstance(painter.device(), QPagedPaintDevice)


def stepped_fade(
    painter: QPainter, rect: QRectF, x0: float, x1: float, background: QColor, *, rising: bool
) -> None:
    """A fade from ``x0`` to ``x1`` as :data:`FADE_STEPS` bands of the background, each of one
    transparency (those PDF keeps), drawn where they meet ``rect``: from nearly covering at
    ``x0`` to clear at ``x1`` when ``rising``, the other way round otherwise."""
    if x1 <= x0:
        return
    step = (x1 - x0) / FADE_STEPS
    colour = QColor(background)
    for at in range(FADE_STEPS):
        left = max(x0 + at * step, rect.left())
        right = min(x0 + (at + 1) * step, rect.right())
        if right <= left:
            continue
        share = (at + 0.5) / FADE_STEPS
        colour.setAlphaF(FADE_STRENGTH * ((1.0 - share) if rising else share))
        painter.fillRect(QRectF(left, rect.top(), right - left, rect.height()), colour)


class ItemPainter:
    """Draws marks with one palette; keeps its pens, brushes and gradients."""

    def __init__(self, palette: TimelinePalette) -> None:
        self.palette = palette
        self._styles: dict[tuple[int, int], tuple[QBrush, QPen, QBrush | None]] = {}
        self._fades: dict[int, tuple[QBrush, QBrush]] = {}
        self._heat: list[int] | None = None
        self._shades: dict[int, list[int]] = {}
        self._fast: dict[tuple[int, int], tuple[QBrush, QPen | None, QBrush | None]] = {}
        self.search_brush = QBrush(palette.search)
        self.cross_pen = QPen(palette.text, 1.5)
        self.selection_pen = QPen(palette.selection, 2.5)
        self.focus_pen = QPen(palette.focus, 1.0, Qt.PenStyle.DotLine)
        self.cluster_pen = QPen(palette.band, 1.0)
        self.cluster_brush = QBrush(mix(palette.band, palette.background, 0.55))
        band = QColor(palette.band)
        band.setAlphaF(0.45)
        self.band_brush = QBrush(band)
        self.band_pen = QPen(palette.band, 1.0)

    def style(self, kind: int, status: int) -> tuple[QBrush, QPen, QBrush | None]:
        """Brush, outline and (for planned events) the tint under the hatching."""
        key = (kind, status)
        found = self._styles.get(key)
        if found is None:
            colour = self.palette.kind(KINDS[kind])
            brush, pen = status_fill(STATUSES[status], colour, self.palette)
            tint = None
            if STATUSES[status] is Status.PLANNED:
                faint = QColor(colour)
                faint.setAlphaF(0.18)
                tint = QBrush(faint)
            found = self._styles[key] = (brush, pen, tint)
        return found

    def fast_style(self, kind: int, status: int) -> tuple[QBrush, QPen | None, QBrush | None]:
        """Like :meth:`style`, with dashed and dotted outlines as textured edges (no pen):
        Qt strokes dashes slowly, and a planned year-long bar has a long outline."""
        key = (kind, status)
        found = self._fast.get(key)
        if found is None:
            brush, pen, _tint = self.style(kind, status)
            value = STATUSES[status]
            if value is Status.PLANNED:
                found = (brush, None, edge_texture(pen.color(), 5, 3))
            elif value is Status.POSTPONED:
                found = (brush, None, edge_texture(pen.color(), 2, 2))
            else:
                found = (brush, pen, None)
            self._fast[key] = found
        return found

    def fades(self, background: QColor) -> tuple[QBrush, QBrush]:
        key = background.rgba()
        found = self._fades.get(key)
        if found is None:
            found = self._fades[key] = (
                _fade(background, rising=True),
                _fade(background, rising=False),
            )
        return found

    # -- one mark ----------------------------------------------------------------------------

    def shape(
        self,
        painter: QPainter,
        rect: QRectF,
        *,
        point: bool,
        kind: int,
        status: int,
        background: QColor,
    ) -> None:
        """A bar (or marker, when ``point``) in ``rect`` styled for ``status``."""
        brush, pen, tint = self.style(kind, status)
        if tint is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            _outline(painter, rect, point)
        painter.setBrush(brush)
        painter.setPen(pen)
        _outline(painter, rect, point)
        value = STATUSES[status]
        if value is Status.ONGOING:
            _open_end(painter, rect, point, background)
        elif value is Status.CANCELLED:
            painter.setPen(self.cross_pen)
            _cross_out(painter, rect, point)

    def soft_ends(
        self, painter: QPainter, rect: QRectF, fade_in: float, fade_out: float, background: QColor
    ) -> None:
        """Fade a bar into ``background`` from its left edge to ``fade_in`` and from
        ``fade_out`` to its right edge (no fade where they equal the edges)."""
        rising, falling = self.fades(background)
        painter.setPen(Qt.PenStyle.NoPen)
        top, height = rect.top() - 1, rect.height() + 2
        if fades_as_steps(painter):
            cover = QRectF(rect.left() - 1, top, rect.width() + 2, height)
            if fade_in > rect.left() + 0.5:
                stepped_fade(painter, cover, rect.left() - 1, fade_in, background, rising=True)
            if fade_out < rect.right() - 0.5:
                stepped_fade(painter, cover, fade_out, rect.right() + 1, background, rising=False)
            return
        if fade_in > rect.left() + 0.5:
            painter.setBrush(rising)
            painter.drawRect(QRectF(rect.left() - 1, top, fade_in - rect.left() + 1, height))
        if fade_out < rect.right() - 0.5:
            painter.setBrush(falling)
            painter.drawRect(QRectF(fade_out, top, rect.right() + 1 - fade_out, height))

    def item(
        self,
        painter: QPainter,
        item: Item,
        index: EventIndex,
        *,
        background: QColor,
        x_of_day: float,
        ppd: float,
    ) -> None:
        """One event; ``x_of_day`` is the x of day 0 (day d is at ``x_of_day + d * ppd``)."""
        position = item.position
        rect = item_shape(item)
        if item.highlighted:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.search_brush)
            painter.drawRect(rect.adjusted(-4, -4, 4, 4))
        point = item.point
        kind, status = index.kind[position], index.status[position]
        self.shape(painter, rect, point=point, kind=kind, status=status, background=background)
        if point:
            return
        soft_start = index.start_sure[position] > index.first[position]
        soft_end = index.end_sure[position] < index.last[position]
        if (soft_start or soft_end) and rect.width() >= 4:
            sure_start = index.start_sure[position] + 0.5
            sure_end = index.end_sure[position] + 0.5
            if sure_start > sure_end:
                sure_start = sure_end = (sure_start + sure_end) / 2
            fade_in = x_of_day + sure_start * ppd if soft_start else rect.left()
            fade_out = x_of_day + sure_end * ppd if soft_end else rect.right()
            self.soft_ends(
                painter,
                rect,
                max(fade_in, rect.left()),
                min(fade_out, rect.right()),
                background,
            )

    def selection(self, painter: QPainter, item: Item, focused: bool) -> None:
        """The selection ring, and for the current event with keyboard focus, a focus frame."""
        rect = item_shape(item)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.selection_pen)
        painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), 4.0, 4.0)
        if item.current and focused:
            painter.setPen(self.focus_pen)
            painter.drawRect(rect.adjusted(-6, -6, 6, 6))

    def continuation(self, painter: QPainter, item: Item, width: float) -> None:
        """Small arrows where a bar runs on beyond the left or right edge."""
        self.continuations(painter, continuation_arrows(item, width))

    def continuations(self, painter: QPainter, arrows: list[QPolygonF]) -> None:
        """Arrows made by :func:`continuation_arrows`, all in one colour."""
        if not arrows:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette.text)
        for arrow in arrows:
            painter.drawPolygon(arrow)

    def cluster(self, painter: QPainter, cluster: Cluster, text_width: float) -> QRectF:
        """A rounded mark standing for several events; returns where its count may be written."""
        mid = cluster.y + ROW_HEIGHT / 2
        width = max(cluster.x1 - cluster.x0, text_width + 8)
        left = (cluster.x0 + cluster.x1 - width) / 2
        rect = QRectF(left, mid - BAR_HEIGHT / 2, width, BAR_HEIGHT)
        painter.setPen(self.cluster_pen)
        painter.setBrush(self.cluster_brush)
        painter.drawRoundedRect(rect, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        return rect if rect.width() >= text_width + 8 else QRectF()

    def heat(self, painter: QPainter, band: Band, peak: int) -> None:
        """A dense row as a strip whose shade deepens with the number of events in each
        stretch (one image, scaled without smoothing: a row may hold hundreds of stretches)."""
        if peak <= 0 or not band.counts:
            return
        shades = self._heat_shades(peak)
        if len(shades) > peak:  # a look-up a stretch, by a C loop
            pixels = array("I", map(shades.__getitem__, band.counts))
        else:
            table, scale = self._heat_table(), 255 / math.sqrt(peak)
            pixels = array(
                "I", [table[min(int(math.sqrt(c) * scale), 255)] if c else 0 for c in band.counts]
            )
        data = pixels.tobytes()
        image = QImage(data, len(pixels), 1, QImage.Format.Format_ARGB32_Premultiplied)
        inset = (ROW_HEIGHT - BAR_HEIGHT) / 2
        target = QRectF(band.x0, band.y + inset, band.bucket * len(pixels), BAR_HEIGHT)
        painter.drawImage(target, image, QRectF(0, 0, len(pixels), 1))

    def _heat_shades(self, peak: int) -> list[int]:
        """The shade of each count from 0 to ``peak`` (empty for a huge peak)."""
        if peak > HEAT_LOOKUP:
            return []
        found = self._shades.get(peak)
        if found is None:
            table, scale = self._heat_table(), 255 / math.sqrt(peak)
            found = [0] + [table[min(int(math.sqrt(c) * scale), 255)] for c in range(1, peak + 1)]
            if len(self._shades) > 64:
                self._shades.clear()
            self._shades[peak] = found
        return found

    def _heat_table(self) -> list[int]:
        """Premultiplied ARGB values of the band colour, from faint (0) to strong (255)."""
        if self._heat is None:
            colour = self.palette.band
            red, green, blue = colour.red(), colour.green(), colour.blue()
            table = []
            for level in range(256):
                alpha = int(40 + 215 * level / 255)
                table.append(
                    (alpha << 24)
                    | (red * alpha // 255) << 16
                    | (green * alpha // 255) << 8
                    | (blue * alpha // 255)
                )
            self._heat = table
        return self._heat

    def band(self, painter: QPainter, band: Band, peak: int, width: float) -> None:
        """A density band: an area whose height grows with the number of events in each
        stretch of time (square-root scale, so a few events still show)."""
        if peak <= 0:
            return
        bottom = band.y + band.height - 2
        usable = band.height - 4
        scale = usable / math.sqrt(peak)
        points = [QPointF(max(band.x0, -2.0), bottom)]
        x = band.x0
        for count, run in groupby(band.counts):
            height = math.sqrt(count) * scale if count else 0.0
            if count and height < 2.0:
                height = 2.0
            span = band.bucket * sum(1 for _ in run)
            points.append(QPointF(x, bottom - height))
            points.append(QPointF(x + span, bottom - height))
            x += span
        points.append(QPointF(min(x, width + 2.0), bottom))
        painter.setPen(self.band_pen)
        painter.setBrush(self.band_brush)
        painter.drawPolygon(QPolygonF(points))


def _outline(painter: QPainter, rect: QRectF, point: bool) -> None:
    if point:
        painter.drawPolygon(diamond(rect))
    else:
        painter.drawRect(rect)


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


def _cross_out(painter: QPainter, rect: QRectF, point: bool) -> None:
    if point:
        inset = rect.adjusted(2, 2, -2, -2)
        painter.drawLine(inset.topLeft(), inset.bottomRight())
        painter.drawLine(inset.bottomLeft(), inset.topRight())
        return
    mid = rect.center().y()
    painter.drawLine(QPointF(rect.left(), mid), QPointF(rect.right(), mid))


def draw_shape(
    painter: QPainter,
    rect: QRectF,
    *,
    point: bool,
    status: Status,
    kind: Kind,
    palette: TimelinePalette,
    background: QColor,
) -> None:
    """One styled mark, for the legend."""
    ItemPainter(palette).shape(
        painter,
        rect,
        point=point,
        kind=KINDS.index(kind),
        status=STATUSES.index(status),
        background=background,
    )


def draw_soft_ends(
    painter: QPainter,
    rect: QRectF,
    fade_in: float,
    fade_out: float,
    palette: TimelinePalette,
) -> None:
    ItemPainter(palette).soft_ends(painter, rect, fade_in, fade_out, palette.background)
