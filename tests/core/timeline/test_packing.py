"""Events that overlap in a lane are packed into rows, so that none hides another."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.timeline.packing import Packer, pack, row_count


def test_overlapping_events_go_to_different_rows_and_the_rest_share_the_first() -> None:
    # 1-5 and 3-4 overlap; 6-9 starts after both end; 6 is a single day inside 6-9
    rows, count = pack([1, 3, 6, 6], [5, 4, 9, 6])
    assert rows == [0, 1, 0, 1]
    assert count == 2


def test_an_event_starting_the_day_after_another_ends_shares_its_row() -> None:
    rows, count = pack([1, 6], [5, 8])
    assert rows == [0, 0]
    assert count == 1


def test_two_events_on_the_same_day_never_share_a_row() -> None:
    rows, count = pack([10, 10, 10], [10, 10, 10])
    assert sorted(rows) == [0, 1, 2]
    assert count == 3


def test_a_freed_low_row_is_reused_before_a_higher_one() -> None:
    # rows 0, 1, 2 busy; row 0 frees first, then row 2: the next event takes row 0
    rows, _ = pack([1, 1, 1, 4, 7], [3, 8, 5, 9, 9])
    assert rows[3] == 0  # days 4-9: row 0 ended on day 3, row 2 on day 5
    assert rows[4] == 2  # days 7-9: row 2 is free again, rows 0 and 1 are not


intervals = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=60,
).map(sorted)


@given(intervals)
def test_no_two_events_of_a_row_overlap_and_no_row_is_wasted(spans: list[tuple[int, int]]) -> None:
    rows, count = pack([a for a, _ in spans], [b for _, b in spans])
    for i, (a1, b1) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            a2, b2 = spans[j]
            if rows[i] == rows[j]:
                assert b1 < a2 or b2 < a1
    busiest = max((sum(1 for a, b in spans if a <= day <= b) for day in range(0, 80)), default=0)
    assert count == busiest


def test_a_busy_lane_packs_the_same_way_past_a_dozen_rows() -> None:
    # twenty events on the same days, then twenty that start once the first ten have ended
    firsts = [0] * 20 + [6] * 20
    lasts = [5] * 10 + [9] * 10 + [8] * 20
    rows, count = pack(firsts, lasts)
    assert rows[:20] == list(range(20))
    assert rows[20:30] == list(range(10))  # the ten rows freed on day 6, lowest first
    assert rows[30:] == list(range(20, 30))  # then new rows
    assert count == 30


@given(intervals)
def test_the_row_count_is_known_without_packing(spans: list[tuple[int, int]]) -> None:
    firsts, lasts = [a for a, _ in spans], [b for _, b in spans]
    assert row_count(firsts, sorted(lasts)) == pack(firsts, lasts)[1]


@given(intervals, st.lists(st.integers(1, 7), min_size=1, max_size=30))
def test_packing_in_steps_puts_every_event_in_the_same_row(
    spans: list[tuple[int, int]], steps: list[int]
) -> None:
    firsts, lasts = [a for a, _ in spans], [b for _, b in spans]
    packer = Packer(firsts, lasts)
    for step in steps:
        if not packer.advance(step):
            break
    packer.advance(len(spans))
    assert packer.done
    assert (packer.rows, packer.count) == pack(firsts, lasts)


def test_a_step_that_crosses_into_a_busy_lane_goes_on_with_the_same_rows() -> None:
    firsts = [0] * 20 + [6] * 20
    lasts = [5] * 10 + [9] * 10 + [8] * 20
    packer = Packer(firsts, lasts)
    assert packer.advance(15)  # crosses the dozen rows a plain scan handles
    assert len(packer.rows) == 15
    assert not packer.advance(100)
    assert (packer.rows, packer.count) == pack(firsts, lasts)
