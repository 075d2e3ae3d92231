"""Keyboard and programmatic navigation on the seed timeline, grouped by visiting actor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.seed import by_title
from timeline_app.core.store import Store
from timeline_app.gui.timeline.view import TimelineView


def current_title(view: TimelineView, store: Store) -> str:
    event_id = view.current_event()
    assert event_id is not None
    return next(row.title for row in store.list_events() if row.id == event_id)


def test_from_blinken_in_astana_right_goes_through_his_lane_in_time_order(
    qtbot: QtBot, view: TimelineView, seeded: Store
) -> None:
    assert view.select_event(by_title(seeded, "Astana").id)
    view.move_next()  # the same day, in Astana: the $25 million announcement
    assert current_title(view, seeded).startswith("US announces $25 million")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert current_title(view, seeded) == "Blinken in Tashkent: talks with Saidov and Mirziyoyev"
    view.move_next()
    assert "New Delhi" in current_title(view, seeded)
    view.move_next()  # the end of his lane: stays
    assert "New Delhi" in current_title(view, seeded)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert "Tashkent" in current_title(view, seeded)


def test_down_and_up_reach_the_nearest_event_in_the_lanes_below_and_above(
    qtbot: QtBot, view: TimelineView, seeded: Store
) -> None:
    view.select_event(by_title(seeded, "Astana").id)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # Emmanuel Macron's lane: 25 Feb is nearest 28 Feb
    assert current_title(view, seeded) == "Macron announces he will go to China in early April"
    view.move_lane_up()
    view.move_lane_up()  # Alexander Lukashenko's lane: his visit began on 28 Feb
    assert current_title(view, seeded) == "Lukashenko's state visit to China"
    view.move_lane_up()  # no lane above: stays
    assert current_title(view, seeded) == "Lukashenko's state visit to China"


def test_home_and_end_go_to_the_first_and_last_events_of_the_whole_timeline(
    qtbot: QtBot, view: TimelineView, seeded: Store
) -> None:
    view.select_event(by_title(seeded, "Tashkent").id)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert current_title(view, seeded).startswith("OFAC")
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current_title(view, seeded) == "Xi and Zelensky speak by phone"


def test_navigation_without_a_current_event_starts_in_view(
    view: TimelineView, seeded: Store
) -> None:
    assert view.current_event() is None
    view.move_next()
    assert view.current_event() in view.visible_event_ids()


def test_select_event_scrolls_it_into_view(view: TimelineView, seeded: Store) -> None:
    for _ in range(6):
        view.zoom_in()
    view.go_to_date(date(2022, 3, 10))  # far from everything but the OFAC guidance
    macron = by_title(seeded, "Macron's state visit")
    assert macron.id not in view.visible_event_ids()
    assert view.select_event(macron.id)
    first, last = view.visible_range()
    assert first <= date(2023, 4, 5) <= last
    assert macron.id in view.visible_event_ids()


def test_zooming_keeps_the_current_event_in_view(view: TimelineView, seeded: Store) -> None:
    tashkent = by_title(seeded, "Tashkent")
    view.select_event(tashkent.id)
    for _ in range(7):
        view.zoom_in()
        first, last = view.visible_range()
        assert first <= date(2023, 2, 28) <= last
        assert tashkent.id in view.visible_event_ids()
    for _ in range(9):
        view.zoom_out()
        assert tashkent.id in view.visible_event_ids()


def test_signals_say_which_event_is_current_and_which_was_activated(
    qtbot: QtBot, view: TimelineView, seeded: Store
) -> None:
    astana = by_title(seeded, "Astana")
    with qtbot.waitSignal(view.currentEventChanged) as changed:
        view.select_event(astana.id)
    assert changed.args == [astana.id]
    with qtbot.waitSignal(view.eventActivated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [astana.id]
    with qtbot.waitSignal(view.currentEventChanged) as cleared:
        view.clear_selection()
    assert cleared.args == [-1]


def test_an_event_the_filter_hides_cannot_be_selected(view: TimelineView, seeded: Store) -> None:
    from timeline_app.core.filters import EventFilter

    view.select_event(by_title(seeded, "Astana").id)
    view.reload(EventFilter(countries=("CN",)))
    assert view.current_event() is None  # Astana is in Kazakhstan
    assert not view.select_event(by_title(seeded, "Tashkent").id)
    assert view.select_event(by_title(seeded, "Macron's state visit").id)
    view.reload()  # the store changed: the filter stays, so does the current event
    assert view.current_event() == by_title(seeded, "Macron's state visit").id
    assert len(view.scene() or []) == len(seeded.list_events(EventFilter(countries=("CN",))))


def test_paging_and_zoom_keys_move_the_view(qtbot: QtBot, view: TimelineView) -> None:
    start, _ = view.visible_range()
    view.zoom_in()
    view.zoom_in()
    zoomed = view.view_state()["ppd"]
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.view_state()["ppd"] == zoomed / 2
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    before = view.visible_range()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    after = view.visible_range()
    assert after[0] > before[0]
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.visible_range()[0] == before[0]
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.visible_range()[0] <= start
    qtbot.keyClick(view, Qt.Key.Key_T)
    first, last = view.visible_range()
    assert first <= date(2023, 3, 15) <= last


def test_changing_the_grouping_keeps_the_current_event(view: TimelineView, seeded: Store) -> None:
    from timeline_app.core.timeline import LaneGrouping

    macron = by_title(seeded, "Macron's state visit")
    view.select_event(macron.id)
    view.set_grouping(LaneGrouping.COUNTRY)
    assert view.grouping() is LaneGrouping.COUNTRY
    assert view.current_event() == macron.id
    assert "China" in view.accessibleDescription()


def test_opening_another_database_clears_the_selection(
    qtbot: QtBot, view: TimelineView, seeded: Store, tmp_path: Path
) -> None:
    view.select_event(by_title(seeded, "Astana").id)
    view.set_highlighted({by_title(seeded, "Astana").id})
    with Store.open(tmp_path / "other.sqlite3") as other:
        with qtbot.waitSignal(view.currentEventChanged) as cleared:
            view.set_store(other)
        assert cleared.args == [-1]
        assert view.current_event() is None
        assert view.highlighted() == frozenset()
        view.set_store(None)
