"""Driving the editors the way a user does: typing, picking from completion popups, keys."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from timeline_app.core.store import Store

#: Completion popups on the offscreen platform log exactly these two warnings; a test module that
#: types into completed fields sets ``pytestmark = POPUP_WARNINGS``.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, accented letters too (QTest's keyClicks takes ASCII only)."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Give the field the focus, clear it and type ``text`` key by key."""
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(qtbot, edit, text)


def popup_entries(completer: QCompleter) -> list[str]:
    model = completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def pick(qtbot: QtBot, edit: QLineEdit, typed: str, entry: int = 0) -> list[str]:
    """Type into a field, then choose an entry of its completion popup with the keyboard;
    returns what the popup offered."""
    retype(qtbot, edit, typed)
    completer = edit.completer()
    assert completer is not None
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offered = popup_entries(completer)
    for _ in range(entry + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    return offered


def choose(combo: QComboBox, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0, f"{label!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)


def locked_error() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))


@contextmanager
def database_locked(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every write fails as SQLite does when another program holds the lock too long."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise locked_error()

    with monkeypatch.context() as patch:
        patch.setattr(store, "writing", refuse)
        yield
