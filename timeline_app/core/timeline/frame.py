"""What one frame of the timeline shows, in pixels: the Qt-free half of drawing.

:func:`build_frame` asks the lanes only about the visible window: the visible lanes come from a
bisection on the lane offsets, the visible events of each visible row from two bisections on the
row's sorted days. Far zoomed out, a row whose visible events would be packed tighter than
:data:`~timeline_app.core.timeline.layout.MIN_EVENT_PX` becomes a density band, a summarised lane
is a band too, and markers that would overlap in a row merge into a cluster that shows their
count. The cost of a frame thus follows what is on screen, never the size of the database.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.labels import (
    LABEL_GAP,
    MIN_LABEL_PX,
    LabelSlot,
    PlacedLabel,
    place_labels,
)
from timeline_app.core.timeline.lanes import Lane
from timeline_app.core.timeline.layout import (
    BAND_HEIGHT,
    LANE_PADDING,
    MIN_EVENT_PX,
    ROW_HEIGHT,
    LaneLayout,
)
from timeline_app.core.timeline.metrics import TextMetrics
from timeline_app.core.timeline.viewport import TimeWindow

MARKER_SIZE = 12.0
MIN_BAR_PX = 3.0
BAR_HEIGHT = 14.0
BUCKET_PX = 5.0
MAX_HIGHLIGHT_TICKS = 400
MAX_MARKS = 200  # events drawn one by one in a frame; the busiest rows beyond become strips
EDGE_ARROW = 11.0  # px kept free at an edge where a bar runs on (for its arrow)
CURRENT_LABEL_GAP = 9.0  # clear of the selection ring and the focus frame


@dataclass(frozen=True, slots=True)
class Selection:
    """The current event and the lane it is current in (an event can be in several)."""

    position: int
    lane: int


@dataclass(slots=True)
class Item:
    """One event drawn on its own: a bar (``point`` False) or a marker."""

    position: int
    lane: int
    row: int
    x0: float  # bars: the left edge of the first possible day; markers: the marker's left
    x1: float
    y: float  # the top of its row
    point: bool
    selected: bool = False
    current: bool = False
    highlighted: bool = False

    @property
    def mid_y(self) -> float:
        return self.y + ROW_HEIGHT / 2

    def contains(self, x: float, y: float, slack: float = 2.0) -> bool:
        top = self.mid_y - BAR_HEIGHT / 2 - slack
        return self.x0 - slack <= x <= self.x1 + slack and top <= y <= top + BAR_HEIGHT + 2 * slack


@dataclass(slots=True)
class Cluster:
    """Events of a row that would overlap on screen, drawn as one mark with their count."""

    lane: int
    row: int
    x0: float
    x1: float
    y: float
    count: int
    first_day: int
    last_day: int
    positions: list[int]

    def contains(self, x: float, y: float) -> bool:
        mid = self.y + ROW_HEIGHT / 2
        return self.x0 - 2 <= x <= self.x1 + 2 and abs(y - mid) <= BAR_HEIGHT / 2 + 2


@dataclass(slots=True)
class Band:
    """A density band: how many events touch each ``bucket`` px wide stretch of time."""

    lane: int
    y: float
    height: float
    x0: float  # the left edge of the first bucket
    bucket: float  # px per bucket
    counts: list[int]
    cells: list[tuple[float, float, int]] = field(default_factory=list)  # count labels

    @property
    def peak(self) -> int:
        return max(self.counts, default=0)

    def count_at(self, x: float) -> int:
        at = int((x - self.x0) // self.bucket)
        return self.counts[at] if 0 <= at < len(self.counts) else 0


@dataclass(slots=True)
class LaneView:
    index: int
    lane: Lane
    top: float
    height: float
    summarised: bool


@dataclass(slots=True)
class Frame:
    """Everything one frame draws, in content coordinates (0, 0 = top left of the content)."""

    window: TimeWindow
    width: float
    height: float
    lanes: list[LaneView] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    labels: list[PlacedLabel] = field(default_factory=list)
    highlight_ticks: list[tuple[float, float]] = field(default_factory=list)  # (x, band top)

    def item_at(self, x: float, y: float) -> Item | None:
        """The event drawn under a point, the current one first."""
        hits = [item for item in self.items if item.contains(x, y)]
        if not hits:
            return None
        hits.sort(key=lambda item: (not item.current, not item.selected, item.x1 - item.x0))
        return hits[0]

    def cluster_at(self, x: float, y: float) -> Cluster | None:
        return next((cluster for cluster in self.clusters if cluster.contains(x, y)), None)

    def band_at(self, x: float, y: float) -> Band | None:
        return next(
            (b for b in self.bands if b.y <= y <= b.y + b.height and b.count_at(x) > 0), None
        )

    def event_positions(self) -> list[int]:
        """The events drawn on their own, each once, in time order."""
        return sorted({item.position for item in self.items})


@dataclass(slots=True)
class FrameRequest:
    """What to draw: where, at which zoom, with which marks."""

    window: TimeWindow
    width: float
    height: float
    selection: Selection | None = None
    highlighted: frozenset[int] = frozenset()  # event positions
    cells: Sequence[int] = ()  # axis cell starts (days), for the counts of density bands
    highlight_days: Mapping[int, Sequence[int]] = field(default_factory=dict)  # lane: sorted days


def _bucket_starts(left_day: float, right_day: float, ppd: float) -> tuple[float, float, list[int]]:
    """Buckets of about BUCKET_PX pixels (whole days at least), aligned on absolute days so
    that panning does not make them shimmer: (first bucket's day, days a bucket, the first day
    of each bucket and of the one after the last)."""
    bucket_days = max(BUCKET_PX / ppd, 1.0)
    k0 = math.floor(left_day / bucket_days)
    k1 = math.ceil(right_day / bucket_days)
    return k0 * bucket_days, bucket_days, [math.ceil(k * bucket_days) for k in range(k0, k1 + 1)]


@dataclass(frozen=True, slots=True)
class _Buckets:
    """The buckets of one frame's bands (the same for every band of the frame)."""

    x0: float
    width: float
    starts: list[int]
    days: float  # days a bucket
    first: int  # the number of the first bucket (bucket k begins on day ceil(k * days))

    @classmethod
    def of(cls, request: FrameRequest) -> _Buckets:
        window = request.window
        left_day, right_day = window.days(request.width)
        first_day, bucket_days, starts = _bucket_starts(left_day, right_day, window.ppd)
        first = math.floor(left_day / bucket_days)
        return cls(window.x_of(first_day), bucket_days * window.ppd, starts, bucket_days, first)


def _band(
    lane_index: int,
    counts: Callable[[Sequence[int]], list[int]],
    *,
    request: FrameRequest,
    buckets: _Buckets,
    top: tuple[float, float],
    cells: bool,
) -> Band:
    window = request.window
    y, height = top
    band = Band(lane_index, y, height, buckets.x0, buckets.width, counts(buckets.starts))
    if cells and len(request.cells) > 1:
        edges = list(request.cells)
        band.cells = [
            (window.x_of(start), window.x_of(end), number)
            for start, end, number in zip(edges, edges[1:], counts(edges), strict=False)
            if number
        ]
    return band


def _row_limit(counts: list[int], budget: int) -> int:
    """The most events a row may show one by one so that the frame shows at most ``budget``:
    the busiest rows become density strips first."""
    total = 0
    for count in sorted(counts):
        if total + count > budget:
            return count - 1
        total += count
    return max(counts, default=0)


class _Builder:
    def __init__(
        self, index: EventIndex, lanes: Sequence[Lane], layout: LaneLayout, request: FrameRequest
    ) -> None:
        self.index = index
        self.lanes = lanes
        self.layout = layout
        self.request = request
        window = request.window
        self.frame = Frame(window, request.width, request.height)
        left, right = window.days(request.width)
        margin = (MARKER_SIZE + 2) / window.ppd
        self.query = (math.floor(left - margin), math.ceil(right + margin))
        self.slots: list[LabelSlot] = []
        self.buckets = _Buckets.of(request)
        selection = request.selection
        self.selected = selection.position if selection else -1
        self.current_lane = selection.lane if selection else -1

    def build(self) -> Frame:
        request = self.request
        window = request.window
        layout = self.layout
        rows: list[tuple[int, Lane, int, float, int, int]] = []
        for lane_index in layout.visible_lanes(window.y, window.y + request.height):
            lane = self.lanes[lane_index]
            top = layout.lane_top(lane_index) - window.y
            folded = bool(layout.summarised[lane_index])
            self.frame.lanes.append(
                LaneView(lane_index, lane, top, layout.lane_height(lane_index), folded)
            )
            if folded:
                self._summarised_lane(lane_index, lane, top + LANE_PADDING)
            else:
                rows.extend(self._visible_rows(lane_index, lane, top + LANE_PADDING))
        per_row = request.width / MIN_EVENT_PX
        limit = min(per_row, _row_limit([hi - lo for *_, lo, hi in rows], MAX_MARKS))
        for lane_index, lane, row, y, lo, hi in rows:
            if hi - lo > limit:
                self._dense_row(lane_index, lane, row, y)
            else:
                self._row(lane_index, lane, row, y, (lo, hi))
        return self.frame

    # -- summarised lanes ----------------------------------------------------------------------

    def _summarised_lane(self, lane_index: int, lane: Lane, y: float) -> None:
        band = _band(
            lane_index,
            lane.counts,
            request=self.request,
            buckets=self.buckets,
            top=(y, BAND_HEIGHT),
            cells=True,
        )
        self.frame.bands.append(band)
        days = self.request.highlight_days.get(lane_index)
        if days:
            window = self.request.window
            lo = bisect_left(days, self.query[0])
            hi = min(bisect_right(days, self.query[1]), lo + MAX_HIGHLIGHT_TICKS)
            self.frame.highlight_ticks.extend(
                (window.x_of(days[k] + 0.5), y) for k in range(lo, hi)
            )
        if self.selected >= 0 and lane.rank(self.selected) is not None:
            item = self._item(lane_index, 0, self.selected, y + (BAND_HEIGHT - ROW_HEIGHT) / 2)
            if item is not None:
                self._add_item(item, alone=True)

    # -- rows ------------------------------------------------------------------------------------

    def _visible_rows(
        self, lane_index: int, lane: Lane, rows_top: float
    ) -> list[tuple[int, Lane, int, float, int, int]]:
        """The rows of a lane in view that hold events in view, with their events' slice."""
        height = self.request.height
        first_row = max(0, math.floor(-rows_top / ROW_HEIGHT))
        last_row = min(lane.row_count, math.ceil((height - rows_top) / ROW_HEIGHT))
        found = []
        for row in range(first_row, last_row):
            lo, hi = lane.row_slice(row, *self.query)
            if hi > lo:
                found.append((lane_index, lane, row, rows_top + row * ROW_HEIGHT, lo, hi))
        return found

    def _dense_row(self, lane_index: int, lane: Lane, row: int, y: float) -> None:
        """A row too busy to show its events one by one: a density strip."""
        buckets = self.buckets

        def counts(starts: Sequence[int]) -> list[int]:  # the frame's buckets: kept by the lane
            return lane.row_bucket_counts(row, buckets.days, buckets.first, len(starts) - 1)

        band = _band(
            lane_index,
            counts,
            request=self.request,
            buckets=self.buckets,
            top=(y, ROW_HEIGHT),
            cells=False,
        )
        self.frame.bands.append(band)
        if self.selected >= 0 and lane.row(self.selected) == row:
            item = self._item(lane_index, row, self.selected, y)
            if item is not None:
                self._add_item(item, alone=True)

    def _row(self, lane_index: int, lane: Lane, row: int, y: float, span: tuple[int, int]) -> None:
        lo, hi = span
        entries: list[Item | Cluster] = []
        group: list[Item] = []
        group_end = -math.inf
        # :meth:`_item` inlined: this loop runs for every event drawn
        firsts, lasts = self.index.first, self.index.last
        window = self.request.window
        start, ppd = window.start, window.ppd
        low, high = -MARKER_SIZE, self.request.width + MARKER_SIZE
        half = MARKER_SIZE / 2
        selected_position = self.selected
        current = lane_index == self.current_lane
        highlighted = self.request.highlighted
        for position in lane.row_pos[lo:hi]:
            first = firsts[position]
            last = lasts[position]
            if first == last:
                centre = (first + 0.5 - start) * ppd
                x0, x1, point = centre - half, centre + half, True
            else:
                x0 = (first - start) * ppd
                x1 = (last + 1 - start) * ppd
                x1 = max(x1, x0 + MIN_BAR_PX)
                point = False
            if x1 < low or x0 > high:
                continue
            selected = position == selected_position
            item = Item(
                position,
                lane_index,
                row,
                x0,
                x1,
                y,
                point,
                selected,
                selected and current,
                position in highlighted,
            )
            if group and x0 < group_end:
                group.append(item)
                group_end = max(group_end, x1)
                continue
            if group:
                self._flush(group, entries, lane)
            group = [item]
            group_end = x1
        self._flush(group, entries, lane)
        self._label_slots(entries)

    def _flush(self, group: list[Item], entries: list[Item | Cluster], lane: Lane) -> None:
        if not group:
            return
        if len(group) == 1:
            entries.append(group[0])
            self._add_item(group[0])
            return
        first = min(self.index.first[item.position] for item in group)
        last = max(self.index.last[item.position] for item in group)
        head = group[0]
        cluster = Cluster(
            head.lane,
            head.row,
            min(item.x0 for item in group),
            max(item.x1 for item in group),
            head.y,
            len(group),
            first,
            last,
            [item.position for item in group],
        )
        self.frame.clusters.append(cluster)
        entries.append(cluster)
        for item in group:
            if item.selected:
                self._add_item(item, alone=True)

    def _item(self, lane_index: int, row: int, position: int, y: float) -> Item | None:
        index = self.index
        window = self.request.window
        first = index.first[position]
        last = index.last[position]
        start, ppd = window.start, window.ppd
        if first == last:
            centre = (first + 0.5 - start) * ppd
            x0, x1, point = centre - MARKER_SIZE / 2, centre + MARKER_SIZE / 2, True
        else:
            x0 = (first - start) * ppd
            x1 = (last + 1 - start) * ppd
            x1 = max(x1, x0 + MIN_BAR_PX)
            point = False
        if x1 < -MARKER_SIZE or x0 > self.request.width + MARKER_SIZE:
            return None
        selected = position == self.selected
        return Item(
            position,
            lane_index,
            row,
            x0,
            x1,
            y,
            point,
            selected=selected,
            current=selected and lane_index == self.current_lane,
            highlighted=position in self.request.highlighted,
        )

    def _add_item(self, item: Item, *, alone: bool = False) -> None:
        """Add an item; ``alone``: drawn over a band or a cluster, not in a row of items."""
        self.frame.items.append(item)
        if alone and item.current:
            self.slots.append(self._slot(item, self.request.width, priority=True))

    def _label_slots(self, entries: list[Item | Cluster]) -> None:
        width = self.request.width
        last = len(entries) - 1
        for at, entry in enumerate(entries):
            if not isinstance(entry, Item):
                continue
            if entry.x1 <= 0 and not entry.current:
                continue  # its mark lies wholly left of the view: no label floating without it
            limit = entries[at + 1].x0 - LABEL_GAP if at < last else width
            limit = min(limit, width)
            room_after = limit - entry.x1
            room_inside = 0.0 if entry.point else min(entry.x1, width) - max(entry.x0, 0.0)
            if entry.current or room_after >= MIN_LABEL_PX or room_inside >= MIN_LABEL_PX:
                self.slots.append(self._slot(entry, limit, priority=entry.current))

    def _slot(self, item: Item, limit: float, *, priority: bool = False) -> LabelSlot:
        inside = None
        if not item.point:
            width = self.request.width
            # past an edge, the label keeps clear of the arrow that says the bar runs on
            left = item.x0 + LABEL_GAP if item.x0 >= 0 else EDGE_ARROW
            right = item.x1 - LABEL_GAP if item.x1 <= width else width - EDGE_ARROW
            inner = (left, right)
            inside = inner if inner[1] > inner[0] else None
        gap = CURRENT_LABEL_GAP if item.current else LABEL_GAP
        start = max(item.x1 + gap, 0.0)
        outside = (start, max(limit, start))
        return LabelSlot(
            item.position, item.y, inside, outside, priority, item.x0 - gap + LABEL_GAP
        )


def build_frame(
    index: EventIndex,
    lanes: Sequence[Lane],
    layout: LaneLayout,
    request: FrameRequest,
    metrics: TextMetrics | None = None,
) -> Frame:
    """The frame for ``request``; with ``metrics``, labels are placed too."""
    builder = _Builder(index, lanes, layout, request)
    frame = builder.build()
    if metrics is not None:
        index.prefetch_titles(slot.key for slot in builder.slots)
        frame.labels = place_labels(
            builder.slots, index.title, metrics, limit=request.width - LABEL_GAP
        )
    return frame
