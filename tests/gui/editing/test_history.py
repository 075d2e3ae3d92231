"""The change history: readable in the detail pane, and deleted events restored from it, also
after the database was closed and opened again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.dump import dump
from tests.helpers.editing import show
from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.records import RelationLink
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import RelationType, Status
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.editing.drafts import EventDraft
from timeline_app.gui.editing.history_view import HistoryView


def test_the_history_says_what_changed_in_words(qtbot: QtBot, seeded: Store) -> None:
    controller = EditController(seeded)
    visit = by_title(seeded, "Macron's state visit")
    view = HistoryView(seeded)
    qtbot.addWidget(view)
    view.show_event(visit.id)
    assert view.empty.text().startswith("No changes recorded")
    draft = EventDraft.from_detail(seeded.get_event(visit.id))
    controller.save_event(
        replace(
            draft,
            status=Status.PLANNED,
            start=parse_date("early April 2023"),
            end=None,
            tags=(*draft.tags, "trade"),
        ),
        visit.id,
    )
    lines = view.lines()  # the view followed the store by itself
    assert len(lines) == 5
    assert lines[0].endswith("— Edited: Status, Start, End, Tags")
    assert lines[1:] == [
        "  Status: Completed → Planned",
        "  Start: 5 Apr 2023 → early April 2023",
        "  End: 7 Apr 2023 → —",
        "  Tags: China, European Union, France → China, European Union, France, trade",
    ]
    assert not any("{" in line for line in lines)  # no raw JSON


def test_creation_deletion_restoring_and_relations_read_in_words(
    qtbot: QtBot, seeded: Store
) -> None:
    controller = EditController(seeded)
    announcement = by_title(seeded, "Macron announces")
    view = HistoryView(seeded)
    qtbot.addWidget(view)
    draft = EventDraft.from_detail(seeded.get_event(announcement.id))
    event_id = controller.save_event(replace(draft, title="Copy", relations=()))
    view.show_event(event_id)
    visit = by_title(seeded, "Macron's state visit")
    controller.save_event(
        replace(draft, title="Copy", relations=(RelationLink(RelationType.ANNOUNCES, visit.id),)),
        event_id,
    )
    controller.delete_event(event_id)
    controller.undo()
    lines = view.lines()
    assert [line.split(" — ")[-1] for line in lines if not line.startswith("  ")] == [
        "Restored",
        "Deleted",
        "Edited: Relations",
        "Created",
    ]
    assert "  Relations: — → announces “Macron's state visit to China”" in lines


def test_a_deleted_event_is_restored_from_the_history_after_a_restart(
    qtbot: QtBot, db_path: Path
) -> None:
    with Store.open(db_path) as store:
        load_seed(store)
        visit = by_title(store, "Macron's state visit")
        before = dump(store)
        controller = EditController(store)
        controller.delete_event(visit.id)
        del controller
    with Store.open(db_path) as store:  # a new session: the undo stack is gone
        controller = EditController(store)
        dialog = controller.show_deleted_events()
        show(qtbot, dialog)
        [entry] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert entry.startswith("Macron's state visit to China — 5–7 Apr 2023 (deleted ")
        assert dialog.restore_button.isEnabled()
        edited: list[int] = []
        controller.eventEdited.connect(edited.append)
        assert dialog.restore_selected() == visit.id
        assert edited == [visit.id]
        assert dialog.list.count() == 0
        assert dialog.status.text().startswith("Restored: Macron's state visit")
        assert dump(store) == before  # with its relation from the announcement
        assert store.get_event(by_title(store, "Macron announces").id).related[0].event_id == (
            visit.id
        )
        assert controller.undo()  # restoring is a step like any other
        assert visit.id not in {row.id for row in store.list_events()}
        assert dialog.list.count() == 1
