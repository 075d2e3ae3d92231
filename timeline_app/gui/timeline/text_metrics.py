"""Qt's font metrics behind the core's :class:`TextMetrics`, with caches for repeated titles."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice

CACHE_LIMIT = 20_000
WIDTHS_KEPT = 24  # widths whose elided form is kept, a text (then that text starts afresh)
LOGICAL_DPI = 96  # the timeline's units are screen pixels: 1/96 inch


def logical_font(font: QFont) -> QFont:
    """``font`` sized in the timeline's units rather than in points.

    A painter scaled to print (a unit = 1/96 inch on a 1200 dpi page) would otherwise size a
    point font for the page's resolution and then scale it again; a pixel-sized font is sized
    in the painter's units, like everything else the renderer draws.
    """
    sized = QFont(font)
    if font.pixelSize() <= 0 and font.pointSizeF() > 0:
        sized.setPixelSize(max(round(font.pointSizeF() * LOGICAL_DPI / 72), 1))
    return sized


def scaled_font(font: QFont, factor: float, minimum: float) -> QFont:
    """``font`` ``factor`` times as big (at least ``minimum`` points or pixels, as it is sized)."""
    sized = QFont(font)
    if font.pixelSize() > 0:
        sized.setPixelSize(max(round(font.pixelSize() * factor), round(minimum * 4 / 3)))
    else:
        sized.setPointSizeF(max(font.pointSizeF() * factor, minimum))
    return sized


class QtTextMetrics:
    """Widths of texts in ``font`` as drawn on ``device`` (a printer's resolution differs from
    the screen's: measure for the device the timeline is painted on)."""

    def __init__(self, font: QFont, device: QPaintDevice | None = None) -> None:
        self.font = QFont(font)
        self.metrics = QFontMetricsF(self.font, device) if device else QFontMetricsF(self.font)
        self._widths: dict[str, float] = {}
        # a text's elided forms: the (whole pixel) widths asked for, ascending, and the forms
        self._elided: dict[str, tuple[list[int], list[str]]] = {}

    @property
    def height(self) -> float:
        return self.metrics.height()

    @property
    def ascent(self) -> float:
        return self.metrics.ascent()

    @property
    def widest_char(self) -> float:
        """The advance of the font's widest character."""
        return self.metrics.maxWidth()

    def width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            if len(self._widths) > CACHE_LIMIT:
                self._widths.clear()
            found = self._widths[text] = self.metrics.horizontalAdvance(text)
        return found

    def elide(self, text: str, width: float) -> str:
        """``text`` cut to ``width`` with an ellipsis, as Qt cuts it.

        Qt keeps the longest start of the text that fits: the longer the width, the longer the
        start (never shorter). So when two widths on either side of this one gave the same form,
        so does this one: a label whose room changes by a few pixels at each frame of a pan is
        cut once, not at every frame."""
        limit = int(width)
        known = self._elided.get(text)
        if known is None:
            if len(self._elided) > CACHE_LIMIT:
                self._elided.clear()
            known = self._elided[text] = ([], [])
        widths, forms = known
        at = bisect_left(widths, limit)
        if at < len(widths) and (widths[at] == limit or (at and forms[at - 1] == forms[at])):
            return forms[at]
        found = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, limit)
        if len(widths) >= WIDTHS_KEPT:
            widths.clear()
            forms.clear()
            at = 0
        widths.insert(at, limit)
        forms.insert(at, found)
        return found
