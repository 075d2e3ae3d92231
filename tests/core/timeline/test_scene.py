"""The seed timeline as the timeline view sees it: lanes, filters, keyboard order."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from tests.helpers.seed import by_title
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping, Selection, TimelineScene, sql
from timeline_app.core.timeline.index import EVENT_COLUMNS
from timeline_app.core.vocabulary import Kind, Status


def scene_of(store: Store, grouping: LaneGrouping, flt: EventFilter | None = None) -> TimelineScene:
    with store.reading() as session:
        return TimelineScene.load(session, grouping, flt)


def lane_titles(scene: TimelineScene) -> dict[str, list[str]]:
    return {
        lane.label: [scene.index.title(position) for position in lane.order] for lane in scene.lanes
    }


def test_lanes_by_visiting_actor(seeded: Store) -> None:
    lanes = lane_titles(scene_of(seeded, LaneGrouping.ACTOR))
    assert list(lanes)[:3] == ["Alexander Lukashenko", "Antony Blinken", "Emmanuel Macron"]
    assert lanes["Antony Blinken"] == [
        "Blinken meets Tokayev and the C5+1 foreign ministers in Astana",
        "US announces $25 million more for the Economic Resilience Initiative in Central Asia",
        "Blinken in Tashkent: talks with Saidov and Mirziyoyev",
        "Blinken at the G20 foreign ministers' meeting and the Quad in New Delhi",
    ]
    # the hosts of a visit do not get it in their lane; both sides of a call do
    assert lanes["Xi Jinping"] == ["Xi and Zelensky speak by phone"]
    assert "Xi and Zelensky speak by phone" in lanes["Volodymyr Zelensky"]


def test_lanes_by_destination_country(seeded: Store) -> None:
    lanes = lane_titles(scene_of(seeded, LaneGrouping.COUNTRY))
    assert lanes["China"].count("Macron's state visit to China") == 1  # Beijing and Guangzhou
    assert lanes["No place"] == ["Xi and Zelensky speak by phone"]
    assert list(lanes)[-1] == "No place"


def test_lanes_by_trip_kind_and_a_single_lane(seeded: Store) -> None:
    trips = lane_titles(scene_of(seeded, LaneGrouping.TRIP))
    assert len(next(iter(trips.values()))) == 4  # Blinken's trip has four legs
    assert list(trips)[-1] == "No trip"
    kinds = scene_of(seeded, LaneGrouping.KIND)
    assert [lane.label for lane in kinds.lanes][:2] == ["State visit", "Official visit"]
    single = scene_of(seeded, LaneGrouping.NONE)
    assert [len(lane) for lane in single.lanes] == [13]


def test_the_scene_shows_what_the_filter_shows(seeded: Store) -> None:
    flt = EventFilter(countries=("CN",))
    scene = scene_of(seeded, LaneGrouping.COUNTRY, flt)
    shown = sorted(scene.index.title(p) for p in range(len(scene.index)))
    assert shown == sorted(row.title for row in seeded.list_events(flt))
    assert by_title(seeded, "Tashkent").id not in set(scene.index.ids)


@pytest.mark.parametrize("grouping", [LaneGrouping.ACTOR, LaneGrouping.COUNTRY])
@pytest.mark.parametrize("text", ["Lukashenka", "Loukachenko", "pekin"])
def test_a_search_finds_the_same_events_in_the_scene_as_in_the_store(
    seeded: Store, grouping: LaneGrouping, text: str
) -> None:
    # Other spellings of a name ("Lukashenka" for the titles that say "Lukashenko") count in
    # the timeline as in the table and the CLI, and every event found gets its own lane.
    flt = EventFilter(text=text)
    scene = scene_of(seeded, grouping, flt)
    assert set(scene.index.ids) == set(seeded.event_ids(flt))
    assert len(scene.index) > 2
    placed = {scene.index.ids[p] for lane in scene.lanes for p in lane.order}
    assert placed == set(scene.index.ids)
    assert not any(lane.label in ("No actor", "No place") for lane in scene.lanes)


def test_events_are_in_time_order_with_their_days(seeded: Store) -> None:
    scene = scene_of(seeded, LaneGrouping.NONE)
    index = scene.index
    firsts = list(index.first)
    assert firsts == sorted(firsts)
    macron = index.position(by_title(seeded, "Macron's state visit").id)
    assert macron is not None
    assert (index.first_date(macron), index.last_date(macron)) == (
        date(2023, 4, 5),
        date(2023, 4, 7),
    )
    assert index.kind_of(macron) is Kind.STATE_VISIT
    assert index.status_of(macron) is Status.COMPLETED
    assert not index.soft_start(macron) and not index.soft_end(macron)


def test_uncertain_dates_have_soft_ends(seeded: Store) -> None:
    event_id = seeded.create_event(
        EventData(
            title="A visit announced for early April",
            kind=Kind.STATE_VISIT,
            status=Status.PLANNED,
            start=UncertainDate(2023, 4, None, Qualifier.EARLY),
        )
    )
    index = scene_of(seeded, LaneGrouping.NONE).index
    position = index.position(event_id)
    assert position is not None
    assert (index.first_date(position), index.last_date(position)) == (
        date(2023, 4, 1),
        date(2023, 4, 10),
    )
    assert index.soft_start(position) and index.soft_end(position)
    assert not index.is_point(position)


def test_keyboard_order_within_a_lane_and_across_lanes(seeded: Store) -> None:
    scene = scene_of(seeded, LaneGrouping.ACTOR)
    index = scene.index
    astana = scene.selection_for(index.position(by_title(seeded, "Astana").id) or 0)
    assert astana is not None
    assert scene.lanes[astana.lane].label == "Antony Blinken"

    def title(selection: Selection | None) -> str:
        assert selection is not None
        return index.title(selection.position)

    following = scene.step(astana, 1)
    assert title(following).startswith("US announces")  # same day, same lane
    assert title(scene.step(following, 1) if following else None).startswith("Blinken in Tashkent")
    assert scene.step(astana, -1) is None
    assert (
        title(scene.lane_step(astana, 1)) == "Macron announces he will go to China in early April"
    )
    assert title(scene.lane_step(astana, -1)) == "Lukashenko's state visit to China"
    assert title(scene.first_event()).startswith("OFAC")
    assert title(scene.last_event()) == "Xi and Zelensky speak by phone"


@pytest.mark.parametrize("grouping", list(LaneGrouping))
def test_every_event_is_in_at_least_one_lane(seeded: Store, grouping: LaneGrouping) -> None:
    scene = scene_of(seeded, grouping)
    for position in range(len(scene.index)):
        assert scene.lanes_of(position)


def test_titles_can_be_read_only_when_drawn(seeded: Store) -> None:
    scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    assert scene.index.title_blob == b""
    position = scene.index.position(by_title(seeded, "Tashkent").id)
    assert position is not None
    assert scene.index.title(position) == "Blinken in Tashkent: talks with Saidov and Mirziyoyev"


def test_titles_read_ahead_in_batches_end_as_if_read_at_once(seeded: Store) -> None:
    at_once = scene_of(seeded, LaneGrouping.NONE).index
    scene = TimelineScene.from_store(seeded, LaneGrouping.NONE)
    index = scene.index
    asked: list[int] = []
    source = index._title_source
    assert source is not None and index.titles_pending

    def counting(ids: Any) -> Any:
        asked.append(len(ids))
        return source(ids)

    index.use_title_source(counting)
    assert index.title(12) == at_once.title(12)  # one read when drawn
    assert index.read_titles_ahead(5)
    assert [index.title(p) for p in range(5)] == [at_once.title(p) for p in range(5)]
    assert asked == [1, 5]  # the five read ahead are not read again
    index.prefetch_titles(range(8))
    assert asked == [1, 5, 3]
    while index.read_titles_ahead(5):
        pass
    assert not index.titles_pending
    assert index.title_blob == at_once.title_blob
    assert list(index.title_offsets) == list(at_once.title_offsets)
    count = len(asked)
    assert [index.title(p) for p in range(len(index))] == [
        at_once.title(p) for p in range(len(index))
    ]
    assert len(asked) == count  # the source is no longer asked


def test_the_index_is_small(seeded: Store) -> None:
    index = scene_of(seeded, LaneGrouping.NONE).index
    per_event = (index.nbytes() - len(index.title_blob)) / len(index)
    assert per_event < 64  # a million events: well under 100 MB with their titles


def test_reading_pauses_the_garbage_collector_and_restores_it(seeded: Store) -> None:
    seen: list[bool] = []
    real_chunks = sql.chunks

    def watching(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real_chunks(*args, **kwargs)

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("timeline_app.core.timeline.index.chunks", watching)
        patch.setattr("timeline_app.core.timeline.lane_keys.chunks", watching)
        scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    assert len(scene) == 13
    assert seen and not any(seen)  # paused while reading
    assert gc.isenabled()  # and back on after
    gc.disable()
    try:
        TimelineScene.from_store(seeded, LaneGrouping.KIND)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def _drawn(scene: TimelineScene) -> tuple[Any, ...]:
    """Everything a scene draws: each event's columns and title, each lane's events."""
    index = scene.index
    columns = tuple(tuple(getattr(index, name)) for name in EVENT_COLUMNS)
    titles = tuple(index.title(p) for p in range(len(index)))
    lanes = tuple((lane.key, lane.label, tuple(lane.order)) for lane in scene.lanes)
    return columns, titles, lanes


NARROWING = [
    EventFilter(countries=("CN",)),
    EventFilter(text="Blinken"),
    EventFilter(kinds=frozenset({Kind.STATE_VISIT, Kind.PHONE_CALL})),
    EventFilter(has_sources=False),
    EventFilter(text="no such event anywhere"),
]


@pytest.mark.parametrize("grouping", list(LaneGrouping))
@pytest.mark.parametrize("titles_read", [True, False])
def test_a_scene_narrowed_to_a_filter_is_the_scene_read_with_it(
    seeded: Store, grouping: LaneGrouping, titles_read: bool
) -> None:
    """The window takes a filter's scene from the scene of everything it already holds."""
    everything = TimelineScene.from_store(seeded, grouping)
    if titles_read:
        while everything.index.read_titles_ahead(5):
            pass
    else:
        everything.index.title(0)  # one read, the others still to read
    for flt in NARROWING:
        narrowed = everything.narrowed(seeded.event_ids(flt), flt)
        assert _drawn(narrowed) == _drawn(TimelineScene.from_store(seeded, grouping, flt)), flt
        assert narrowed.filter == flt and narrowed.grouping == grouping
    in_china = everything.narrowed(seeded.event_ids(NARROWING[0]), NARROWING[0])
    assert 0 < len(in_china.index) < len(everything.index)  # the property holds something


def _edited(store: Store, fragment: str, **changes: Any) -> set[int]:
    """Edit an event of the seed; the ids the store says the edit touched."""
    event_id = by_title(store, fragment).id
    heard: list[set[int]] = []
    unsubscribe = store.subscribe(lambda change: heard.append(set(change.events)))
    try:
        store.update_event(event_id, replace(store.get_event(event_id).to_data(), **changes))
    finally:
        unsubscribe()
    return heard[-1]


def _ready(scene: TimelineScene, titles: str) -> TimelineScene:
    """The scene's titles: all read ahead (``"all"``), some (``"some"``), or one (``"one"``)."""
    if titles == "all":
        while scene.index.read_titles_ahead(5):
            pass
    elif titles == "some":
        scene.index.read_titles_ahead(5)
        scene.index.title(len(scene.index) - 1)
    else:
        scene.index.title(0)
    return scene


@pytest.mark.parametrize("titles", ["all", "some", "one"])
@pytest.mark.parametrize("grouping", list(LaneGrouping))
def test_an_edit_that_keeps_days_and_lanes_is_taken_in_place(
    seeded: Store, grouping: LaneGrouping, titles: str
) -> None:
    """The window takes an edit of a title, a status or a summary without reading the whole
    timeline again: the scene is then the one it would read."""
    scene = _ready(TimelineScene.from_store(seeded, grouping), titles)
    touched = _edited(
        seeded,
        "Macron's state visit",
        title="Macron en Chine : visite d'État (reportée ?) " + "très long titre " * 30,
        status=Status.POSTPONED,
        summary="Changed.",
    )
    with seeded.reading() as session:
        assert scene.updated_in_place(session, touched)
    assert _drawn(scene) == _drawn(TimelineScene.from_store(seeded, grouping))
    position = scene.index.position(by_title(seeded, "Macron en Chine").id)
    assert position is not None and scene.index.status_of(position) is Status.POSTPONED


@pytest.mark.parametrize("titles", ["all", "some", "one"])
def test_several_titles_edited_at_once_are_taken_in_place(seeded: Store, titles: str) -> None:
    scene = _ready(TimelineScene.from_store(seeded, LaneGrouping.ACTOR), titles)
    heard: list[set[int]] = []
    unsubscribe = seeded.subscribe(lambda change: heard.append(set(change.events)))
    new_titles = ["Court", "Un titre bien plus long qu'avant, " * 4, "Ünïcödé 東京 🚀", "x"]
    with seeded.writing() as writer:
        for row, title in zip(seeded.list_events()[::3], new_titles, strict=False):
            data = writer.event(row.id).to_data()
            writer.update_event(row.id, replace(data, title=title))
    unsubscribe()
    with seeded.reading() as session:
        assert scene.updated_in_place(session, heard[-1])
    assert _drawn(scene) == _drawn(TimelineScene.from_store(seeded, LaneGrouping.ACTOR))


@pytest.mark.parametrize(
    ("grouping", "fragment", "changes"),
    [
        (LaneGrouping.ACTOR, "Macron's state visit", {"start": UncertainDate(2023, 4, 6)}),
        (LaneGrouping.KIND, "Macron's state visit", {"kind": Kind.OFFICIAL_VISIT}),
        (LaneGrouping.ACTOR, "Macron's state visit", {"participants": ()}),
        (LaneGrouping.COUNTRY, "Macron's state visit", {"place_ids": ()}),
        (LaneGrouping.TRIP, "Blinken in Tashkent", {"trip_id": None}),
    ],
)
def test_an_edit_that_moves_an_event_or_changes_its_lanes_is_read_again(
    seeded: Store, grouping: LaneGrouping, fragment: str, changes: dict[str, Any]
) -> None:
    scene = TimelineScene.from_store(seeded, grouping)
    before = _drawn(scene)
    touched = _edited(seeded, fragment, **changes)
    with seeded.reading() as session:
        assert not scene.updated_in_place(session, touched)
    assert _drawn(scene) == before  # left as it was: the caller reads it all again
    assert _drawn(TimelineScene.from_store(seeded, grouping)) != before  # the edit shows there


def test_a_filtered_scene_is_always_read_again(seeded: Store) -> None:
    flt = EventFilter(countries=("CN",))
    scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR, flt)
    touched = _edited(seeded, "Macron's state visit", summary="Changed.")
    with seeded.reading() as session:
        assert not scene.updated_in_place(session, touched)
