"""Interval packing: events that overlap in a lane go to different rows, so that none hides another.

Greedy first fit over intervals sorted by start uses the fewest rows possible (as many as the
largest number of events that share a day), and puts each event in the lowest free row, so a lane
stays compact at the top. That number, :func:`row_count`, is known without packing, for a
fraction of the cost: lanes are laid out with it and packed only when they are drawn.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from heapq import heapify, heappop, heappush
from itertools import repeat
from operator import sub

SCAN_ROWS = 12  # up to this many rows, a plain scan for the lowest free row is fastest


def pack(firsts: Sequence[int], lasts: Sequence[int]) -> tuple[list[int], int]:
    """The row of each interval ``[first, last]`` (whole days, both included) and the row count.

    ``firsts`` must be in ascending order. Two intervals share a row only if one ends on a day
    before the other starts.
    """
    packer = Packer(firsts, lasts)
    packer.advance(len(firsts))
    return packer.rows, packer.count


class Packer:
    """:func:`pack`, a step at a time: :meth:`advance` packs the next intervals and can be
    called again later, so that a lane of a million events is packed in idle moments rather
    than in one long pause."""

    def __init__(self, firsts: Sequence[int], lasts: Sequence[int]) -> None:
        if len(firsts) != len(lasts):
            raise ValueError("as many first days as last days are needed")
        self.firsts = firsts
        self.lasts = lasts
        self.rows: list[int] = []  # the row of each interval packed so far
        self._ends: list[int] = []  # the last day of each row, while they are few
        self._busy: list[tuple[int, int]] | None = None  # then: (last day, row) of rows in use
        self._free: list[int] = []  # and the rows that became free, lowest first
        self._count = 0  # with heaps: the number of rows

    @property
    def done(self) -> bool:
        return len(self.rows) == len(self.firsts)

    @property
    def count(self) -> int:
        """The number of rows so far."""
        return len(self._ends) if self._busy is None else self._count

    def advance(self, limit: int) -> bool:
        """Pack up to ``limit`` more intervals; True while some are left."""
        start = len(self.rows)
        stop = min(start + limit, len(self.firsts))
        if self._busy is None:
            start = self._scan(start, stop)
        if start < stop:
            self._heaps(start, stop)
        return not self.done

    def _scan(self, start: int, stop: int) -> int:
        """A plain scan for the lowest free row, the fastest while rows are few; where it
        stopped (at ``stop``, or where the rows became too many for it)."""
        rows, ends = self.rows, self._ends
        firsts, lasts = self.firsts, self.lasts
        for at in range(start, stop):
            first, last = firsts[at], lasts[at]
            for row, end in enumerate(ends):
                if end < first:
                    ends[row] = last
                    rows.append(row)
                    break
            else:
                if len(ends) == SCAN_ROWS:  # a busy lane: go on with heaps
                    self._busy = [(end, row) for row, end in enumerate(ends)]
                    heapify(self._busy)
                    self._count = len(ends)
                    return at
                rows.append(len(ends))
                ends.append(last)
        return stop

    def _heaps(self, start: int, stop: int) -> None:
        """First fit with heaps of busy and free rows."""
        busy, free, rows = self._busy, self._free, self.rows
        assert busy is not None
        count = self._count
        firsts, lasts = self.firsts, self.lasts
        for at in range(start, stop):
            first, last = firsts[at], lasts[at]
            while busy and busy[0][0] < first:
                heappush(free, heappop(busy)[1])
            if free:
                row = heappop(free)
            else:
                row = count
                count += 1
            heappush(busy, (last, row))
            rows.append(row)
        self._count = count


def row_count(firsts: Sequence[int], sorted_lasts: list[int]) -> int:
    """How many rows :func:`pack` makes of these intervals: the most that share a day.

    ``firsts`` ascending, ``sorted_lasts`` the last days sorted. On the day the k-th interval
    (from 1) starts, the k intervals started by then are all running but those that ended
    before it; the busiest day is the first day of one of them. C loops only: two bisections
    an interval, no Python code per interval.
    """
    count = len(firsts)
    if count < 2 or sorted_lasts[0] >= firsts[-1]:
        return count  # all of them run on the day the last one starts
    ended = map(bisect_left, repeat(sorted_lasts), firsts)
    return int(max(map(sub, range(1, count + 1), ended)))
