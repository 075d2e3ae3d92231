"""A lane is packed into rows only when they are first asked for, into the same rows as ever."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.core.timeline.build import make_index
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
