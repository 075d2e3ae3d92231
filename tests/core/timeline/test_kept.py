"""The timeline kept between runs: the next start shows exactly what reading the database
would, and nothing kept is taken once anything a timeline draws has changed, whoever changed it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from timeline_app.core import early_read, i18n, timeline_cache
from timeline_app.core.filters import EventFilter
from timeline_app.core.io.importing import import_paths
from timeline_app.core.store import Store
from timeline_app.core.store.writer import ChangeSet
from timeline_app.core.timeline import LaneGrouping, TimelineScene, kept
from timeline_app.core.timeline.index import EVENT_COLUMNS


@pytest.fixture(autouse=True)
def _nothing_left_pending() -> Iterator[None]:
    yield
    early_read.discard()


def _settled(store: Store) -> Path:
    """The store's file as a closed database leaves it (the early read looks at no other)."""
    assert store.path is not None
    with closing(sqlite3.connect(store.path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path


def _started(store: Store, grouping: LaneGrouping, lang: str = "en") -> TimelineScene:
    """The first scene of a window starting on ``store``'s file."""
    assert early_read.start(_settled(store))
    scene = TimelineScene.from_store(store, grouping, None, lang)
    assert not early_read.pending()
    return scene


def _read(store: Store, grouping: LaneGrouping, lang: str = "en") -> TimelineScene:
    """The timeline read from the database now, never taken from what was kept."""
    with store.reading() as session:
        return TimelineScene.load(session, grouping, None, lang)


def _drawn(scene: TimelineScene) -> tuple[object, ...]:
    columns = [list(getattr(scene.index, name)) for name in EVENT_COLUMNS]
    lanes = [
        (lane.key, lane.label, list(lane.order), list(lane.sorted_last), lane.row_count)
        for lane in scene.lanes
    ]
    titles = [scene.index.title(position) for position in range(len(scene))]
    positions = [scene.index.position(event_id) for event_id in scene.index.ids]
    return columns, lanes, titles, positions


@pytest.mark.parametrize("grouping", list(LaneGrouping))
def test_the_next_start_takes_the_kept_timeline_and_shows_the_same(
    seeded: Store, grouping: LaneGrouping
) -> None:
    assert seeded.path is not None
    read = TimelineScene.from_store(seeded, grouping)
    assert read.keep(seeded.path)
    assert not read.keep(seeded.path)  # once is enough
    taken = _started(seeded, grouping)
    assert taken.kept
    assert not taken.keep(seeded.path)  # it is what was kept already
    assert _drawn(taken) == _drawn(read)


def test_a_timeline_taken_from_the_early_read_is_kept(seeded: Store) -> None:
    assert seeded.path is not None
    first = _started(seeded, LaneGrouping.ACTOR)  # the queries ran early
    assert not first.kept
    assert first.keep(seeded.path)
    assert _started(seeded, LaneGrouping.ACTOR).kept


def test_in_another_grouping_or_language_the_events_are_taken_and_the_lanes_read(
    seeded: Store,
) -> None:
    assert seeded.path is not None
    assert TimelineScene.from_store(seeded, LaneGrouping.ACTOR).keep(seeded.path)
    for grouping, lang in ((LaneGrouping.COUNTRY, "fr"), (LaneGrouping.ACTOR, "fr")):
        expected = _read(seeded, grouping, lang)
        scene = _started(seeded, grouping, lang)
        assert not scene.kept
        assert _drawn(scene) == _drawn(expected)
    assert scene.keep(seeded.path)  # the lanes shown last are kept for the next start
    assert _started(seeded, LaneGrouping.ACTOR, "fr").kept


CHANGES = {
    "an event's title": "UPDATE event SET title = 'Renamed' WHERE id = (SELECT min(id) FROM event)",
    "an event removed": "DELETE FROM event WHERE id = (SELECT max(id) FROM event)",
    "a participant removed": "DELETE FROM participation WHERE id = "
    "(SELECT min(id) FROM participation)",
    "an actor renamed": "UPDATE actor SET name = name || ' (renamed)' WHERE id = "
    "(SELECT min(actor_id) FROM participation)",
    "a place moved": "UPDATE place SET country_code = 'FR' WHERE id = "
    "(SELECT min(place_id) FROM event_place)",
    "an event's place removed": "DELETE FROM event_place WHERE rowid = "
    "(SELECT min(rowid) FROM event_place)",
    "a country renamed": "UPDATE country SET name_en = 'Renamed' WHERE code = 'CN'",
    "a trip added": "INSERT INTO trip (title, summary) VALUES ('A new trip', '')",
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=list(CHANGES))
def test_a_change_by_another_program_is_read_not_taken(seeded: Store, change: str) -> None:
    assert seeded.path is not None
    assert TimelineScene.from_store(seeded, LaneGrouping.COUNTRY).keep(seeded.path)
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(change)
    expected = _read(seeded, LaneGrouping.COUNTRY)
    scene = _started(seeded, LaneGrouping.COUNTRY)
    assert not scene.kept
    assert _drawn(scene) == _drawn(expected)


def test_a_scene_changed_in_place_or_filtered_is_not_kept(seeded: Store) -> None:
    assert seeded.path is not None
    scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    event_id = scene.index.ids[0]
    data = seeded.get_event(event_id).to_data()
    seeded.update_event(event_id, replace(data, title="A new title"))
    with seeded.reading() as session:
        assert scene.updated_in_place(session, {event_id})
    assert not scene.keep(seeded.path)
    filtered = TimelineScene.from_store(seeded, LaneGrouping.ACTOR, EventFilter(text="Macron"))
    assert not filtered.keep(seeded.path)
    assert not timeline_cache.cache_file(seeded.path).exists()


def test_an_import_moves_the_stamp(seeded: Store, tmp_path: Path) -> None:
    assert seeded.path is not None
    assert TimelineScene.from_store(seeded, LaneGrouping.ACTOR).keep(seeded.path)
    csv_file = tmp_path / "events.csv"
    csv_file.write_text(
        "title,kind,status,start\nTalks,working_visit,completed,2022-05-01\n", encoding="utf-8"
    )
    import_paths(seeded, [csv_file], backup=False)
    scene = _started(seeded, LaneGrouping.ACTOR)
    assert not scene.kept
    assert "Talks" in [scene.index.title(p) for p in range(len(scene))]


@pytest.mark.parametrize("grouping", [LaneGrouping.NONE, LaneGrouping.KIND, LaneGrouping.ACTOR])
def test_translated_lane_labels_follow_the_interface_language_of_the_next_start(
    seeded: Store, grouping: LaneGrouping
) -> None:
    assert seeded.path is not None
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute(  # an event without actors: the lane "No actor"
            "DELETE FROM participation WHERE event_id = (SELECT min(id) FROM event)"
        )
    assert TimelineScene.from_store(seeded, grouping).keep(seeded.path)
    i18n.install(lambda context, source: f"«{source}»")
    try:
        expected = _read(seeded, grouping)
        scene = _started(seeded, grouping)
    finally:
        i18n.install(None)
    assert scene.kept
    assert [lane.label for lane in scene.lanes] == [lane.label for lane in expected.lanes]
    assert any(lane.label.startswith("«") for lane in scene.lanes)


def _edited(store: Store, event_id: int, title: str) -> ChangeSet:
    """Retitle an event through the store; what it tells its listeners."""
    told: list[ChangeSet] = []
    unsubscribe = store.subscribe(told.append)
    try:
        data = store.get_event(event_id).to_data()
        store.update_event(event_id, replace(data, title=title))
    finally:
        unsubscribe()
    (changes,) = told
    return changes


def test_a_scene_changed_in_place_is_the_timeline_after_the_change_and_kept_again(
    seeded: Store,
) -> None:
    assert seeded.path is not None
    scene = TimelineScene.from_store(seeded, LaneGrouping.KIND)
    read_at = scene.stamp
    for number in range(3):  # each change starts where the last one ended
        changes = _edited(seeded, scene.index.ids[number], f"Retitled {number}")
        assert changes.timeline is not None and changes.timeline[0] == scene.stamp
        with seeded.reading() as session:
            assert scene.updated_in_place(session, changes.events, changes.timeline)
        assert scene.stamp == changes.timeline[1] != read_at
    assert scene.keep(seeded.path)
    taken = _started(seeded, LaneGrouping.KIND)
    assert taken.kept
    assert _drawn(taken) == _drawn(_read(seeded, LaneGrouping.KIND))


def test_a_change_the_scene_did_not_take_leaves_it_unknown(seeded: Store) -> None:
    """Another program's change between two of this app's: the scene missed it."""
    assert seeded.path is not None
    scene = TimelineScene.from_store(seeded, LaneGrouping.KIND)
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute(
            "UPDATE event SET status = 'cancelled' WHERE id = ?", (scene.index.ids[5],)
        )
    changes = _edited(seeded, scene.index.ids[0], "Retitled")
    with seeded.reading() as session:
        assert scene.updated_in_place(session, changes.events, changes.timeline)
    assert scene.stamp is None
    assert not scene.keep(seeded.path)


def test_changes_chain_when_merged() -> None:
    first = ChangeSet(events={1}, timeline=(10, 20))
    first.merge(ChangeSet(events={2}, timeline=(20, 30)))
    assert first.timeline == (10, 30)
    first.merge(ChangeSet(events={3}, timeline=(31, 40)))  # something else came in between
    assert first.timeline is None
    first.merge(ChangeSet(events={4}, timeline=(40, 50)))
    assert first.timeline is None


def test_a_scene_regrouped_from_the_events_shown_is_never_kept_for_newer_data(
    seeded: Store,
) -> None:
    """Regrouping reuses the events read before (no new read): kept after another program
    changed the database meanwhile, it would be taken at the next start for what it is not."""
    assert seeded.path is not None
    shown = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM event WHERE id = (SELECT max(id) FROM event)")
    regrouped = TimelineScene.from_store(seeded, LaneGrouping.COUNTRY, index=shown.index)
    regrouped.keep(seeded.path)
    expected = _read(seeded, LaneGrouping.COUNTRY)
    assert _drawn(_started(seeded, LaneGrouping.COUNTRY)) == _drawn(expected)


def test_a_stamp_another_program_made_text_is_no_stamp(seeded: Store) -> None:
    assert seeded.path is not None
    assert TimelineScene.from_store(seeded, LaneGrouping.ACTOR).keep(seeded.path)
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute("UPDATE event_generation SET timeline = 'not a number'")
    assert TimelineScene.from_store(seeded, LaneGrouping.ACTOR).stamp is None
    expected = _read(seeded, LaneGrouping.ACTOR)
    scene = _started(seeded, LaneGrouping.ACTOR)
    assert not scene.kept and scene.stamp is None
    assert _drawn(scene) == _drawn(expected)


@pytest.mark.parametrize("grouping", [LaneGrouping.ACTOR, LaneGrouping.COUNTRY])
def test_a_database_opened_later_takes_the_kept_timeline_too(
    seeded: Store, grouping: LaneGrouping
) -> None:
    """File > Open, or a file the early read could not look at: no early read, the same file."""
    assert seeded.path is not None
    assert TimelineScene.from_store(seeded, LaneGrouping.ACTOR).keep(seeded.path)
    scene = TimelineScene.from_store(seeded, grouping)
    assert scene.kept == (grouping is LaneGrouping.ACTOR)  # the events are taken in any case
    assert scene.stamp is not None
    assert _drawn(scene) == _drawn(_read(seeded, grouping))
    with closing(sqlite3.connect(seeded.path)) as connection, connection:
        connection.execute(
            "UPDATE actor SET name = 'Renamed' WHERE id = (SELECT min(id) FROM actor)"
        )
    changed = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    assert not changed.kept
    assert _drawn(changed) == _drawn(_read(seeded, LaneGrouping.ACTOR))


def test_kept_in_the_background_as_it_was_when_asked(seeded: Store) -> None:
    """The view keeps its timeline from a thread of its own: an edit taken in place meanwhile
    does not reach the file, which holds the timeline at the stamp it names."""
    assert seeded.path is not None
    scene = TimelineScene.from_store(seeded, LaneGrouping.KIND)
    before = _drawn(scene)
    assert scene.keep(seeded.path, background=True)
    scene.index.status[0] = (scene.index.status[0] + 1) % 5  # as an edit taken in place would
    scene.index.trip[0] = 99
    kept.wait_kept()
    taken = _started(seeded, LaneGrouping.KIND)
    assert taken.kept
    assert _drawn(taken) == before == _drawn(_read(seeded, LaneGrouping.KIND))
