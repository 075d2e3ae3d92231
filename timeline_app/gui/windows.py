"""The open main windows and the stores they share.

Several windows can show the same database (File > New Window): they share one ``Store``, so an
edit in one reaches the others at once through the store's listeners. A store is closed when the
last window using it closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from timeline_app.core.store import Store

if TYPE_CHECKING:
    from timeline_app.gui.main_window import MainWindow


class WindowManager(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windows: list[MainWindow] = []
        self._users: dict[int, int] = {}

    def open_window(self, store: Store, *, restore_state: bool = True) -> MainWindow:
        from timeline_app.gui.main_window import MainWindow  # noqa: PLC0415 - cycle

        window = MainWindow(store, manager=self, restore_state=restore_state)
        window.show()
        return window

    def attach(self, window: MainWindow, store: Store) -> None:
        if window not in self.windows:
            self.windows.append(window)
        self._users[id(store)] = self._users.get(id(store), 0) + 1

    def release(self, window: MainWindow, store: Store) -> None:
        """The window no longer uses ``store``; the store is closed if nobody else does."""
        count = self._users.get(id(store), 0) - 1
        if count <= 0:
            self._users.pop(id(store), None)
            store.close()
        else:
            self._users[id(store)] = count

    def forget(self, window: MainWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
