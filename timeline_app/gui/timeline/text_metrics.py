"""Qt's font metrics behind the core's :class:`TextMetrics`, with caches for repeated titles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

CACHE_LIMIT = 20_000


class QtTextMetrics:
    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.metrics = QFontMetricsF(self.font)
        self._widths: dict[str, float] = {}
        self._elided: dict[tuple[str, int], str] = {}

    @property
    def height(self) -> float:
        return self.metrics.height()

    @property
    def ascent(self) -> float:
        return self.metrics.ascent()

    def width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            if len(self._widths) > CACHE_LIMIT:
                self._widths.clear()
            found = self._widths[text] = self.metrics.horizontalAdvance(text)
        return found

    def elide(self, text: str, width: float) -> str:
        key = (text, int(width))
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) > CACHE_LIMIT:
                self._elided.clear()
            found = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))
            self._elided[key] = found
        return found
