"""Editing in the main window, driven from the keyboard: F2, Ctrl+N, Ctrl+D and Delete edit the
timeline, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y step through the edits, the views follow and the focus
comes back to where the user was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.editing import POPUP_WARNINGS, retype, type_text
from tests.helpers.seed import by_title
from tests.helpers.windows import open_window
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Status
from timeline_app.gui.editing.actor_editor import ActorEditor
from timeline_app.gui.editing.event_editor import EventEditor
from timeline_app.gui.editing.history_view import HistoryView
from timeline_app.gui.editing.managers import ActorsDialog
from timeline_app.gui.editing.restore_dialog import RestoreDeletedDialog
from timeline_app.gui.features.editing import EditingFeature
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column

pytestmark = POPUP_WARNINGS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
EDITING_ACTIONS = (
    "new_event",
    "edit_event",
    "duplicate_event",
    "delete_event",
    "edit_actors",
    "edit_places",
    "restore_deleted",
    "undo",
    "redo",
)


def editing(window: MainWindow) -> EditingFeature:
    return next(f for f in window.features if isinstance(f, EditingFeature))


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def open_editor(
    qtbot: QtBot,
    window: MainWindow,
    target: QWidget,
    key: Qt.Key,
    mods: Qt.KeyboardModifier = CTRL,
) -> EventEditor:
    qtbot.keyClick(target, key, mods)
    editor = editing(window).dialog
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.title.hasFocus)
    return editor


def save_with_enter(qtbot: QtBot, editor: EventEditor, field: QWidget) -> None:
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Save is the dialog's default button
    qtbot.waitUntil(lambda: not editor.isVisible())


def table_id(window: MainWindow) -> object:
    return window.table.currentIndex().data(EVENT_ID_ROLE)


def shown_everywhere(window: MainWindow, event_id: int) -> bool:
    return (
        window.selection.current == event_id
        and window.timeline.current_event() == event_id
        and table_id(window) == event_id
        and window.details.event_id == event_id
    )


def test_f2_in_the_timeline_edits_the_event_and_every_view_shows_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    visit = by_title(store, "Macron's state visit")
    focus(qtbot, window.timeline)
    window.select_event(visit.id)
    assert not window.isWindowModified()

    editor = open_editor(
        qtbot, window, window.timeline, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier
    )
    assert editor.title.text() == visit.title and editor.isModal()
    focus(qtbot, editor.status)
    type_text(qtbot, editor.status, "Postp")  # the combo box finds "Postponed" as one types
    assert editor.status.currentText() == "Postponed"
    save_with_enter(qtbot, editor, editor.status)

    assert store.get_event(visit.id).row.status == Status.POSTPONED
    row = window.model.row_of(visit.id)
    assert row is not None
    assert window.model.index(row, Column.STATUS).data() == "Postponed"
    assert "Postponed" in window.details.browser.toPlainText()
    assert "Postponed" in window.timeline.accessibleDescription()
    assert shown_everywhere(window, visit.id)
    qtbot.waitUntil(window.timeline.hasFocus)  # back where the user was
    assert window.isWindowModified()
    undo = window.action_set["undo"]
    assert undo.isEnabled() and undo.text() == "&Undo Edit “Macron's state visit to China”"

    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert store.get_event(visit.id).row.status == Status.COMPLETED
    assert "Completed" in window.details.browser.toPlainText()
    assert not window.isWindowModified()
    assert window.action_set["undo"].text() == "&Undo" and not undo.isEnabled()
    assert window.action_set["redo"].text() == "&Redo Edit “Macron's state visit to China”"


def test_f2_in_the_table_opens_the_editor_and_escape_goes_back_to_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    call = by_title(window.store, "Xi and Zelensky")
    window.select_event(call.id)
    focus(qtbot, window.table)
    editor = open_editor(qtbot, window, window.table, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert editor.title.text() == call.title
    retype(qtbot, editor.title, "Changed, then cancelled")
    qtbot.keyClick(editor.title, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())
    qtbot.waitUntil(window.table.hasFocus)
    assert window.store.get_event(call.id).row.title == call.title
    assert not window.action_set["undo"].isEnabled() and not window.isWindowModified()
    assert table_id(window) == call.id


def test_ctrl_n_creates_an_event_that_is_selected_and_undone_by_ctrl_z(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    focus(qtbot, window.timeline)
    editor = open_editor(qtbot, window, window.timeline, Qt.Key.Key_N)
    type_text(qtbot, editor.title, "Lukashenko in Harare")
    retype(qtbot, editor.start.edit, "30 Jan 2023")
    save_with_enter(qtbot, editor, editor.start.edit)

    created = by_title(store, "Lukashenko in Harare")
    assert store.count_events() == 14 and window.model.rowCount() == 14
    assert shown_everywhere(window, created.id)
    assert created.start.format("en") == "30 Jan 2023"
    qtbot.waitUntil(window.timeline.hasFocus)
    assert window.action_set["undo"].text() == "&Undo New event “Lukashenko in Harare”"

    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert store.count_events() == 13 and window.model.rowCount() == 13
    assert window.selection.current != created.id
    assert not window.isWindowModified()


def test_ctrl_d_duplicates_into_the_same_trip(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    tashkent = by_title(store, "Blinken in Tashkent")
    trip = store.get_event(tashkent.id).trip
    assert trip is not None
    focus(qtbot, window.table)
    window.select_event(tashkent.id)
    editor = open_editor(qtbot, window, window.table, Qt.Key.Key_D)
    assert editor.title.selectedText() == tashkent.title  # typing replaces it
    type_text(qtbot, editor.title, "Blinken in Samarkand")
    save_with_enter(qtbot, editor, editor.title)

    leg = store.get_event(by_title(store, "Blinken in Samarkand").id)
    assert leg.id != tashkent.id
    assert leg.trip is not None and leg.trip.id == trip.id
    assert leg.row.start.format("en") == "2 Mar 2023"  # the day after Tashkent ends
    assert shown_everywhere(window, leg.id)
    qtbot.waitUntil(window.table.hasFocus)


def test_delete_needs_no_confirmation_and_undo_redo_keys_step_through_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    call = by_title(store, "Xi and Zelensky")
    window.select_event(call.id)
    focus(qtbot, window.timeline)

    qtbot.keyClick(window.timeline, Qt.Key.Key_Delete)
    assert QApplication.activeModalWidget() is None  # no "are you sure"
    assert store.count_events() == 12 and window.model.row_of(call.id) is None
    assert window.selection.current not in (None, call.id)  # a neighbour, to go on from
    assert window.isWindowModified()
    assert window.action_set["undo"].text() == "&Undo Delete “Xi and Zelensky speak by phone”"
    assert "Undo" in window.statusBar().currentMessage()

    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert store.get_event(call.id).row.title == call.title  # the same id
    assert shown_everywhere(window, call.id)
    assert not window.isWindowModified()

    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.model.row_of(call.id) is None and window.isWindowModified()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Z, CTRL)
    assert shown_everywhere(window, call.id)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Y, CTRL)
    assert window.model.row_of(call.id) is None
    assert window.windowTitle().endswith("[*] — Diplomatic Timeline")

    focus(qtbot, window.table)  # Delete works in the table too
    current = window.selection.current
    assert current is not None
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.model.row_of(current) is None and store.count_events() == 11

    focus(qtbot, window.details.browser)  # Undo works anywhere in the window
    qtbot.keyClick(window.details.browser, Qt.Key.Key_Z, CTRL)
    assert window.model.row_of(current) is not None and shown_everywhere(window, current)


def test_the_detail_pane_shows_the_history_of_the_selected_event(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    visit = by_title(store, "Macron's state visit")
    history = window.details.findChild(HistoryView)
    assert history is not None
    window.selection.select(None)
    assert not history.isVisible()  # the pane says "no event selected" already

    window.select_event(visit.id)
    assert history.isVisible() and history.event_id == visit.id
    assert history.empty.text().startswith("No changes recorded")
    focus(qtbot, window.details.browser)
    # the pane's Edit button: Alt+D (Alt+E is the Edit menu's)
    qtbot.keyClick(window.details.browser, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(editing(window).dialog, EventEditor))
    editor = editing(window).dialog
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    focus(qtbot, editor.summary)
    qtbot.keyClick(editor.summary, Qt.Key.Key_End, CTRL)
    type_text(qtbot, editor.summary, " They fly to Guangzhou together.")
    retype(qtbot, editor.end.edit, "8 Apr 2023")
    save_with_enter(qtbot, editor, editor.end.edit)
    assert "  End: 7 Apr 2023 → 8 Apr 2023" in history.lines()
    qtbot.waitUntil(window.details.browser.hasFocus)  # back where the user was
    # in the narrow pane, long lines wrap rather than lose their end, and the history leaves
    # most of the pane to the event
    tree = history.tree
    top = tree.topLevelItem(0)
    assert top is not None and top.text(0).endswith("Edited: End, Summary")
    summary = next(
        top.child(n) for n in range(top.childCount()) if "Summary" in top.child(n).text(0)
    )
    assert tree.fontMetrics().horizontalAdvance(summary.text(0)) > 2 * tree.viewport().width()
    assert tree.visualItemRect(summary).height() >= 2 * tree.fontMetrics().lineSpacing()
    assert history.height() < window.details.browser.height()

    focus(qtbot, window.details.edit_button)  # the button itself, with the space bar
    qtbot.keyClick(window.details.edit_button, Qt.Key.Key_Space)
    editor = editing(window).dialog
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    qtbot.keyClick(editor.title, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.details.edit_button.hasFocus)

    other = by_title(store, "Lukashenko's state visit")
    window.select_event(other.id)
    assert history.event_id == other.id and history.lines() == []


def test_undo_and_redo_follow_the_stack_and_edits_need_a_selection(window: MainWindow) -> None:
    actions = window.action_set
    window.selection.select(None)
    assert not actions["undo"].isEnabled() and not actions["redo"].isEnabled()
    assert actions["new_event"].isEnabled() and actions["edit_actors"].isEnabled()
    for action_id in ("edit_event", "duplicate_event", "delete_event"):
        assert not actions[action_id].isEnabled()
    window.select_event(by_title(window.store, "OFAC").id)
    for action_id in ("edit_event", "duplicate_event", "delete_event"):
        assert actions[action_id].isEnabled()
    history = window.details.findChild(HistoryView)
    assert history is not None and not history.isHidden()


def test_a_read_only_database_cannot_be_edited(qtbot: QtBot, seeded: Store, db_path: Path) -> None:
    read_only = Store.open(db_path, read_only=True)
    win = open_window(qtbot, read_only)
    call = by_title(read_only, "Xi and Zelensky")
    win.select_event(call.id)
    for action_id in EDITING_ACTIONS:
        assert not win.action_set[action_id].isEnabled(), action_id
    assert not win.details.edit_button.isEnabled()
    focus(qtbot, win.timeline)
    for key, mods in (
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_N, CTRL),
        (Qt.Key.Key_D, CTRL),
    ):
        qtbot.keyClick(win.timeline, key, mods)
    assert editing(win).dialog is None
    assert read_only.count_events() == 13
    win.close()


def test_opening_another_database_starts_a_new_undo_history(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.select_event(by_title(window.store, "OFAC").id)
    window.action_set["delete_event"].trigger()
    assert window.action_set["undo"].isEnabled() and window.isWindowModified()
    assert window.switch_database(tmp_path / "other.sqlite3")
    feature = editing(window)
    assert feature.controller.store is window.store and feature.controller.stack.count() == 0
    assert not window.action_set["undo"].isEnabled() and not window.isWindowModified()
    assert window.action_set["undo"].text() == "&Undo"


def test_the_welcome_panel_starts_a_new_event(qtbot: QtBot, store: Store) -> None:
    win = open_window(qtbot, store)
    assert win.centre.currentWidget() is win.welcome
    button = win.findChild(QPushButton, "welcome_action_new_event")
    assert button is not None and button.isEnabled()
    button.click()
    editor = editing(win).dialog
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    type_text(qtbot, editor.title, "First event")
    retype(qtbot, editor.start.edit, "March 2023")
    save_with_enter(qtbot, editor, editor.start.edit)
    created = by_title(store, "First event")
    assert win.centre.currentWidget() is win.timeline
    assert win.selection.current == created.id and win.timeline.current_event() == created.id
    win.close()


def test_a_deleted_event_comes_back_from_restore_deleted(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    ofac = by_title(store, "OFAC")
    call = by_title(store, "Xi and Zelensky")
    for event in (ofac, call):
        window.select_event(event.id)
        window.action_set["delete_event"].trigger()
    focus(qtbot, window.timeline)
    window.action_set["restore_deleted"].trigger()
    dialog = editing(window).dialog
    assert isinstance(dialog, RestoreDeletedDialog)
    qtbot.waitExposed(dialog)
    focus(qtbot, dialog.list)
    assert dialog.list.currentItem().text().startswith(call.title)  # the last deleted first
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert shown_everywhere(window, call.id)
    assert window.model.row_of(ofac.id) is None  # only the one chosen came back
    assert window.action_set["undo"].text() == "&Undo Restore “Xi and Zelensky speak by phone”"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.timeline.hasFocus)


def test_enter_in_the_table_edits_the_selected_event(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    call = by_title(store, "Xi and Zelensky")
    window.select_event(call.id)
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    editor = editing(window).dialog
    assert isinstance(editor, EventEditor)
    qtbot.waitExposed(editor)
    assert editor.title.text() == call.title
    assert window.detail_windows == []  # in the timeline Enter opens the detail window instead
    editor.reject()


def test_a_detached_detail_window_shows_the_history_and_edits_with_f2(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    call = by_title(store, "Xi and Zelensky")
    window.select_event(call.id)
    focus(qtbot, window.timeline)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Return)
    detached = window.detail_windows[0]
    qtbot.waitExposed(detached)
    history = detached.pane.findChild(HistoryView)
    assert history is not None and history.event_id == call.id
    focus(qtbot, detached.pane.browser)
    qtbot.keyClick(detached.pane.browser, Qt.Key.Key_F2)
    editor = editing(window).dialog
    assert isinstance(editor, EventEditor) and editor.parent() is detached
    qtbot.waitExposed(editor)
    retype(qtbot, editor.title, "Xi and Zelensky talk for an hour")
    save_with_enter(qtbot, editor, editor.title)
    assert "Xi and Zelensky talk for an hour" in detached.pane.browser.toPlainText()
    assert any("talk for an hour" in line for line in history.lines())
    qtbot.waitUntil(detached.pane.browser.hasFocus)
    detached.close()


def test_people_are_found_and_edited_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.table)
    window.action_set["edit_actors"].trigger()
    dialog = editing(window).dialog
    assert isinstance(dialog, ActorsDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.filter.hasFocus)
    type_text(qtbot, dialog.filter, "Loukachenko")  # an alias
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # Enter edits the one found
    editor = QApplication.activeModalWidget()
    assert isinstance(editor, ActorEditor) and dialog.isVisible()
    qtbot.waitExposed(editor)
    assert editor.name.text() == "Alexander Lukashenko"
    retype(qtbot, editor.title, "President of Belarus since 1994")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert dialog.isVisible()  # the list stays open for the next one
    lukashenko = next(a for a in window.store.actors() if a.name == "Alexander Lukashenko")
    assert lukashenko.title == "President of Belarus since 1994"
    assert window.action_set["undo"].text() == "&Undo Edit Alexander Lukashenko"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.table.hasFocus)
