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
from itertools import accumulate

from timeline_app.core.i18n import translate
from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.packing import pack


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
