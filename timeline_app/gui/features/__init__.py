"""Parts of the main window's behaviour, each in its own module.

A feature brings the handlers of some actions of the actions table (``gui/actions.py``) and
any widgets it needs, and follows the window's store. The main window composes the features
listed in ``main_window.FEATURES``; none of them holds business rules (those live in the core).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from timeline_app.core.store import Store

if TYPE_CHECKING:
    from timeline_app.gui.actions import ActionSet
    from timeline_app.gui.main_window import MainWindow

Handlers = dict[str, Callable[[], object]]


class WindowFeature(QObject):
    """Base class: override what the feature needs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def handlers(self) -> Handlers:
        """Action id -> handler, for the actions this feature carries out."""
        return {}

    def actions_ready(self, actions: ActionSet) -> None:
        """Called once the window's actions and menus exist."""

    def store_attached(self, store: Store) -> None:
        """The window now shows ``store`` (also called for the first store)."""

    def store_detached(self, store: Store) -> None:
        """The window stops showing ``store`` (another is opened, or the window closes)."""
