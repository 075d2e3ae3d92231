"""Hostile text is shown as text everywhere in the window: what each widget shows, read back as
plain text, is the input itself (control characters made visible, very long fields clipped);
markup is never interpreted, and only web links can be opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.helpers.editing import database_locked
from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import ActorData, EventData, Participant, SourceData, SourceLink
from timeline_app.core.store import Store
from timeline_app.core.text import block, one_line
from timeline_app.core.vocabulary import Kind, Role, Status
from timeline_app.gui.detail.window import DetailWindow
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import Column

#: Each is shown exactly as it is (no control characters in these).
MARKUP = [
    "<b>Bold</b> & <i>italic</i> <font color=red>red</font>",
    "<img src=file:///etc/passwd> and <img src='data:image/png;base64,AAAA'>",
    "<qt><h1>Qt rich text</h1><a href='javascript:alert(1)'>click me</a></qt>",
    "<script>alert('x')</script> &amp; &lt;escaped&gt; [*] modified?",
]
CONTROL = "bell\x07 escape\x1b[31m red \u202eevil\u202c line\nbreak"
LONG = "x" * 100_000
UNSAFE_URLS = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>x</script>"]


def rendered(markup: str) -> str:
    """What Qt shows for a tooltip or label text: rich text when it guesses so, else as is."""
    if not QtGui.Qt.mightBeRichText(markup):
        return markup
    document = QTextDocument()
    document.setHtml(markup)
    return document.toPlainText()


@pytest.fixture
def hostile(store: Store) -> dict[str, int]:
    """Events whose titles, summaries, participants and sources hold hostile text."""
    ids: dict[str, int] = {}
    actor = store.create_actor(ActorData(MARKUP[0], title=MARKUP[1]))
    sources = [
        store.create_source(SourceData(f"https://example.org/{n}", title=MARKUP[2]))
        for n in range(len(UNSAFE_URLS))
    ]
    # The store and a CHECK constraint refuse such addresses; the views must not rely on that
    # (a file edited by another program, with checks off), so put them there anyway.
    with store.engine.begin() as connection:
        connection.execute(text("PRAGMA ignore_check_constraints = ON"))
        for source_id, url in zip(sources, UNSAFE_URLS, strict=True):
            connection.execute(
                text("UPDATE source SET url = :url WHERE id = :id"), {"url": url, "id": source_id}
            )
        connection.execute(text("PRAGMA ignore_check_constraints = OFF"))
    web = store.create_source(SourceData("https://example.org/report", title=MARKUP[3]))
    for number, title in enumerate([*MARKUP, CONTROL, LONG]):
        ids[title] = store.create_event(
            EventData(
                title,
                Kind.STATEMENT,
                Status.COMPLETED,
                UncertainDate(2023, 3, 1 + number * 3),
                summary=f"{MARKUP[1]}\n{CONTROL}",
                participants=(Participant(actor, Role.AUTHOR),),
                sources=(*(SourceLink(s, MARKUP[3]) for s in sources), SourceLink(web)),
            )
        )
    return ids


@pytest.fixture
def window(qtbot: QtBot, store: Store, hostile: dict[str, int]) -> Iterator[MainWindow]:
    win = MainWindow(store, restore_state=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.rowCount() == len(hostile))
    yield win
    win.close()


def cell(window: MainWindow, event_id: int, column: Column, role: int) -> str:
    row = window.model.row_of(event_id)
    assert row is not None
    return str(window.model.index(row, column).data(role))


def test_the_table_shows_titles_and_names_as_text_in_cells_and_tooltips(
    window: MainWindow, hostile: dict[str, int]
) -> None:
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    for title in MARKUP:
        assert cell(window, hostile[title], Column.TITLE, display) == title
        assert rendered(cell(window, hostile[title], Column.TITLE, tip)) == title
        assert "<" not in cell(window, hostile[title], Column.TITLE, tip).removeprefix("<qt>")[:-5]
    actors = cell(window, hostile[MARKUP[0]], Column.ACTORS, display)
    assert actors == f"{MARKUP[0]} (author)"
    assert rendered(cell(window, hostile[MARKUP[0]], Column.ACTORS, tip)) == actors

    control = cell(window, hostile[CONTROL], Column.TITLE, display)
    assert control == "bell␇ escape␛[31m red <U+202E>evil<U+202C> line⏎break"
    assert rendered(cell(window, hostile[CONTROL], Column.TITLE, tip)) == control

    long = cell(window, hostile[LONG], Column.TITLE, display)
    assert len(long) == 300 and long.endswith("…")
    assert len(rendered(cell(window, hostile[LONG], Column.TITLE, tip))) <= 1000


def test_the_detail_pane_shows_everything_as_text_and_opens_only_web_links(
    window: MainWindow, hostile: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for title in MARKUP:
        window.select_event(hostile[title])
        shown = window.details.browser.toPlainText()
        assert shown.startswith(title + "\n")
        for part in (*MARKUP, *UNSAFE_URLS):
            assert part in shown
        assert block(CONTROL) in shown  # control characters shown as visible marks
        assert "\x07" not in shown and "\u202e" not in shown
        document = window.details.browser.document()
        assert "<img" not in document.toHtml().replace("&lt;img", "")
        assert "\ufffc" not in shown  # no embedded object (image) anywhere
        assert anchors(window) == {"https://example.org/report"}

    for url in UNSAFE_URLS:
        window.details._follow(QUrl(url))
    assert opened == []
    window.details._follow(QUrl("https://example.org/report"))
    assert opened == ["https://example.org/report"]


def anchors(window: MainWindow) -> set[str]:
    found = set()
    block_ = window.details.browser.document().begin()
    while block_.isValid():
        it = block_.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                found.add(href)
            it += 1
        block_ = block_.next()
    return found


def test_a_100000_character_title_is_clipped_on_screen(
    window: MainWindow, hostile: dict[str, int]
) -> None:
    window.select_event(hostile[LONG])
    shown = window.details.browser.toPlainText()
    assert len(shown) < 10_000
    assert "clipped: 500 of 100000 characters" in shown
    scene = window.timeline.scene()
    assert scene is not None
    position = scene.index.position(hostile[LONG])
    assert position is not None
    assert len(scene.index.title(position)) == 300  # what the timeline measures and draws
    assert len(window.timeline.accessibleDescription()) < 1000


def test_timeline_tooltips_show_titles_as_text(
    qtbot: QtBot, window: MainWindow, hostile: dict[str, int]
) -> None:
    for title in [*MARKUP, CONTROL]:
        window.timeline.select_event(hostile[title])
        window.timeline.viewport().repaint()
        rect = window.timeline.event_rect(hostile[title])
        assert rect is not None
        tip = rendered(window.timeline.tooltip_at(rect.center().toPoint()))
        assert tip.splitlines()[0] == one_line(title)
        assert "1 Mar 2023" in tip or "Mar 2023" in tip


def test_window_titles_show_event_titles_and_file_names_as_they_are(
    qtbot: QtBot, window: MainWindow, hostile: dict[str, int], tmp_path: Path
) -> None:
    detail = DetailWindow(window.store, hostile[MARKUP[3]])
    qtbot.addWidget(detail)
    detail.show()
    qtbot.waitExposed(detail)
    handle = detail.windowHandle()
    assert handle is not None
    assert handle.title() == f"{MARKUP[3]} — Details"  # "[*]" too, not taken as a placeholder
    detail.show_event(hostile[CONTROL])
    assert handle.title() == f"{one_line(CONTROL)} — Details"
    detail.show_event(hostile[LONG])
    assert len(handle.title()) < 200
    detail.close()

    named = tmp_path / "<i>evil [*] &amp;.sqlite3"
    assert window.switch_database(named)
    main = window.windowHandle()
    assert main is not None
    assert main.title() == "<i>evil [*] &amp;.sqlite3 — Diplomatic Timeline"


def test_a_message_naming_a_title_shows_it_as_text(
    qtbot: QtBot, window: MainWindow, hostile: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = EditController(window.store, window)
    assert controller.delete_event(hostile[MARKUP[1]])
    with database_locked(window.store, monkeypatch):
        assert not controller.undo()
    box = controller.last_message
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP[1][:40] in box.text()
    box.close()
