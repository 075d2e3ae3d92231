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
    rows: list[int] = []
    ends: list[int] = []  # the last day of each row so far
    for at, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        for row, end in enumerate(ends):
            if end < first:
                ends[row] = last
                rows.append(row)
                break
        else:
            if len(ends) == SCAN_ROWS:  # a busy lane: go on with heaps
                return _pack_heaps(firsts, lasts, at, rows, ends)
            rows.append(len(ends))
            ends.append(last)
    return rows, len(ends)


def _pack_heaps(
    firsts: Sequence[int], lasts: Sequence[int], start: int, rows: list[int], ends: list[int]
) -> tuple[list[int], int]:
    """First fit from interval ``start`` on, with heaps of busy and free rows."""
    busy = [(end, row) for row, end in enumerate(ends)]  # (last day, row) of the rows in use
    heapify(busy)
    free: list[int] = []  # rows that became free, lowest first
    count = len(ends)
    for first, last in zip(firsts[start:], lasts[start:], strict=True):
        while busy and busy[0][0] < first:
            heappush(free, heappop(busy)[1])
        if free:
            row = heappop(free)
        else:
            row = count
            count += 1
        heappush(busy, (last, row))
        rows.append(row)
    return rows, count


def row_count(firsts: Sequence[int], sorted_lasts: list[int]) -> int:
    """How many rows :func:`pack` makes of these intervals: the most that share a day.

    ``firsts`` ascending, ``sorted_lasts`` the last days sorted. On the day the k-th interval
    (from 1) starts, the k intervals started by then are all running but those that ended
    before it; the busiest day is the first day of one of them. C loops only: two bisections
    an interval, no Python code per interval.
    """
    ended = map(bisect_left, repeat(sorted_lasts), firsts)
    return max(map(sub, range(1, len(firsts) + 1), ended), default=0)
