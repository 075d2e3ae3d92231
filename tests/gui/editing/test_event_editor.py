"""The event editor, driven from the keyboard: what is typed is what the store holds, and bad
input is named next to its field, kept as typed, and saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.dump import dump
from tests.helpers.editing import (
    POPUP_WARNINGS,
    choose,
    database_locked,
    pick,
    retype,
    show,
    type_text,
)
from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.records import EventDetail
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.editing.event_editor import EventEditor

pytestmark = POPUP_WARNINGS


@pytest.fixture
def controller(seeded: Store, qtbot: QtBot) -> EditController:
    controller = EditController(seeded)
    controller.show_messages = False
    return controller


def open_new(qtbot: QtBot, controller: EditController) -> EventEditor:
    editor = controller.new_event()
    show(qtbot, editor)
    return editor


def open_edit(qtbot: QtBot, controller: EditController, title: str) -> EventEditor:
    editor = controller.edit_event(by_title(controller.store, title).id)
    show(qtbot, editor)
    return editor


def save(qtbot: QtBot, editor: EventEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_a_new_event_with_every_field_typed_in_is_stored_as_typed(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    editor = open_new(qtbot, controller)
    retype(qtbot, editor.title, "Lukashenko visits Tehran")
    choose(editor.kind, Kind.STATE_VISIT.label)
    choose(editor.status, Status.CONFIRMED.label)
    retype(qtbot, editor.start.edit, "début février 2023")
    assert editor.start.feedback.text().startswith("→ early February 2023")
    retype(qtbot, editor.end.edit, "2023-02-14")
    retype(qtbot, editor.trip.combo.lineEdit(), "Lukashenko's winter tour")  # type: ignore[arg-type]
    retype(qtbot, editor.tags, "Belarus, Iran")
    editor.summary.setFocus()
    type_text(qtbot, editor.summary, "Talks on trade.")
    place = editor.places.rows()[0]
    retype(qtbot, place.locality, "Tehran")
    retype(qtbot, place.country.edit, "Iran")
    second_place = editor.places.add_row(focus=True)
    assert pick(qtbot, second_place.locality, "Pékin") == ["Beijing, China  ← Pékin"]
    person = editor.participants.rows()[0]
    pick(qtbot, person.actor, "Loukachenko")
    choose(person.role, Role.VISITOR.label)
    host = editor.participants.add_row(focus=True)
    retype(qtbot, host.actor, "Ebrahim Raisi")
    assert "new" in host.message.text()
    choose(host.role, Role.HOST.label)
    source = editor.sources.rows()[0]
    retype(qtbot, source.url, "https://example.org/tehran")
    retype(qtbot, source.outlet, "Example News")
    retype(qtbot, source.title, "Lukashenko in Tehran")
    retype(qtbot, source.published, "13 février 2023")
    retype(qtbot, source.note, "first report")
    relation = editor.relations.add_row(focus=True)
    choose(relation.type, RelationType.FOLLOWS.label)
    pick(qtbot, relation.other, "Lukashenko's state visit")
    save(qtbot, editor)

    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    detail = store.get_event(by_title(store, "Tehran").id)
    assert (detail.row.kind, detail.row.status) == (Kind.STATE_VISIT, Status.CONFIRMED)
    assert detail.row.dates() == "early February 2023 – 14 Feb 2023"
    assert detail.trip is not None and detail.trip.title == "Lukashenko's winter tour"
    assert detail.tags == ("Belarus", "Iran")
    assert detail.summary == "Talks on trade."
    assert [p.display() for p in detail.row.places] == ["Tehran, Iran", "Beijing, China"]
    assert [(p.name, p.role) for p in detail.participants] == [
        ("Alexander Lukashenko", Role.VISITOR),
        ("Ebrahim Raisi", Role.HOST),
    ]
    [cited] = detail.sources
    assert (cited.source.url, cited.source.outlet, cited.source.title, cited.note) == (
        "https://example.org/tehran",
        "Example News",
        "Lukashenko in Tehran",
        "first report",
    )
    assert cited.source.published == date(2023, 2, 13)
    [related] = detail.related
    assert (related.label, related.title) == ("follows", "Lukashenko's state visit to China")
    assert controller.stack.count() == 1  # one step, new actor, place, source and trip included


def test_typing_an_alias_offers_the_actor_and_puts_their_name_in(
    qtbot: QtBot, controller: EditController
) -> None:
    editor = open_edit(qtbot, controller, "Xi and Zelensky")
    row = editor.participants.add_row(focus=True)
    offered = pick(qtbot, row.actor, "Loukachenko")
    assert offered == [
        "Alexander Lukashenko  ← Alexandre Loukachenko  ·  President of Belarus, Belarus"
    ]
    assert row.actor.text() == "Alexander Lukashenko"
    retype(qtbot, row.actor, "alexandre loukachenko")  # an alias in full, any case, not picked
    assert row.message.text() == "→ Alexander Lukashenko"
    retype(qtbot, row.actor, "Lukashenka")  # part of an alias: a new person, unless...
    assert row.message.text() == (
        "new: “Lukashenka” will be added (or did you mean Alexander Lukashenko?)"
    )


def field_edits() -> list[
    tuple[str, Callable[[QtBot, EventEditor], None], Callable[[EventDetail], object], object]
]:
    """(name, what the user does, what to read back, what it should be)"""

    def status(qtbot: QtBot, editor: EventEditor) -> None:
        editor.status.setFocus()
        choose(editor.status, Status.POSTPONED.label)

    def kind(qtbot: QtBot, editor: EventEditor) -> None:
        choose(editor.kind, Kind.WORKING_VISIT.label)

    def remove_participant(qtbot: QtBot, editor: EventEditor) -> None:
        qtbot.mouseClick(editor.participants.rows()[-1].remove_button, Qt.MouseButton.LeftButton)

    def remove_place(qtbot: QtBot, editor: EventEditor) -> None:
        qtbot.mouseClick(editor.places.rows()[1].remove_button, Qt.MouseButton.LeftButton)

    def summary(qtbot: QtBot, editor: EventEditor) -> None:
        editor.summary.selectAll()
        type_text(qtbot, editor.summary, "Rewritten.")

    def note(qtbot: QtBot, editor: EventEditor) -> None:
        retype(qtbot, editor.sources.rows()[1].note, "checked")

    def outlet(qtbot: QtBot, editor: EventEditor) -> None:
        retype(qtbot, editor.sources.rows()[1].outlet, "CRI")

    return [
        (
            "title",
            lambda q, e: retype(q, e.title, "Macron in China"),
            lambda d: d.row.title,
            "Macron in China",
        ),
        ("kind", kind, lambda d: d.row.kind, Kind.WORKING_VISIT),
        ("status", status, lambda d: d.row.status, Status.POSTPONED),
        (
            "start",
            lambda q, e: retype(q, e.start.edit, "early April 2023"),
            lambda d: d.row.start,
            parse_date("early April 2023"),
        ),
        ("end", lambda q, e: retype(q, e.end.edit, ""), lambda d: d.row.end, None),
        (
            "trip",
            lambda q, e: pick(q, e.trip.combo.lineEdit(), "Blinken"),  # type: ignore[arg-type]
            lambda d: d.trip.title if d.trip else None,
            "Blinken in Central Asia and India, Feb–Mar 2023",
        ),
        (
            "tags",
            lambda q, e: retype(q, e.tags, "France, China"),
            lambda d: d.tags,
            ("China", "France"),
        ),
        ("summary", summary, lambda d: d.summary, "Rewritten."),
        ("places", remove_place, lambda d: [p.locality for p in d.row.places], ["Beijing"]),
        (
            "participants",
            remove_participant,
            lambda d: [p.name for p in d.participants],
            ["Emmanuel Macron", "Xi Jinping", "Li Qiang"],
        ),
        ("source note", note, lambda d: d.sources[1].note, "checked"),
        ("source outlet", outlet, lambda d: d.sources[1].source.outlet, "CRI"),
    ]


@pytest.mark.parametrize(
    ("name", "act", "read", "expected"),
    field_edits(),
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_each_field_edited_in_the_dialog_reaches_the_store_and_only_it(
    qtbot: QtBot,
    controller: EditController,
    name: str,
    act: Callable[[QtBot, EventEditor], None],
    read: Callable[[EventDetail], object],
    expected: object,
) -> None:
    store = controller.store
    event_id = by_title(store, "Macron's state visit").id
    before = store.get_event(event_id)
    editor = open_edit(qtbot, controller, "Macron's state visit")
    act(qtbot, editor)
    save(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    after = store.get_event(event_id)
    assert read(after) == expected
    assert read(before) != expected
    # and undo puts it back
    assert controller.undo()
    assert store.get_event(event_id).to_data() == before.to_data()


def test_saving_without_a_change_writes_nothing_and_adds_no_undo_step(
    qtbot: QtBot, controller: EditController
) -> None:
    before = dump(controller.store)
    editor = open_edit(qtbot, controller, "Macron's state visit")
    save(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted
    assert controller.stack.count() == 0
    assert dump(controller.store) == before


BAD_INPUT = [
    # (what, where to type, text, the field named, the message shown there)
    ("end before start", "end", "1 Apr 2023", "end", "1 Apr 2023 is before the start (5 Apr 2023)"),
    (
        "a date that does not exist",
        "start",
        "30 février 2023",
        "start",
        "30 February 2023 does not exist (February 2023 has 28 days)",
    ),
    ("an empty title", "title", "", "title", "must not be empty"),
    ("an unknown country code", "country", "QQ", "places", "'QQ' is not a country"),
    (
        "a malformed URL",
        "url",
        "www.example.org/story",
        "sources",
        "is not a web address (it must start with http:// or https://)",
    ),
    ("a participant without a role", "role", "", "participants", "choose the role of Jane Roe"),
]


@pytest.mark.parametrize(
    ("what", "where", "text", "field", "message"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT]
)
def test_bad_input_is_named_next_to_its_field_kept_and_nothing_is_saved(
    qtbot: QtBot,
    controller: EditController,
    what: str,
    where: str,
    text: str,
    field: str,
    message: str,
) -> None:
    store = controller.store
    before = dump(store)
    editor = open_edit(qtbot, controller, "Macron's state visit")
    if where == "country":
        row = editor.places.add_row(focus=True)
        retype(qtbot, row.locality, "Atlantis")
        retype(qtbot, row.country.edit, text)
        typed = row.country.edit
    elif where == "url":
        typed = editor.sources.add_row(focus=True).url
        retype(qtbot, typed, text)
    elif where == "role":
        row = editor.participants.add_row(focus=True)
        retype(qtbot, row.actor, "Jane Roe")
        typed = row.actor
        text = "Jane Roe"
    else:
        typed = {"end": editor.end.edit, "start": editor.start.edit, "title": editor.title}[where]
        retype(qtbot, typed, text)
    save(qtbot, editor)

    assert editor.isVisible() and editor.result() != editor.DialogCode.Accepted
    assert typed.text() == text  # the user's text is kept
    shown = {
        "end": editor.end.feedback,
        "start": editor.start.feedback,
        "title": editor.title_feedback,
    }.get(field)
    if shown is None:
        section = {
            "places": editor.places,
            "sources": editor.sources,
            "participants": editor.participants,
        }[field]
        shown = next(row.message for row in section.rows() if row.message.is_error)
    assert message in shown.text()
    assert shown.isVisible()
    assert editor.banner.isVisible() and "Not saved" in editor.banner.text()
    assert dump(store) == before
    assert controller.stack.count() == 0


def test_a_store_refusal_is_shown_next_to_the_field_it_names(
    qtbot: QtBot, controller: EditController
) -> None:
    """What only the database can tell (an address cited twice) comes back to the field too."""
    editor = open_new(qtbot, controller)
    retype(qtbot, editor.title, "Twice cited")
    retype(qtbot, editor.start.edit, "2023")
    for _ in range(2):
        row = (
            editor.sources.rows()[-1]
            if not editor.sources.rows()[-1].url.text()
            else (editor.sources.add_row(focus=True))
        )
        retype(qtbot, row.url, "https://example.org/same")
        retype(qtbot, row.outlet, "Outlet " + str(len(editor.sources.rows())))
    save(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted  # the same new source, linked once
    [cited] = controller.store.get_event(by_title(controller.store, "Twice cited").id).sources
    assert cited.source.url == "https://example.org/same"


def test_a_database_error_on_saving_is_reported_and_the_edit_stays_in_the_dialog(
    qtbot: QtBot, controller: EditController, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = controller.store
    before = dump(store)
    editor = open_edit(qtbot, controller, "Macron's state visit")
    retype(qtbot, editor.title, "Macron and von der Leyen in China")
    with database_locked(store, monkeypatch):
        save(qtbot, editor)
        assert editor.isVisible()
        assert "Not saved: the database is busy" in editor.banner.text()
        assert "Your edit is still here" in editor.banner.text()
        assert editor.title.text() == "Macron and von der Leyen in China"
        assert dump(store) == before
        assert controller.stack.count() == 0
    save(qtbot, editor)  # the lock is gone: the same edit saves
    assert editor.result() == editor.DialogCode.Accepted
    assert by_title(store, "von der Leyen in China")


def test_a_change_made_elsewhere_meanwhile_is_not_overwritten_unless_asked(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    event_id = by_title(store, "Macron's state visit").id
    editor = open_edit(qtbot, controller, "Macron's state visit")
    retype(qtbot, editor.title, "Mine")
    # another window changes the status meanwhile
    other = store.get_event(event_id).to_data()
    from dataclasses import replace

    store.update_event(event_id, replace(other, status=Status.POSTPONED))
    save(qtbot, editor)
    assert editor.isVisible()
    assert "changed elsewhere" in editor.banner.text()
    assert store.get_event(event_id).row.title != "Mine"
    save(qtbot, editor)  # "Save again to replace that other change with yours"
    assert editor.result() == editor.DialogCode.Accepted
    assert store.get_event(event_id).row.title == "Mine"


def test_the_editor_is_usable_from_the_keyboard(qtbot: QtBot, controller: EditController) -> None:
    editor = open_new(qtbot, controller)
    qtbot.waitUntil(editor.title.hasFocus)
    visited = []
    for _ in range(9):
        visited.append(editor.focusWidget().accessibleName())
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    assert visited == [
        "Title",
        "Kind",
        "Status",
        "Start",
        "End",
        "Trip",
        "Tags",
        "Summary",
        "Place",
    ]
    # every input has a name a screen reader can say
    for row_list in (editor.places, editor.participants, editor.sources, editor.relations):
        row_list.add_row()
        for widget in row_list.focus_chain():
            assert widget.accessibleName() or widget.text(), widget  # type: ignore[attr-defined]
    # Enter in a field saves; Escape closes without saving
    retype(qtbot, editor.title, "Typed, then Enter")
    retype(qtbot, editor.start.edit, "3 March 2023")
    qtbot.keyClick(editor.start.edit, Qt.Key.Key_Return)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    assert by_title(controller.store, "Typed, then Enter")


def test_a_new_place_takes_its_country_from_an_english_or_french_name(
    qtbot: QtBot, controller: EditController
) -> None:
    editor = open_edit(qtbot, controller, "Xi and Zelensky")
    row = editor.places.add_row(focus=True)
    retype(qtbot, row.locality, "Bonn")
    assert pick(qtbot, row.country.edit, "Allemagne") == [  # the closest match first
        "Germany  ← Allemagne  ·  DE",
        "East Germany  ← Allemagne de l'Est  ·  DD",
    ]
    assert row.country.edit.text() == "Germany"
    assert row.message.text() == "new place: Bonn, Germany"
    other = editor.places.add_row(focus=True)
    retype(qtbot, other.locality, "Lyon")
    offered = pick(qtbot, other.country.edit, "Fra")
    assert offered[0] == "France  ·  FR"
    save(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted, editor.banner.text()
    places = controller.store.get_event(by_title(controller.store, "Xi and Zelensky").id).row.places
    assert [p.display() for p in places][-2:] == ["Bonn, Germany", "Lyon, France"]


def mnemonics(widget: QWidget) -> list[str]:
    """The Alt+letter keys of the labels and buttons in a dialog."""
    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        text = child.text().replace("&&", "")
        if "&" in text and child.isVisibleTo(widget):
            keys.append(text[text.index("&") + 1].lower())
    return keys


def test_every_alt_key_of_the_editors_is_used_once(
    qtbot: QtBot, controller: EditController
) -> None:
    store = controller.store
    actor = store.actors()[0]
    place = store.places()[0]
    for dialog in (
        open_edit(qtbot, controller, "Macron's state visit"),
        controller.edit_actor(actor.id),
        controller.edit_place(place.id),
        controller.choose_merge(actor.id),
    ):
        show(qtbot, dialog)
        keys = mnemonics(dialog)
        assert len(keys) >= 3, keys
        assert sorted(keys) == sorted(set(keys)), f"{dialog.objectName()}: {sorted(keys)}"
