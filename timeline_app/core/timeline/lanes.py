"""Lanes: the horizontal bands of a timeline, and the packing of their events into rows.

A :class:`Lane` keeps its events (by position in the :class:`EventIndex`) twice: in time order,
for navigation and counting, and row by row (:class:`Rows`), where events never overlap, so that
the events of a row within any time window are one contiguous slice found by two bisections.
Asking what is visible therefore costs in proportion to what is on screen, not to the size of
the database.

Packing is the costly part of making a lane, and most lanes of a big timeline are never drawn:
a lane knows its number of rows from the start (:func:`~.packing.row_count`, which is all the
vertical layout needs), and packs its events into rows the first time they are asked for.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate, pairwise, repeat
from operator import itemgetter, sub

from timeline_app.core.i18n import translate
from timeline_app.core.timeline.index import EventIndex
from timeline_app.core.timeline.packing import Packer, row_count

DENSITY_CELLS = 2048
LIST_COPY_LIMIT = 8  # events per stretch above which counting bisects the arrays in place
BUCKET_BLOCK = 64  # buckets of a dense row counted and kept together
BUCKET_BLOCKS_KEPT = 2048  # blocks a lane keeps (all dropped beyond: a few MB at most)


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


@dataclass(frozen=True, slots=True)
class Rows:
    """A lane's events packed into rows: row r holds ``pos[offsets[r]:offsets[r + 1]]``, in
    time order, with their first and last days (both ascending within a row)."""

    of: array[int]  # the row of each event of the lane's time order
    offsets: array[int]
    pos: array[int]
    first: array[int]
    last: array[int]

    @classmethod
    def packed_by(
        cls, order: array[int], firsts: array[int], lasts: array[int], packer: Packer
    ) -> Rows:
        """The rows of the events ``order`` (in time order) over the days ``firsts..lasts``,
        as ``packer`` (done) put them."""
        rows, count = packer.rows, packer.count
        if count <= 1:
            return cls(array("i", rows), array("i", [0, len(order)]), order, firsts, lasts)
        ranks = sorted(range(len(order)), key=rows.__getitem__)  # stable: time order per row
        counts = [0] * count
        for row in rows:
            counts[row] += 1
        return cls(
            of=array("i", rows),
            offsets=array("i", accumulate(counts, initial=0)),
            pos=array("i", map(order.__getitem__, ranks)),
            first=array("i", map(firsts.__getitem__, ranks)),
            last=array("i", map(lasts.__getitem__, ranks)),
        )


@dataclass(slots=True)
class Lane:
    """One lane: its events in time order, and packed into rows when first asked."""

    key: str
    label: str
    order: array[int]  # event positions in time order
    order_first: array[int]  # their first days (ascending)
    order_last: array[int]  # their last days
    sorted_last: array[int]  # the events' last days, sorted (for counting)
    row_count: int
    density: Density | None = None  # built when the lane is first summarised
    packed: Rows | None = None  # built when the rows are first asked for, or ahead
    packer: Packer | None = None  # packing ahead, begun and not finished
    # counts of dense rows' buckets, by (row, days a bucket, block): kept while panning
    bucket_blocks: dict[tuple[int, float, int], list[int]] = field(default_factory=dict)

    @property
    def rows(self) -> Rows:
        """The lane's rows, packed now (what is left to pack) if they were not yet."""
        return self.packed or self.pack()

    def pack(self) -> Rows:
        """Pack what is left of the lane's events into rows; the rows."""
        if self.packed is None:
            self.pack_ahead(len(self.order))
        assert self.packed is not None
        return self.packed

    def pack_ahead(self, limit: int) -> int:
        """Pack up to ``limit`` more events, where the last call stopped; how many it packed.
        The rows are made once the last event is packed."""
        if self.packed is not None:
            return 0
        packer = self.packer or Packer(self.order_first, self.order_last)
        before = len(packer.rows)
        if packer.advance(limit):
            self.packer = packer
        else:
            self.packed = Rows.packed_by(self.order, self.order_first, self.order_last, packer)
            self.packer = None
        return len(packer.rows) - before

    @property
    def row_of(self) -> array[int]:
        return self.rows.of

    @property
    def row_offsets(self) -> array[int]:
        return self.rows.offsets

    @property
    def row_pos(self) -> array[int]:
        return self.rows.pos

    @property
    def row_first(self) -> array[int]:
        return self.rows.first

    @property
    def row_last(self) -> array[int]:
        return self.rows.last

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
        rows = self.rows
        lo, hi = rows.offsets[row], rows.offsets[row + 1]
        return stretch_counts(rows.first, rows.last, lo, hi, starts)

    def row_bucket_counts(self, row: int, bucket_days: float, first: int, count: int) -> list[int]:
        """:meth:`row_counts` of the buckets ``first .. first + count - 1``, bucket k being the
        days ``[ceil(k * bucket_days), ceil((k + 1) * bucket_days) - 1]`` (buckets aligned on
        absolute days). Counted by blocks of :data:`BUCKET_BLOCK` buckets that are kept: a frame
        panned from the last one counts only the buckets that came into view."""
        if count <= 0:
            return []
        blocks = self.bucket_blocks
        first_block = first // BUCKET_BLOCK
        last_block = (first + count - 1) // BUCKET_BLOCK
        if len(blocks) + last_block - first_block >= BUCKET_BLOCKS_KEPT:
            blocks.clear()
        counts: list[int] = []
        rows = None
        for block in range(first_block, last_block + 1):
            key = (row, bucket_days, block)
            found = blocks.get(key)
            if found is None:
                rows = rows or self.rows
                begins, ends = _block_edges(bucket_days, block)
                lo, hi = rows.offsets[row], rows.offsets[row + 1]
                lo = bisect_left(rows.last, begins[0], lo, hi)
                hi = bisect_right(rows.first, ends[-1], lo, hi)
                if hi > lo:
                    found = _counts_between(rows.first, rows.last, lo, hi, begins=begins, ends=ends)
                else:  # nothing in the row there (often, far out): no bisections
                    found = _EMPTY_BLOCK
                blocks[key] = found
            counts += found
        skip = first - first_block * BUCKET_BLOCK
        return counts[skip : skip + count]

    def count_between(self, first_day: int, last_day: int) -> int:
        """How many of the lane's events have a possible day within ``[first_day, last_day]``."""
        started = bisect_right(self.order_first, last_day)
        ended = bisect_left(self.sorted_last, first_day)
        return max(0, started - ended)

    def row_slice(self, row: int, first_day: int, last_day: int) -> tuple[int, int]:
        """The ``row_pos`` indices ``[lo, hi)`` of row ``row``'s events that touch the days."""
        rows = self.rows
        lo, hi = rows.offsets[row], rows.offsets[row + 1]
        return (
            bisect_left(rows.last, first_day, lo, hi),
            bisect_right(rows.first, last_day, lo, hi),
        )


def stretch_counts(
    firsts: array[int], lasts: array[int], lo: int, hi: int, starts: Sequence[int]
) -> list[int]:
    """How many of the events ``lo..hi`` (``firsts`` ascending, ``lasts`` sorted) touch each
    stretch of days ``[starts[k], starts[k + 1] - 1]``: those that start by its last day, less
    those that ended before its first."""
    if len(starts) < 2:
        return []
    lo = bisect_left(lasts, starts[0], lo, hi)
    hi = bisect_right(firsts, starts[-1] - 1, lo, hi)
    return _counts_between(
        firsts, lasts, lo, hi, begins=starts[:-1], ends=[day - 1 for day in starts[1:]]
    )


def _counts_between(
    firsts: array[int],
    lasts: array[int],
    lo: int,
    hi: int,
    *,
    begins: Sequence[int],
    ends: Sequence[int],
) -> list[int]:
    """:func:`stretch_counts` of the stretches ``[begins[k], ends[k]]``, for the events
    ``lo..hi``, all of which touch them. Two bisections a stretch, run by C loops over plain
    lists of the events in range (bisecting an array boxes every value it compares)."""
    if hi - lo > LIST_COPY_LIMIT * (len(begins) + 1):  # copying would cost more than it saves
        started = map(bisect_right, repeat(firsts), ends, repeat(lo), repeat(hi))
        ended = map(bisect_left, repeat(lasts), begins, repeat(lo), repeat(hi))
        return list(map(sub, started, ended))
    first_list, last_list = firsts[lo:hi].tolist(), lasts[lo:hi].tolist()
    size = len(first_list)
    started = map(bisect_right, repeat(first_list), ends, repeat(0), repeat(size))
    ended = map(bisect_left, repeat(last_list), begins, repeat(0), repeat(size))
    return list(map(sub, started, ended))  # never negative: what ended had started


_EMPTY_BLOCK = [0] * BUCKET_BLOCK  # shared by the blocks of rows with nothing there: not changed


@lru_cache(maxsize=4096)
def _block_edges(bucket_days: float, block: int) -> tuple[list[int], list[int]]:
    """The first and last days of the buckets of a block (the same for every row and lane):
    bucket k runs from ``ceil(k * bucket_days)`` to the day before the next one begins."""
    k0 = block * BUCKET_BLOCK
    starts = [math.ceil(k * bucket_days) for k in range(k0, k0 + BUCKET_BLOCK + 1)]
    return starts[:-1], [day - 1 for day in starts[1:]]


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
    """A lane of the events at ``positions`` (in any order; duplicates are dropped), to be
    packed into rows when they are first asked for."""
    order = sorted(set(positions))
    if len(order) > 1:  # one C call each (lanes by actor make thousands of small lanes)
        days = itemgetter(*order)
        firsts, lasts = days(index.first), days(index.last)
    else:
        firsts, lasts = [index.first[p] for p in order], [index.last[p] for p in order]
    sorted_last = sorted(lasts)
    return Lane(
        key=key,
        label=label,
        order=array("i", order),
        order_first=array("i", firsts),
        order_last=array("i", lasts),
        sorted_last=array("i", sorted_last),
        row_count=row_count(firsts, sorted_last),
    )
