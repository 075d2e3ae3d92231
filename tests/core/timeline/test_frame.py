"""What a frame shows: exactly the events in view; summaries far out; events again close in."""

from __future__ import annotations

import random
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.timeline.build import BASE, make_scene, request
from timeline_app.core.timeline.frame import Selection
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.timeline.metrics import FixedWidthMetrics


def brute_force(scene, first: float, last: float) -> set[int]:  # type: ignore[no-untyped-def]
    index = scene.index
    return {p for p in range(len(index)) if index.first[p] <= last and index.last[p] + 1 >= first}


def drawn_positions(frame) -> set[int]:  # type: ignore[no-untyped-def]
    drawn = {item.position for item in frame.items}
    for cluster in frame.clusters:
        drawn.update(cluster.positions)
    return drawn


def test_a_frame_shows_exactly_the_events_that_touch_the_window() -> None:
    rng = random.Random(3)
    spans = []
    for _ in range(400):
        start = rng.randrange(0, 3000)
        spans.append((start, start + rng.choice((0, 0, 1, 3, 20))))
    scene = make_scene([spans])
    for left in (0, 700, 1500, 2990):
        req = request(left, 4.0, width=1000, height=100_000)
        frame = scene.frame(req)
        first, last = req.window.days(1000)
        shown = drawn_positions(frame)
        expected = brute_force(scene, first, last)
        # markers are 12 px wide: one whose day is just outside may still show its edge
        assert expected <= shown
        assert shown <= brute_force(scene, first - 4, last + 4)


def test_the_rows_in_view_only_are_asked() -> None:
    scene = make_scene([[(day, day + 40) for day in range(0, 400, 2)]])  # 21 rows deep
    lane = scene.lanes[0]
    assert lane.row_count == 21
    frame = scene.frame(request(0, 2.0, height=5 * ROW_HEIGHT))
    assert {item.row for item in frame.items} <= set(range(5))
    assert frame.lanes[0].height > 5 * ROW_HEIGHT


@given(st.integers(0, 2000), st.floats(0.5, 50))
@settings(max_examples=40, deadline=None)
def test_visible_items_match_brute_force(left: int, ppd: float) -> None:
    rng = random.Random(11)
    spans = [(s, s + rng.choice((1, 2, 9))) for s in (rng.randrange(0, 2500) for _ in range(150))]
    scene = make_scene([spans])
    width = 800.0
    req = request(left, ppd, width=width, height=100_000)
    frame = scene.frame(req)
    first, last = req.window.days(width)
    drawn = drawn_positions(frame)
    margin = 16 / ppd
    assert (
        brute_force(scene, first, last)
        <= drawn
        <= brute_force(scene, first - margin, last + margin)
    )


def test_far_out_a_busy_lane_is_summarised_and_zooming_in_reveals_its_events() -> None:
    rng = random.Random(5)
    spans = [(d, d) for d in (rng.randrange(0, 10_000) for _ in range(3000))]
    scene = make_scene([spans, [(100, 101)]])
    far = scene.frame(request(0, 0.04))  # 25,000 days in 1000 px
    assert far.lanes[0].summarised
    assert not far.lanes[1].summarised  # a lane of two events never is
    assert not [item for item in far.items if item.lane == 0]
    band = next(b for b in far.bands if b.lane == 0)
    assert sum(band.counts) == 3000  # single days: each counted once, in its own stretch
    assert band.count_at(far.window.x_of(BASE + 15_000)) == 0  # nothing after day 10,000
    close = scene.frame(request(5000, 10.0))
    assert not close.lanes[0].summarised
    in_view = brute_force(scene, *close.window.days(1000))
    assert in_view
    assert in_view <= drawn_positions(close)


def test_band_counts_per_axis_cell_add_up_to_the_events_in_view() -> None:
    spans = [(day, day) for day in range(100, 110) for _ in range(50)]  # 500 events
    scene = make_scene([spans])
    cells = [BASE + day for day in range(0, 1001, 100)]
    frame = scene.frame(request(0, 0.5, width=400, cells=cells))
    assert frame.lanes[0].summarised
    (band,) = frame.bands
    assert sum(band.counts) == 500
    assert [count for *_, count in band.cells] == [500]  # all in the cell of days 100-199


def test_markers_that_would_overlap_merge_into_a_cluster_that_zooming_in_splits() -> None:
    scene = make_scene([[(10, 10), (11, 11), (12, 12), (60, 60)]])
    far = scene.frame(request(0, 2.0))  # a day is 2 px, markers 12 px: days 10-12 collide
    assert [(c.count, c.first_day - BASE, c.last_day - BASE) for c in far.clusters] == [(3, 10, 12)]
    assert len(far.items) == 1
    near = scene.frame(request(0, 20.0, width=2000))
    assert not near.clusters
    assert len(near.items) == 4


def test_the_current_event_is_drawn_even_inside_a_summary() -> None:
    rng = random.Random(5)
    spans = [(d, d) for d in (rng.randrange(0, 20_000) for _ in range(3000))]
    scene = make_scene([spans])
    position = len(scene.index) // 2
    frame = scene.frame(request(0, 0.04, selection=Selection(position, 0)))
    assert frame.lanes[0].summarised
    (item,) = frame.items
    assert item.position == position and item.current


@given(
    st.lists(st.integers(0, 300), min_size=1, max_size=400),
    st.lists(st.integers(0, 320), min_size=2, max_size=40, unique=True),
)
def test_stretch_counts_match_counting_by_hand(days: list[int], edges: list[int]) -> None:
    from array import array

    from timeline_app.core.timeline.lanes import stretch_counts

    # disjoint single days, as in a row (many events a stretch, or few: both ways of counting)
    firsts = array("i", sorted(set(days)))
    starts = sorted(edges)
    counts = stretch_counts(firsts, firsts, 0, len(firsts), starts)
    expected = [sum(1 for day in firsts if start <= day < end) for start, end in pairwise(starts)]
    assert counts == expected


def test_no_label_is_placed_for_an_event_just_left_of_the_view() -> None:
    # The frame keeps events a marker's width beyond its edges (a marker may show half), but
    # a label there would float at the left edge without its event (a printed page's edge).
    scene = make_scene([[(0, 3), (40, 41)]])
    window_start = 4.0 + 2 / 4.0  # day 4 begins 2 px left of the view at 4 px a day
    frame = scene.frame(request(window_start, 4.0), FixedWidthMetrics(7.0))
    assert 0 in {item.position for item in frame.items}  # still in the frame...
    assert [scene.index.title(label.key) for label in frame.labels] == ["Event 2"]  # ...unlabelled
