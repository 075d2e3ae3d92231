"""The detail pane's HTML: readable, and every piece of user text shown as text."""

from __future__ import annotations

from dataclasses import replace

from tests.helpers.seed import by_title
from timeline_app.core.records import SourceInfo, SourceRef
from timeline_app.core.store import Store
from timeline_app.gui.detail import html


def test_macrons_visit_reads_as_a_person_expects(seeded: Store) -> None:
    detail = seeded.get_event(by_title(seeded, "Macron's state visit").id)
    text = html.render(detail)
    assert "5–7 Apr 2023" in text
    assert "Beijing, China" in text and "Guangzhou, China" in text
    assert "<b>Hosts:</b> Xi Jinping" in text
    assert "announced by: <a href='event:" in text


def test_hostile_text_is_escaped_and_unsafe_links_are_not_links(seeded: Store) -> None:
    detail = seeded.get_event(by_title(seeded, "Xi and Zelensky").id)
    hostile = "<img src=file:///etc/passwd><b>bold</b>\x07\x1b[31m"
    detail = replace(
        detail,
        row=replace(detail.row, title=hostile),
        summary=hostile,
        sources=(
            SourceRef(SourceInfo(url="javascript:alert(1)", title="<script>x</script>", id=1)),
            SourceRef(SourceInfo(url="file:///etc/passwd", id=2)),
        ),
    )
    text = html.render(detail)
    assert "<img" not in text and "<b>bold" not in text and "<script>" not in text
    assert "&lt;img src=file:///etc/passwd&gt;" in text
    assert "href='javascript" not in text and "href='file" not in text
    assert "\x07" not in text and "\x1b" not in text


def test_very_long_fields_are_clipped(seeded: Store) -> None:
    detail = seeded.get_event(by_title(seeded, "Xi and Zelensky").id)
    detail = replace(detail, summary="x" * 100_000)
    text = html.render(detail)
    assert len(text) < 20_000
    assert "clipped: 5000 of 100000 characters" in text


def test_only_web_addresses_become_links() -> None:
    for url in ("https://example.org/a", "HTTP://example.org"):
        assert html.url_link(url).startswith("<a href=")
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://", "x"):
        link = html.url_link(url)
        assert "<a " not in link and "not a web address: not opened" in link
