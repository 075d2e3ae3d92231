"""Any text, however hostile, is made safe to show; ordinary text is left alone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core import text
from timeline_app.core.text import ELLIPSIS, block, is_web_address, one_line

UNSAFE_CATEGORIES = {"Cc", "Zl", "Zp", "Cs"}


def unsafe(char: str, *, keep_lines: bool = False) -> bool:
    if keep_lines and char in "\n\t":
        return False
    return unicodedata.category(char) in UNSAFE_CATEGORIES or char in text.BIDI_CONTROLS


HOSTILE = ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ud800", "<", "&"]
any_text = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=()),  # every category, lone surrogates included
        st.sampled_from(HOSTILE + sorted(text.BIDI_CONTROLS)),
    ),
    max_size=400,
)
limits = st.integers(min_value=1, max_value=500)
ordinary = st.text(
    alphabet=st.characters(
        exclude_categories=("Cc", "Zl", "Zp", "Cs"), exclude_characters="".join(text.BIDI_CONTROLS)
    ),
    max_size=200,
)


@given(any_text, limits)
def test_one_line_is_never_longer_than_the_limit_and_holds_nothing_unsafe(
    value: str, limit: int
) -> None:
    shown = one_line(value, limit)
    assert len(shown) <= limit
    assert not any(unsafe(char) for char in shown)


@given(any_text, limits)
def test_block_keeps_lines_but_nothing_else_unsafe(value: str, limit: int) -> None:
    shown = block(value, limit)
    assert len(shown) <= limit
    assert not any(unsafe(char, keep_lines=True) for char in shown)
    assert shown.count("\n") <= value.count("\n")


@given(ordinary)
def test_ordinary_text_of_any_script_is_unchanged(value: str) -> None:
    assert one_line(value, 1000) == value
    assert block(value, 1000) == value


@given(any_text, limits)
def test_clipping_is_marked_and_keeps_the_beginning(value: str, limit: int) -> None:
    shown = one_line(value, limit)
    whole = one_line(value, 10 * len(value) + 10)
    if shown == whole:
        assert len(whole) <= limit
    else:
        assert shown.endswith(ELLIPSIS)
        assert whole.startswith(shown[:-1])


@given(any_text, limits)
def test_making_safe_twice_changes_nothing_more(value: str, limit: int) -> None:
    shown = one_line(value, limit)
    assert one_line(shown, limit) == shown


def test_what_the_marks_look_like() -> None:
    assert one_line("Visit\nto Paris\t\x00\x1b[31m\x7f") == "Visit⏎to Paris␉␀␛[31m␡"
    assert one_line("abc\u202edcba") == "abc<U+202E>dcba"
    assert one_line("a\u2028b\x85c") == "a<U+2028>b<U+0085>c"
    assert one_line("lone \ud800 surrogate") == "lone <U+D800> surrogate"
    assert block("line one\nline two\r") == "line one\nline two␍"


def test_a_huge_field_is_clipped_after_looking_at_only_what_is_shown() -> None:
    huge = "<b>bold</b>" * 100_000
    shown = one_line(huge, 80)
    assert shown == huge[:79] + ELLIPSIS
    assert block("x" * 100_000, 5000) == "x" * 4999 + ELLIPSIS


def test_scripts_joiners_and_emoji_are_kept() -> None:
    persian = "می\u200cخواهم"  # the zero-width non-joiner is part of Persian spelling
    family = "👨\u200d👩\u200d👧"
    for value in (persian, family, "Пекин", "北京", "Zürich", "עברית"):
        assert one_line(value) == value


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        one_line("text", 0)


@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("https://www.euronews.com/2023/02/28/story", True),
        ("http://example.org", True),
        ("  HTTPS://example.org/a?b=c  ", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("https://", False),
        ("ftp://example.org/file", False),
        ("http://[::1", False),
        ("example.org", False),
    ],
)
def test_only_web_addresses_may_be_opened(url: str, opens: bool) -> None:
    assert is_web_address(url) is opens


@given(st.text(max_size=40), st.booleans())
def test_short_text_is_each_character_made_visible(value: str, keep_lines: bool) -> None:
    """Text within the limit comes back as each of its characters made visible: the quick
    check for text with nothing to change agrees with :func:`visible`, character by character."""
    expected = "".join(text.visible(char, keep_lines=keep_lines) for char in value)
    shown = text.block(value, 1000) if keep_lines else text.one_line(value, 1000)
    assert shown == expected
