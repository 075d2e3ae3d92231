"""How wide a text is: the one thing the Qt-free layout code needs to know about fonts."""

from __future__ import annotations

from typing import Protocol

ELLIPSIS = "…"


class TextMetrics(Protocol):
    """Text measuring for one font; the GUI passes Qt's font metrics, tests a simple model."""

    def width(self, text: str) -> float:
        """The advance width of ``text``, in pixels."""
        ...

    def elide(self, text: str, width: float) -> str:
        """``text`` shortened with an ellipsis to fit ``width`` px (it may come back empty)."""
        ...


class FixedWidthMetrics:
    """Every character ``char_width`` pixels wide: for tests and for headless estimates."""

    def __init__(self, char_width: float = 7.0) -> None:
        self.char_width = char_width

    def width(self, text: str) -> float:
        return len(text) * self.char_width

    def elide(self, text: str, width: float) -> str:
        if self.width(text) <= width:
            return text
        keep = int(width // self.char_width) - 1
        return text[:keep].rstrip() + ELLIPSIS if keep > 0 else ""
