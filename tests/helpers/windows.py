"""A main window on a store, shown and with its event table read, as a user first sees it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from timeline_app.core.store import Store
from timeline_app.gui.main_window import MainWindow


def open_window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store, restore_state=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    count = store.count_events()
    qtbot.waitUntil(lambda: window.model.rowCount() == count)
    return window
