"""How wide a text is: the one thing the Qt-free layout code needs to know about fonts."""

from __future__ import annotations

from collections.abc import Iterable
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


def widest(texts: Iterable[str], metrics: TextMetrics, widest_char: float, enough: float) -> float:
    """The width of the widest of ``texts`` (0 for none), measuring as few as it can: the
    longest first, and none that could not be wider than the widest so far (``widest_char``:
    the advance of the font's widest character, which bounds a printable ASCII text's width;
    texts with other characters may be drawn from other fonts, or as tabs, and are always
    measured). Stops
    at a width of ``enough``."""
    found = 0.0
    for text in sorted(set(texts), key=len, reverse=True):
        if text.isascii() and text.isprintable() and len(text) * widest_char <= found:
            continue
        found = max(found, metrics.width(text))
        if found >= enough:
            break
    return found
