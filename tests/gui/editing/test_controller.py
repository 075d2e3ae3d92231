"""The editing controller: every edit one undo step written through; undo, redo, failures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.dump import dump
from tests.helpers.editing import POPUP_WARNINGS, database_locked, retype, show
from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.records import ActorData, Alias, EventData, Participant
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status
from timeline_app.gui.editing.commands import actor_data
from timeline_app.gui.editing.controller import EditController, next_leg_start
from timeline_app.gui.editing.drafts import EventDraft, ParticipantDraft

pytestmark = POPUP_WARNINGS


@pytest.fixture
def controller(seeded: Store, qtbot: QtBot) -> EditController:
    controller = EditController(seeded)
    controller.show_messages = False
    return controller


def draft(**changes: object) -> EventDraft:
    base = EventDraft("Talks in Minsk", Kind.SUMMIT_TALKS, Status.PLANNED, parse_date("May 2023"))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_new_event_is_one_step_and_undo_redo_keep_its_id(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    start = dump(store)
    clean: list[bool] = []
    controller.cleanChanged.connect(clean.append)
    new_actor = ParticipantDraft(ActorData("Jane Roe"), Role.VISITOR)
    with qtbot.waitSignal(controller.eventEdited) as edited:
        event_id = controller.save_event(draft(participants=(new_actor,)))
    assert edited.args == [event_id]
    assert clean == [False]
    assert controller.stack.undoText() == "New event “Talks in Minsk”"
    with qtbot.waitSignal(controller.eventRemoved) as removed:
        assert controller.undo()
    assert removed.args == [event_id]
    assert dump(store) == start  # the new actor went with it
    assert clean == [False, True]
    assert controller.redo()
    assert store.get_event(event_id).participants[0].name == "Jane Roe"


def test_delete_needs_no_confirmation_and_undo_brings_the_event_back_with_its_links(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    visit = by_title(store, "Macron's state visit")
    before = dump(store)
    assert controller.delete_event(visit.id)
    assert by_title(store, "Macron announces").id not in {r.event_id for r in []}
    assert store.get_event(by_title(store, "Macron announces").id).related == ()
    with qtbot.waitSignal(controller.eventEdited) as edited:
        assert controller.undo()
    assert edited.args == [visit.id]
    assert dump(store) == before
    assert controller.redo()
    assert visit.id not in {row.id for row in store.list_events()}


def test_duplicate_proposes_the_next_leg_in_the_same_trip(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    tashkent = by_title(store, "Blinken in Tashkent")
    original = store.get_event(tashkent.id)
    editor = controller.duplicate_event(tashkent.id)
    show(qtbot, editor)
    assert editor.title.text() == original.row.title
    assert editor.start.text() == "2 Mar 2023"  # the day after it ended on 1 Mar
    assert editor.end.text() == ""
    assert editor.trip.combo.currentText() == original.trip.title  # type: ignore[union-attr]
    assert [row.actor.text() for row in editor.participants.rows()] == [
        p.name for p in original.participants
    ]
    retype(qtbot, editor.title, "Blinken in New Delhi (next leg)")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    leg = store.get_event(by_title(store, "next leg").id)
    assert leg.trip == original.trip
    assert leg.row.start == parse_date("2 March 2023")
    assert len(store.get_event(tashkent.id).legs) == len(original.legs) + 1


@pytest.mark.parametrize(
    ("start", "end", "proposed"),
    [
        ("28 Feb 2023", "1 Mar 2023", "2 Mar 2023"),
        ("31 Dec 2023", None, "1 Jan 2024"),
        ("early April 2023", None, "early April 2023"),
        ("5 Apr 2023", "c. 7 Apr 2023", "c. 7 Apr 2023"),
    ],
)
def test_the_next_leg_starts_the_day_after_a_known_last_day(
    start: str, end: str | None, proposed: str
) -> None:
    end_date = parse_date(end) if end else None
    assert next_leg_start(parse_date(start), end_date).format() == proposed


def test_an_undo_that_cannot_be_written_is_reported_and_changes_nothing(
    qtbot: QtBot, controller: EditController, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = controller.store
    controller.save_event(draft())
    after_edit = dump(store)
    controller.show_messages = True
    with database_locked(store, monkeypatch):
        with qtbot.waitSignal(controller.writeFailed) as failed:
            assert not controller.undo()
        assert failed.args == [
            "Could not undo “New event “Talks in Minsk””: the database is busy: another program "
            "is writing to it. Nothing was changed."
        ]
        box = controller.last_message
        assert box is not None and box.isVisible() and box.text() == failed.args[0]
        box.close()
        assert controller.stack.index() == 1 and controller.stack.canUndo()
    assert dump(store) == after_edit
    assert controller.undo()  # the lock is gone: the same step undoes
    assert controller.stack.index() == 0


def test_a_redo_that_cannot_be_written_is_reported_and_changes_nothing(
    controller: EditController, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = controller.store
    controller.save_event(draft())
    controller.undo()
    undone = dump(store)
    messages: list[str] = []
    controller.writeFailed.connect(messages.append)
    with database_locked(store, monkeypatch):
        assert not controller.redo()
    assert messages and messages[0].startswith("Could not redo")
    assert controller.stack.index() == 0 and controller.stack.canRedo()
    assert dump(store) == undone


def test_moving_the_stack_directly_writes_every_step_in_between(
    controller: EditController,
) -> None:
    store = controller.store
    start = dump(store)
    for title in ("One", "Two", "Three"):
        controller.save_event(draft(title=title))
    end = dump(store)
    controller.stack.setIndex(0)  # as a QUndoView click does
    assert dump(store) == start
    controller.stack.redo()
    controller.stack.redo()
    controller.stack.redo()
    assert dump(store) == end


def test_a_direct_stack_move_that_fails_puts_the_stack_back_where_the_database_is(
    controller: EditController, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = controller.store
    for title in ("One", "Two"):
        controller.save_event(draft(title=title))
    end = dump(store)
    messages: list[str] = []
    controller.writeFailed.connect(messages.append)
    with database_locked(store, monkeypatch):
        controller.stack.setIndex(0)
    assert controller.stack.index() == 2
    assert dump(store) == end
    assert messages == [
        "Could not undo “New event “Two””: the database is busy: another program is writing "
        "to it. Nothing was changed."
    ]


def test_undo_refuses_to_overwrite_a_change_made_elsewhere(controller: EditController) -> None:
    store = controller.store
    event_id = controller.save_event(draft())
    data = store.get_event(event_id).to_data()
    store.update_event(event_id, replace(data, status=Status.CANCELLED))  # another window
    messages: list[str] = []
    controller.writeFailed.connect(messages.append)
    assert not controller.undo()
    assert "“Talks in Minsk” was changed elsewhere" in messages[0]
    assert store.get_event(event_id).row.status is Status.CANCELLED
    assert controller.stack.index() == 1


def test_merging_two_actors_keeps_every_link_and_undo_separates_them(
    controller: EditController,
) -> None:
    store = controller.store
    duplicate = store.create_actor(ActorData("A. Lukashenko", title="President"))
    event_id = controller.save_event(draft(participants=(ParticipantDraft(duplicate, Role.HOST),)))
    keep = next(a for a in store.actors() if a.name == "Alexander Lukashenko")
    before = dump(store)
    assert controller.merge_actors(keep.id, duplicate)
    assert [p.actor_id for p in store.get_event(event_id).participants] == [keep.id]
    assert "A. Lukashenko" in {a.name for a in store.get_actor(keep.id).aliases}
    assert controller.undo()
    assert dump(store) == before
    assert [p.actor_id for p in store.get_event(event_id).participants] == [duplicate]
    assert controller.redo()
    assert duplicate not in {a.id for a in store.actors()}


def test_the_undo_action_follows_the_stack_and_undoes_through_the_controller(
    qtbot: QtBot, controller: EditController
) -> None:
    undo = controller.create_undo_action(controller)
    redo = controller.create_redo_action(controller)
    assert not undo.isEnabled() and undo.text() == "&Undo"
    controller.save_event(draft())
    assert undo.isEnabled() and undo.text() == "&Undo New event “Talks in Minsk”"
    undo.trigger()
    assert controller.stack.index() == 0 and redo.isEnabled()
    assert [s.toString() for s in redo.shortcuts()][:2] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert undo.shortcuts()[0].toString() == "Ctrl+Z"


def test_switching_to_another_database_drops_the_undo_history(
    controller: EditController, store: Store
) -> None:
    controller.save_event(draft())
    controller.set_store(store)
    assert controller.stack.count() == 0 and controller.is_clean()
    assert not controller.undo()


def test_the_actor_editor_saves_names_titles_aliases_and_country(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    actor = next(a for a in store.actors() if a.name == "Alexander Lukashenko")
    editor = controller.edit_actor(actor.id)
    show(qtbot, editor)
    retype(qtbot, editor.title, "President of the Republic of Belarus")
    retype(qtbot, editor.country.edit, "Bélarus")
    row = editor.aliases.add_row(focus=True)
    retype(qtbot, row.name, "Лукашенко")
    retype(qtbot, row.language, "ru")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    saved = store.get_actor(actor.id)
    assert saved.title == "President of the Republic of Belarus"
    assert saved.country_code == "BY"
    assert saved.aliases[-1] == Alias("Лукашенко", "ru")
    assert controller.undo()
    assert actor_data(store.get_actor(actor.id)) == actor_data(actor)


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("name", "", "must not be empty"),
        ("name", "Xi Jinping", "an actor named 'Xi Jinping' already exists"),
        ("country", "Atlantis", "'Atlantis' is not a country this app knows"),
    ],
)
def test_the_actor_editor_names_a_bad_field_and_saves_nothing(
    qtbot: QtBot, controller: EditController, field: str, text: str, message: str
) -> None:
    store = controller.store
    before = dump(store)
    actor = next(a for a in store.actors() if a.name == "Alexander Lukashenko")
    editor = controller.edit_actor(actor.id)
    show(qtbot, editor)
    edit = editor.name if field == "name" else editor.country.edit
    retype(qtbot, edit, text)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    feedback = editor.name_feedback if field == "name" else editor.country.feedback
    assert message in feedback.text()
    assert edit.text() == text
    assert dump(store) == before and controller.stack.count() == 0


def test_the_place_editor_saves_its_fields(qtbot: QtBot, controller: EditController) -> None:
    store = controller.store
    beijing = next(p for p in store.places() if p.locality == "Beijing")
    editor = controller.edit_place(beijing.id)
    show(qtbot, editor)
    row = editor.aliases.add_row(focus=True)
    retype(qtbot, row.name, "北京")
    retype(qtbot, row.language, "zh")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    assert Alias("北京", "zh") in store.get_place(beijing.id).aliases
    retype_editor = controller.edit_place(beijing.id)
    show(qtbot, retype_editor)
    retype(qtbot, retype_editor.country.edit, "QQ")
    qtbot.mouseClick(retype_editor.save_button, Qt.MouseButton.LeftButton)
    assert "'QQ' is not a country" in retype_editor.country.feedback.text()


def test_the_merge_dialog_merges_the_chosen_pair(qtbot: QtBot, controller: EditController) -> None:
    store = controller.store
    duplicate = store.create_actor(ActorData("A. Lukashenko"))
    dialog = controller.choose_merge(duplicate)
    show(qtbot, dialog)
    assert dialog.merged.text() == "A. Lukashenko"
    assert not dialog.merge_button.isEnabled()
    retype(qtbot, dialog.kept, "Alexandre Loukachenko")  # found by an alias
    assert "“A. Lukashenko” will disappear" in dialog.reading.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "A. Lukashenko" not in {a.name for a in store.actors()}
    assert controller.stack.undoText() == "Merge A. Lukashenko into Alexander Lukashenko"


def test_the_lists_of_actors_and_places_find_by_any_name_and_open_the_editors(
    qtbot: QtBot, controller: EditController
) -> None:
    actors = controller.manage_actors()
    show(qtbot, actors)
    retype(qtbot, actors.filter, "loukach")
    shown = [
        actors.list.item(i).text()
        for i in range(actors.list.count())
        if not actors.list.item(i).isHidden()
    ]
    assert shown == ["Alexander Lukashenko — President of Belarus, Belarus"]
    editor = actors.edit_selected()
    assert editor is not None and editor.objectName() == "actorEditor"
    editor.close()
    places = controller.manage_places()
    show(qtbot, places)
    retype(qtbot, places.filter, "pekin")
    assert places.selected_id() == next(
        p.id for p in controller.store.places() if p.locality == "Beijing"
    )


def test_undo_and_redo_of_a_restore_that_brought_back_an_actor_keep_its_id(
    controller: EditController,
) -> None:
    store = controller.store
    jane = store.create_actor(ActorData("Jane Roe"))
    event_id = store.create_event(
        EventData(
            "Talks in Minsk",
            Kind.SUMMIT_TALKS,
            Status.PLANNED,
            parse_date("May 2023"),
            participants=(Participant(jane, Role.VISITOR),),
        )
    )
    change_id = store.delete_event(event_id)
    store.delete_actor(jane)  # gone too: the restore brings her back
    assert change_id is not None

    restored = controller.restore_event(change_id)
    assert restored == event_id
    [first] = store.get_event(event_id).participants
    assert first.name == "Jane Roe"
    assert controller.undo()
    assert controller.redo()  # the same restore again: not "changed elsewhere"
    [again] = store.get_event(event_id).participants
    assert again == first
    assert controller.undo() and controller.redo()
