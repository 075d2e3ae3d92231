"""The filter bar, the filter editor, the controller and the saved views menu."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from tests.helpers.editing import POPUP_WARNINGS
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import ActorInfo, Alias
from timeline_app.core.store import Store
from timeline_app.core.views import SavedView
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.search import (
    FilterBar,
    FilterController,
    FilterEditor,
    SavedViewsMenu,
    SearchField,
)
from timeline_app.gui.search.completion import FoldingCompleter

FLT = EventFilter(
    text="Pékin",
    actors=("Xi Jinping",),
    kinds=frozenset({Kind.STATE_VISIT}),
    has_sources=True,
)


def make_bar(qtbot: QtBot, flt: EventFilter = FLT) -> FilterBar:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_filter(flt)
    bar.show()
    return bar


def test_each_chip_is_focusable_named_and_has_a_named_remove_button(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    assert [chip.label.text() for chip in bar.chips] == [
        "Search: “Pékin”",
        "Actor: Xi Jinping",
        "Kind: State visit",
        "With sources",
    ]
    for chip in bar.chips:
        assert chip.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert chip.accessibleName() == chip.label.text()
        button = chip.findChild(QToolButton, "filterChipRemove")
        assert button.accessibleName() == f"Remove filter: {chip.label.text()}"


def test_delete_or_backspace_removes_the_focused_chip_and_the_focus_stays(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    heard: list[EventFilter] = []
    bar.filterChanged.connect(heard.append)
    bar.chips[1].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.chips[1])
    qtbot.keyClick(bar.chips[1], Qt.Key.Key_Delete)
    assert heard[-1] == EventFilter(
        text="Pékin", kinds=frozenset({Kind.STATE_VISIT}), has_sources=True
    )
    assert [c.label.text() for c in bar.chips] == [
        "Search: “Pékin”",
        "Kind: State visit",
        "With sources",
    ]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.chips[1])  # took its place
    qtbot.keyClick(bar.chips[1], Qt.Key.Key_Backspace)
    assert heard[-1] == EventFilter(text="Pékin", has_sources=True)


def test_the_remove_button_and_clear_all(qtbot: QtBot) -> None:
    bar = make_bar(qtbot)
    heard: list[EventFilter] = []
    bar.filterChanged.connect(heard.append)
    qtbot.mouseClick(bar.chips[0].button, Qt.MouseButton.LeftButton)
    assert heard[-1].text == "" and heard[-1].actors == ("Xi Jinping",)
    assert bar.clear_button.isVisible()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert heard[-1] == EventFilter()
    assert bar.chips == [] and not bar.clear_button.isVisible()


def make_editor(qtbot: QtBot) -> FilterEditor:
    editor = FilterEditor()
    qtbot.addWidget(editor)
    editor.show()
    return editor


def commit(qtbot: QtBot, line: object, text: str) -> None:
    line.setText(text)  # type: ignore[attr-defined]
    line.editingFinished.emit()  # type: ignore[attr-defined]


def test_the_editor_builds_the_filter_from_its_fields(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    heard: list[EventFilter] = []
    editor.filterChanged.connect(heard.append)
    commit(qtbot, editor.actor, "Xi Jinping; Lukashenka")
    commit(qtbot, editor.country, "Chine; kz")
    commit(qtbot, editor.date_from, "March 2023")
    commit(qtbot, editor.date_to, "début avril 2023")
    commit(qtbot, editor.tag, "China")
    editor.kind.entries[Kind.STATE_VISIT].setChecked(True)
    editor.status.entries[Status.COMPLETED].setChecked(True)
    editor.sources.setCurrentIndex(editor.sources.findData("without"))
    assert heard[-1] == EventFilter(
        actors=("Xi Jinping", "Lukashenka"),
        countries=("CN", "KZ"),
        date_from=date(2023, 3, 1),
        date_to=date(2023, 4, 10),
        kinds=frozenset({Kind.STATE_VISIT}),
        statuses=frozenset({Status.COMPLETED}),
        tags=("China",),
        has_sources=False,
    )
    assert editor.kind.text() == "State visit"


def test_an_unreadable_date_is_marked_on_its_field_and_changes_nothing(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    heard: list[EventFilter] = []
    editor.filterChanged.connect(heard.append)
    commit(qtbot, editor.date_from, "March 2023")
    assert len(heard) == 1
    commit(qtbot, editor.date_from, "30 February 2023")
    assert len(heard) == 1 and editor.current_filter.date_from == date(2023, 3, 1)
    assert editor.date_from.property("invalid") is True
    assert "30 February 2023 does not exist" in editor.date_from.toolTip()
    assert "From: " in editor.message.text()
    assert editor.date_from.accessibleDescription() == editor.date_from.toolTip()
    commit(qtbot, editor.date_to, "Narnia")  # still blocked by "From"
    assert len(heard) == 1 and editor.date_to.property("invalid") is True
    commit(qtbot, editor.date_from, "")
    commit(qtbot, editor.date_to, "1 Jan 2020")
    assert heard[-1] == EventFilter(date_to=date(2020, 1, 1))
    assert not editor.date_from.property("invalid") and not editor.date_to.property("invalid")
    assert editor.message.text() == ""


def test_a_range_that_ends_before_it_starts_and_an_unknown_country_are_marked(
    qtbot: QtBot,
) -> None:
    editor = make_editor(qtbot)
    heard: list[EventFilter] = []
    editor.filterChanged.connect(heard.append)
    commit(qtbot, editor.date_from, "2023")
    commit(qtbot, editor.date_to, "2022")
    assert editor.date_to.property("invalid") is True and "before" in editor.date_to.toolTip()
    commit(qtbot, editor.date_to, "")
    commit(qtbot, editor.country, "Narnia")
    assert editor.country.property("invalid") is True and "Narnia" in editor.country.toolTip()
    assert heard == [EventFilter(date_from=date(2023, 1, 1))]


def test_set_filter_shows_it_without_emitting(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    heard: list[EventFilter] = []
    editor.filterChanged.connect(heard.append)
    flt = EventFilter(
        actors=("Xi Jinping",),
        countries=("CN",),
        date_from=date(2023, 3, 1),
        statuses=frozenset({Status.PLANNED}),
        has_sources=True,
    )
    editor.set_filter(flt)
    assert heard == []
    assert editor.actor.text() == "Xi Jinping"
    assert editor.country.text() == "China"
    assert editor.date_from.text() == "1 Mar 2023"
    assert editor.status.checked() == frozenset({Status.PLANNED})
    editor.commit()  # reading the fields back gives the same filter: nothing to emit
    assert heard == [] and editor.current_filter == flt


def test_actor_completion_ignores_accents_and_an_alias_inserts_the_name(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    lukashenko = ActorInfo(
        "Alexander Lukashenko",
        aliases=(Alias("Alexandre Loukachenko", "fr"), Alias("Aliaksandr Lukashenka")),
        id=1,
    )
    editor.set_choices([lukashenko, ActorInfo("Kassym-Jomart Tokaïev", id=2)], ["China"])
    completer = editor.actor_completer
    completer.setCompletionPrefix("loukach")
    offered = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionModel().rowCount())
    ]
    assert offered == ["Alexandre Loukachenko (Alexander Lukashenko)"]
    assert completer.pathFromIndex(completer.currentIndex()) == "Alexander Lukashenko"
    completer.setCompletionPrefix("TOKAIEV")
    assert completer.completionCount() == 1


def test_completion_completes_the_last_of_several_values(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    completer: FoldingCompleter = editor.country_completer
    editor.country.setText("China; allem")
    assert completer.splitPath(editor.country.text()) == ["allem"]
    completer.setCompletionPrefix("allem")
    assert completer.completionCount() >= 1
    assert completer.pathFromIndex(completer.currentIndex()) == "China; Allemagne"


def test_the_controller_keeps_the_three_widgets_in_step(qtbot: QtBot) -> None:
    field, bar, editor = SearchField(), FilterBar(), FilterEditor()
    for widget in (field, bar, editor):
        qtbot.addWidget(widget)
    controller = FilterController(field, bar, editor)
    heard: list[EventFilter] = []
    controller.filterChanged.connect(heard.append)

    field.set_search_text("Pékin", emit=True)
    assert heard[-1] == EventFilter(text="Pékin")
    assert [c.label.text() for c in bar.chips] == ["Search: “Pékin”"]

    commit(qtbot, editor.actor, "Xi Jinping")
    assert heard[-1] == EventFilter(text="Pékin", actors=("Xi Jinping",))  # search kept

    bar.remove_chip(bar.chips[0].chip)  # the search chip
    assert heard[-1] == EventFilter(actors=("Xi Jinping",))
    assert field.text() == ""

    restored = EventFilter(text="Lukashenka", tags=("China",))
    controller.set_filter(restored)  # a saved view: shown everywhere, not emitted
    assert heard[-1] == EventFilter(actors=("Xi Jinping",))
    assert field.text() == "Lukashenka" and editor.tag.text() == "China"
    assert editor.actor.text() == ""
    controller.clear()
    assert heard[-1] == EventFilter() and field.text() == "" and bar.chips == []


def test_the_views_menu_restores_saves_renames_and_deletes(qtbot: QtBot, store: Store) -> None:
    store.save_view(SavedView("Beijing & co", EventFilter(text="Pékin"), lanes="country"))
    store.save_view(SavedView("Asia", EventFilter(countries=("KZ",))))
    menu = SavedViewsMenu()
    qtbot.addWidget(menu)
    menu.set_views(store.saved_views())
    heard: list[object] = []
    menu.viewChosen.connect(heard.append)
    menu.saveRequested.connect(lambda: heard.append("save"))
    menu.renameRequested.connect(lambda name: heard.append(("rename", name)))
    menu.deleteRequested.connect(lambda name: heard.append(("delete", name)))

    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Asia", "Beijing && co"]  # an ampersand shown, not a mnemonic
    menu.actions()[1].trigger()
    assert heard == [store.saved_view("Beijing & co")]
    [save] = [a for a in menu.actions() if a.objectName() == "saveCurrentView"]
    save.trigger()
    rename = next(a.menu() for a in menu.actions() if a.menu() and "Rename" in a.text())
    rename.actions()[0].trigger()
    delete = next(a.menu() for a in menu.actions() if a.menu() and "Delete" in a.text())
    delete.actions()[1].trigger()
    assert heard[1:] == ["save", ("rename", "Asia"), ("delete", "Beijing & co")]

    menu.set_views([])
    assert next(a.text() for a in menu.actions() if not a.isEnabled()) == "No saved views"


@POPUP_WARNINGS
def test_entries_made_later_are_made_once_when_first_asked_for(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    completer = FoldingCompleter(field)
    field.setCompleter(completer)
    calls: list[int] = []

    def entries() -> list[tuple[str, str]]:
        calls.append(1)
        return [("Chine", "Chine"), ("Chili", "Chili"), ("Kazakhstan", "Kazakhstan")]

    completer.set_entries_later(entries)
    field.show()
    assert calls == []  # nothing made while the window starts
    field.setFocus()
    qtbot.keyClicks(field, "chi")  # typing asks for completions
    assert completer.completionCount() == 2
    assert completer.popup().isVisible()
    assert completer.entry_count() == 3
    assert calls == [1]
    completer.set_entries([("Pékin", "Beijing")])  # entries given later replace them
    completer.setCompletionPrefix("pek")
    assert completer.pathFromIndex(completer.currentIndex()) == "Beijing"
    assert calls == [1]
