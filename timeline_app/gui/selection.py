"""The one selection shared by the timeline, the table and the detail pane."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """The current event of a window; every view follows ``changed`` and calls ``select``."""

    changed = Signal(int)  # event id, -1 for none

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: int | None = None

    @property
    def current(self) -> int | None:
        return self._current

    def select(self, event_id: int | None) -> None:
        if event_id is not None and event_id < 0:
            event_id = None
        if event_id == self._current:
            return
        self._current = event_id
        self.changed.emit(-1 if event_id is None else event_id)
