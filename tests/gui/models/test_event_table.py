"""The lazy event table model over the store."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column, EventTableModel


def titles(model: EventTableModel) -> list[str]:
    return [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]


def test_rows_are_the_seed_in_time_order(qapp: object, seeded: Store) -> None:
    model = EventTableModel(seeded)
    model.reload()
    assert model.rowCount() == 13
    assert model.index(0, Column.START).data() == "8 Mar 2022"
    assert model.index(0, Column.END).data() == "18 Mar 2022"
    assert model.index(12, Column.TITLE).data() == "Xi and Zelensky speak by phone"
    assert "Xi Jinping (host)" in model.index(11, Column.ACTORS).data()
    assert model.index(11, Column.PLACES).data() == "Beijing, China; Guangzhou, China"


def test_sorting_by_every_column(qapp: object, seeded: Store) -> None:
    model = EventTableModel(seeded)
    model.reload()
    model.sort(Column.START, Qt.SortOrder.DescendingOrder)
    assert titles(model)[0] == "Xi and Zelensky speak by phone"
    model.sort(Column.TITLE)
    assert titles(model) == sorted(titles(model), key=str.casefold)
    for column in Column:
        model.sort(column)
        assert model.rowCount() == 13


def test_the_model_follows_changes_in_place(qapp: object, seeded: Store) -> None:
    model = EventTableModel(seeded)
    model.reload()
    call = by_title(seeded, "Xi and Zelensky")
    kept = QPersistentModelIndex(model.index(model.row_of(call.id) or 0, Column.TITLE))
    unsubscribe = seeded.subscribe(model.apply_changes)
    new_id = seeded.create_event(
        EventData("A visit in 2000", Kind.STATE_VISIT, Status.COMPLETED, parse_date("2000"))
    )
    assert model.rowCount() == 14 and model.index(0, Column.TITLE).data() == "A visit in 2000"
    detail = seeded.get_event(new_id)
    seeded.update_event(new_id, replace(detail.to_data(), start=parse_date("2030")))
    assert model.index(13, Column.TITLE).data() == "A visit in 2000"
    seeded.delete_event(new_id)
    assert model.rowCount() == 13
    assert kept.isValid() and kept.data(EVENT_ID_ROLE) == call.id
    unsubscribe()


def test_a_filter_limits_the_rows(qapp: object, seeded: Store) -> None:
    model = EventTableModel(seeded)
    model.reload(EventFilter(actors=("Macron",)))
    assert titles(model) == [
        "Macron announces he will go to China in early April",
        "Macron's state visit to China",
    ]


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, seeded: Store) -> None:
    model = EventTableModel(seeded)
    model.reload()
    qtmodeltester.check(model)
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
