"""Counts read as English: "1 event", "13 events", never "13 event(s)"."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication

from timeline_app import paths

PACKAGE = Path(__file__).resolve().parents[2] / "timeline_app"
ENGLISH = paths.resources_dir() / "translations" / "timeline_app_en.ts"
PLURAL_TEXT = re.compile(r'"([^"\n]*%n[^"\n]*)"')


def _plural_messages() -> list[tuple[str, str]]:
    tree = ElementTree.parse(ENGLISH)  # our own file, not untrusted input
    return [
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def test_every_count_in_the_code_has_english_plural_forms() -> None:
    known = {source for _, source in _plural_messages()}
    in_code = {
        text
        for path in PACKAGE.rglob("*.py")
        for text in PLURAL_TEXT.findall(path.read_text(encoding="utf-8"))
    }
    assert in_code, "the pattern should find the app's counted messages"
    assert in_code <= known, f"add these to {ENGLISH.name}: {sorted(in_code - known)}"


@pytest.mark.parametrize(("context", "source"), _plural_messages())
def test_english_counts_agree_with_the_number(context: str, source: str) -> None:
    one = QCoreApplication.translate(context, source, "", 1)
    many = QCoreApplication.translate(context, source, "", 13)
    for text, number in ((one, "1"), (many, "13")):
        assert "(s)" not in text and number in text
    assert one != many
