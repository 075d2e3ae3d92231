"""User text in Qt's places that would interpret it: tooltips, window titles, message boxes.

Titles, names and sources may hold anything an import brought in (``core.text``). Qt guesses
whether a tooltip or a message box text is rich text (``Qt::mightBeRichText``), so a title such as
``<img src=file:///...>`` would be drawn as an image; and a window title treats ``[*]`` as the
"modified" placeholder. These helpers turn any text into what shows exactly that text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from timeline_app.core.text import block, one_line

TOOLTIP_LINE_LIMIT = 300
TITLE_LIMIT = 120
MODIFIED_PLACEHOLDER = "[*]"


def tooltip(lines: Iterable[str], limit: int = TOOLTIP_LINE_LIMIT) -> str:
    """Tooltip markup showing ``lines`` (empty ones left out) as plain text, each on one line,
    clipped at ``limit`` characters: markup in them is shown, never interpreted."""
    shown = [html.escape(one_line(line, limit), quote=False) for line in lines if line]
    return "<qt>" + "<br>".join(shown) + "</qt>" if shown else ""


def window_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` for a window title: one line, clipped, and a literal ``[*]`` kept as text
    (Qt shows ``[*][*]`` as ``[*]``)."""
    return one_line(text, limit).replace(MODIFIED_PLACEHOLDER, MODIFIED_PLACEHOLDER * 2)


def plain_message(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    parent: QWidget | None = None,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose text is shown as plain text (control characters made visible,
    clipped), whatever it holds."""
    box = QMessageBox(icon, window_title(title), block(text), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
