"""The window each feature test starts from: the seed timeline, shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.windows import open_window
from timeline_app.core.store import Store
from timeline_app.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, seeded: Store) -> Iterator[MainWindow]:
    win = open_window(qtbot, seeded)
    yield win
    win.close()
