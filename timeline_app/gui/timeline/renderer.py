"""The one timeline renderer: paints a timeline onto any QPainter, within any rectangle.

The widget calls it from ``paintEvent`` with its viewport; printing calls it with a page
rectangle and a light palette. It depends on nothing but its arguments: the scene (events and
lanes), the time window (which days, how far scrolled), the marks (selection, focus, search
matches, today) and a palette and font.

Layout of the rectangle: the lane headers in a fixed column at the left, the time axis in a fixed
strip at the top, the events in the rest; the content scrolls under both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QPen

from timeline_app.core.dates import Language
from timeline_app.core.timeline.frame import Frame, FrameRequest, Selection
from timeline_app.core.timeline.index import KINDS, STATUSES, EventIndex
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.timeline.scene import TimelineScene
from timeline_app.core.timeline.ticks import Axis
from timeline_app.core.timeline.viewport import TimeWindow
from timeline_app.core.vocabulary import Status
from timeline_app.gui.timeline.axis_painter import draw_axis, draw_grid
from timeline_app.gui.timeline.batch_painter import BatchPainter
from timeline_app.gui.timeline.item_painter import AA, ItemPainter, is_solid
from timeline_app.gui.timeline.palette import TimelinePalette, mix, readable_on
from timeline_app.gui.timeline.text_metrics import QtTextMetrics, logical_font, scaled_font

_SOLID = frozenset(at for at, status in enumerate(STATUSES) if is_solid(status))

DEFAULT_HEADER_WIDTH = 200.0
AXIS_MARKER_ROOM = 5  # below the tick labels, for the current event's mark
HEADER_PADDING = 8.0


@dataclass(frozen=True)
class Marks:
    """What is marked on the timeline besides the events themselves."""

    selection: Selection | None = None
    focused: bool = False  # the widget has keyboard focus: show the focus frame
    highlighted: frozenset[int] = frozenset()  # event positions (search matches)
    highlight_days: dict[int, list[int]] = field(default_factory=dict)
    today: date | None = None
    empty_message: str = ""


def format_count(number: int, lang: Language) -> str:
    text = f"{number:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


class TimelineRenderer:
    """Paints timelines with one font, palette and language (keeps text measurements cached)."""

    def __init__(
        self,
        font: QFont,
        palette: TimelinePalette,
        lang: Language = "en",
        header_width: float = DEFAULT_HEADER_WIDTH,
        device: QPaintDevice | None = None,
    ) -> None:
        self.palette = palette
        self.lang: Language = lang
        self.sprites = True  # markers as bitmaps: fast on screen; False for print (vector)
        self.header_width = header_width
        self.device = device  # what texts are measured for (None: the screen)
        self.set_font(font)

    @property
    def palette(self) -> TimelinePalette:
        return self._palette

    @palette.setter
    def palette(self, palette: TimelinePalette) -> None:
        self._palette = palette
        self._header_shade = mix(palette.header_background, palette.text, 0.04)
        self._text_colours: dict[int, QColor] = {}
        self.marker = ItemPainter(palette)
        self.batch = BatchPainter(self.marker)

    def set_font(self, font: QFont) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = scaled_font(font, 0.85, 6.0)
        self.strike = QFont(font)
        self.strike.setStrikeOut(True)
        self.metrics = QtTextMetrics(self.font, self.device)
        self.bold_metrics = QtTextMetrics(self.bold, self.device)
        self.small_metrics = QtTextMetrics(self.small, self.device)
        self.axis = Axis(self.metrics, self.lang)

    @property
    def axis_height(self) -> float:
        return round(2 * (self.metrics.height + 6) + AXIS_MARKER_ROOM)

    def content_rect(self, rect: QRectF) -> QRectF:
        """Where the events go within ``rect``: right of the lane headers, below the axis."""
        return rect.adjusted(self.header_width, self.axis_height, 0, 0)

    # -- painting -------------------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        rect: QRectF,
        scene: TimelineScene | None,
        window: TimeWindow,
        marks: Marks | None = None,
    ) -> Frame | None:
        """Paint the timeline in ``rect``; returns what was drawn (for hit testing)."""
        marks = marks or Marks()
        palette = self.palette
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(AA, False)  # fills and grid lines are axis-aligned
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(rect, palette.background)
        painter.setFont(self.font)
        if scene is None or scene.is_empty:
            self._empty(
                painter,
                rect,
                marks.empty_message
                or QCoreApplication.translate("TimelineRenderer", "No events to show"),
            )
            painter.restore()
            return None
        content = self.content_rect(rect)
        choice = self.axis.choose(window.ppd)
        left, right = window.days(content.width())
        minor = self.axis.minor_ticks(choice, left, right)
        major = self.axis.major_ticks(choice, left, right)
        request = FrameRequest(
            window,
            content.width(),
            content.height(),
            marks.selection,
            marks.highlighted,
            [tick.day for tick in minor],
            marks.highlight_days,
        )
        frame = scene.frame(request, self.metrics)
        painter.save()
        painter.setClipRect(content)
        painter.translate(content.topLeft())
        self._lane_backgrounds(painter, frame)
        draw_grid(
            painter,
            window,
            minor=minor,
            major=major,
            width=content.width(),
            height=content.height(),
            palette=palette,
        )
        self._events(painter, scene, frame, marks)
        painter.setRenderHint(AA, False)
        self._today(painter, window, frame, marks.today)
        painter.restore()
        axis_rect = QRectF(content.left(), rect.top(), content.width(), self.axis_height)
        marker = self._current_x(frame)
        draw_axis(
            painter,
            axis_rect,
            window,
            axis=self.axis,
            choice=choice,
            minor=minor,
            major=major,
            metrics=self.metrics,
            palette=palette,
            today=marks.today,
            today_label=QCoreApplication.translate("TimelineRenderer", "Today"),
            marker_x=marker,
        )
        self._headers(painter, rect, content, frame, scene=scene, marks=marks)
        if marks.focused:  # keyboard focus is on the timeline, with or without a current event
            painter.setPen(QPen(palette.selection, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()
        return frame

    def _empty(self, painter: QPainter, rect: QRectF, message: str) -> None:
        painter.setPen(self.palette.muted_text)
        painter.setFont(self.bold)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)

    def _lane_backgrounds(self, painter: QPainter, frame: Frame) -> None:
        palette = self.palette
        painter.setPen(Qt.PenStyle.NoPen)
        for lane in frame.lanes:
            if lane.index % 2:
                painter.fillRect(QRectF(0, lane.top, frame.width, lane.height), palette.alternate)
        painter.setPen(QPen(palette.separator, 1.0))
        painter.drawLines(
            [
                QLineF(0, y, frame.width, y)
                for lane in frame.lanes
                if (y := round(lane.top + lane.height) - 0.5) < frame.height
            ]
        )

    def _lane_colour(self, lane_index: int) -> QColor:
        return self.palette.alternate if lane_index % 2 else self.palette.background

    def _events(self, painter: QPainter, scene: TimelineScene, frame: Frame, marks: Marks) -> None:
        marker = self.marker
        window = frame.window
        index = scene.index
        painter.setRenderHint(AA, False)  # bars and bands are axis-aligned
        peak_lane = max((b.peak for b in frame.bands if b.height > ROW_HEIGHT), default=0)
        peak_row = max((b.peak for b in frame.bands if b.height <= ROW_HEIGHT), default=0)
        painter.setFont(self.small)
        for band in frame.bands:
            if band.height > ROW_HEIGHT:  # a summarised lane
                marker.band(painter, band, peak_lane, frame.width)
                self._band_counts(painter, band.cells, band.y, frame.width)
            else:  # a dense row
                marker.heat(painter, band, peak_row)
        if frame.highlight_ticks:
            painter.setPen(QPen(self.palette.search, 3.0))
            painter.drawLines([QLineF(x, top, x, top + 8) for x, top in frame.highlight_ticks])
        x_of_day = window.x_of(0)
        selected = [item for item in frame.items if item.selected]
        self.batch.draw(
            painter,
            [item for item in frame.items if not item.selected],
            index,
            lane_colour=self._lane_colour,
            x_of_day=x_of_day,
            ppd=window.ppd,
            width=frame.width,
            sprites=self.sprites,
        )
        painter.setRenderHint(AA, True)
        small = self.small_metrics
        for cluster in frame.clusters:
            text = format_count(cluster.count, self.lang)
            text_width = small.width(text)
            room = marker.cluster(painter, cluster, text_width)
            if not room.isEmpty():  # centred in it, where AlignCenter puts it (without a layout)
                painter.setPen(self.palette.text)
                x = room.left() + (room.width() - text_width) / 2
                y = room.top() + (room.height() - small.height) / 2 + small.ascent
                painter.drawText(QPointF(x, y), text)
        painter.setFont(self.font)
        for item in selected:
            marker.item(
                painter,
                item,
                index,
                background=self._lane_colour(item.lane),
                x_of_day=x_of_day,
                ppd=window.ppd,
            )
            marker.continuation(painter, item, frame.width)
        self._labels(painter, frame, index)
        for item in selected:
            marker.selection(painter, item, marks.focused)

    def _band_counts(
        self, painter: QPainter, cells: list[tuple[float, float, int]], top: float, width: float
    ) -> None:
        metrics = self.small_metrics
        painter.setPen(self.palette.text)
        for x0, x1, count in cells:
            left, right = max(x0, 0.0), min(x1, width)
            text = format_count(count, self.lang)
            text_width = metrics.width(text)
            if right - left < text_width + 8:
                continue
            painter.drawText(QPointF(left + 4, top + metrics.ascent + 1), text)

    def _labels(self, painter: QPainter, frame: Frame, index: EventIndex) -> None:
        palette = self.palette
        metrics = self.metrics
        baseline_offset = (ROW_HEIGHT - metrics.height) / 2 + metrics.ascent
        # inside its bar, on the bar's solid colour (not on a pattern or a fade)?
        status, first, last = index.status, index.first, index.last
        start_sure, end_sure = index.start_sure, index.end_sure
        on_solid = [
            label.inside
            and status[key := label.key] in _SOLID
            and start_sure[key] <= first[key]
            and end_sure[key] >= last[key]
            for label in frame.labels
        ]
        plates = [
            label
            for label, solid in zip(frame.labels, on_solid, strict=True)
            if label.plate or (label.inside and not solid)
        ]
        if plates:
            plate = QColor(palette.background)
            plate.setAlphaF(0.85)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(plate)
            top = (ROW_HEIGHT - metrics.height) / 2
            painter.drawRects(
                [
                    QRectF(label.x - 2, label.row_y + top, label.width + 4, metrics.height)
                    for label in plates
                ]
            )
        current_font, current_colour = None, None
        cancelled = STATUSES.index(Status.CANCELLED)
        statuses, kinds = index.status, index.kind
        for label, solid in zip(frame.labels, on_solid, strict=True):
            font = self.strike if statuses[label.key] == cancelled else self.font
            colour = self._text_on(kinds[label.key]) if solid else palette.text
            if font is not current_font:
                painter.setFont(font)
                current_font = font
            if colour is not current_colour:
                painter.setPen(colour)
                current_colour = colour
            painter.drawText(QPointF(label.x, label.row_y + baseline_offset), label.text)
        painter.setFont(self.font)

    def _text_on(self, kind: int) -> QColor:
        """Black or white text, whichever reads better on the colour of a kind."""
        found = self._text_colours.get(kind)
        if found is None:
            found = self._text_colours[kind] = readable_on(self.palette.kind(KINDS[kind]))
        return found

    def _today(
        self, painter: QPainter, window: TimeWindow, frame: Frame, today: date | None
    ) -> None:
        if today is None:
            return
        x = window.x_of(today.toordinal() + 0.5)
        if 0 <= x <= frame.width:
            painter.setPen(QPen(self.palette.today, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QLineF(x, 0, x, frame.height))

    def _current_x(self, frame: Frame) -> float | None:
        current = next((item for item in frame.items if item.current), None)
        if current is None:
            return None
        return (current.x0 + current.x1) / 2 if current.point else max(current.x0, 0.0)

    def _headers(
        self,
        painter: QPainter,
        rect: QRectF,
        content: QRectF,
        frame: Frame,
        *,
        scene: TimelineScene,
        marks: Marks,
    ) -> None:
        palette = self.palette
        column = QRectF(rect.left(), content.top(), self.header_width, content.height())
        painter.save()
        painter.setClipRect(column)
        painter.fillRect(column, palette.header_background)
        current_lane = marks.selection.lane if marks.selection else -1
        for lane in frame.lanes:
            top = content.top() + lane.top
            band = QRectF(rect.left(), top, self.header_width, lane.height)
            if lane.index % 2:
                painter.fillRect(band, self._header_shade)
            is_current = lane.index == current_lane
            metrics = self.bold_metrics if is_current else self.metrics
            count = format_count(len(lane.lane), self.lang)
            count_width = self.small_metrics.width(count)
            room = self.header_width - 2 * HEADER_PADDING - count_width - 6
            text = metrics.elide(lane.lane.label, room)
            first_row = min(lane.height, ROW_HEIGHT + 8)
            baseline = top + (first_row - metrics.height) / 2 + metrics.ascent
            painter.setFont(self.bold if is_current else self.font)
            painter.setPen(palette.text)
            painter.drawText(QPointF(rect.left() + HEADER_PADDING, baseline), text)
            painter.setFont(self.small)
            painter.setPen(palette.muted_text)
            painter.drawText(
                QPointF(rect.left() + self.header_width - HEADER_PADDING - count_width, baseline),
                count,
            )
            if is_current:
                painter.fillRect(
                    QRectF(rect.left(), top + 2, 4, lane.height - 4), palette.selection
                )
            painter.setPen(QPen(palette.separator, 1.0))
            y = round(top + lane.height) - 0.5
            painter.drawLine(QLineF(rect.left(), y, rect.left() + self.header_width, y))
        painter.restore()
        painter.setPen(QPen(palette.separator, 1.0))
        x = rect.left() + self.header_width - 0.5
        painter.drawLine(QLineF(x, rect.top(), x, rect.bottom()))
        corner = QRectF(rect.left(), rect.top(), self.header_width - 1, self.axis_height - 1)
        painter.fillRect(corner, palette.axis_background)
        painter.setFont(self.bold)
        painter.setPen(palette.muted_text)
        label = self.bold_metrics.elide(
            scene.grouping.label, self.header_width - 2 * HEADER_PADDING
        )
        painter.drawText(
            corner.adjusted(HEADER_PADDING, 0, -HEADER_PADDING, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            label,
        )
        painter.setFont(self.font)


def paint_timeline(
    painter: QPainter,
    rect: QRectF,
    scene: TimelineScene | None,
    window: TimeWindow,
    *,
    palette: TimelinePalette | None = None,
    marks: Marks | None = None,
    font: QFont | None = None,
    lang: Language = "en",
    header_width: float = DEFAULT_HEADER_WIDTH,
    device: QPaintDevice | None = None,
) -> Frame | None:
    """Paint a timeline in one call (printing uses this; the widget keeps a renderer).

    Sizes (rows, markers, the header width, the font) are in the painter's logical units,
    designed for screen pixels (1/96 inch): to print, scale the painter so that a unit is
    1/96 inch (``painter.scale(resolution / 96, ...)``); the font is converted to that unit.
    Texts are measured for ``device`` when given, else in those units. Markers stay vector.
    """
    renderer = TimelineRenderer(
        logical_font(font or painter.font()),
        palette or TimelinePalette.light(),
        lang,
        header_width,
        device=device,
    )
    renderer.sprites = False  # print: every mark stays vector
    return renderer.paint(painter, rect, scene, window, marks)
