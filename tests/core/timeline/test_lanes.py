"""A lane is packed into rows only when they are first asked for, into the same rows as ever."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.timeline.build import make_index, make_scene
from timeline_app.core.timeline import scene as scene_module
from timeline_app.core.timeline.lanes import build_lane
from timeline_app.core.timeline.packing import pack

spans = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])),
    min_size=1,
    max_size=80,
)


@given(spans, st.data())
def test_a_lane_packed_late_has_the_rows_of_eager_packing(
    intervals: list[tuple[int, int]], data: st.DataObject
) -> None:
    index = make_index(intervals)
    chosen = data.draw(
        st.lists(st.integers(0, len(intervals) - 1), min_size=1, max_size=len(intervals))
    )
    lane = build_lane(index, "lane", "Lane", chosen)
    assert lane.packed is None  # not packed yet: laid out from its row count alone
    order = sorted(set(chosen))
    firsts = [index.first[p] for p in order]
    lasts = [index.last[p] for p in order]
    rows, count = pack(firsts, lasts)  # what packing every lane at once gave

    assert lane.row_count == count
    assert list(lane.order) == order
    assert list(lane.row_of) == rows
    assert lane.packed is not None
    for row in range(count):
        lo, hi = lane.row_offsets[row], lane.row_offsets[row + 1]
        members = [p for p, r in zip(order, rows, strict=True) if r == row]
        assert list(lane.row_pos[lo:hi]) == members  # each row in time order
        assert list(lane.row_first[lo:hi]) == [index.first[p] for p in members]
        assert list(lane.row_last[lo:hi]) == [index.last[p] for p in members]
    for position in order:
        assert lane.row(position) == rows[order.index(position)]


def test_rows_are_packed_once_and_only_when_asked() -> None:
    index = make_index([(0, 5), (2, 3), (6, 6)])
    lane = build_lane(index, "lane", "Lane", [0, 1, 2])
    assert lane.packed is None
    assert lane.row_count == 2
    assert lane.count_between(index.first[1], index.last[1]) == 2  # counting: no rows needed
    assert lane.packed is None
    rows = lane.rows
    assert lane.rows is rows
    assert lane.row_slice(1, index.first[0], index.last[2]) == (2, 3)


@given(spans, st.lists(st.integers(1, 9), min_size=1, max_size=20))
def test_a_lane_packed_ahead_in_steps_has_the_rows_of_eager_packing(
    intervals: list[tuple[int, int]], steps: list[int]
) -> None:
    index = make_index(intervals)
    everything = list(range(len(intervals)))
    eager = build_lane(index, "lane", "Lane", everything).rows
    lane = build_lane(index, "lane", "Lane", everything)
    packed = 0
    for step in steps:
        packed += lane.pack_ahead(step)
        assert lane.packed is None or packed == len(lane)
    rows = lane.rows  # what is left, at once
    assert (list(rows.of), list(rows.offsets), list(rows.pos)) == (
        list(eager.of),
        list(eager.offsets),
        list(eager.pos),
    )
    assert lane.packer is None
    assert lane.pack_ahead(5) == 0


def test_the_scene_packs_ahead_the_biggest_lanes_first_within_the_limit() -> None:
    scene = make_scene([[(0, 1)] * 3, [(k, k + 2) for k in range(10)], [(5, 5)]])
    assert all(lane.packed is None for lane in scene.lanes)
    assert scene.pack_ahead(4)  # four of the ten events of the biggest lane
    assert [lane.packed is None for lane in scene.lanes] == [True, True, True]
    assert scene.lanes[1].packer is not None and len(scene.lanes[1].packer.rows) == 4
    assert scene.pack_ahead(7)  # the other six, then one of the three-event lane
    assert scene.lanes[1].packed is not None and scene.lanes[0].packed is None
    assert not scene.pack_ahead(100)
    assert all(lane.packed is not None for lane in scene.lanes)
    assert not scene.pack_ahead(100)


@given(
    spans,
    st.floats(1.0, 40.0),
    st.lists(st.tuples(st.integers(-30, 150), st.integers(0, 150)), min_size=1, max_size=6),
)
def test_dense_rows_count_the_events_of_each_bucket_frame_after_frame(
    intervals: list[tuple[int, int]], bucket_days: float, windows: list[tuple[int, int]]
) -> None:
    """What a density strip shows, for frames panned and jumped about at one zoom (the lane
    keeps the counts it made): how many of the row's events touch each bucket of days."""
    index = make_index(intervals)
    lane = build_lane(index, "lane", "Lane", range(len(intervals)))
    origin = math.floor(index.first[0] / bucket_days)
    for row in range(lane.row_count):
        lo, hi = lane.row_offsets[row], lane.row_offsets[row + 1]
        events = list(zip(lane.row_first[lo:hi], lane.row_last[lo:hi], strict=True))
        for offset, count in windows:
            first = origin + offset
            expected = []
            for k in range(first, first + count):
                start, end = math.ceil(k * bucket_days), math.ceil((k + 1) * bucket_days) - 1
                expected.append(sum(1 for a, b in events if a <= end and b >= start))
            assert lane.row_bucket_counts(row, bucket_days, first, count) == expected


def test_after_packing_the_scene_counts_ahead_the_density_of_big_lanes_that_fold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Far out, a big lane folds into a density band; its counts are made ahead (once the lanes
    are packed), biggest first, and are those the band would have counted when drawn."""
    monkeypatch.setattr(scene_module, "DENSITY_AHEAD_MIN", 30)
    busy = [(k, k + 3) for k in range(0, 400, 2)]  # 200 events, folded when far out
    scene = make_scene([busy[:40], busy, busy[:10]])
    assert [lane.density for lane in scene.lanes] == [None] * 3
    assert scene.pack_ahead(250)  # all the events packed: the limit is spent
    assert all(lane.packed is not None for lane in scene.lanes)
    assert [lane.density for lane in scene.lanes] == [None] * 3
    assert scene.pack_ahead(1)  # the biggest lane's density (a lane at a time at least)
    assert scene.lanes[1].density is not None and scene.lanes[0].density is None
    assert not scene.pack_ahead(1000)
    assert scene.lanes[0].density is not None
    assert scene.lanes[2].density is None  # too small to be worth it: counted when drawn
    first = scene.lanes[1].first_day
    starts = list(range(first - 10, first + 420, 7))
    counted = [lane.counts(starts) for lane in scene.lanes[:2]]
    for lane in scene.lanes[:2]:
        lane.density = None  # counted again when asked, as a frame would
    assert [lane.counts(starts) for lane in scene.lanes[:2]] == counted
    assert max(counted[1]) > 0
