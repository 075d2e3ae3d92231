"""Random edit sequences through the undo stack: undoing them all gives back the database as it
was, redoing them all gives back the database as it was at the end (compared table by table)."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.helpers.dump import Dump, differences, dump
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.records import (
    ActorData,
    Alias,
    PlaceData,
    RelationLink,
    SourceData,
    TripData,
)
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store, ValidationError
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status
from timeline_app.gui.editing.commands import actor_data, place_data
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.editing.drafts import (
    EventDraft,
    ParticipantDraft,
    SourceDraft,
    source_data,
)

TITLES = ["Talks in Minsk", "Blinken in Tashkent", "G20 in Delhi", "Call with Kyiv", "Summit"]
NAMES = ["Alexander Lukashenko", "Jane Roe", "Xi Jinping", "Li Qiang", "John Doe"]
TAGS = ["China", "G20", "Belarus", "trade", "sanctions"]
URLS = ["https://example.org/a", "https://example.org/b", "https://fr.euronews.com/x"]
OUTLETS = ["Euronews", "AFP", "Reuters"]
LOCALITIES = [("Minsk", "BY"), ("Beijing", "CN"), ("Lyon", "FR"), ("", "DE")]

days = st.integers(min_value=0, max_value=400).map(lambda n: date(2022, 6, 1) + timedelta(n))


@st.composite
def start_dates(draw: st.DrawFn) -> UncertainDate:
    day = draw(days)
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "day":
        return UncertainDate.from_date(
            day, draw(st.sampled_from([Qualifier.EXACT, Qualifier.ABOUT]))
        )
    if precision == "month":
        return UncertainDate(day.year, day.month, None, draw(st.sampled_from(list(Qualifier))))
    return UncertainDate(day.year)


class EditingMachine(RuleBasedStateMachine):
    def __init__(self, template: Path, folder: Path) -> None:
        super().__init__()
        self.path = folder / f"edit-{id(self)}.sqlite3"
        shutil.copy(template, self.path)
        self.store = Store.open(self.path)
        self.controller = EditController(self.store)
        self.controller.show_messages = False
        self.failures: list[str] = []
        self.controller.writeFailed.connect(self.failures.append)
        self.start: Dump = {}

    @initialize()
    def remember_the_start(self) -> None:
        self.start = dump(self.store)

    # -- helpers ----------------------------------------------------------------------------------

    def event_ids(self) -> list[int]:
        return [row.id for row in self.store.list_events()]

    def draw_draft(self, data: st.DataObject) -> EventDraft:
        """An event as an editor hands it over: existing and new actors, places, sources and
        trips mixed, cited sources sometimes corrected, relations to existing events."""
        actors = [actor.id for actor in self.store.actors()]
        places = [place.id for place in self.store.places()]
        sources = self.store.sources()
        trips = [trip.id for trip in self.store.trips()]
        events = self.event_ids()
        start = data.draw(start_dates())
        end = data.draw(st.one_of(st.none(), st.integers(0, 20)))
        participants = data.draw(
            st.lists(
                st.builds(
                    ParticipantDraft,
                    st.one_of(st.sampled_from(actors), st.sampled_from(NAMES).map(ActorData)),
                    st.sampled_from(list(Role)),
                ),
                max_size=3,
            )
        )
        chosen_places = data.draw(
            st.lists(
                st.one_of(
                    st.sampled_from(places),
                    st.sampled_from(LOCALITIES).map(lambda lc: PlaceData(*lc)),
                ),
                max_size=2,
            )
        )
        cited = data.draw(
            st.lists(
                st.one_of(
                    st.sampled_from(sources).map(lambda s: SourceDraft(None, "", s.id)),
                    st.builds(
                        lambda s, outlet: SourceDraft(
                            replace(source_data(s), outlet=outlet), "checked", s.id
                        ),
                        st.sampled_from(sources),
                        st.sampled_from(OUTLETS),
                    ),
                    st.sampled_from(URLS).map(lambda u: SourceDraft(SourceData(u, "Outlet"), "n")),
                ),
                max_size=2,
            )
        )
        relations = data.draw(
            st.lists(
                st.builds(
                    RelationLink, st.sampled_from(list(RelationType)), st.sampled_from(events)
                ),
                max_size=2,
            )
            if events
            else st.just([])
        )
        trip: int | TripData | None = data.draw(
            st.one_of(
                st.none(),
                st.sampled_from(trips) if trips else st.none(),
                st.just(TripData("A new trip")),
            )
        )
        return EventDraft(
            title=data.draw(st.sampled_from(TITLES)),
            kind=data.draw(st.sampled_from(list(Kind))),
            status=data.draw(st.sampled_from(list(Status))),
            start=start,
            end=None if end is None else UncertainDate.from_date(start.latest + timedelta(end)),
            summary=data.draw(st.sampled_from(["", "A summary.", "Another one"])),
            trip=trip,
            places=tuple(chosen_places),
            participants=tuple(participants),
            sources=tuple(cited),
            tags=tuple(data.draw(st.lists(st.sampled_from(TAGS), max_size=3))),
            relations=tuple(relations),
        )

    def save(self, draft: EventDraft, event_id: int | None) -> None:
        before = dump(self.store)
        depth = self.controller.stack.count()
        try:
            self.controller.save_event(draft, event_id)
        except ValidationError:
            # refused as a whole: nothing written, nothing pushed
            assert dump(self.store) == before
            assert self.controller.stack.count() == depth

    # -- rules ----------------------------------------------------------------------------------

    @rule(data=st.data())
    def create_event(self, data: st.DataObject) -> None:
        self.save(self.draw_draft(data), None)

    @rule(data=st.data())
    def edit_event(self, data: st.DataObject) -> None:
        ids = self.event_ids()
        if ids:
            event_id = data.draw(st.sampled_from(ids))
            draft = self.draw_draft(data)
            draft = replace(
                draft, relations=tuple(r for r in draft.relations if r.event_id != event_id)
            )
            self.save(draft, event_id)

    @rule(data=st.data())
    def edit_only_the_status(self, data: st.DataObject) -> None:
        ids = self.event_ids()
        if ids:
            event_id = data.draw(st.sampled_from(ids))
            draft = EventDraft.from_detail(self.store.get_event(event_id))
            new = replace(draft, status=data.draw(st.sampled_from(list(Status))))
            if new != draft:
                self.save(new, event_id)

    @rule(data=st.data())
    def delete_event(self, data: st.DataObject) -> None:
        ids = self.event_ids()
        if ids:
            assert self.controller.delete_event(data.draw(st.sampled_from(ids)))

    @rule(data=st.data())
    def restore_a_deleted_event(self, data: st.DataObject) -> None:
        deleted = self.store.deleted_events()
        if deleted:
            assert self.controller.restore_event(data.draw(st.sampled_from(deleted)).id)

    @rule(data=st.data())
    def edit_an_actor(self, data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(self.store.actors()))
        before = actor_data(actor)
        after = replace(
            before,
            title=data.draw(st.sampled_from(["", "President", before.title + " (acting)"])),
            aliases=(*before.aliases, Alias(data.draw(st.sampled_from(["Loukachenko", "X."])))),
        )
        self.controller.save_actor(actor.id, before, after)

    @rule(data=st.data())
    def merge_two_actors(self, data: st.DataObject) -> None:
        actors = self.store.actors()
        if len(actors) >= 2:
            pair = st.lists(st.sampled_from(actors), min_size=2, max_size=2, unique=True)
            keep, gone = data.draw(pair)
            assert self.controller.merge_actors(keep.id, gone.id)

    @rule(data=st.data())
    def edit_a_place(self, data: st.DataObject) -> None:
        place = data.draw(st.sampled_from(self.store.places()))
        before = place_data(place)
        after = replace(before, aliases=(*before.aliases, Alias("Alias " + place.country_code)))
        self.controller.save_place(place.id, before, after)

    @precondition(lambda self: self.controller.stack.canUndo())
    @rule()
    def undo(self) -> None:
        assert self.controller.undo(), self.failures

    @precondition(lambda self: self.controller.stack.canRedo())
    @rule()
    def redo(self) -> None:
        assert self.controller.redo(), self.failures

    @precondition(lambda self: self.controller.stack.count() > 0)
    @rule(data=st.data())
    def jump_in_the_stack_directly(self, data: st.DataObject) -> None:
        """As a QUndoView does: the controller writes every step in between."""
        self.controller.stack.setIndex(data.draw(st.integers(0, self.controller.stack.count())))
        assert not self.failures

    @rule()
    def undo_everything_then_redo_everything(self) -> None:
        self.check_round_trip()

    @invariant()
    def the_stack_is_clean_only_at_the_start(self) -> None:
        if self.controller.stack.index() == 0:
            assert self.controller.is_clean()

    def check_round_trip(self) -> None:
        end = dump(self.store)
        position = self.controller.stack.index()
        while self.controller.stack.canUndo():
            assert self.controller.undo(), self.failures
        assert differences(self.start, dump(self.store)) == {}
        while self.controller.stack.canRedo():
            assert self.controller.redo(), self.failures
        # back where we were: redo the rest, then undo back to the position
        full = dump(self.store)
        while self.controller.stack.index() > position:
            assert self.controller.undo(), self.failures
        assert differences(end, dump(self.store)) == {}
        while self.controller.stack.canRedo():
            assert self.controller.redo(), self.failures
        assert differences(full, dump(self.store)) == {}
        while self.controller.stack.index() > position:
            assert self.controller.undo(), self.failures

    def teardown(self) -> None:
        try:
            self.check_round_trip()
        finally:
            self.store.close()


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
    return path


def test_random_edits_undo_to_the_start_and_redo_to_the_end(
    qapp: object, seeded_template: Path, tmp_path: Path
) -> None:
    run_state_machine_as_test(
        lambda: EditingMachine(seeded_template, tmp_path),
        settings=settings(
            # more with UNDO_EXAMPLES=200 (slow); a failure is shrunk to a short sequence
            max_examples=int(os.environ.get("UNDO_EXAMPLES", "6")),
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
