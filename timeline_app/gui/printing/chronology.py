"""The chronology layout: the events in date order, as a report to read on paper.

Each entry has its dates in a left column and, beside them, the title (the *heading*), then the
kind and status, the places, the participants by role, the summary and its sources. Sources are
numbered once per document ([1] to [n], in the order they are first cited) and listed in full,
URL included, in a "Sources" section at the end.

Everything is laid out first, line by line, then painted, so the page count is known for the
footer. Pagination works on whole lines: a line is never cut between pages; an entry's heading is
kept with at least its first two lines (:data:`LINES_WITH_HEADING`); an entry that goes on over a
page break repeats its title, marked "continued", at the top of the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter, QPen, QTextLayout

from timeline_app.core.dates import Language, UncertainDate, format_range
from timeline_app.core.records import EventDetail, SourceInfo
from timeline_app.core.vocabulary import Role
from timeline_app.gui.printing.document import PageGeometry, PrintContext
from timeline_app.gui.printing.text import (
    DARK_GREY,
    INK,
    MID_GREY,
    Span,
    font,
    paragraphs,
    plain,
    wrap,
)

LINES_WITH_HEADING = 2  # body lines that always follow a heading onto its page
LINE_SEPARATOR = "\u2028"  # a forced line break inside one QTextLayout

DATE_PT = 10.0
TITLE_PT = 11.5
BODY_PT = 9.5
NOTE_PT = 9.0
CONTINUED_PT = 8.5


class RowRole(StrEnum):
    HEADING = "heading"  # an entry's title (and its dates beside it)
    BODY = "body"  # an entry's details
    CONTINUED = "continued"  # an entry's title repeated at the top of a page it goes on to
    SECTION = "section"  # the heading of the sources section
    NOTE = "note"  # a source of the sources section


@dataclass(frozen=True, slots=True)
class Piece:
    """One line of a laid-out paragraph, at ``x`` from the body's left edge."""

    layout: QTextLayout
    line: int
    x: float
    color: QColor


@dataclass(frozen=True, slots=True)
class Row:
    """What sits on one line of the page: a line of the main column and/or the date column."""

    role: RowRole
    entry: int  # index of the event in date order; -1 for the sources section
    pieces: tuple[Piece, ...]
    height: float
    ascent: float  # the baseline, from the row's top, shared by its pieces

    def text(self) -> str:
        """The row's words, date column first (for tests and debugging)."""
        parts = []
        for piece in self.pieces:
            line = piece.layout.lineAt(piece.line)
            start = line.textStart()
            parts.append(piece.layout.text()[start : start + line.textLength()].strip())
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Block:
    """Rows that flow together; the first ``keep`` rows stay on one page."""

    rows: tuple[Row, ...]
    keep: int = 0
    keep_with_next: int = 0  # rows of the next block that must share the page with ``keep``
    space_before: float = 0.0
    rule: bool = False  # a thin rule in the space above, unless the block starts a page
    continued: Callable[[], Row] | None = None  # repeated atop a page this block goes on to


@dataclass(frozen=True, slots=True)
class Placed:
    row: Row
    y: float  # the row's top, from the body's top
    rule_at: float | None = None  # a rule across the body at this y


@dataclass(slots=True)
class Page:
    rows: list[Placed] = field(default_factory=list)


def _height(rows: Sequence[Row]) -> float:
    return sum(row.height for row in rows)


def paginate(blocks: Sequence[Block], page_height: float) -> list[Page]:
    """Blocks on pages, whole rows only, honouring ``keep`` and ``keep_with_next``."""
    pages = [Page()]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    for index, block in enumerate(blocks):
        gap = block.space_before if pages[-1].rows else 0.0
        needed = gap + _height(block.rows[: block.keep])
        if block.keep_with_next and index + 1 < len(blocks):
            following = blocks[index + 1]
            needed += following.space_before + _height(following.rows[: block.keep_with_next])
        if pages[-1].rows and y + needed > page_height:
            new_page()
            gap = 0.0
        rule_at = y + gap / 2 if block.rule and pages[-1].rows else None
        y += gap
        for row in block.rows:
            if pages[-1].rows and y + row.height > page_height:
                new_page()
                rule_at = None
                if block.continued is not None:
                    marker = block.continued()
                    pages[-1].rows.append(Placed(marker, y))
                    y += marker.height
            pages[-1].rows.append(Placed(row, y, rule_at))
            rule_at = None
            y += row.height
    return pages


class _Columns:
    """Fonts, column positions and paragraph-to-rows for one device and body width."""

    def __init__(self, geometry: PageGeometry, side_width: float) -> None:
        self.device: QPaintDevice = geometry.device
        self.geometry = geometry
        width = geometry.body.width()
        self.side_width = side_width
        self.main_x = side_width + geometry.mm(5)
        self.main_width = width - self.main_x
        self.full_width = width
        self.paragraph_gap = geometry.pt(2)

    def rows(
        self,
        role: RowRole,
        entry: int,
        main: QTextLayout | None,
        side: QTextLayout | None = None,
        *,
        main_x: float | None = None,
        after: float = 0.0,
        color: QColor = INK,
    ) -> list[Row]:
        """Rows pairing the lines of a main-column and a side-column paragraph."""
        x = self.main_x if main_x is None else main_x
        count = max(main.lineCount() if main else 0, side.lineCount() if side else 0)
        text = main.text() if main is not None else ""
        rows = []
        for i in range(count):
            pieces = []
            ascent = descent = 0.0
            for layout, px in ((side, 0.0), (main, x)):
                if layout is not None and i < layout.lineCount():
                    line = layout.lineAt(i)
                    pieces.append(Piece(layout, i, px, color))
                    ascent = max(ascent, line.ascent())
                    descent = max(descent, line.height() - line.ascent())
            ends_paragraph = i == count - 1
            if main is not None and i < main.lineCount():
                line = main.lineAt(i)
                end = line.textStart() + line.textLength()
                ends_paragraph = ends_paragraph or text[end - 1 : end] == LINE_SEPARATOR
            extra = after if ends_paragraph else 0.0
            rows.append(Row(role, entry, tuple(pieces), ascent + descent + extra, ascent))
        return rows


class _Paragraphs:
    """Paragraphs of one entry, joined into a single text with forced line breaks.

    One ``QTextLayout`` per entry body instead of one per paragraph: far less work for a long
    chronology. Labels ("Place:", "Hosts:") are bold and grey; an italic paragraph is grey.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def add(self, text: str, label: str = "", *, colon: bool = True, italic: bool = False) -> None:
        if self.parts:
            self.parts.append(LINE_SEPARATOR)
            self.length += 1
        prefix = f"{label}{':' if colon else ''} " if label else ""
        if prefix:
            self.spans.append(
                Span(self.length, len(prefix) - 1, bold=True, color=DARK_GREY if colon else INK)
            )
        if italic:
            self.spans.append(Span(self.length, len(text), italic=True, color=DARK_GREY))
        paragraph = prefix + text
        self.parts.append(paragraph)
        self.length += len(paragraph)

    def joined(self) -> tuple[str, list[Span]]:
        return "".join(self.parts), self.spans


class ChronologyDocument:
    """A chronology laid out on pages; :attr:`pages` is the layout data, for painting or tests."""

    def __init__(self, context: PrintContext, details: Sequence[EventDetail]) -> None:
        self.geometry = context.geometry
        self.lang: Language = context.job.lang
        self.details = list(details)
        self.date_font = font(DATE_PT, bold=True)
        self.title_font = font(TITLE_PT, bold=True)
        self.body_font = font(BODY_PT)
        self.note_font = font(NOTE_PT)
        self.continued_font = font(CONTINUED_PT, italic=True)
        self.sources: list[SourceInfo] = []
        self._numbers: dict[int, int] = {}
        self.columns = _Columns(self.geometry, self._side_width())
        blocks: list[Block] = []
        for index, detail in enumerate(self.details):
            blocks.extend(self._entry(index, detail))
        blocks.extend(self._sources_section())
        self.blocks = blocks
        self.pages = paginate(blocks, self.geometry.body.height())

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # -- laying out --------------------------------------------------------------------------

    def _dates(self, detail: EventDetail) -> str:
        return format_range(detail.row.start, detail.row.end, self.lang)

    def _side_width(self) -> float:
        metrics = QFontMetricsF(self.date_font, self.geometry.device)
        widest = max((metrics.horizontalAdvance(self._dates(d)) for d in self.details), default=0)
        widest = max(widest, metrics.horizontalAdvance("[0000]"))
        low, high = self.geometry.mm(22), self.geometry.body.width() * 0.26
        return min(max(widest + self.geometry.pt(2), low), high)

    def _number(self, source: SourceInfo) -> int:
        number = self._numbers.get(source.id)
        if number is None:
            self.sources.append(source)
            number = self._numbers[source.id] = len(self.sources)
        return number

    def _entry(self, index: int, detail: EventDetail) -> list[Block]:
        columns = self.columns
        row = detail.row
        title = " ".join(plain(row.title).split())
        side = wrap(self._dates(detail), self.date_font, columns.device, columns.side_width)
        heading_layout = wrap(title, self.title_font, columns.device, columns.main_width)
        heading = columns.rows(
            RowRole.HEADING, index, heading_layout, side, after=columns.paragraph_gap
        )
        body = _Paragraphs()
        body.add(f"{row.kind.label} · {row.status.label}", italic=True)
        if row.places:
            label = (
                QCoreApplication.translate("Printing", "Place")
                if len(row.places) == 1
                else QCoreApplication.translate("Printing", "Places")
            )
            body.add("; ".join(plain(place.display(self.lang)) for place in row.places), label)
        for role in Role:
            people = [p for p in detail.participants if p.role is role]
            if not people:
                continue
            names = ", ".join(
                plain(p.name) + (f" ({plain(p.title)})" if p.title.strip() else "") for p in people
            )
            body.add(names, role.plural if len(people) > 1 else role.label)
        for text in paragraphs(detail.summary):
            body.add(text)
        if detail.sources:
            refs = "; ".join(
                f"[{self._number(ref.source)}] {_source_name(ref.source)}" for ref in detail.sources
            )
            body.add(refs, QCoreApplication.translate("Printing", "Sources"))
            for ref in detail.sources:
                for text in paragraphs(ref.note):
                    body.add(text, f"[{self._number(ref.source)}]", colon=False)
        text, spans = body.joined()
        layout = wrap(text, self.body_font, columns.device, columns.main_width, spans=spans)
        rows = columns.rows(RowRole.BODY, index, layout, after=columns.paragraph_gap)
        return [
            Block(
                tuple(heading),
                keep=len(heading),
                keep_with_next=LINES_WITH_HEADING,
                space_before=self.geometry.pt(10),
                rule=True,
            ),
            Block(tuple(rows), continued=lambda: self._continued_row(index, title)),
        ]

    def _continued_row(self, index: int, title: str) -> Row:
        columns = self.columns
        metrics = QFontMetricsF(self.continued_font, columns.device)
        suffix = " " + QCoreApplication.translate("Printing", "(continued)")
        shown = metrics.elidedText(
            title,
            Qt.TextElideMode.ElideRight,
            columns.main_width - metrics.horizontalAdvance(suffix),
        )
        layout = wrap(shown + suffix, self.continued_font, columns.device, columns.main_width)
        return columns.rows(
            RowRole.CONTINUED, index, layout, after=columns.paragraph_gap, color=DARK_GREY
        )[0]

    def _sources_section(self) -> list[Block]:
        if not self.sources:
            return []
        columns = self.columns
        heading = wrap(
            QCoreApplication.translate("Printing", "Sources"),
            self.title_font,
            columns.device,
            columns.full_width,
        )
        blocks = [
            Block(
                tuple(
                    columns.rows(
                        RowRole.SECTION, -1, heading, main_x=0.0, after=columns.paragraph_gap
                    )
                ),
                keep=1,
                keep_with_next=3,
                space_before=self.geometry.pt(16),
                rule=True,
            )
        ]
        number_width = columns.side_width
        for number, source in enumerate(self.sources, start=1):
            mark = wrap(
                f"[{number}]",
                self.note_font,
                columns.device,
                number_width,
                alignment=Qt.AlignmentFlag.AlignRight,
            )
            rows = columns.rows(RowRole.NOTE, -1, self._note_layout(source), mark)
            url = wrap(plain(source.url), self.note_font, columns.device, columns.main_width)
            rows += columns.rows(RowRole.NOTE, -1, url)
            blocks.append(
                Block(tuple(rows), keep=min(len(rows), 6), space_before=self.geometry.pt(3))
            )
        return blocks

    def _note_layout(self, source: SourceInfo) -> QTextLayout:
        parts = []
        name = plain(source.outlet).strip()
        if name:
            parts.append(name)
        if source.title.strip():
            parts.append(f"“{' '.join(plain(source.title).split())}”")
        text = " — ".join(parts) or _host(source.url)
        extras = []
        if source.published is not None:
            extras.append(UncertainDate.from_date(source.published).format(self.lang))
        if source.language.strip():
            extras.append(plain(source.language).strip())
        if extras:
            text += f" ({', '.join(extras)})"
        bold = len(name) if name else 0
        spans = [Span(0, bold, bold=True)] if bold else []
        return wrap(text, self.note_font, self.columns.device, self.columns.main_width, spans=spans)

    # -- painting ----------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, index: int) -> None:
        body = self.geometry.body
        rule = QPen(MID_GREY)
        rule.setWidthF(self.geometry.pt(0.5))
        for placed in self.pages[index].rows:
            top = body.top() + placed.y
            if placed.rule_at is not None:
                painter.setPen(rule)
                y = body.top() + placed.rule_at
                painter.drawLine(QPointF(body.left(), y), QPointF(body.right(), y))
            baseline = top + placed.row.ascent
            for piece in placed.row.pieces:
                painter.setPen(piece.color)
                line = piece.layout.lineAt(piece.line)
                line.draw(
                    painter,
                    QPointF(body.left() + piece.x, baseline - line.ascent() - line.y()),
                )


def _host(url: str) -> str:
    try:
        host = urlsplit(url.strip()).netloc
    except ValueError:
        host = ""
    return plain(host or url)


def _source_name(source: SourceInfo) -> str:
    name = plain(source.outlet).strip() or " ".join(plain(source.title).split())
    return name or _host(source.url)


def build(context: PrintContext) -> ChronologyDocument:
    """The chronology of ``context.events``, laid out on ``context.geometry``'s pages."""
    details = context.store.get_events([row.id for row in context.events])
    return ChronologyDocument(context, details)
