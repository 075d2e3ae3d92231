"""The search field: debounced text, Escape clears, Enter and Shift+Enter step through matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from timeline_app.gui.search import SearchField
from timeline_app.gui.search.search_field import DEBOUNCE_MS


def make_field(qtbot: QtBot) -> SearchField:
    field = SearchField()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    return field


def test_typing_emits_the_text_once_typing_pauses(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    assert field.objectName() == "searchField"
    heard: list[str] = []
    field.searchChanged.connect(heard.append)
    qtbot.keyClicks(field, "Pekin")
    assert heard == []  # not on every key
    qtbot.waitUntil(lambda: heard == ["Pekin"], timeout=DEBOUNCE_MS * 10)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert heard == ["Pekin"]


def test_escape_clears_at_once(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    heard: list[str] = []
    field.searchChanged.connect(heard.append)
    qtbot.keyClicks(field, "Xi")
    qtbot.waitUntil(lambda: heard == ["Xi"], timeout=DEBOUNCE_MS * 10)
    qtbot.keyClicks(field, " Jin")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""
    assert heard == ["Xi", ""]  # at once, and "Xi Jin" (cleared before the pause) never
    qtbot.wait(DEBOUNCE_MS * 2)
    assert heard == ["Xi", ""]


def shortcut_override(field: SearchField, key: Qt.Key) -> bool:
    """Whether the field claims ``key`` before the window's shortcuts see it."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(field, event)
    return event.isAccepted()


def test_escape_goes_to_the_window_shortcut_only_once_the_field_is_empty(qtbot: QtBot) -> None:
    # The window binds Escape to "focus the timeline": a field with text takes Escape first
    # (to clear itself), an empty one leaves it to the window.
    field = make_field(qtbot)
    assert not shortcut_override(field, Qt.Key.Key_Escape)
    field.setText("Macron")
    assert shortcut_override(field, Qt.Key.Key_Escape)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not shortcut_override(field, Qt.Key.Key_Escape)


def test_enter_and_shift_enter_step_to_the_next_and_previous_match(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    heard: list[str] = []
    field.searchChanged.connect(lambda text: heard.append(f"search {text}"))
    field.nextMatchRequested.connect(lambda: heard.append("next"))
    field.previousMatchRequested.connect(lambda: heard.append("previous"))
    qtbot.keyClicks(field, "Xi")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Enter)
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    # The pending search runs first, so "next" steps through the new matches.
    assert heard == ["search Xi", "next", "next", "previous"]


def test_a_restored_search_is_shown_without_being_emitted_unless_asked(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    heard: list[str] = []
    field.searchChanged.connect(heard.append)
    field.set_search_text("Loukachenko")
    qtbot.wait(DEBOUNCE_MS * 2)
    assert field.text() == "Loukachenko" and heard == []
    field.set_search_text("Lukashenka", emit=True)
    assert heard == ["Lukashenka"]


def test_any_text_can_be_typed(qtbot: QtBot) -> None:
    field = make_field(qtbot)
    heard: list[str] = []
    field.searchChanged.connect(heard.append)
    hostile = '"NEAR(( *AND'
    qtbot.keyClicks(field, hostile)
    field.flush()
    assert heard == [hostile]
