"""Search matches in the event table: matching rows tinted, the matched words marked.

The delegate paints the table's cells as usual; while a search is active, the rows of the
events it finds get a light tint of the search colour (the timeline marks matches in the same
colour), and in the text columns the words that match (``core.search.highlight_spans``, which
follows other spellings: "Loukachenko" marks "Lukashenko") are drawn bold on the search colour,
so they stand out in greyscale too. Text is elided first and the words are found in what is
shown, so a mark never points past the end of a clipped cell.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from timeline_app.core.search.text import Expander, highlight_spans
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column
from timeline_app.gui.timeline.palette import mix, readable_on

#: The columns whose text is searched (dates, kind and status are not).
TEXT_COLUMNS = frozenset({Column.TITLE, Column.ACTORS, Column.PLACES})
#: How far a matching row's background moves towards the search colour.
ROW_TINT = 0.30


class MatchDelegate(QStyledItemDelegate):
    """Paints the search matches of :meth:`set_matches` in an event table."""

    def __init__(self, parent: QWidget | None = None, colour: QColor | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour or QColor("#FFC928"))
        self.query = ""
        self.ids: frozenset[int] = frozenset()
        self.synonyms: Expander | None = None
        self.mark_rows = True

    def set_matches(
        self,
        query: str,
        ids: Collection[int],
        synonyms: Expander | None = None,
        *,
        mark_rows: bool = True,
    ) -> None:
        """Mark the rows of ``ids`` (when ``mark_rows``) and the words ``query`` matches in
        them; an empty query clears every mark. The view must be repainted afterwards."""
        self.query = query
        self.ids = frozenset(ids) if query else frozenset()
        self.synonyms = synonyms
        self.mark_rows = mark_rows

    def is_match(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return bool(self.ids) and index.data(EVENT_ID_ROLE) in self.ids

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        widget = option.widget
        if not self.is_match(index) or widget is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if self.mark_rows and not selected:
            alternate = opt.features & QStyleOptionViewItem.ViewItemFeature.Alternate
            role = QPalette.ColorRole.AlternateBase if alternate else QPalette.ColorRole.Base
            opt.backgroundBrush = QBrush(mix(opt.palette.color(role), self.colour, ROW_TINT))
        text = opt.text
        spans = (
            highlight_spans(self.query, text, self.synonyms)
            if index.column() in TEXT_COLUMNS
            else []
        )
        style = widget.style()
        if spans:
            opt.text = ""
        # Drawn here rather than by the base class, which would read the options again and
        # lose the tint.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if spans:
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
            rect = rect.adjusted(margin, 0, -margin, 0)
            self._draw_text(painter, opt, rect, text, spans, selected=selected)

    def _draw_text(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        rect: QRect,
        text: str,
        spans: list[tuple[int, int]],
        *,
        selected: bool,
    ) -> None:
        metrics = opt.fontMetrics
        bold_font = QFont(opt.font)
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        # Marked words are bold, so wider: elide to leave them room.
        extra = sum(
            bold.horizontalAdvance(text[start:end]) - metrics.horizontalAdvance(text[start:end])
            for start, end in spans
        )
        width = rect.width()
        shown = text
        if metrics.horizontalAdvance(text) + extra > width:
            shown = metrics.elidedText(text, opt.textElideMode, max(0, width - extra))
        layout = QTextLayout(shown, opt.font)
        marked = QTextCharFormat()
        marked.setBackground(self.colour)
        marked.setForeground(readable_on(self.colour))
        marked.setFontWeight(QFont.Weight.Bold)
        ranges = []
        for start, end in highlight_spans(self.query, shown, self.synonyms):
            part = QTextLayout.FormatRange()
            part.start, part.length, part.format = start, end - start, marked
            ranges.append(part)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(max(width, bold.horizontalAdvance(shown)) + 40)
        layout.endLayout()
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(group, role))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()
