"""The timeline layout on paper: what a reader finds on each page, read back from the PDF."""

from __future__ import annotations

from array import array
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPdfWriter

from tests.helpers.pdf import page_sizes_pt, page_texts, squeezed
from tests.helpers.synthetic import fill
from timeline_app.core.dates import UncertainDate, parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.printing import Orientation, PrintJob, PrintLayout, RangeMode
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.timeline.layout import LANE_PADDING, ROW_HEIGHT, LaneLayout
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.printing.document import PrintError
from timeline_app.gui.printing.output import apply_job, paint, prepare, write_pdf
from timeline_app.gui.printing.timeline_layout import (
    UNITS_PER_INCH,
    TimelineDocument,
    slice_lanes,
)
from timeline_app.gui.timeline.item_painter import FADE_STEPS, FADE_STRENGTH

LEGEND = [status.label for status in Status] + ["Single day", "Uncertain date", "Today"]
SEED_LANES = (
    "Alexander Lukashenko",
    "Antony Blinken",
    "Emmanuel Macron",
    "Office of Foreign Assets Control",
    "Volodymyr Zelensky",
    "Xi Jinping",
)


def timeline(**options: Any) -> PrintJob:
    return PrintJob(layout=PrintLayout.TIMELINE, **options)


def print_timeline(store: Store, job: PrintJob, path: Path) -> TimelineDocument:
    """Write the PDF as ``write_pdf`` does, keeping the laid-out document to look into."""
    writer = QPdfWriter(str(path))
    apply_job(writer, job)
    prepared = prepare(writer, store, job)
    paint(writer, prepared)
    del writer
    document = prepared.document
    assert isinstance(document, TimelineDocument)
    return document


def whole_titles(store: Store, text: str) -> set[str]:
    return {row.title for row in store.list_events() if squeezed(row.title) in squeezed(text)}


def test_the_seed_on_one_landscape_page(seeded: Store, tmp_path: Path, qapp: object) -> None:
    path = tmp_path / "seed.pdf"
    document = print_timeline(seeded, timeline(), path)
    texts = page_texts(path)
    assert len(texts) == document.page_count == 1
    assert page_sizes_pt(path) == [(842, 595)]
    text = texts[0]
    assert text.startswith("Timeline 8 Mar 2022 – 26 Apr 2023 All events (no filter)")
    assert "Page 1 of 1" in text
    assert "Visiting actor" in text
    for lane in SEED_LANES:
        assert lane in text
    assert "2022 2023 Mar Apr May Jun" in text  # the axis: years, then months
    assert " ".join(LEGEND) in text
    # Every label drawn can be read; a title is there whole when its label fits whole.
    labels = [label.text for label in document.frames[0].labels]
    assert labels
    for label in labels:
        assert squeezed(label) in squeezed(text)
    whole = whole_titles(seeded, text)
    assert whole == set(labels) & {row.title for row in seeded.list_events()}
    # Only the year-old OFAC measure has room for its title; the rest crowd into a few weeks.
    assert whole == {
        "OFAC: Kazakh crude shipped through the Caspian Pipeline Consortium is not covered by "
        "the Russian oil ban"
    }
    assert any(label.endswith("…") and label.startswith("Lukashenko") for label in labels)


def test_the_seed_over_three_pages_wide(seeded: Store, tmp_path: Path, qapp: object) -> None:
    path = tmp_path / "wide.pdf"
    document = print_timeline(seeded, timeline(pages_wide=3), path)
    texts = page_texts(path)
    assert len(texts) == document.page_count == 3
    whole: set[str] = set()
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of 3" in text
        assert f"Lanes 1–8 of 8 · page {number} of 3 across" in text
        assert "Visiting actor" in text
        for lane in SEED_LANES:  # the lane names on every page
            assert lane in text
        assert " ".join(LEGEND) in text
        labels = [label.text for label in document.frames[number - 1].labels]
        for label in labels:
            assert squeezed(label) in squeezed(text)
        whole |= whole_titles(seeded, text)
    # More room: these titles are whole now.
    assert {
        "Lukashenko's state visit to China",
        "Blinken in Tashkent: talks with Saidov and Mirziyoyev",
        "EBRD report: Western exports to the Caucasus and Central Asia surge",
    } <= whole
    assert "Xi and Zelensky speak by phone" not in whole  # the last event: no room after it


def test_portrait_paper_and_a_filter_in_the_header(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    path = tmp_path / "portrait.pdf"
    job = timeline(
        orientation=Orientation.PORTRAIT, filter=EventFilter(kinds=frozenset({Kind.STATE_VISIT}))
    )
    document = print_timeline(seeded, job, path)
    assert page_sizes_pt(path) == [(595, 842)]
    text = page_texts(path)[0]
    assert "Filter: Kind: State visit" in text
    assert "Alexander Lukashenko" in text and "Emmanuel Macron" in text
    assert "Antony Blinken" not in text
    assert len(document.scene) == 2


def test_a_long_range_goes_on_over_pages_with_the_lanes_on_each(
    store: Store, tmp_path: Path, qapp: object
) -> None:
    fill(store, 120)  # 40 visiting people, one lane each: more lanes than a page holds
    path = tmp_path / "long.pdf"
    document = print_timeline(store, timeline(pages_wide=2), path)
    texts = page_texts(path)
    rows = len(document.slices)
    assert rows > 1
    assert len(texts) == document.page_count == 2 * rows
    lanes = [lane.label for lane in document.scene.lanes]
    assert len(lanes) == 40
    seen: list[str] = []
    for number, (sheet, text) in enumerate(zip(document.sheets, texts, strict=True), start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "Visiting actor" in text
        part = sheet.slice
        shown = lanes[part.first_lane : part.last_lane + 1]
        assert f"Lanes {part.first_lane + 1}–{part.last_lane + 1} of 40" in text
        for lane in lanes:  # each lane's name (and its count) on the pages of its slice only
            assert (squeezed(f"{lane} 3") in squeezed(text)) == (lane in shown), (number, lane)
        if sheet.column == 0:
            seen += shown
        assert " ".join(LEGEND) in text
    assert seen == lanes  # every lane once, in order, down the pages


def test_labels_stay_inside_their_page_and_long_bars_go_on_across(
    store: Store, tmp_path: Path, qapp: object
) -> None:
    def event(title: str, first: date, last: date | None = None) -> EventData:
        return EventData(
            title=title,
            kind=Kind.OFFICIAL_VISIT,
            status=Status.COMPLETED,
            start=UncertainDate.from_date(first),
            end=UncertainDate.from_date(last) if last else None,
        )

    with store.writing() as writer:
        writer.create_event(event("Year-long mission", date(2020, 1, 10), date(2020, 12, 20)))
        for month in range(1, 13):
            writer.create_event(event(f"Talks in month {month}", date(2020, month, 14)))
    path = tmp_path / "edges.pdf"
    document = print_timeline(store, timeline(pages_wide=3, lane_grouping="none"), path)
    texts = page_texts(path)
    assert len(texts) == 3
    width = document.content_width
    mission = document.scene.index.position(
        next(row.id for row in store.list_events() if row.title == "Year-long mission")
    )
    for number, text in enumerate(texts):
        frame = document.frames[number]
        for label in frame.labels:  # no label runs over a page edge
            assert label.x >= 0 and label.x + label.width <= width
        bar = next(item for item in frame.items if item.position == mission)
        # the bar runs on past the page's edges (the renderer ends it there with an arrow)...
        assert (bar.x0 < 0) == (number > 0)
        assert (bar.x1 > width) == (number < 2)
        # ...and its title is on every page it crosses
        assert "Year-long mission" in text


def test_a_lane_taller_than_a_page_goes_on_with_its_name(
    store: Store, tmp_path: Path, qapp: object
) -> None:
    with store.writing() as writer:
        for n in range(45):  # all at once: 45 rows in one lane
            writer.create_event(
                EventData(
                    title=f"Meeting {n:02d}",
                    kind=Kind.MINISTERIAL_MEETING,
                    status=Status.PLANNED,
                    start=UncertainDate.from_date(date(2024, 5, 1)),
                    end=UncertainDate.from_date(date(2024, 5, 3)),
                )
            )
    path = tmp_path / "tall.pdf"
    document = print_timeline(store, timeline(lane_grouping="none"), path)
    texts = page_texts(path)
    assert len(texts) == len(document.slices) > 1
    assert "All events 45" in texts[0] and "(continued)" not in texts[0]
    for text in texts[1:]:
        assert "All events 45 (continued)" in text
    found = {f"Meeting {n:02d}" for n in range(45) if any(f"Meeting {n:02d}" in t for t in texts)}
    assert len(found) == 45  # every row is on some page, none lost at a cut


def test_a_time_scale_takes_as_many_pages_as_it_needs(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    coarse = print_timeline(seeded, timeline(days_per_cm=30.0), tmp_path / "coarse.pdf")
    fine = print_timeline(seeded, timeline(days_per_cm=10.0), tmp_path / "fine.pdf")
    assert coarse.page_count == 1  # 415 days at 30 days a cm: 14 cm
    assert fine.page_count > 1  # 42 cm: more than a page is wide
    cm_per_page = fine.content_width / UNITS_PER_INCH * 2.54
    for sheet in fine.sheets:  # each page: ten days a centimetre
        left, right = sheet.window.days(fine.content_width)
        assert right - left == pytest.approx(10 * cm_per_page)
    assert fine.page_days(fine.sheets[0])[0] == date(2022, 3, 8)  # the first event's day
    assert fine.page_days(fine.sheets[-1])[1] == date(2023, 4, 26)  # the last one's
    texts = page_texts(tmp_path / "fine.pdf")
    assert f"page {fine.page_count} of {fine.page_count} across" in texts[-1]


def test_a_scale_that_needs_too_many_pages_is_refused(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PrintError, match=r"needs 1[0-9]{2} pages across, more than the 50"):
        write_pdf(seeded, timeline(days_per_cm=0.1), folder / "t.pdf")
    assert list(folder.iterdir()) == []


def test_the_range_asked_for_is_what_is_printed(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    path = tmp_path / "march.pdf"
    job = timeline(
        range_mode=RangeMode.DATES, date_from=date(2023, 2, 20), date_to=date(2023, 3, 10)
    )
    document = print_timeline(seeded, job, path)
    text = page_texts(path)[0]
    assert "20 Feb – 10 Mar 2023" in text
    assert (document.first_day, document.last_day) == (
        date(2023, 2, 20).toordinal(),
        date(2023, 3, 10).toordinal(),
    )
    assert "Office of Foreign Assets Control" not in text and "Xi Jinping" not in text
    assert "Lukashenko's state visit to China" in text  # a few weeks: room for titles


def test_uncertain_dates_fade_on_paper_too(store: Store, tmp_path: Path, qapp: object) -> None:
    """Qt writes a gradient with transparency to PDF as an opaque fill, which hid uncertain
    events altogether: on paper their ends fade in bands of even transparency instead."""
    with store.writing() as writer:
        for title, when, status in (
            ("About August", "c. August 2020", Status.CONFIRMED),
            ("Sometime in June", "June 2020", Status.COMPLETED),
        ):
            writer.create_event(
                EventData(title=title, kind=Kind.STATE_VISIT, status=status, start=parse_date(when))
            )
    path = tmp_path / "fades.pdf"
    write_pdf(store, timeline(), path)
    states = PdfReader(path).pages[0]["/Resources"]["/ExtGState"]
    masked = [
        name
        for name, state in states.items()
        if state.get_object().get("/SMask", "/None") != "/None"
    ]
    assert masked == []  # no gradient with transparency (it would print as an opaque fill)
    alphas = {round(float(state.get_object().get("/ca", 1)), 3) for state in states.values()}
    assert len([alpha for alpha in alphas if 0 < alpha < FADE_STRENGTH]) >= FADE_STEPS


# -- cutting lanes into pages ------------------------------------------------------------------


def lanes_layout(*heights: int, summarised: tuple[int, ...] = ()) -> LaneLayout:
    offsets = [0]
    for height in heights:
        offsets.append(offsets[-1] + height)
    return LaneLayout(
        array("i", offsets), bytes(1 if i in summarised else 0 for i in range(len(heights)))
    )


def lane(rows: int) -> int:
    return rows * ROW_HEIGHT + 2 * LANE_PADDING


def test_lanes_are_cut_between_lanes_when_they_fit() -> None:
    layout = lanes_layout(lane(2), lane(3), lane(1), lane(4))
    cuts = slice_lanes(layout, lane(2) + lane(3) + 10)
    assert [(s.first_lane, s.last_lane) for s in cuts] == [(0, 1), (2, 3)]
    assert cuts[0].bottom == cuts[1].top == lane(2) + lane(3)
    assert cuts[-1].bottom == layout.height


def test_a_lane_taller_than_a_page_is_cut_between_its_rows() -> None:
    layout = lanes_layout(lane(1), lane(30), lane(1))
    room = 10 * ROW_HEIGHT
    cuts = slice_lanes(layout, room)
    assert all(s.height <= room + LANE_PADDING for s in cuts)
    assert cuts[0].first_lane == 0 and cuts[-1].last_lane == 2
    for before, after in pairwise(cuts):
        assert before.bottom == after.top
        inner = (before.bottom - layout.lane_top(1) - LANE_PADDING) % ROW_HEIGHT
        assert before.bottom in layout.offsets or inner == 0  # between lanes or between rows
    assert cuts[-1].bottom == layout.height


def test_a_summarised_lane_is_never_cut() -> None:
    layout = lanes_layout(lane(1), 40, summarised=(1,))
    cuts = slice_lanes(layout, lane(1) + 20)
    assert [(s.top, s.bottom) for s in cuts] == [(0, lane(1)), (lane(1), lane(1) + 40)]
