"""A timeline view on the seed timeline, shown offscreen at a fixed size, grouped by actor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping
from timeline_app.gui.timeline.view import TimelineView

TODAY = date(2023, 3, 15)  # a fixed "today", inside the seed's weeks


@pytest.fixture
def view(qtbot: QtBot, seeded: Store) -> Iterator[TimelineView]:
    widget = TimelineView(lang="en")
    widget.today = lambda: TODAY
    widget.resize(1100, 480)
    qtbot.addWidget(widget)
    widget.set_store(seeded)
    widget.set_grouping(LaneGrouping.ACTOR)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
