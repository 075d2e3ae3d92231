"""Timeline structures built from plain intervals, without a database."""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.core.timeline.frame import FrameRequest, Selection
from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.lanes import LaneGrouping, build_lane
from timeline_app.core.timeline.scene import TimelineScene
from timeline_app.core.timeline.viewport import TimeWindow

BASE = 738_000  # an ordinal day in 2021


def make_index(
    intervals: Sequence[tuple[int, int]], titles: Sequence[str] | None = None
) -> EventIndex:
    """Events over the given (first, last) days relative to BASE, in time order, ids from 1."""
    order = sorted(range(len(intervals)), key=lambda k: (intervals[k][0], intervals[k][1], k))
    index = EventIndex()
    index.extend(
        [
            (
                k + 1,
                BASE + intervals[k][0],
                BASE + intervals[k][1],
                BASE + intervals[k][0],
                BASE + intervals[k][1],
                0x01010000 | 3 << 8,
                0,
            )
            for k in order
        ]
    )
    index.finish()
    names = titles or [f"Event {k + 1}" for k in range(len(intervals))]
    index.set_titles((k + 1, names[k]) for k in range(len(intervals)))
    return index


def make_scene(lanes: Sequence[Sequence[tuple[int, int]]]) -> TimelineScene:
    """A scene with one lane per list of intervals (event ids numbered across lanes)."""
    flat = [interval for lane in lanes for interval in lane]
    index = make_index(flat)
    built = []
    start = 0
    for number, lane in enumerate(lanes):
        ids = range(start + 1, start + len(lane) + 1)
        positions = index.positions(ids)
        built.append(build_lane(index, f"lane:{number}", f"Lane {number}", positions))
        start += len(lane)
    return TimelineScene(index, built, LaneGrouping.NONE)


def request(
    first_day: float, ppd: float, width: float = 1000, height: float = 600, **kwargs: object
) -> FrameRequest:
    window = TimeWindow(BASE + first_day, ppd)
    selection = kwargs.pop("selection", None)
    assert selection is None or isinstance(selection, Selection)
    return FrameRequest(window, width, height, selection, **kwargs)  # type: ignore[arg-type]
