"""The print job: what a print shows, checked before anything is laid out (no Qt here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.printing import (
    DateSpan,
    Margins,
    Orientation,
    Paper,
    PrintJob,
    PrintJobError,
    PrintLayout,
    RangeMode,
    describe_filter,
)
from timeline_app.core.vocabulary import Kind, Status


def test_a_default_job_is_a_landscape_a4_chronology_of_everything() -> None:
    job = PrintJob()
    assert (job.layout, job.paper, job.orientation) == (
        PrintLayout.CHRONOLOGY,
        Paper.A4,
        Orientation.LANDSCAPE,
    )
    assert job.page_size_mm == (297.0, 210.0)
    assert job.range_bounds() == (None, None)
    assert job.display_title() == "Chronology"


@pytest.mark.parametrize(("text", "paper"), [("a4", Paper.A4), (" LETTER ", Paper.LETTER)])
def test_paper_names_are_read_in_any_case(text: str, paper: Paper) -> None:
    assert Paper.parse(text) is paper


def test_an_unknown_paper_size_is_refused_with_the_known_ones() -> None:
    with pytest.raises(PrintJobError) as caught:
        Paper.parse("B5")
    assert caught.value.field == "paper"
    assert "'B5'" in str(caught.value)
    assert "A4, Letter, A3, Legal" in str(caught.value)
    with pytest.raises(PrintJobError, match="A4, Letter"):
        PrintJob(paper="Tabloid")  # type: ignore[arg-type]


def test_strings_are_accepted_for_the_enumerations() -> None:
    job = PrintJob(paper="letter", orientation="portrait", layout="timeline")  # type: ignore[arg-type]
    assert (job.paper, job.orientation, job.layout) == (
        Paper.LETTER,
        Orientation.PORTRAIT,
        PrintLayout.TIMELINE,
    )
    assert job.page_size_mm == (215.9, 279.4)


@pytest.mark.parametrize("pages", [0, -1, 51])
def test_pages_wide_must_be_between_1_and_50(pages: int) -> None:
    with pytest.raises(PrintJobError, match="between 1 and 50") as caught:
        PrintJob(pages_wide=pages)
    assert caught.value.field == "pages_wide"


@pytest.mark.parametrize("scale", [0.0, -3.0, float("nan"), float("inf")])
def test_a_time_scale_must_be_a_positive_number_of_days(scale: float) -> None:
    with pytest.raises(PrintJobError) as caught:
        PrintJob(days_per_cm=scale)
    assert caught.value.field == "days_per_cm"


def test_margins_must_be_between_0_and_50_mm() -> None:
    with pytest.raises(PrintJobError, match="left margin must be between 0 and 50 mm"):
        PrintJob(margins=Margins(left=-1))
    with pytest.raises(PrintJobError, match="bottom margin") as caught:
        PrintJob(margins=Margins(bottom=51))
    assert caught.value.field == "margins"


def test_printing_the_selection_needs_a_selection() -> None:
    with pytest.raises(PrintJobError, match="nothing is selected") as caught:
        PrintJob(range_mode=RangeMode.SELECTION)
    assert caught.value.field == "range"
    with pytest.raises(PrintJobError, match="no visible range"):
        PrintJob(range_mode=RangeMode.VISIBLE)


def test_typed_dates_need_one_end_and_must_be_in_order() -> None:
    with pytest.raises(PrintJobError, match="a start date, an end date or both"):
        PrintJob(range_mode=RangeMode.DATES)
    with pytest.raises(PrintJobError, match=r"end date \(1 Mar 2023\) is before"):
        PrintJob(range_mode=RangeMode.DATES, date_from=date(2023, 4, 1), date_to=date(2023, 3, 1))
    with pytest.raises(PrintJobError, match="ends"):
        DateSpan(date(2023, 4, 1), date(2023, 3, 1))


def test_the_range_narrows_the_filter() -> None:
    flt = EventFilter(date_from=date(2023, 1, 1), kinds=frozenset({Kind.STATE_VISIT}))
    job = PrintJob(
        range_mode=RangeMode.VISIBLE,
        visible=DateSpan(date(2022, 12, 1), date(2023, 3, 31)),
        filter=flt,
    )
    effective = job.effective_filter()
    assert (effective.date_from, effective.date_to) == (date(2023, 1, 1), date(2023, 3, 31))
    assert effective.kinds == flt.kinds
    everything = replace(job, range_mode=RangeMode.EVERYTHING)
    assert everything.effective_filter() == flt
    selection = replace(
        job,
        range_mode=RangeMode.SELECTION,
        selection=DateSpan(date(2023, 2, 28), date(2023, 3, 2)),
    )
    assert selection.range_bounds() == (date(2023, 2, 28), date(2023, 3, 2))


def test_the_header_shows_the_range_asked_for_or_else_the_events_days() -> None:
    everything = PrintJob()
    first, last = UncertainDate(2022, 3, 8), UncertainDate(2023, 4, 26)
    assert everything.range_description(first, last) == "8 Mar 2022 – 26 Apr 2023"
    vague = UncertainDate(1995, qualifier=Qualifier.ABOUT)
    assert everything.range_description(vague, last) == "c. 1995 – 26 Apr 2023"
    assert everything.range_description(last, last) == "26 Apr 2023"
    dated = PrintJob(range_mode=RangeMode.DATES, date_from=date(2023, 4, 1))
    assert dated.range_description(first, last) == "from 1 Apr 2023"
    both = replace(dated, date_to=date(2023, 4, 30))
    assert both.range_description(first, last) == "1–30 Apr 2023"
    french = replace(both, lang="fr")
    assert french.range_description(None, None) == "1er–30 avril 2023"


def test_the_filter_is_described_in_words() -> None:
    flt = EventFilter(
        kinds=frozenset({Kind.STATE_VISIT, Kind.OFFICIAL_VISIT}),
        statuses=frozenset({Status.PLANNED}),
        actors=("Macron",),
        countries=("CN", "FR"),
        tags=("Ukraine",),
        has_sources=True,
    )
    text = describe_filter(replace(flt, date_from=date(2023, 1, 1), text="visite d'État"))
    assert text == (
        "Search: “visite d'État” · Actor: Macron · Country: China · Country: France · "
        "Kind: State visit · Kind: Official visit · Status: Planned · Tag: Ukraine · "
        "With sources"
    )
    assert "Chine" in describe_filter(flt, "fr")
    assert describe_filter(EventFilter()) == ""
    assert describe_filter(EventFilter(date_to=date(2023, 1, 1))) == ""  # dates: the range
    assert PrintJob(filter=flt, filter_text="Macron's trips").filter_description() == (
        "Macron's trips"
    )


def test_nothing_to_print_says_which_range_and_filter_were_empty() -> None:
    assert PrintJob().nothing_to_print() == "nothing to print: the timeline has no events"
    dated = PrintJob(
        range_mode=RangeMode.DATES, date_from=date(1990, 1, 1), date_to=date(1991, 12, 31)
    )
    assert dated.nothing_to_print() == (
        "nothing to print: no event between 1 Jan 1990 and 31 Dec 1991"
    )
    filtered = replace(dated, filter=EventFilter(kinds=frozenset({Kind.PHONE_CALL})))
    assert filtered.nothing_to_print().endswith("matches the filter (Kind: Phone call)")
    only_dates = PrintJob(filter=EventFilter(date_from=date(2030, 1, 1)))
    assert only_dates.nothing_to_print() == "nothing to print: no event from 1 Jan 2030 on"
    disjoint = replace(dated, filter=EventFilter(date_from=date(2020, 1, 1)))
    assert "do not overlap" in disjoint.nothing_to_print()
