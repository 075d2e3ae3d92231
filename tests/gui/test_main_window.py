from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from timeline_app.core.store import Store
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import Column


def test_the_window_shows_the_seed_events_in_a_sortable_table(qtbot: QtBot, seeded: Store) -> None:
    window = MainWindow(seeded)
    qtbot.addWidget(window)
    window.show()
    table = window.table
    model = table.model()
    assert model.rowCount() == 13
    assert model.index(0, Column.START).data() == "8 Mar 2022"
    table.sortByColumn(Column.START, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.TITLE).data() == "Xi and Zelensky speak by phone"
    table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_the_table_model_passes_qtmodeltester(qtmodeltester, seeded: Store) -> None:  # type: ignore[no-untyped-def]
    from timeline_app.gui.models.event_table import EventTableModel

    model = EventTableModel(seeded.list_events())
    qtmodeltester.check(model)
