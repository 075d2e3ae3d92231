"""Plain text on paper: fonts, cleaning user text, and wrapping it into lines.

User text (titles, summaries, names, sources) can hold anything an import brought in: HTML, Qt
rich-text tags, control characters. It is only ever drawn through ``QTextLayout`` and
``QPainter.drawText`` on a plain string, which never interpret markup, after :func:`plain` has
turned control characters into spaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QTextCharFormat, QTextLayout, QTextOption

FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Helvetica", "Arial"]
INK = QColor(0, 0, 0)
DARK_GREY = QColor(0x44, 0x44, 0x44)  # labels and secondary text: still dark in greyscale
MID_GREY = QColor(0x88, 0x88, 0x88)  # rules


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A sans-serif font without ligatures, so a PDF's text can be searched and copied."""
    result = QFont()
    result.setFamilies(FAMILIES)
    result.setStyleHint(QFont.StyleHint.SansSerif)
    result.setPointSizeF(points)
    result.setBold(bold)
    result.setItalic(italic)
    for tag in ("liga", "clig", "dlig"):
        result.setFeature(QFont.Tag(tag), 0)
    return result


def plain(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control and format characters (bidi overrides...) made spaces."""
    if text.isprintable():
        return text
    newline_like = "\n\r\u2028\u2029\x0b\x0c\x85"
    out = []
    for ch in text:
        if keep_newlines and ch in newline_like:
            out.append("\n")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(" ")
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs of a multi-line text, each cleaned with :func:`plain`."""
    cleaned = plain(text, keep_newlines=True)
    return [" ".join(part.split()) for part in cleaned.split("\n") if part.strip()]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a paragraph drawn bold, italic or in another colour (a label...)."""

    start: int
    length: int
    bold: bool = False
    italic: bool = False
    color: QColor | None = None


_OPTIONS: dict[tuple[bool, int], QTextOption] = {}


def _option(anywhere: bool, alignment: Qt.AlignmentFlag | None) -> QTextOption:
    key = (anywhere, int(alignment.value) if alignment is not None else 0)
    option = _OPTIONS.get(key)
    if option is None:
        option = QTextOption()
        option.setWrapMode(
            QTextOption.WrapMode.WrapAnywhere
            if anywhere
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        if alignment is not None:
            option.setAlignment(alignment)
        _OPTIONS[key] = option
    return option


_FORMATS: dict[tuple[bool, bool, int | None], QTextCharFormat] = {}


def _format(span: Span) -> QTextCharFormat:
    key = (span.bold, span.italic, span.color.rgba() if span.color is not None else None)
    found = _FORMATS.get(key)
    if found is None:
        found = QTextCharFormat()
        if span.bold:
            found.setFontWeight(QFont.Weight.Bold)
        if span.italic:
            found.setFontItalic(True)
        if span.color is not None:
            found.setForeground(span.color)
        _FORMATS[key] = found
    return found


def wrap(
    text: str,
    base: QFont,
    device: QPaintDevice,
    width: float,
    *,
    spans: Iterable[Span] = (),
    anywhere: bool = False,
    alignment: Qt.AlignmentFlag | None = None,
) -> QTextLayout:
    """``text`` laid out in lines of at most ``width`` device units, stacked from y = 0.

    Lines break at word boundaries; a word longer than the line (a URL) breaks anywhere. Text
    is drawn in the painter's pen colour, except for ``spans`` that set their own.
    """
    layout = QTextLayout(text, base, device)
    layout.setTextOption(_option(anywhere, alignment))
    formats = []
    for span in spans:
        part = QTextLayout.FormatRange()
        part.start, part.length = span.start, span.length
        part.format = _format(span)
        formats.append(part)
    if formats:
        layout.setFormats(formats)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, y))
        y += line.height()
    layout.endLayout()
    return layout
