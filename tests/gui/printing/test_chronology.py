"""The chronology as printed: read back from the PDF, and checked on its layout data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter

from tests.helpers import synthetic
from tests.helpers.pdf import page_sizes_pt, page_texts, squeezed
from timeline_app.core.dates import UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.printing import Orientation, Paper, PrintJob
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.printing.chronology import (
    Block,
    ChronologyDocument,
    Row,
    RowRole,
    paginate,
)
from timeline_app.gui.printing.output import Prepared, apply_job, paint, prepare, write_pdf

PAGE = re.compile(r"Page (\d+) of (\d+)")


def footers(texts: list[str]) -> list[tuple[int, int]]:
    found = []
    for text in texts:
        matches = PAGE.findall(text)
        assert len(matches) == 1, text[-200:]
        found.append((int(matches[0][0]), int(matches[0][1])))
    return found


# -- the seed, read back from the PDF -------------------------------------------------------


@pytest.fixture
def seed_pdf(seeded: Store, tmp_path: Path, qapp: object) -> Path:
    path = tmp_path / "seed.pdf"
    write_pdf(seeded, PrintJob(printed_on=date(2024, 5, 6)), path)
    return path


def test_every_title_is_printed_in_date_order(seeded: Store, seed_pdf: Path) -> None:
    text = squeezed(" ".join(page_texts(seed_pdf)))
    titles = [row.title for row in seeded.list_events()]
    assert len(titles) == 13
    positions = [text.find(squeezed(title)) for title in titles]
    assert -1 not in positions, [t for t, p in zip(titles, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_every_page_says_page_i_of_n_with_the_real_count(seed_pdf: Path) -> None:
    texts = page_texts(seed_pdf)
    assert len(texts) > 1
    assert footers(texts) == [(i, len(texts)) for i in range(1, len(texts) + 1)]


def test_every_page_has_the_header_and_the_printing_date(seeded: Store, seed_pdf: Path) -> None:
    rows = seeded.list_events()
    dates = PrintJob().range_description(rows[0].start, rows[-1].end or rows[-1].start)
    assert dates == "8 Mar 2022 – 26 Apr 2023"
    for text in page_texts(seed_pdf):
        assert text.startswith("Chronology")
        assert dates in text
        assert "All events (no filter)" in text
        assert "Printed on 6 May 2024" in text


def test_every_source_url_is_printed_in_full_with_its_number(seeded: Store, seed_pdf: Path) -> None:
    text = squeezed(" ".join(page_texts(seed_pdf)))
    details = seeded.get_events([row.id for row in seeded.list_events()])
    urls = list(dict.fromkeys(ref.source.url for d in details for ref in d.sources))
    assert len(urls) > 20
    for url in urls:
        assert squeezed(url) in text, url
    assert f"[{len(urls)}]" in text
    assert f"[{len(urls) + 1}]" not in text
    notes = text[text.rfind("Sources[1]") :]
    assert [int(n) for n in re.findall(r"\[(\d+)\]", notes)][: len(urls)] == list(
        range(1, len(urls) + 1)
    )


def test_dates_kind_status_places_participants_and_summary_are_printed(
    seeded: Store, seed_pdf: Path
) -> None:
    text = " ".join(page_texts(seed_pdf))
    assert "28 Feb – 2 Mar 2023" in text  # Lukashenko's state visit, as a person reads it
    assert "State visit · Completed" in text
    assert "Place: Beijing, China" in text
    assert "Visitor: Alexander Lukashenko (President of Belarus)" in text
    assert "Hosts: Xi Jinping (President of China)" in text
    assert "early April 2023" in text or "5–7 Apr 2023" in text


def test_the_active_filter_is_in_the_header(seeded: Store, tmp_path: Path, qapp: object) -> None:
    path = tmp_path / "visits.pdf"
    flt = EventFilter(kinds=frozenset({Kind.STATE_VISIT}))
    write_pdf(seeded, PrintJob(filter=flt), path)
    texts = page_texts(path)
    assert all("Filter: Kind: State visit" in text for text in texts)
    body = " ".join(texts)
    assert "Lukashenko's state visit to China" in body
    assert "Blinken meets Tokayev" not in body


def test_titles_with_markup_or_control_characters_print_as_plain_text(
    seeded: Store, tmp_path: Path, qapp: object
) -> None:
    seeded.create_event(
        EventData(
            title="<b>Bold</b> &amp; <font color=red>red</font>\nnext\u202eline",
            kind=Kind.STATEMENT,
            status=Status.COMPLETED,
            start=UncertainDate(2023, 3, 15),
            summary="<script>alert(1)</script>",
        )
    )
    path = tmp_path / "markup.pdf"
    write_pdf(seeded, PrintJob(), path)
    text = " ".join(page_texts(path))
    assert "<b>Bold</b> &amp; <font color=red>red</font> next line" in text
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize(
    ("paper", "orientation", "size"),
    [
        (Paper.A4, Orientation.LANDSCAPE, (842, 595)),
        (Paper.LETTER, Orientation.PORTRAIT, (612, 792)),
        (Paper.A3, Orientation.PORTRAIT, (842, 1191)),
    ],
)
def test_the_pdf_has_the_chosen_paper_and_orientation(
    seeded: Store,
    tmp_path: Path,
    qapp: object,
    paper: Paper,
    orientation: Orientation,
    size: tuple[int, int],
) -> None:
    path = tmp_path / "paper.pdf"
    pages = write_pdf(seeded, PrintJob(paper=paper, orientation=orientation), path)
    assert set(page_sizes_pt(path)) == {size}
    assert footers(page_texts(path))[-1] == (pages, pages)


# -- pagination rules ------------------------------------------------------------------------


def _rows(role: RowRole, entry: int, count: int, height: float = 10.0) -> tuple[Row, ...]:
    return tuple(Row(role, entry, (), height, 8.0) for _ in range(count))


def test_a_heading_that_would_end_a_page_moves_to_the_next_with_its_lines() -> None:
    filler = Block(_rows(RowRole.BODY, 0, 8))  # 80 of 100
    heading = Block(_rows(RowRole.HEADING, 1, 1), keep=1, keep_with_next=2, space_before=5)
    body = Block(_rows(RowRole.BODY, 1, 5))
    pages = paginate([filler, heading, body], 100.0)
    assert [len(page.rows) for page in pages] == [8, 6]
    assert pages[1].rows[0].row.role is RowRole.HEADING
    assert pages[1].rows[0].y == 0.0  # no space above at the top of a page


def test_a_long_entry_goes_on_over_pages_line_by_line_with_a_continued_marker() -> None:
    heading = Block(_rows(RowRole.HEADING, 0, 1), keep=1, keep_with_next=2)
    marker = Row(RowRole.CONTINUED, 0, (), 6.0, 5.0)
    body = Block(_rows(RowRole.BODY, 0, 25), continued=lambda: marker)
    pages = paginate([heading, body], 100.0)
    assert [len(page.rows) for page in pages] == [10, 10, 8]
    for page in pages:
        assert all(p.y + p.row.height <= 100.0 for p in page.rows)
    assert [page.rows[0].row.role for page in pages[1:]] == [RowRole.CONTINUED] * 2


# -- a thousand events -----------------------------------------------------------------------


@dataclass
class Printed:
    prepared: Prepared
    writer: QPdfWriter
    texts: list[str]

    @property
    def document(self) -> ChronologyDocument:
        assert isinstance(self.prepared.document, ChronologyDocument)
        return self.prepared.document


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Printed]:
    folder = tmp_path_factory.mktemp("thousand")
    with Store.open(folder / "thousand.sqlite3") as store:
        synthetic.fill(store, 1000, light=True)
        job = PrintJob(orientation=Orientation.PORTRAIT)
        path = folder / "thousand.pdf"
        writer = QPdfWriter(str(path))
        apply_job(writer, job)
        prepared = prepare(writer, store, job)
        paint(writer, prepared)
        yield Printed(prepared, writer, page_texts(path))


def test_a_thousand_event_chronology_loses_no_entry_across_pages(thousand: Printed) -> None:
    text = squeezed(" ".join(thousand.texts))
    headings = re.findall(r"Event(\d{4})talksonregionalcooperation(?!\(continued\))", text)
    assert [int(n) for n in headings] == list(range(1, 1001))
    assert len(thousand.texts) == thousand.prepared.page_count > 100
    count = len(thousand.texts)
    assert footers(thousand.texts) == [(i, count) for i in range(1, count + 1)]


def test_no_page_ends_on_a_heading_and_every_heading_keeps_two_lines(thousand: Printed) -> None:
    document = thousand.document
    pages = document.pages
    for page in pages:
        assert page.rows[-1].row.role is not RowRole.HEADING
    where: dict[tuple[int, RowRole], list[int]] = {}
    for number, page in enumerate(pages):
        for placed in page.rows:
            where.setdefault((placed.row.entry, placed.row.role), []).append(number)
    for entry in range(1000):
        heading_pages = set(where[(entry, RowRole.HEADING)])
        assert len(heading_pages) == 1
        assert where[(entry, RowRole.BODY)][:2] == [heading_pages.pop()] * 2
    continued = [page.rows[0].row for page in pages if page.rows[0].row.role is RowRole.CONTINUED]
    assert continued
    for row in continued:
        assert row.text() == f"{synthetic.title_of(row.entry + 1)} (continued)"


def test_every_line_is_placed_once_and_inside_the_body(thousand: Printed) -> None:
    document = thousand.document
    height = document.geometry.body.height()
    placed = [p for page in document.pages for p in page.rows]
    for item in placed:
        assert item.y >= 0.0
        assert item.y + item.row.height <= height + 0.01
    laid_out = [row for block in document.blocks for row in block.rows]
    assert [p.row for p in placed if p.row.role is not RowRole.CONTINUED] == laid_out
