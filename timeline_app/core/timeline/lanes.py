"""Lanes: the horizontal bands of a timeline, and the packing of their events into rows.

A :class:`Lane` keeps its events (by position in the :class:`EventIndex`) twice: in time order,
for navigation and counting, and row by row, where events never overlap, so that the events of a
row within any time window are one contiguous slice found by two bisections. Asking what is
visible therefore costs in proportion to what is on screen, not to the size of the database.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate, pairwise, repeat
from operator import sub

from timeline_app.core.i18n import translate
from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.packing import pack

DENSITY_CELLS = 2048
LIST_COPY_LIMIT = 8  # events per stretch above which counting bisects the arrays in place


class LaneGrouping(StrEnum):
    """What puts events in the same lane."""

    ACTOR = "actor"
    COUNTRY = "country"
    TRIP = "trip"
    KIND = "kind"
    NONE = "none"

    @property
    def label(self) -> str:
        return translate("timeline", _GROUPING_LABELS[self])


_GROUPING_LABELS = {
    LaneGrouping.ACTOR: "Visiting actor",
    LaneGrouping.COUNTRY: "Destination country",
    LaneGrouping.TRIP: "Trip",
    LaneGrouping.KIND: "Kind",
    LaneGrouping.NONE: "Single lane",
}


@dataclass(slots=True)
class Lane:
    """One lane: its events in time order and packed into rows."""

    key: str
    label: str
    order: array[int]  # event positions in time order
    order_first: array[int]  # their first days (ascending)
    sorted_last: array[int]  # the events' last days, sorted (for counting)
    row_of: array[int]  # the row of each event of ``order``
    row_count: int
    row_offsets: array[int]  # row r holds row_pos[row_offsets[r]:row_offsets[r + 1]]
    row_pos: array[int]
    row_first: array[int]
    row_last: array[int]
    density: Density | None = None  # built when the lane is first summarised

    def __len__(self) -> int:
        return len(self.order)

    @property
    def first_day(self) -> int:
        return self.order_first[0]

    @property
    def last_day(self) -> int:
        return self.sorted_last[-1]

    def rank(self, position: int) -> int | None:
        """The place of an event in this lane's time order; None when it is not in the lane."""
        at = bisect_left(self.order, position)
        if at < len(self.order) and self.order[at] == position:
            return at
        return None

    def row(self, position: int) -> int | None:
        at = self.rank(position)
        return None if at is None else self.row_of[at]

    def counts(self, starts: Sequence[int]) -> list[int]:
        """About how many events touch each stretch ``[starts[k], starts[k + 1] - 1]`` of days,
        for a density band: read from cumulative counts kept at a resolution of a few days (at
        most :data:`DENSITY_CELLS` cells a lane), two look-ups a stretch whatever the lane's
        size. Stretches are rounded out to whole cells."""
        if self.density is None:
            self.density = Density.of(self)
        return self.density.counts(starts)

    def row_counts(self, row: int, starts: Sequence[int]) -> list[int]:
        """Like :meth:`counts`, for one row."""
        lo, hi = self.row_offsets[row], self.row_offsets[row + 1]
        return stretch_counts(self.row_first, self.row_last, lo, hi, starts)

    def count_between(self, first_day: int, last_day: int) -> int:
        """How many of the lane's events have a possible day within ``[first_day, last_day]``."""
        started = bisect_right(self.order_first, last_day)
        ended = bisect_left(self.sorted_last, first_day)
        return max(0, started - ended)

    def row_slice(self, row: int, first_day: int, last_day: int) -> tuple[int, int]:
        """The ``row_pos`` indices ``[lo, hi)`` of row ``row``'s events that touch the days."""
        lo, hi = self.row_offsets[row], self.row_offsets[row + 1]
        return (
            bisect_left(self.row_last, first_day, lo, hi),
            bisect_right(self.row_first, last_day, lo, hi),
        )


def stretch_counts(
    firsts: array[int], lasts: array[int], lo: int, hi: int, starts: Sequence[int]
) -> list[int]:
    """How many of the events ``lo..hi`` (``firsts`` ascending, ``lasts`` sorted) touch each
    stretch of days ``[starts[k], starts[k + 1] - 1]``: those that start by its last day, less
    those that ended before its first. Two bisections a stretch, run by C loops over plain
    lists of the events in range (bisecting an array boxes every value it compares)."""
    if len(starts) < 2:
        return []
    lo = bisect_left(lasts, starts[0], lo, hi)
    hi = bisect_right(firsts, starts[-1] - 1, lo, hi)
    ends = [day - 1 for day in starts[1:]]
    if hi - lo > LIST_COPY_LIMIT * len(starts):  # copying would cost more than it saves
        started = map(bisect_right, repeat(firsts), ends, repeat(lo), repeat(hi))
        ended = map(bisect_left, repeat(lasts), starts[:-1], repeat(lo), repeat(hi))
        return list(map(sub, started, ended))
    first_list, last_list = firsts[lo:hi].tolist(), lasts[lo:hi].tolist()
    size = len(first_list)
    started = map(bisect_right, repeat(first_list), ends, repeat(0), repeat(size))
    ended = map(bisect_left, repeat(last_list), starts[:-1], repeat(0), repeat(size))
    return list(map(sub, started, ended))  # never negative: what ended had started


@dataclass(slots=True)
class Density:
    """Cumulative counts of a lane's events, ``resolution`` days a cell from ``origin``:
    ``started[c]`` events begin by the end of cell c, ``ended[c]`` end before its start."""

    origin: int
    resolution: int
    started: array[int]
    ended: array[int]

    @classmethod
    def of(cls, lane: Lane) -> Density:
        origin = lane.first_day
        span = lane.last_day - origin + 1
        resolution = max(1, -(-span // DENSITY_CELLS))
        cells = -(-span // resolution) + 1
        edges = [origin + cell * resolution for cell in range(cells + 1)]
        firsts, lasts = lane.order_first.tolist(), lane.sorted_last.tolist()
        started = array("i", map(bisect_right, repeat(firsts), [e - 1 for e in edges[1:]]))
        ended = array("i", map(bisect_left, repeat(lasts), edges[:-1]))
        return cls(origin, resolution, started, ended)

    def counts(self, starts: Sequence[int]) -> list[int]:
        top = len(self.started) - 1
        origin, resolution = self.origin, self.resolution
        cells = [min(max((day - origin) // resolution, -1), top + 1) for day in starts]
        started, ended = self.started, self.ended
        total = started[top]
        result = []
        for first_cell, next_cell in pairwise(cells):
            last_cell = next_cell - 1 if next_cell > first_cell else first_cell
            if last_cell < 0 or first_cell > top:
                result.append(0)
                continue
            begun = started[last_cell] if last_cell <= top else total
            gone = ended[first_cell] if first_cell >= 0 else 0
            result.append(max(begun - gone, 0))
        return result


def build_lane(index: EventIndex, key: str, label: str, positions: Sequence[int]) -> Lane:
    """A lane of the events at ``positions`` (in any order; duplicates are dropped), packed."""
    order = array("i", sorted(set(positions)))
    order_first = array("i", map(index.first.__getitem__, order))
    order_last = array("i", map(index.last.__getitem__, order))
    rows, row_count = pack(order_first, order_last)
    if row_count <= 1:
        row_pos, row_first, row_last = order, order_first, order_last
        offsets = array("i", [0, len(order)])
    else:
        ranks = sorted(range(len(order)), key=rows.__getitem__)  # stable: time order per row
        row_pos = array("i", map(order.__getitem__, ranks))
        row_first = array("i", map(order_first.__getitem__, ranks))
        row_last = array("i", map(order_last.__getitem__, ranks))
        counts = [0] * row_count
        for row in rows:
            counts[row] += 1
        offsets = array("i", accumulate(counts, initial=0))
    return Lane(
        key=key,
        label=label,
        order=order,
        order_first=order_first,
        sorted_last=array("i", sorted(order_last)),
        row_of=array("i", rows),
        row_count=row_count,
        row_offsets=offsets,
        row_pos=row_pos,
        row_first=row_first,
        row_last=row_last,
    )
