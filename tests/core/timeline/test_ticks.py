"""The time axis picks the finest unit whose labels fit, in English and French."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.timeline.metrics import FixedWidthMetrics
from timeline_app.core.timeline.ticks import (
    LABEL_PADDING,
    LADDER,
    Axis,
    Unit,
    century_name,
)

METRICS = FixedWidthMetrics(7.0)


@pytest.mark.parametrize(
    ("ppd", "unit", "step"),
    [
        (60.0, Unit.DAY, 1),  # a day is 60 px: "Tue 28" fits
        (8.0, Unit.WEEK, 1),  # 8 px a day: day numbers would collide, weeks fit
        (2.5, Unit.MONTH, 1),
        (0.5, Unit.QUARTER, 1),
        (0.15, Unit.YEAR, 1),
        (0.05, Unit.YEAR, 5),
        (0.02, Unit.DECADE, 1),
        (0.004, Unit.DECADE, 5),
        (0.001, Unit.CENTURY, 1),
    ],
)
def test_the_scale_follows_the_zoom(ppd: float, unit: Unit, step: int) -> None:
    choice = Axis(METRICS).choose(ppd)
    assert (choice.scale.unit, choice.scale.step) == (unit, step)


def test_zooming_out_never_picks_a_finer_scale() -> None:
    axis = Axis(METRICS)
    ranks = [LADDER.index(axis.choose(240 / 1.2**k).scale) for k in range(80)]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0
    assert ranks[-1] == len(LADDER) - 1


@given(
    ppd=st.floats(0.001, 240.0),
    start=st.integers(date(1850, 1, 1).toordinal(), date(2040, 1, 1).toordinal()),
    lang=st.sampled_from(["en", "fr"]),
)
def test_tick_labels_never_overlap(ppd: float, start: int, lang: str) -> None:
    axis = Axis(METRICS, lang)  # type: ignore[arg-type]
    choice = axis.choose(ppd)
    ticks = axis.minor_ticks(choice, start, start + 1400 / ppd)
    for left, right in pairwise(ticks):
        cell = (right.day - left.day) * ppd
        if choice.scale is not LADDER[-1]:  # the coarsest scale is the last resort
            assert METRICS.width(left.label) + LABEL_PADDING <= cell


def test_ticks_start_on_the_unit_boundaries() -> None:
    axis = Axis(METRICS)
    first = date(2023, 2, 15).toordinal()
    weeks = axis.minor_ticks(axis.choose(8.0), first, first + 40)
    assert all(date.fromordinal(t.day).weekday() == 0 for t in weeks)  # Mondays
    months = axis.minor_ticks(axis.choose(3.0), first, first + 100)
    assert [date.fromordinal(t.day) for t in months[:3]] == [
        date(2023, 2, 1),
        date(2023, 3, 1),
        date(2023, 4, 1),
    ]
    assert [t.label for t in months[:3]] == ["February", "March", "April"]
    short = axis.minor_ticks(axis.choose(2.5), first, first + 100)  # "September" would not fit
    assert [t.label for t in short[:3]] == ["Feb", "Mar", "Apr"]


def test_labels_in_english_and_french() -> None:
    day = date(2023, 2, 28).toordinal()
    english, french = Axis(METRICS, "en"), Axis(METRICS, "fr")
    cases = {
        60.0: (["Tue 28"], ["mar. 28"]),
        0.5: (["Q1"], ["T1"]),
        0.02: (["2020s"], ["2020"]),  # "années 2020" is too wide for a decade here
    }
    for ppd, (en_labels, fr_labels) in cases.items():
        en = english.minor_ticks(english.choose(ppd), day, day)
        fr = french.minor_ticks(french.choose(ppd), day, day)
        assert [en[0].label] == en_labels
        assert [fr[0].label] == fr_labels
    months = english.choose(2.5)
    assert english.major_ticks(months, day, day)[0].label == "2023"
    days = french.choose(60.0)
    assert french.major_ticks(days, day, day)[0].label == "février 2023"
    years = french.choose(0.15)
    assert french.major_ticks(years, day, day)[0].label == "années 2020"


def test_centuries_are_named_as_people_name_them() -> None:
    assert century_name(1900, "en") == "20th century"
    assert century_name(2000, "en") == "21st century"
    assert century_name(1100, "en") == "12th century"
    assert century_name(1900, "fr") == "XXe siècle"
    assert century_name(2000, "fr") == "XXIe siècle"
