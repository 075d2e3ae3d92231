"""The main window at start-up: its timeline reads the events once, in the saved grouping."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping, TimelineScene
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.timeline import view as view_module


def test_the_window_reads_the_timeline_once_in_the_saved_grouping(
    qtbot: QtBot, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(seeded, restore_state=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.set_grouping(LaneGrouping.TRIP)
    first.timeline.zoom_in()
    saved = first.timeline.view_state()
    first.save_state()
    first.close()

    reads: list[LaneGrouping] = []
    real = TimelineScene.from_store

    def counted(store: Store, grouping: LaneGrouping, *args: Any, **kwargs: Any) -> TimelineScene:
        reads.append(grouping)
        return real(store, grouping, *args, **kwargs)

    monkeypatch.setattr(view_module.TimelineScene, "from_store", counted)
    second = MainWindow(seeded, restore_state=True)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.model.rowCount() == 13)
    assert reads == [LaneGrouping.TRIP]
    assert second.action_set["group_trip"].isChecked()
    assert second.timeline.view_state()["ppd"] == pytest.approx(saved["ppd"])
    second.close()


def test_opening_the_window_loads_no_importer_exporter_or_printing() -> None:
    """What only some commands need is loaded when they are used, not by every start."""
    code = (
        "import sys\n"
        "from timeline_app.cli import main\n"
        "from timeline_app.gui import app, main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'icalendar', 'timeline_app.gui.printing', 'timeline_app.gui.import_export', "
        "'timeline_app.core.io.importing', 'timeline_app.core.io.exporting'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_new_window_loads_no_editor_and_no_country_names_until_asked(seeded: Store) -> None:
    """Dialogs and the countries' names (pycountry) load when first used: a window's start
    stays light."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from timeline_app.core.store import Store\n"
        "from timeline_app.gui.main_window import MainWindow\n"
        "store = Store.open(Path(sys.argv[1]))\n"
        "window = MainWindow(store, restore_state=False)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.startswith(("
        "'pycountry', 'timeline_app.gui.editing.event_editor', "
        "'timeline_app.gui.editing.actor_editor', 'timeline_app.gui.editing.managers', "
        "'timeline_app.gui.editing.restore_dialog'))))\n"
        "from timeline_app.gui.features.search import SearchFeature\n"
        "[search] = [f for f in window.features if isinstance(f, SearchFeature)]\n"
        "search.editor.country_completer.entry_count()\n"
        "print('pycountry' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(seeded.path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["[]", "True"]  # loaded when asked for
