"""The timeline layout: the timeline drawn over as many pages as it needs, by the screen's renderer.

The events of the job (its filter, narrowed to its range) are grouped into lanes as the view
groups them (``job.lane_grouping``) and painted by
:class:`~timeline_app.gui.timeline.renderer.TimelineRenderer`, the one renderer, with a light
palette for paper. Paper is laid out in the renderer's units (:data:`UNITS_PER_INCH`), so a
printed row, bar and marker is a little smaller than on screen but drawn the same way.

Width: the range is spread over ``job.pages_wide`` pages, or drawn at ``job.days_per_cm``
(days per centimetre) over as many pages as that takes (at most ``MAX_PAGES_WIDE``); each page
begins with the last few millimetres of the one before (:data:`OVERLAP`), so that a marker cut
by a page edge is seen whole on the next page. Height: the
lanes are cut into page-high slices, between lanes where a lane fits on a page, else between
rows of the lane (its name is then repeated, "continued", on the next slice). Pages go across
first (every stretch of time of the first lanes), then down.

Each page repeats the time axis and the lane names; a bar that runs on over a page edge ends in
an arrow at that edge (the renderer does that for any edge), and labels are placed only where
they fit within the page, so none is cut. Above the timeline, on a document of several pages, a
line says which stretch of time and which lanes the page shows; below it, the legend of status
patterns and uncertain dates, on every page.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from timeline_app.core.printing import MAX_PAGES_WIDE, PrintJob, span_text
from timeline_app.core.timeline.frame import MARKER_SIZE, Frame
from timeline_app.core.timeline.lanes import LaneGrouping
from timeline_app.core.timeline.layout import LANE_PADDING, ROW_HEIGHT, LaneLayout
from timeline_app.core.timeline.scene import TimelineScene
from timeline_app.core.timeline.viewport import MAX_PPD, MIN_PPD, TimeWindow
from timeline_app.gui.printing.document import PageGeometry, PrintContext, PrintError
from timeline_app.gui.printing.text import font
from timeline_app.gui.timeline.legend import draw_legend, legend_height
from timeline_app.gui.timeline.palette import TimelinePalette
from timeline_app.gui.timeline.renderer import (
    HEADER_PADDING,
    Marks,
    TimelineRenderer,
    format_count,
)
from timeline_app.gui.timeline.text_metrics import QtTextMetrics, logical_font

UNITS_PER_INCH = 120.0  # the renderer's units on paper (96 on screen): rows of 5 mm
FONT_PT = 7.5  # the printed size of the timeline's text
SHEET_PT = 7.0  # the line above the timeline saying what part of it a page shows
EDGE_MARGIN = 16.0  # units left free before the first day and after the last one
GAP = 8.0  # units between the parts of a page
OVERLAP = MARKER_SIZE + 4.0  # units a page repeats of the one before: a marker cut at the
# right edge of a page shows whole at the left of the next
MIN_HEADER_WIDTH = 110.0
MAX_HEADER_WIDTH = 320.0
MAX_HEADER_SHARE = 0.3  # of the page width, at most, for the lane names
CM_PER_INCH = 2.54


def print_palette() -> TimelinePalette:
    """The light palette, made for paper: little ink on backgrounds, lines that still print,
    and text dark enough to read in greyscale."""
    light = TimelinePalette.light()
    return replace(
        light,
        alternate=QColor("#F5F6F7"),
        grid=QColor("#DADDE1"),
        grid_major=QColor("#9AA1A9"),
        axis_background=QColor("#F0F1F3"),
        header_background=QColor("#F7F7F8"),
        text=QColor("#000000"),
        muted_text=QColor("#4A4F55"),
        separator=QColor("#A9AFB6"),
    )


@dataclass(frozen=True, slots=True)
class Slice:
    """A page-high part of the lanes: layout ``y`` from ``top`` to ``bottom`` (in units)."""

    top: float
    bottom: float
    first_lane: int
    last_lane: int  # included

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Sheet:
    """One page: its column (stretch of time) and its slice of lanes."""

    column: int
    row: int
    window: TimeWindow
    slice: Slice


def slice_lanes(layout: LaneLayout, room: float) -> list[Slice]:
    """Cut the lanes into parts at most ``room`` high (plus a lane's padding): between lanes
    where a lane fits, else between the rows of a lane; a summarised lane is never cut."""
    offsets = layout.offsets
    total = layout.height
    slices: list[Slice] = []
    top = 0.0
    while top < total:
        limit = top + room
        if limit >= total:
            bottom = float(total)
        else:
            boundary = offsets[bisect_right(offsets, limit) - 1]
            if boundary > top:
                bottom = float(boundary)
            else:  # the lane at ``top`` does not fit on a page: cut it between rows
                lane = bisect_right(offsets, top) - 1
                end = offsets[lane + 1]
                rows_top = offsets[lane] + LANE_PADDING
                if layout.summarised[lane] or end - LANE_PADDING <= limit:
                    bottom = float(end)
                else:
                    rows = math.floor((limit - rows_top) / ROW_HEIGHT)
                    at_least = math.floor((top - rows_top) / ROW_HEIGHT) + 1
                    bottom = float(rows_top + max(rows, at_least) * ROW_HEIGHT)
        first = bisect_right(offsets, top) - 1
        last = bisect_right(offsets, bottom - 1e-6) - 1
        slices.append(Slice(top, bottom, first, last))
        top = bottom
    return slices or [Slice(0.0, 0.0, 0, 0)]


class TimelineDocument:
    """A timeline laid out on pages; :attr:`sheets` and :attr:`frames` say what is where."""

    def __init__(self, context: PrintContext, scene: TimelineScene) -> None:
        self.job: PrintJob = context.job
        self.geometry: PageGeometry = context.geometry
        self.scene = scene
        self.palette = print_palette()
        geometry = self.geometry
        self.scale = geometry.resolution / UNITS_PER_INCH  # device units per renderer unit
        body = geometry.body
        self.width = body.width() / self.scale
        self.height = body.height() / self.scale
        zoom = UNITS_PER_INCH / 96.0  # the renderer sizes fonts for 96 units per inch
        self.font = font(FONT_PT * zoom)
        self.sheet_font = logical_font(font(SHEET_PT * zoom))
        self.sheet_metrics = QtTextMetrics(self.sheet_font, geometry.device)
        self.renderer = TimelineRenderer(
            logical_font(self.font),
            self.palette,
            self.job.lang,
            device=geometry.device,
        )
        self.renderer.sprites = False  # every mark stays vector on paper
        self.renderer.header_width = self._header_width()
        self.legend_height = legend_height(self.font, self.width)
        self.first_day, self.last_day = self._days()
        self.content_width = max(self.width - self.renderer.header_width, 2 * OVERLAP)
        self.step = self.content_width - OVERLAP  # how far in time one page goes on
        self.columns, self.ppd, self.start = self._columns()
        self.layout = scene.layout(self.ppd)
        self.sheet_line = False
        self.slices = self._slices()
        if len(self.slices) * self.columns > 1:
            self.sheet_line = True  # say on each page which part of the timeline it shows
            self.slices = self._slices()
        self.sheets = [
            Sheet(column, row, self._window(column, part.top), part)
            for row, part in enumerate(self.slices)
            for column in range(self.columns)
        ]
        self.frames: dict[int, Frame] = {}  # page -> what was painted on it (for tests)

    @property
    def page_count(self) -> int:
        return len(self.sheets)

    # -- laying out --------------------------------------------------------------------------

    def _header_width(self) -> float:
        """Room for the widest lane name and its count, as the view makes it."""
        renderer = self.renderer
        lanes = self.scene.lanes[:5000]
        widest = max((renderer.bold_metrics.width(lane.label) for lane in lanes), default=0.0)
        most = max((len(lane) for lane in lanes), default=0)
        count = renderer.small_metrics.width(f"{most:,}")
        grouping = renderer.bold_metrics.width(self.scene.grouping.label) + 2 * HEADER_PADDING + 4
        wanted = max(widest + count + 2 * HEADER_PADDING + 14, grouping)
        most_width = min(MAX_HEADER_WIDTH, self.width * MAX_HEADER_SHARE)
        return min(max(wanted, MIN_HEADER_WIDTH), most_width)

    def _days(self) -> tuple[int, int]:
        """The first and the last day to print: the job's range, else the events' span."""
        flt = self.job.effective_filter()
        first = flt.date_from.toordinal() if flt.date_from else self.scene.first_day
        last = flt.date_to.toordinal() if flt.date_to else self.scene.last_day
        return first, max(first, last)

    def _columns(self) -> tuple[int, float, float]:
        """How many pages across, the scale (units a day) and the day at the first's left."""
        span = self.last_day + 1 - self.first_day
        step = self.step
        job = self.job
        if job.days_per_cm is not None:
            per_cm = UNITS_PER_INCH / CM_PER_INCH
            ppd = min(max(per_cm / job.days_per_cm, MIN_PPD), MAX_PPD)
            columns = max(math.ceil((span * ppd + 2 * EDGE_MARGIN - OVERLAP) / step), 1)
            if columns > MAX_PAGES_WIDE:
                raise PrintError(
                    QCoreApplication.translate(
                        "Printing",
                        "At {scale:g} days per cm the range needs {pages} pages across, more "
                        "than the {most} this app prints; choose more days per cm or a shorter "
                        "range.",
                    ).format(scale=job.days_per_cm, pages=columns, most=MAX_PAGES_WIDE)
                )
        else:
            columns = job.pages_wide
            total = columns * step + OVERLAP
            ppd = min(max((total - 2 * EDGE_MARGIN) / span, MIN_PPD), MAX_PPD)
        middle = (self.first_day + self.last_day + 1) / 2
        start = middle - (columns * step + OVERLAP) / 2 / ppd
        return columns, ppd, start

    def _room(self) -> float:
        """The height left on a page for the lanes (a lane's padding may go over it)."""
        used = self.renderer.axis_height + GAP + self.legend_height
        if self.sheet_line:
            used += self.sheet_metrics.height + GAP / 2
        return max(self.height - used - LANE_PADDING, MARKER_SIZE + 2 * LANE_PADDING)

    def _slices(self) -> list[Slice]:
        return slice_lanes(self.layout, self._room())

    def _window(self, column: int, top: float) -> TimeWindow:
        return TimeWindow(self.start + column * self.step / self.ppd, self.ppd, top)

    def page_days(self, sheet: Sheet) -> tuple[date, date]:
        """The days a page shows, within the printed range."""
        left, right = sheet.window.days(self.content_width)
        first = max(math.floor(left), self.first_day)
        last = min(math.ceil(right) - 1, self.last_day)
        return date.fromordinal(first), date.fromordinal(max(first, last))

    # -- painting ----------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, index: int) -> None:
        sheet = self.sheets[index]
        body = self.geometry.body
        painter.translate(body.topLeft())
        painter.scale(self.scale, self.scale)
        y = 0.0
        if self.sheet_line:
            self._paint_sheet_line(painter, sheet)
            y += self.sheet_metrics.height + GAP / 2
        renderer = self.renderer
        rect = QRectF(0.0, y, self.width, renderer.axis_height + sheet.slice.height)
        marks = Marks(today=self.job.printing_date())
        frame = renderer.paint(painter, rect, self.scene, sheet.window, marks)
        if frame is not None:
            self._continued_lane(painter, rect, frame)
            self.frames[index] = frame
        painter.setPen(QPen(self.palette.separator, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        legend = QRectF(0.0, rect.bottom() + GAP, self.width, self.legend_height)
        draw_legend(painter, legend, self.palette, self.font)

    def _paint_sheet_line(self, painter: QPainter, sheet: Sheet) -> None:
        """Which stretch of time (left) and which lanes (right) this page shows."""
        first, last = self.page_days(sheet)
        lanes = len(self.scene.lanes)
        part = sheet.slice
        if part.first_lane == part.last_lane:
            where = QCoreApplication.translate("Printing", "Lane {lane} of {count}").format(
                lane=part.first_lane + 1, count=lanes
            )
        else:
            where = QCoreApplication.translate(
                "Printing", "Lanes {first}–{last} of {count}"
            ).format(first=part.first_lane + 1, last=part.last_lane + 1, count=lanes)
        if self.columns > 1:
            where += " · " + QCoreApplication.translate(
                "Printing", "page {column} of {columns} across"
            ).format(column=sheet.column + 1, columns=self.columns)
        metrics = self.sheet_metrics
        baseline = metrics.ascent
        painter.setFont(self.sheet_font)
        painter.setPen(self.palette.text)
        painter.drawText(QPointF(0.0, baseline), span_text(first, last, self.job.lang))
        painter.setPen(self.palette.muted_text)
        painter.drawText(QPointF(self.width - metrics.width(where), baseline), where)

    def _continued_lane(self, painter: QPainter, rect: QRectF, frame: Frame) -> None:
        """The name and count of a lane that began on an earlier page, at the top of this one,
        as the renderer writes them, with "(continued)" below."""
        lane = next((view for view in frame.lanes if view.top < 0), None)
        if lane is None:
            return
        renderer = self.renderer
        metrics, small = renderer.metrics, renderer.small_metrics
        count = format_count(len(lane.lane), self.job.lang)
        count_width = small.width(count)
        room = renderer.header_width - 2 * HEADER_PADDING - count_width - 6
        top = rect.top() + renderer.axis_height
        baseline = top + LANE_PADDING + metrics.ascent
        left = rect.left() + HEADER_PADDING
        painter.setPen(self.palette.text)
        painter.setFont(renderer.font)
        painter.drawText(QPointF(left, baseline), metrics.elide(lane.lane.label, room))
        painter.setFont(renderer.small)
        painter.setPen(self.palette.muted_text)
        right = rect.left() + renderer.header_width - HEADER_PADDING - count_width
        painter.drawText(QPointF(right, baseline), count)
        continued = small.elide(
            QCoreApplication.translate("Printing", "(continued)"),
            renderer.header_width - 2 * HEADER_PADDING,
        )
        painter.drawText(QPointF(left, baseline + metrics.height - 1), continued)


def build(context: PrintContext) -> TimelineDocument:
    """The timeline of the job's events, laid out on ``context.geometry``'s pages."""
    job = context.job
    with context.store.reading() as session:  # every title is printed: read them at once
        scene = TimelineScene.load(
            session, LaneGrouping(job.lane_grouping), job.effective_filter(), job.lang
        )
    return TimelineDocument(context, scene)
