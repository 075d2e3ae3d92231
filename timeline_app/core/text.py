"""Showing any text safely: titles, names and sources may hold anything an import brought in.

Views show user text as plain text (never as HTML or Qt rich text); these helpers take care of
what plain text still lets through: control characters (a newline in a one-line table cell, an
escape sequence in a terminal), Unicode bidirectional overrides that reorder what is displayed
(a title that reads differently from what it contains), lone surrogates that Qt cannot encode,
and 100,000-character fields that would slow painting down. Only as many characters as will be
shown are looked at, so the cost does not depend on the field's length.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

ELLIPSIS = "…"
NEWLINE_MARK = "⏎"
ONE_LINE_LIMIT = 300
TEXT_LIMIT = 5000
WEB_SCHEMES = ("http", "https")

# Embeddings, overrides and isolates: they change the order in which text is displayed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_C0_PICTURES = 0x2400  # U+2400 SYMBOL FOR NULL ... U+241F SYMBOL FOR UNIT SEPARATOR
_DELETE_PICTURE = "\u2421"  # ␡


def _escape(char: str) -> str:
    return f"<U+{ord(char):04X}>"


def visible(char: str, *, keep_lines: bool = False) -> str:
    """``char`` itself, or a visible stand-in when displaying it as is would be unsafe."""
    code = ord(char)
    if char in "\n\t" and keep_lines:
        return char
    if char == "\n":
        return NEWLINE_MARK
    if code < 0x20:
        return chr(_C0_PICTURES + code)
    if code == 0x7F:
        return _DELETE_PICTURE
    if 0x80 <= code < 0xA0:
        return _escape(char)  # C1 controls (NEL, CSI...)
    if char in BIDI_CONTROLS:
        return _escape(char)
    if unicodedata.category(char) in ("Zl", "Zp", "Cs"):
        return _escape(char)  # line and paragraph separators; lone surrogates
    return char


# Every character :func:`visible` replaces (C0 and C1 controls, DEL, bidirectional controls,
# line and paragraph separators, lone surrogates); the second keeps newlines and tabs.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_UNSAFE_IN_BLOCK = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def _shown(text: str, limit: int, *, keep_lines: bool) -> str:
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit and not (_UNSAFE_IN_BLOCK if keep_lines else _UNSAFE).search(text):
        return text  # the usual case, found without a step per character: nothing to change
    pieces: list[str] = []
    length = 0
    before_ellipsis = 0  # how many pieces fit in limit - 1 characters
    for char in text:
        piece = visible(char, keep_lines=keep_lines)
        length += len(piece)
        if length > limit:
            return "".join(pieces[:before_ellipsis]) + ELLIPSIS
        pieces.append(piece)
        if length <= limit - 1:
            before_ellipsis = len(pieces)
    return "".join(pieces)


def one_line(text: str, limit: int = ONE_LINE_LIMIT) -> str:
    """``text`` fit for one line of a table, a list or a tooltip title.

    Control characters, line breaks, bidirectional overrides and lone surrogates are shown as
    visible marks (``⏎`` for a newline, ``␀``-style pictures for other control characters,
    ``<U+202E>`` for the rest); the result is at most ``limit`` characters, ending with ``…``
    when ``text`` was clipped. Ordinary text of any script comes back unchanged.
    """
    return _shown(text, limit, keep_lines=False)


def block(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` fit for a multi-line plain-text view: like :func:`one_line`, keeping newlines
    and tabs."""
    return _shown(text, limit, keep_lines=True)


def is_web_address(url: str) -> bool:
    """Whether a link to ``url`` may be opened: http and https only, with a host.

    ``javascript:``, ``file:``, ``data:`` and the like are shown as text, never opened.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
