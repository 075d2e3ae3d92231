"""Search and filters in the main window, as a user drives them on the seed timeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.editing import POPUP_WARNINGS, type_text
from tests.helpers.seed import by_title
from tests.helpers.windows import open_window
from timeline_app.cli.main import main as cli
from timeline_app.core.dates import UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import ActorData, EventData
from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping
from timeline_app.core.views import SavedView
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.features import search as search_module
from timeline_app.gui.features.search import SearchFeature, step_position
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column
from timeline_app.gui.search.search_field import DEBOUNCE_MS

WAIT = DEBOUNCE_MS * 20
TOTAL = 13  # events in the seed


def feature_of(window: MainWindow) -> SearchFeature:
    return next(f for f in window.features if isinstance(f, SearchFeature))


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> SearchFeature:
    """Ctrl+F, then type ``text`` and wait for the search to run."""
    feature = feature_of(window)
    qtbot.keyClick(window.timeline, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(feature.search_field.hasFocus)
    qtbot.keyClicks(feature.search_field, text)
    qtbot.waitUntil(lambda: feature.query == text, timeout=WAIT)
    return feature


def table_loaded(window: MainWindow) -> bool:
    return window.model.filter == window.filter and window.model.store is window.store


def title_index(window: MainWindow, event_id: int) -> QModelIndex:
    row = window.model.row_of(event_id)
    assert row is not None
    return window.model.index(row, Column.TITLE)


def shows_colour(image: QImage, rect: QRect, colour: QColor) -> bool:
    """Whether some pixel inside ``rect`` has ``colour`` (give or take rounding)."""
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= 3
                and abs(pixel.green() - colour.green()) <= 3
                and abs(pixel.blue() - colour.blue()) <= 3
            ):
                return True
    return False


# -- search ------------------------------------------------------------------------------------


def test_another_spelling_marks_the_events_in_the_timeline_and_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    feature = search_for(qtbot, window, "Loukachenko")
    # Every spelling finds the same events: those the store finds for "Lukashenko".
    expected = set(store.event_ids(EventFilter(text="Lukashenko")))
    lukashenko = {
        by_title(store, "Lukashenko's state visit").id,
        by_title(store, "Xi and Lukashenko hold talks").id,
    }
    assert lukashenko <= expected
    assert window.timeline.highlighted() == expected
    assert by_title(store, "Xi and Zelensky").id not in window.timeline.highlighted()
    # Marks only: every event stays in view.
    assert window.model.rowCount() == TOTAL
    assert window.filter.is_empty
    assert feature.match_label.text() == f"{len(expected)} matches"

    # The table marks the matching rows, and the matched word in them.
    colour = feature.delegate.colour
    for row in range(window.model.rowCount()):
        index = window.model.index(row, Column.TITLE)
        assert feature.delegate.is_match(index) == (index.data(EVENT_ID_ROLE) in expected)
    visit = title_index(window, by_title(store, "Lukashenko's state visit").id)
    call = title_index(window, by_title(store, "Xi and Zelensky").id)
    for index, marked in ((visit, True), (call, False)):
        window.table.scrollTo(index)
        image = window.table.viewport().grab().toImage()
        rect = window.table.visualRect(index)
        ratio = image.devicePixelRatio()
        scaled = QRect(
            int(rect.x() * ratio),
            int(rect.y() * ratio),
            int(rect.width() * ratio),
            int(rect.height() * ratio),
        )
        assert shows_colour(image, scaled, colour) == marked


def test_enter_and_shift_enter_step_through_the_matches_in_time_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    feature = search_for(qtbot, window, "Loukachenko")
    in_time_order = store.event_ids(EventFilter(text="Loukachenko"))
    assert len(in_time_order) >= 3
    field = feature.search_field
    visited = []
    for _ in in_time_order:
        qtbot.keyClick(field, Qt.Key.Key_Return)
        visited.append(window.selection.current)
        # The one selection: the timeline, the table and the details follow.
        assert window.timeline.current_event() == window.selection.current
        assert window.table.currentIndex().data(EVENT_ID_ROLE) == window.selection.current
        assert window.details.event_id == window.selection.current
    assert visited == in_time_order
    assert feature.match_label.text() == f"Match {len(visited)} of {len(visited)}"
    qtbot.keyClick(field, Qt.Key.Key_Return)  # round to the first
    assert window.selection.current == in_time_order[0]
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.selection.current == in_time_order[-1]
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.selection.current == in_time_order[-2]
    assert field.hasFocus()  # the user can go on pressing Enter


def test_stepping_from_an_event_that_is_not_a_match_goes_to_the_nearest_in_time() -> None:
    positions = [2, 5, 9]
    assert step_position(positions, 6, 1) == 9
    assert step_position(positions, 6, -1) == 5
    assert step_position(positions, 9, 1) == 2
    assert step_position(positions, 2, -1) == 9
    assert step_position(positions, None, 1) == 2
    assert step_position(positions, None, -1) == 9
    assert step_position([], 3, 1) is None


def test_ctrl_f_focuses_the_search_and_selects_its_text(qtbot: QtBot, window: MainWindow) -> None:
    feature = search_for(qtbot, window, "Macron")
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(feature.search_field.hasFocus)
    assert feature.search_field.selectedText() == "Macron"
    assert feature.search_field.accessibleName() == "Search"


def test_escape_clears_the_search_then_returns_to_the_timeline(
    qtbot: QtBot, window: MainWindow
) -> None:
    feature = search_for(qtbot, window, "Xi")
    assert window.timeline.highlighted()
    qtbot.keyClick(feature.search_field, Qt.Key.Key_Escape)
    assert feature.search_field.text() == ""
    assert window.timeline.highlighted() == frozenset()
    assert not feature.delegate.ids
    assert feature.match_label.text() == ""
    assert feature.search_field.hasFocus()  # ready for another search
    qtbot.keyClick(feature.search_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.timeline.hasFocus)


def test_a_single_letter_does_not_search_yet(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(window)
    feature.search_field.setFocus()
    qtbot.keyClicks(feature.search_field, "L")
    feature.search_field.flush()
    assert feature.query == ""
    assert window.timeline.highlighted() == frozenset()
    assert "2 letters" in feature.match_label.text()
    qtbot.keyClicks(feature.search_field, "u")
    qtbot.waitUntil(lambda: feature.query == "Lu", timeout=WAIT)
    assert window.timeline.highlighted()


def test_show_only_matches_makes_the_search_a_filter(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    feature = search_for(qtbot, window, "pekin")
    matches = set(store.event_ids(EventFilter(text="pekin")))
    assert 0 < len(matches) < TOTAL
    toggle = next(
        action
        for action in window.menus["F&ilter"].actions()
        if action.objectName() == "action_only_matches"
    )
    toggle.trigger()
    assert window.filter == EventFilter(text="pekin")
    qtbot.waitUntil(lambda: table_loaded(window))
    assert set(window.model.event_ids()) == matches
    assert [chip.label.text() for chip in feature.filter_bar.chips] == ["Search: “pekin”"]
    assert window.count_label.text() == f"{len(matches)} of {TOTAL} events shown (filtered)"
    toggle.trigger()
    assert window.filter.is_empty
    qtbot.waitUntil(lambda: window.model.rowCount() == TOTAL)
    assert window.timeline.highlighted() == matches


def test_marks_follow_edits(qtbot: QtBot, window: MainWindow) -> None:
    feature = search_for(qtbot, window, "Kallas")
    assert feature.match_label.text() == "No matches"
    new_id = window.store.create_event(
        EventData(
            "Kallas visits Kyiv", Kind.WORKING_VISIT, Status.COMPLETED, UncertainDate(2023, 3)
        )
    )
    assert window.timeline.highlighted() == {new_id}
    assert feature.match_label.text() == "1 match"


# -- filters -----------------------------------------------------------------------------------


@POPUP_WARNINGS  # completion popups on the offscreen platform
def test_the_filter_editor_and_its_chips_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(window)
    qtbot.keyClick(
        window.timeline,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = feature.editor
    qtbot.waitUntil(editor.actor.hasFocus)
    assert feature.filter_dock.isVisible()
    qtbot.keyClicks(editor.actor, "Blinken")
    qtbot.keyClick(editor.actor, Qt.Key.Key_Return)
    editor.country.setFocus()
    type_text(qtbot, editor.country, "Ouzbékistan")
    qtbot.keyClick(editor.country, Qt.Key.Key_Return)
    assert window.filter == EventFilter(actors=("Blinken",), countries=("UZ",))
    tashkent = by_title(window.store, "Blinken in Tashkent").id
    qtbot.waitUntil(lambda: table_loaded(window))
    shown = window.model.event_ids()
    assert tashkent in shown
    assert shown == window.store.event_ids(window.filter)
    assert len(shown) < TOTAL
    assert window.count_label.text() == f"{len(shown)} of {TOTAL} events shown (filtered)"
    assert feature.filter_toolbar.isVisible()
    labels = [chip.label.text() for chip in feature.filter_bar.chips]
    assert labels == ["Actor: Blinken", "Country: Uzbekistan"]

    # Tab from the search field reaches the chips; Delete removes the focused one.
    feature.search_field.setFocus()
    qtbot.keyClick(feature.search_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is feature.filter_bar.chips[0])
    qtbot.keyClick(feature.filter_bar.chips[0], Qt.Key.Key_Delete)
    assert window.filter == EventFilter(countries=("UZ",))
    assert editor.actor.text() == ""  # the editor shows the same filter
    assert QApplication.focusWidget() is feature.filter_bar.chips[0]
    qtbot.keyClick(feature.filter_bar.chips[0], Qt.Key.Key_Delete)
    assert window.filter.is_empty
    qtbot.waitUntil(lambda: not feature.filter_toolbar.isVisible())
    qtbot.waitUntil(lambda: window.model.rowCount() == TOTAL)
    assert window.count_label.text() == f"{TOTAL} events"


def test_an_unreadable_date_is_marked_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    feature = feature_of(window)
    window.action_set["edit_filter"].trigger()
    field = feature.editor.date_from
    field.setFocus()
    qtbot.keyClicks(field, "31 Febtember")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.property("invalid") is True
    assert "From" in feature.editor.message.text()
    assert window.filter.is_empty
    assert window.model.rowCount() == TOTAL


def test_clear_filters_keeps_a_search_that_only_marks(qtbot: QtBot, window: MainWindow) -> None:
    feature = search_for(qtbot, window, "Xi")
    marked = window.timeline.highlighted()
    feature.controller.set_filter(
        EventFilter(text="Xi", kinds=frozenset({Kind.PHONE_CALL})), emit=True
    )
    assert window.filter == EventFilter(kinds=frozenset({Kind.PHONE_CALL}))
    window.action_set["clear_filter"].trigger()
    assert window.filter.is_empty
    assert feature.search_field.text() == "Xi"
    assert window.timeline.highlighted() == marked


def test_the_editor_offers_the_actors_and_tags_of_the_store(
    qtbot: QtBot, window: MainWindow
) -> None:
    completer = feature_of(window).editor.actor_completer
    before = completer.entry_count()
    window.store.create_actor(ActorData("Kaja Kallas"))
    assert completer.entry_count() == before + 1


def drawn_after_fit_all(window: MainWindow) -> set[int]:
    """The events the timeline draws once it shows everything, alone or in a cluster."""
    timeline = window.timeline
    timeline.fit_all()
    timeline.viewport().repaint()
    frame, scene = timeline.last_frame(), timeline.scene()
    assert frame is not None
    assert scene is not None
    assert not frame.bands  # no event is only counted in a density band
    positions = {item.position for item in frame.items}
    positions |= {p for cluster in frame.clusters for p in cluster.positions}
    return {scene.index.ids[p] for p in positions}


CASES = [
    (["--country", "Chine"], EventFilter(countries=("CN",))),
    (["--search", "Lukashenka"], EventFilter(text="Lukashenka")),
    (
        ["--kind", "state_visit", "--kind", "official_visit", "--from", "1 March 2023"],
        EventFilter(
            kinds=frozenset({Kind.STATE_VISIT, Kind.OFFICIAL_VISIT}), date_from=date(2023, 3, 1)
        ),
    ),
    (
        ["--actor", "Blinken", "--to", "March 2023"],
        EventFilter(actors=("Blinken",), date_to=date(2023, 3, 31)),
    ),
    (
        ["--search", "pekin", "--status", "completed"],
        EventFilter(text="pekin", statuses=frozenset({Status.COMPLETED})),
    ),
    (["--tag", "sanctions", "--with-sources"], EventFilter(tags=("sanctions",), has_sources=True)),
]


@pytest.mark.parametrize(("options", "flt"), CASES)
def test_the_table_the_timeline_and_the_cli_show_the_same_events(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    flt: EventFilter,
) -> None:
    feature = feature_of(window)
    feature.set_only_matches(bool(flt.text))
    feature.controller.set_filter(flt, emit=True)
    assert window.filter == flt  # what printing and export read
    qtbot.waitUntil(lambda: table_loaded(window))
    in_table = set(window.model.event_ids())
    scene = window.timeline.scene()
    assert scene is not None
    in_timeline = set(scene.index.ids)
    drawn = drawn_after_fit_all(window)
    assert cli(["list", "--db", str(db_path), "--format", "json", *options]) == 0
    listed = {event["id"] for event in json.loads(capsys.readouterr().out)}
    assert 0 < len(listed) < TOTAL
    assert in_table == in_timeline == drawn == listed
    assert window.count_label.text() == f"{len(listed)} of {TOTAL} events shown (filtered)"


# -- saved views -------------------------------------------------------------------------------


def menu_entry(menu: QMenu, text: str) -> QAction:
    return next(action for action in menu.actions() if action.text().replace("&&", "&") == text)


def submenu(menu: QMenu, name: str) -> QMenu:
    return next(
        action.menu()
        for action in menu.actions()
        if action.menu() is not None and action.menu().objectName() == name
    )


def test_a_saved_view_round_trip_through_the_menu(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = feature_of(window)
    timeline = window.timeline
    china = EventFilter(countries=("CN",), kinds=frozenset({Kind.STATE_VISIT}))
    feature.controller.set_filter(china, emit=True)
    window.action_set["group_country"].trigger()
    timeline.zoom_in()
    timeline.zoom_in()
    zoom = timeline.view_state()

    monkeypatch.setattr(search_module, "ask_view_name", lambda *_args: "China & visits")
    window.action_set["save_view"].trigger()
    views_menu = feature.views_menu
    assert views_menu in [a.menu() for a in window.menus["F&ilter"].actions() if a.menu()]
    assert [view.name for view in window.store.saved_views()] == ["China & visits"]

    # Change everything.
    window.action_set["clear_filter"].trigger()
    window.action_set["group_actor"].trigger()
    timeline.fit_all()
    assert window.filter.is_empty
    qtbot.waitUntil(lambda: window.model.rowCount() == TOTAL)

    menu_entry(views_menu, "China & visits").trigger()
    assert window.filter == china
    assert [chip.label.text() for chip in feature.filter_bar.chips] == [
        "Country: China",
        "Kind: State visit",
    ]
    assert feature.editor.country.text() == "China"
    assert timeline.grouping() == LaneGrouping.COUNTRY
    assert window.action_set["group_country"].isChecked()
    restored = timeline.view_state()
    assert restored["ppd"] == pytest.approx(zoom["ppd"])
    assert restored["start"] == pytest.approx(zoom["start"])
    qtbot.waitUntil(lambda: table_loaded(window))
    assert set(window.model.event_ids()) == set(window.store.event_ids(china))

    # Saving under the same name asks before replacing.
    asked: list[str] = []
    monkeypatch.setattr(
        search_module, "confirm_replace", lambda _parent, name: asked.append(name) or True
    )
    window.action_set["clear_filter"].trigger()
    window.action_set["save_view"].trigger()
    assert asked == ["China & visits"]
    assert window.store.saved_view("China & visits").filter.is_empty

    monkeypatch.setattr(search_module, "ask_view_name", lambda *_args: "Everything")
    menu_entry(submenu(views_menu, "renameViewMenu"), "China & visits").trigger()
    assert [view.name for view in window.store.saved_views()] == ["Everything"]
    assert [a.text() for a in views_menu.actions() if a.objectName() == "savedView"] == [
        "Everything"
    ]
    menu_entry(submenu(views_menu, "deleteViewMenu"), "Everything").trigger()
    assert window.store.saved_views() == []
    assert menu_entry(views_menu, "No saved views").isEnabled() is False


def test_a_search_only_marking_is_not_saved_in_a_view(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_for(qtbot, window, "Xi")
    monkeypatch.setattr(search_module, "ask_view_name", lambda *_args: "Marks")
    window.action_set["save_view"].trigger()
    assert window.store.saved_view("Marks").filter.is_empty


def test_search_widgets_have_accessible_names(window: MainWindow) -> None:
    feature = feature_of(window)
    for widget in (
        feature.search_field,
        feature.match_label,
        feature.filter_bar,
        feature.toolbar,
        *[feature.editor.findChild(object, name) for name in ("filterActor", "filterKind")],
    ):
        assert widget is not None
        assert widget.accessibleName()  # type: ignore[attr-defined]


def test_the_next_run_keeps_the_filter_dock_but_shows_no_chips_of_an_old_filter(
    qtbot: QtBot, seeded: Store
) -> None:
    first = MainWindow(seeded, restore_state=False)
    qtbot.addWidget(first)
    first.show()
    feature = feature_of(first)
    feature.controller.set_filter(EventFilter(countries=("CN",)), emit=True)
    first.action_set["edit_filter"].trigger()
    assert feature.filter_toolbar.isVisible()
    first.close()  # saves the layout, with the chips' bar and the dock shown

    second = MainWindow(seeded, restore_state=True)
    qtbot.addWidget(second)
    second.show()
    again = feature_of(second)
    assert second.filter.is_empty  # a filter is not kept from one run to the next...
    qtbot.waitUntil(lambda: not again.filter_toolbar.isVisible())  # ...nor its bar
    assert again.filter_dock.isVisible()
    assert again.toolbar.isVisible()
    second.close()


def test_many_chips_scroll_sideways_rather_than_widen_the_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    feature = feature_of(window)
    width = window.width()
    many = EventFilter(
        actors=("Xi Jinping", "Volodymyr Zelensky", "Antony Blinken"),
        countries=("CN", "UA", "KZ", "UZ", "IN"),
        kinds=frozenset(Kind),
        tags=("Ukraine war",),
    )
    feature.controller.set_filter(many, emit=True)
    area = feature.chips_area
    scroll = area.horizontalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    assert window.width() == width
    qtbot.waitUntil(scroll.isVisible)
    last = feature.filter_bar.chips[-1]
    last.setFocus()
    qtbot.waitUntil(lambda: scroll.value() > 0)  # the focused chip is brought into view
    feature.controller.set_filter(EventFilter(kinds=frozenset({Kind.STATE_VISIT})), emit=True)
    qtbot.waitUntil(lambda: not scroll.isVisible())


def test_a_view_saved_with_only_matches_restores_the_search_as_a_filter(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = search_for(qtbot, window, "pekin")
    feature.only_action.trigger()
    monkeypatch.setattr(search_module, "ask_view_name", lambda *_args: "Beijing")
    window.action_set["save_view"].trigger()
    assert window.store.saved_view("Beijing").filter == EventFilter(text="pekin")

    feature.search_field.setFocus()
    qtbot.keyClick(feature.search_field, Qt.Key.Key_Escape)
    feature.only_action.trigger()
    assert window.filter.is_empty
    assert not feature.only_action.isChecked()

    menu_entry(feature.views_menu, "Beijing").trigger()
    assert feature.search_field.text() == "pekin"
    assert feature.only_action.isChecked()
    assert window.filter == EventFilter(text="pekin")
    qtbot.waitUntil(lambda: table_loaded(window))
    assert set(window.model.event_ids()) == set(window.store.event_ids(window.filter))


def test_views_saved_in_an_earlier_session_are_in_the_menu_once_the_window_shows(
    qtbot: QtBot, seeded: Store
) -> None:
    seeded.save_view(SavedView("Visits to China", EventFilter(countries=("CN",))))
    win = open_window(qtbot, seeded)
    try:
        views_menu = feature_of(win).views_menu
        qtbot.waitUntil(lambda: any(a.text() == "Visits to China" for a in views_menu.actions()))
        menu_entry(views_menu, "Visits to China").trigger()
        assert win.filter == EventFilter(countries=("CN",))
    finally:
        win.close()
