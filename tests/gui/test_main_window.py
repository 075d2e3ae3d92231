"""The main window as a user drives it: one selection, keyboard everywhere, state kept."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.core.test_store import visit
from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping
from timeline_app.core.views import SavedView
from timeline_app.core.vocabulary import Status
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import EVENT_ID_ROLE


@pytest.fixture
def window(qtbot: QtBot, seeded: Store) -> Iterator[MainWindow]:
    win = MainWindow(seeded, restore_state=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.rowCount() == 13)
    yield win
    win.close()


def current_title(window: MainWindow) -> str:
    current = window.selection.current
    assert current is not None
    return window.store.get_event(current).row.title


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, widget: object = None) -> None:
    target = widget or window.timeline
    qtbot.keyClick(target, key)  # type: ignore[arg-type]


def test_the_three_views_share_one_selection(qtbot: QtBot, window: MainWindow) -> None:
    seeded = window.store
    macron = by_title(seeded, "Macron's state visit")
    window.timeline.select_event(macron.id)
    assert window.selection.current == macron.id
    assert window.table.currentIndex().data(EVENT_ID_ROLE) == macron.id
    assert window.details.event_id == macron.id

    call = by_title(seeded, "Xi and Zelensky")
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(window.model.row_of(call.id) or 0, 2))
    assert window.selection.current == call.id
    assert window.timeline.current_event() == call.id
    assert window.details.event_id == call.id

    announcement = by_title(seeded, "Macron announces")
    window.details.eventLinkActivated.emit(announcement.id)
    assert window.timeline.current_event() == announcement.id
    assert window.table.currentIndex().data(EVENT_ID_ROLE) == announcement.id


def test_keys_move_through_the_timeline(qtbot: QtBot, window: MainWindow) -> None:
    seeded = window.store
    window.set_grouping(LaneGrouping.ACTOR)
    window.timeline.setFocus()
    astana = by_title(seeded, "C5+1")
    window.timeline.select_event(astana.id)
    titles = []
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Right)
        titles.append(current_title(window))
    assert "Blinken in Tashkent: talks with Saidov and Mirziyoyev" in titles
    window.timeline.select_event(astana.id)
    lane_before = (
        window.timeline.scene().lane_of(astana.id)
        if hasattr(window.timeline.scene(), "lane_of")
        else None
    )
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.selection.current not in (None, astana.id)
    del lane_before
    press(qtbot, window, Qt.Key.Key_Home)
    assert current_title(window).startswith("OFAC")
    press(qtbot, window, Qt.Key.Key_End)
    assert current_title(window) == "Xi and Zelensky speak by phone"


def test_the_detail_pane_shows_macrons_visit(window: MainWindow) -> None:
    macron = by_title(window.store, "Macron's state visit")
    window.select_event(macron.id)
    text = window.details.browser.toPlainText()
    assert "Beijing, China" in text and "Guangzhou, China" in text
    assert "Hosts: Xi Jinping" in text
    assert "announced by: Macron announces he will go to China in early April" in text
    html = window.details.browser.toHtml()
    assert "event:" in html


def test_enter_opens_a_detail_window_that_follows_its_event(
    qtbot: QtBot, window: MainWindow
) -> None:
    call = by_title(window.store, "Xi and Zelensky")
    window.timeline.setFocus()
    window.select_event(call.id)
    press(qtbot, window, Qt.Key.Key_Return)
    assert [w.event_id for w in window.detail_windows] == [call.id]
    detached = window.detail_windows[0]
    assert "Xi and Zelensky" in detached.pane.browser.toPlainText()
    window.store.delete_event(call.id)
    assert "deleted" in detached.pane.status.text()


def test_tab_goes_from_timeline_to_table_to_details(qtbot: QtBot, window: MainWindow) -> None:
    window.timeline.setFocus()
    qtbot.waitUntil(window.timeline.hasFocus)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.details.browser.hasFocus)
    qtbot.keyClick(window.details.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.timeline.hasFocus)


def test_f1_lists_the_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    window.action_set["shortcuts"].trigger()
    dialog = window.findChild(object, "shortcutsDialog")
    assert dialog is not None
    table = dialog.table  # type: ignore[attr-defined]
    commands = {table.item(r, 1).text() for r in range(table.rowCount())}
    assert {"Zoom In", "Next Event", "Go to Date", "Keyboard Shortcuts"} <= commands
    dialog.close()  # type: ignore[attr-defined]


def test_window_state_round_trip(qtbot: QtBot, seeded: Store) -> None:
    first = MainWindow(seeded, restore_state=False)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 560)  # the offscreen screen is 800 x 600
    first.set_grouping(LaneGrouping.COUNTRY)
    first.timeline.zoom_in()
    first.timeline.zoom_in()
    saved_view = first.timeline.view_state()
    first.table_dock.setFloating(False)
    first.removeDockWidget(first.detail_dock)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.detail_dock)
    first.detail_dock.show()
    first.save_state()

    second = MainWindow(seeded, restore_state=True)
    qtbot.addWidget(second)
    second.show()
    assert second.timeline.grouping() == LaneGrouping.COUNTRY
    assert second.action_set["group_country"].isChecked()
    assert second.size() == first.size()
    assert second.dockWidgetArea(second.detail_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    restored = second.timeline.view_state()
    assert restored["ppd"] == pytest.approx(saved_view["ppd"])  # the zoom
    assert restored["start"] == pytest.approx(saved_view["start"])
    first.close()
    second.close()


def test_new_window_shows_edits_from_the_other(qtbot: QtBot, window: MainWindow) -> None:
    other = window.new_window()
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.model.rowCount() == 13)
    window.store.delete_event(by_title(window.store, "Xi and Zelensky").id)
    assert other.model.rowCount() == 12
    other.close()
    assert window.store.count_events() == 12  # the shared store stays open


def test_an_empty_database_shows_where_to_start(qtbot: QtBot, store: Store) -> None:
    win = MainWindow(store, restore_state=False)
    qtbot.addWidget(win)
    win.show()
    assert win.model.rowCount() == 0
    assert win.count_label.text() == "0 events"
    assert win.centre.currentWidget() is win.welcome
    sample = win.findChild(QPushButton, "welcome_action_load_sample")
    assert sample is not None and sample.isEnabled()
    sample.click()
    qtbot.waitUntil(lambda: win.model.rowCount() == 13)
    assert win.centre.currentWidget() is win.timeline
    assert win.count_label.text() == "13 events"
    win.close()


def test_going_back_to_a_filter_shows_its_events_and_any_edit_since(
    qtbot: QtBot, window: MainWindow
) -> None:
    def shown() -> set[str]:
        scene = window.timeline.scene()
        assert scene is not None
        return {window.store.get_event(event_id).row.title for event_id in scene.index.ids}

    everything = window.timeline.scene()
    china = EventFilter(countries=("CN",))
    window.set_filter(china)
    in_china = shown()
    assert {row.title for row in window.store.list_events(china)} == in_china
    window.set_filter(EventFilter())
    assert window.timeline.scene() is everything  # kept, not read again
    assert len(shown()) == 13 and window.model.rowCount() == 13
    window.set_filter(china)
    assert shown() == in_china
    # An edit: the scenes kept for the store as it was are dropped, and the next is read anew.
    [beijing] = [place.id for place in window.store.places() if place.locality == "Beijing"]
    window.store.create_event(visit(title="Scholz in Beijing", place_ids=(beijing,)))
    assert "Scholz in Beijing" in shown()
    window.set_filter(EventFilter())
    assert window.timeline.scene() is not everything
    assert "Scholz in Beijing" in shown() and len(shown()) == 14


def test_an_edit_of_a_title_or_a_status_is_shown_without_reading_the_timeline_again(
    window: MainWindow,
) -> None:
    store = window.store
    macron = by_title(store, "Macron's state visit")
    window.select_event(macron.id)
    everything = window.timeline.scene()
    assert everything is not None
    china = EventFilter(countries=("CN",))
    window.set_filter(china)
    window.set_filter(EventFilter())  # China's scene is kept meanwhile
    data = store.get_event(macron.id).to_data()

    store.update_event(
        macron.id, replace(data, title="Macron in China, postponed", status=Status.POSTPONED)
    )
    assert window.timeline.scene() is everything  # taken in place
    position = everything.index.position(macron.id)
    assert position is not None
    assert everything.index.title(position) == "Macron in China, postponed"
    assert everything.index.status_of(position) is Status.POSTPONED
    description = window.timeline.accessibleDescription()
    assert "Macron in China, postponed" in description and "Postponed" in description
    window.set_filter(china)  # China's scene was for the store as it was: read anew
    scene = window.timeline.scene()
    assert scene is not None
    assert Status.POSTPONED in {scene.index.status_of(p) for p in range(len(scene.index))}
    window.set_filter(EventFilter())

    store.save_view(SavedView("China", china))  # no event touched: nothing to read again
    assert window.timeline.scene() is everything
    window.set_filter(china)
    kept = window.timeline.scene()
    window.set_filter(EventFilter())
    store.save_view(SavedView("China again", china))
    window.set_filter(china)
    assert window.timeline.scene() is kept  # the filters' scenes stay too
    window.set_filter(EventFilter())

    store.update_event(macron.id, replace(data, start=parse_date("2023-05-02"), end=None))
    moved = window.timeline.scene()
    assert moved is not everything and moved is not None  # a new date: read again
    position = moved.index.position(macron.id)
    assert position is not None and moved.index.first_date(position) == date(2023, 5, 2)
    assert window.timeline.current_event() == macron.id
