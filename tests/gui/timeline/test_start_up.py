"""Starting up light: the events are read once, and what the first frame does not need waits."""

from __future__ import annotations

import gc
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.seed import by_title
from timeline_app.core import early_read, timeline_cache
from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping, TimelineScene
from timeline_app.gui.timeline import view as view_module
from timeline_app.gui.timeline.view import TimelineView


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[LaneGrouping]]:
    """The groupings of the scenes the view reads from its store, in order."""
    made: list[LaneGrouping] = []
    real = TimelineScene.from_store

    def counted(store: Store, grouping: LaneGrouping, *args: Any, **kwargs: Any) -> TimelineScene:
        made.append(grouping)
        return real(store, grouping, *args, **kwargs)

    monkeypatch.setattr(view_module.TimelineScene, "from_store", counted)
    yield made


def test_a_state_restored_before_the_store_is_applied_with_one_read(
    qtbot: QtBot, seeded: Store, reads: list[LaneGrouping]
) -> None:
    first = TimelineView(lang="en")
    qtbot.addWidget(first)
    first.resize(900, 400)
    first.set_store(seeded)
    first.set_grouping(LaneGrouping.COUNTRY)
    first.select_event(by_title(seeded, "Tashkent").id)
    first.zoom_in()
    first.zoom_in()
    state = first.view_state()
    reads.clear()

    second = TimelineView(lang="en")
    qtbot.addWidget(second)
    second.resize(900, 400)
    second.restore_view_state(state)  # as the window does, before it has a store
    second.set_store(seeded)
    assert reads == [LaneGrouping.COUNTRY]
    restored = second.view_state()
    assert restored["grouping"] == "country"
    assert restored["ppd"] == pytest.approx(state["ppd"])
    assert restored["start"] == pytest.approx(state["start"])


def test_a_grouping_restored_later_keeps_the_events_read(
    qtbot: QtBot, seeded: Store, reads: list[LaneGrouping]
) -> None:
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.set_store(seeded)
    index = view.scene().index  # type: ignore[union-attr]
    view.restore_view_state({"grouping": "kind", "ppd": 2.0, "start": 738_900.0, "y": 0})
    scene = view.scene()
    assert scene is not None and scene.grouping is LaneGrouping.KIND
    assert scene.index is index  # only the lanes were made again
    assert view.view_state()["ppd"] == pytest.approx(2.0)
    assert reads == [LaneGrouping.ACTOR, LaneGrouping.KIND]


def test_a_store_set_without_loading_is_read_by_the_next_reload(
    qtbot: QtBot, seeded: Store, reads: list[LaneGrouping]
) -> None:
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.set_store(seeded, load=False)
    assert view.scene() is None
    assert reads == []
    view.reload()
    assert reads == [LaneGrouping.ACTOR]
    assert len(view.scene() or []) == 13


def test_work_after_the_first_frame_waits_for_it(qtbot: QtBot, seeded: Store) -> None:
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_store(seeded)
    view.show()  # shown, not painted yet: that takes a turn of the event loop
    assert view.frames_painted == 0
    painted_then: list[int] = []
    view.after_first_frame(lambda: painted_then.append(view.frames_painted))
    qtbot.waitUntil(lambda: bool(painted_then))
    assert painted_then[0] >= 1
    later: list[bool] = []
    view.after_first_frame(lambda: later.append(True))  # painted already: on the next turn
    assert later == []
    qtbot.waitUntil(lambda: bool(later))


def test_work_after_the_first_frame_runs_at_once_if_the_view_stays_hidden(
    qtbot: QtBot, seeded: Store
) -> None:
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.set_store(seeded)
    ran: list[bool] = []
    view.after_first_frame(lambda: ran.append(True))
    assert ran == []  # from the event loop, not from within the call
    qtbot.waitUntil(lambda: bool(ran), timeout=view_module.FIRST_FRAME_WAIT_MS // 2)
    assert view.frames_painted == 0


def test_titles_are_read_ahead_once_the_first_frame_is_shown(
    qtbot: QtBot, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_module, "TITLES_AHEAD", 4)  # several turns of the event loop
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_store(seeded)
    index = view.scene().index  # type: ignore[union-attr]
    assert index.titles_pending
    view.show()
    qtbot.waitUntil(lambda: not index.titles_pending)
    tashkent = by_title(seeded, "Tashkent")
    position = index.position(tashkent.id)
    assert position is not None
    assert index.title(position) == tashkent.title


def test_lanes_not_drawn_are_packed_ahead_once_the_first_frame_is_shown(
    qtbot: QtBot, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(view_module, "PACK_AHEAD", 2)  # several turns of the event loop
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 120)  # room for a lane or two: the others are not drawn
    view.set_store(seeded)
    scene = view.scene()
    assert scene is not None
    assert all(lane.packed is None for lane in scene.lanes)
    view.show()
    qtbot.waitUntil(lambda: all(lane.packed is not None for lane in scene.lanes))


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The cyclic collector runs only when asked; nothing is set aside before or after."""
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def test_once_the_work_ahead_is_done_garbage_is_collected_and_the_rest_set_aside(
    qtbot: QtBot, seeded: Store, collector_off: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python's full collections would otherwise walk every object of the program while the
    user pans (a pause of tens of ms); what is garbage then must not be kept for good."""
    settled: list[int] = []
    real = view_module.settle_heap
    monkeypatch.setattr(view_module, "settle_heap", lambda: (real(), settled.append(1)))
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_store(seeded)
    garbage = _Cycle()
    collected = weakref.ref(garbage)
    del garbage
    kept = _Cycle()
    later = weakref.ref(kept)
    view.show()
    qtbot.waitUntil(lambda: len(settled) == 1)
    assert collected() is None  # collected, not set aside
    assert gc.get_freeze_count() > 0  # what lives on is set aside
    del kept  # garbage now, among what was set aside
    assert later() is not None
    view.reload()  # a new load: the view works ahead again, then settles
    qtbot.waitUntil(lambda: len(settled) == 2)
    assert later() is None


def _scene_of_the_next_start(qtbot: QtBot, store: Store) -> TimelineScene:
    """What a view shows first when the app starts again on ``store``'s file."""
    assert store.path is not None
    with closing(sqlite3.connect(store.path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as a closed store leaves it
    assert early_read.start(store.path)
    again = TimelineView(lang="en")
    qtbot.addWidget(again)
    again.set_store(store)
    scene = again.scene()
    assert scene is not None
    return scene


def test_once_idle_the_view_keeps_its_timeline_for_the_next_start(
    qtbot: QtBot, seeded: Store
) -> None:
    assert seeded.path is not None
    kept = timeline_cache.cache_file(seeded.path)
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_store(seeded)
    assert not kept.exists()  # not before the first frame: it waits for the view's idle time
    view.show()
    qtbot.waitUntil(kept.exists)
    shown = view.scene()
    assert shown is not None and shown.kept

    scene = _scene_of_the_next_start(qtbot, seeded)
    assert scene.kept
    assert list(scene.index.ids) == list(shown.index.ids)
    assert [lane.key for lane in scene.lanes] == [lane.key for lane in shown.lanes]


def test_a_timeline_changed_in_place_is_kept_again_once_edits_pause(
    qtbot: QtBot, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert seeded.path is not None
    monkeypatch.setattr(view_module, "KEEP_AFTER_EDITS_MS", 200)
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_store(seeded)
    view.show()
    kept = timeline_cache.cache_file(seeded.path)
    qtbot.waitUntil(kept.exists)
    written = kept.stat().st_mtime_ns
    unsubscribe = seeded.subscribe(view.take_changes)
    tashkent = by_title(seeded, "Tashkent")
    data = seeded.get_event(tashkent.id).to_data()
    seeded.update_event(tashkent.id, replace(data, title="Tachkent, the second day"))
    unsubscribe()
    scene = view.scene()
    assert scene is not None and not scene.kept  # changed in place, not read again
    qtbot.waitUntil(lambda: kept.stat().st_mtime_ns != written)  # written again, whole
    assert scene.kept

    taken = _scene_of_the_next_start(qtbot, seeded)
    assert taken.kept
    position = taken.index.position(tashkent.id)
    assert position is not None and taken.index.title(position) == "Tachkent, the second day"
