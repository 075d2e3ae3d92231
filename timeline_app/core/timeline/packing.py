"""Interval packing: events that overlap in a lane go to different rows, so none hides another.

Greedy first fit over intervals sorted by start uses the fewest rows possible (as many as the
largest number of events that share a day), and puts each event in the lowest free row, so a lane
stays compact at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from heapq import heappop, heappush


def pack(firsts: Sequence[int], lasts: Sequence[int]) -> tuple[list[int], int]:
    """The row of each interval ``[first, last]`` (whole days, both included) and the row count.

    ``firsts`` must be in ascending order. Two intervals share a row only if one ends on a day
    before the other starts.
    """
    rows: list[int] = []
    busy: list[tuple[int, int]] = []  # (last day, row) of the rows in use
    free: list[int] = []  # rows that became free, lowest first
    count = 0
    for first, last in zip(firsts, lasts, strict=True):
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
