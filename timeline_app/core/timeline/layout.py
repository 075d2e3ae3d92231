"""Where lanes and rows sit vertically, at a given zoom.

A lane is as tall as its rows, except when it is *summarised*: zoomed out so far that its events
would average fewer than :data:`MIN_EVENT_PX` pixels each, a busy lane folds into one density
band (how many events fall in each stretch of time) instead of a heap of rows; zooming in unfolds
it again.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from timeline_app.core.timeline.lanes import Lane

ROW_HEIGHT = 24
LANE_PADDING = 4  # above and below a lane's rows
BAND_HEIGHT = 32
MIN_EVENT_PX = 6.0
SUMMARY_MIN_EVENTS = 24  # a lane with fewer events is never summarised


def summary_ppd(lane: Lane) -> float:
    """Below this many pixels per day the lane is summarised (0: never)."""
    count = len(lane)
    if count < SUMMARY_MIN_EVENTS:
        return 0.0
    span = lane.last_day - lane.first_day + 1
    return MIN_EVENT_PX * count / (max(lane.row_count, 1) * span)


@dataclass(frozen=True, slots=True)
class LaneLayout:
    """The vertical layout of all lanes at one zoom."""

    offsets: array[int]  # lane i spans [offsets[i], offsets[i + 1])
    summarised: bytes

    @classmethod
    def build(cls, lanes: Sequence[Lane], thresholds: Sequence[float], ppd: float) -> LaneLayout:
        """The layout at ``ppd``; thousands of lanes cost a few C loops, not a Python one."""
        folded = bytes(map(ppd.__lt__, thresholds))
        band = BAND_HEIGHT + 2 * LANE_PADDING
        heights = [
            band if fold else lane.row_count * ROW_HEIGHT + 2 * LANE_PADDING
            for fold, lane in zip(folded, lanes, strict=True)
        ]
        return cls(array("i", accumulate(heights, initial=0)), folded)

    @property
    def height(self) -> int:
        return self.offsets[-1]

    def lane_top(self, lane: int) -> int:
        return self.offsets[lane]

    def lane_height(self, lane: int) -> int:
        return self.offsets[lane + 1] - self.offsets[lane]

    def row_top(self, lane: int, row: int) -> int:
        """The top of a row (of the band, for a summarised lane)."""
        if self.summarised[lane]:
            return self.offsets[lane] + LANE_PADDING
        return self.offsets[lane] + LANE_PADDING + row * ROW_HEIGHT

    def lane_at(self, y: float) -> int | None:
        """The lane under content coordinate ``y`` (already scrolled); None outside all."""
        if y < 0 or y >= self.height:
            return None
        return bisect_right(self.offsets, y) - 1

    def visible_lanes(self, top: float, bottom: float) -> range:
        """The lanes that show, at least partly, between ``top`` and ``bottom``."""
        count = len(self.offsets) - 1
        first = max(bisect_right(self.offsets, top) - 1, 0)
        last = min(bisect_right(self.offsets, bottom - 1e-9), count)
        return range(first, max(last, first))
