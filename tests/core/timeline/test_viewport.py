"""Panning and zooming keep the day under the anchor where it is."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.timeline.build import make_scene
from timeline_app.core.timeline.layout import ROW_HEIGHT, LaneLayout
from timeline_app.core.timeline.viewport import MAX_PPD, MIN_PPD, TimeWindow


def test_zooming_keeps_the_anchored_day_in_place() -> None:
    window = TimeWindow(start=738_000, ppd=2.0)
    anchor_day = window.day_at(300)
    zoomed = window.zoomed(3.0, 300)
    assert zoomed.ppd == 6.0
    assert zoomed.day_at(300) == pytest.approx(anchor_day)


def test_zoom_stays_within_its_limits() -> None:
    window = TimeWindow(start=738_000, ppd=100.0)
    assert window.zoomed(1000, 0).ppd == MAX_PPD
    assert window.zoomed(1e-9, 0).ppd == MIN_PPD


def test_fitting_shows_the_whole_range_with_margins() -> None:
    first, last = date(1860, 1, 1).toordinal(), date(2030, 12, 31).toordinal()
    window = TimeWindow.fitting(first, last, 1000, margin=20)
    assert window.x_of(first) == pytest.approx(20)
    assert window.x_of(last + 1) == pytest.approx(980)
    assert window.dates(1000)[0] <= date(1860, 1, 1)
    assert window.dates(1000)[1] >= date(2030, 12, 31)


def test_panning_moves_by_pixels() -> None:
    window = TimeWindow(start=738_000, ppd=4.0, y=10)
    moved = window.panned(40, 24)
    assert moved.start == 738_010
    assert moved.y == 34


def test_lane_layout_folds_a_summarised_lane_and_finds_lanes_by_height() -> None:
    scene = make_scene([[(d, d + 30) for d in range(0, 300, 3)], [(0, 0)]])  # 100 events
    lanes = scene.lanes
    near = scene.layout(50.0)
    assert near.lane_height(0) == lanes[0].row_count * ROW_HEIGHT + 8
    far = scene.layout(0.001)
    assert far.summarised[0] and not far.summarised[1]
    assert far.lane_height(0) < near.lane_height(0)
    assert near.lane_at(near.lane_top(1) + 1) == 1
    assert list(near.visible_lanes(0, 10)) == [0]
    assert isinstance(near, LaneLayout)
