"""A timeline ready to draw and to walk: the event index, its lanes, their layout at any zoom.

:class:`TimelineScene` is what the timeline widget and printing share. It is built from the store
with two column-only queries (the events, then the lane keys of the chosen grouping), answers
"what does this window show" through :meth:`TimelineScene.frame`, and "which event comes next"
for keyboard navigation.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from timeline_app.core import early_read, timeline_cache
from timeline_app.core.database import head_revision
from timeline_app.core.filters import EventFilter
from timeline_app.core.models import Event
from timeline_app.core.store import Store
from timeline_app.core.store.time_order import timeline_stamp
from timeline_app.core.timeline import kept
from timeline_app.core.timeline.frame import Frame, FrameRequest, Selection, build_frame
from timeline_app.core.timeline.index import (
    EventIndex,
    TitleSource,
    index_query,
    load_index,
    read_titles,
)
from timeline_app.core.timeline.lane_keys import keys_of, lane_specs
from timeline_app.core.timeline.lanes import Density, Lane, LaneGrouping, build_lane
from timeline_app.core.timeline.layout import BAND_HEIGHT, ROW_HEIGHT, LaneLayout, summary_ppd
from timeline_app.core.timeline.metrics import TextMetrics
from timeline_app.core.timeline.sql import collector_paused

DENSITY_AHEAD_MIN = 2000  # events: smaller lanes count their density in a millisecond or two


def _unfiltered(flt: EventFilter | None) -> bool:
    return flt is None or flt.is_empty


def _store_titles(store: Store) -> TitleSource:
    def source(event_ids: Sequence[int]) -> dict[int, str]:
        with store.reading() as session:
            return read_titles(session, event_ids)

    return source


@dataclass(frozen=True, slots=True)
class EventBox:
    """Where an event sits: its days (``last`` included) and its row's top and bottom (px)."""

    first: int
    last: int
    top: int
    bottom: int


class TimelineScene:
    """The events of one filter, grouped into lanes."""

    def __init__(
        self,
        index: EventIndex,
        lanes: Sequence[Lane],
        grouping: LaneGrouping = LaneGrouping.NONE,
        flt: EventFilter | None = None,
    ) -> None:
        self.index = index
        self.lanes = list(lanes)
        self.grouping = grouping
        self.filter = flt
        self._thresholds = [summary_ppd(lane) for lane in self.lanes]
        self._folding_points = sorted(set(self._thresholds))
        self._layouts: dict[int, LaneLayout] = {}
        self._lane_offsets: array[int] | None = None
        self._lane_ids: array[int] | None = None
        self._unpacked: list[int] | None = None  # lanes to pack ahead, the biggest last
        self._uncounted: list[int] | None = None  # big lanes to count the density of ahead
        self._last_day = max(index.last, default=0)
        #: ``event_generation.timeline`` when this scene was read, if it is a timeline without
        #: a filter, read whole (not changed in place since): it may then be kept for the next
        #: run (:meth:`keep`). ``kept``: it was taken from what was kept.
        self.stamp: int | None = None
        self.kept = False
        self.lang = "en"  # the language of the lanes' labels

    # -- building --------------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        session: Session,
        grouping: LaneGrouping = LaneGrouping.ACTOR,
        flt: EventFilter | None = None,
        lang: str = "en",
        index: EventIndex | None = None,
        *,
        actor_pairs: tuple[Sequence[int], Sequence[int]] | None = None,
    ) -> TimelineScene:
        """Read the events ``flt`` shows (or reuse ``index``, read with the same filter; and
        the actor lanes' ``actor_pairs`` read with it, as in ``lane_keys.actor_lanes``)."""
        with collector_paused():
            if index is None:
                index = load_index(session, flt)
            specs = lane_specs(session, index, grouping, flt, lang, actor_pairs=actor_pairs)
            lanes = [build_lane(index, spec.key, spec.label, spec.positions) for spec in specs]
            scene = cls(index, lanes, grouping, flt)
            scene.lang = lang
            return scene

    @classmethod
    def from_store(
        cls,
        store: Store,
        grouping: LaneGrouping = LaneGrouping.ACTOR,
        flt: EventFilter | None = None,
        lang: str = "en",
        index: EventIndex | None = None,
    ) -> TimelineScene:
        """Like :meth:`load`, but titles are read from ``store`` only when drawn.

        The first read of a timeline without a filter takes the rows that the command line
        started reading while the app was starting, if they are current (``core.early_read``),
        or the timeline kept at the last run that the early read found current: its lanes too,
        if they are of ``grouping`` and ``lang`` (``core.timeline_cache``). Such a scene, and
        one read whole without a filter, knows the stamp it was read at (:meth:`keep`).
        """
        early = None
        if index is None and _unfiltered(flt):
            early = early_read.take(store.path)
        else:
            early_read.discard()
        if early is not None and early.revision != head_revision():
            early = None
        with store.reading() as session, collector_paused():
            if index is not None:  # the events shown, in other lanes: no stamp of its own
                return cls.load(session, grouping, flt, lang, index)
            cached = early.cached if early is not None else None
            actor_pairs = None
            if early is not None:
                if cached is not None:
                    index = kept.index_of(cached)
                else:
                    index = EventIndex()
                    index.extend_columns(early.index_columns)
                    index.finish()
                    actor_pairs = early.actor_pairs
                stamp = early.stamp
            else:
                stamp = timeline_stamp(session.connection()) if _unfiltered(flt) else None
                if stamp is not None and store.path is not None:  # opened later: no early read
                    cached = timeline_cache.load(store.path, stamp, head_revision())
                if cached is not None:
                    index = kept.index_of(cached)
                else:
                    index = load_index(session, flt, titles=False)
            index.use_title_source(_store_titles(store))
            if cached is not None and (cached.grouping, cached.lang) == (grouping.value, lang):
                scene = cls(index, kept.lanes_of(cached), grouping, flt)
                scene.lang, scene.kept = lang, True
            else:
                scene = cls.load(session, grouping, flt, lang, index, actor_pairs=actor_pairs)
            scene.stamp = stamp
            return scene

    def keep(self, database: Path, *, background: bool = False) -> bool:
        """Keep this timeline for the next run of the app on ``database`` (the store's file),
        if it is one without a filter, read whole at a known stamp, and not taken from what was
        kept already (``core.timeline_cache``). True if it was written (with ``background``:
        if it is being written, see ``kept.keep``)."""
        if self.stamp is None or self.kept or not _unfiltered(self.filter):
            return False
        self.kept = kept.keep(
            database,
            self.index,
            self.lanes,
            stamp=self.stamp,
            revision=head_revision(),
            grouping=self.grouping.value,
            lang=self.lang,
            background=background,
        )
        return self.kept

    def follow_stamp(self, stamps: tuple[int, int] | None) -> None:
        """After a change this scene took in place, or one that changed nothing it draws:
        ``stamps`` (``ChangeSet.timeline``: the timeline stamp before and after it). If this
        scene was the timeline at the first, it is the timeline at the second, and may be kept
        again (:meth:`keep`); otherwise it is no longer known to be any stamp's."""
        if stamps is None or self.stamp is None or self.stamp != stamps[0]:
            self.stamp = None
        elif stamps[1] != stamps[0]:
            self.stamp, self.kept = stamps[1], False

    def updated_in_place(
        self,
        session: Session,
        event_ids: Collection[int],
        stamps: tuple[int, int] | None = None,
    ) -> bool:
        """After an edit of ``event_ids``: read those events again and take what changed in
        place, if the scene's shape stays: each event still there, on the same days and in
        the same lanes (a new title, kind, status or trip, in lanes not grouped by it). True
        then; False, with nothing changed, when the whole scene must be read again. ``stamps``:
        the change's timeline stamps (see :meth:`follow_stamp`)."""
        if not event_ids or not _unfiltered(self.filter):
            return False
        ids = sorted(event_ids)
        rows = session.execute(index_query(None).where(Event.id.in_(ids))).all()
        index = self.index
        placed = [(row, at) for row in rows if (at := index.holds_in_place(row)) is not None]
        if len(placed) != len(ids):
            return False  # added, deleted or moved in time
        columns = {row[0]: (row[5] & 0xFF, row[6]) for row in rows}  # kind code, trip
        keys = keys_of(session, self.grouping, ids, columns)
        lanes = self.lanes
        for row, position in placed:
            if keys[row[0]] != {lanes[at].key for at in self.lanes_of(position)}:
                return False
        titles = read_titles(session, ids)
        self.follow_stamp(stamps)
        for row, position in placed:
            index.patch(position, row)
        index.retitle({position: titles.get(row[0], "") for row, position in placed})
        return True

    def narrowed(self, event_ids: Collection[int], flt: EventFilter | None) -> TimelineScene:
        """The events of this scene that are in ``event_ids`` (what ``flt`` keeps), in the same
        lanes: the same scene as one read with ``flt``, taken from this one in memory. Lanes
        left without events are dropped."""
        with collector_paused():
            positions = self.index.positions(event_ids)
            index = self.index.subset(positions)
            # Through each kept event's lanes: the cost goes with what the filter keeps.
            members = self._by_lane(positions, range(len(positions)))
            lanes = [
                build_lane(index, self.lanes[at].key, self.lanes[at].label, members[at])
                for at in sorted(members)
            ]
            return TimelineScene(index, lanes, self.grouping, flt)

    # -- the whole timeline ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.index)

    @property
    def is_empty(self) -> bool:
        return not len(self.index)

    @property
    def first_day(self) -> int:
        return self.index.first[0] if len(self.index) else 0

    @property
    def last_day(self) -> int:
        return self._last_day

    def layout(self, ppd: float) -> LaneLayout:
        """The lanes' layout at ``ppd``: the same for every zoom between two lanes' folding
        points, so it is kept per stretch of zoom, not per zoom."""
        stretch = bisect_right(self._folding_points, ppd)
        layout = self._layouts.get(stretch)
        if layout is None:
            if len(self._layouts) > 16:
                self._layouts.clear()
            layout = self._layouts[stretch] = LaneLayout.build(self.lanes, self._thresholds, ppd)
        return layout

    def frame(self, request: FrameRequest, metrics: TextMetrics | None = None) -> Frame:
        layout = self.layout(request.window.ppd)
        return build_frame(self.index, self.lanes, layout, request, metrics)

    def pack_ahead(self, limit: int) -> bool:
        """Pack up to ``limit`` events of the lanes not packed yet, the biggest lanes first; True
        while some are left. A lane is otherwise packed when it is first drawn, in that frame:
        a caller with time to spare (the view, when idle) spares the frames that pause.

        Then, likewise, count ahead the density of the big lanes that fold into a band when
        zoomed far out (:meth:`Lane.counts`): about 10 ms for a lane of 100,000 events, once,
        which would otherwise fall in the first frame that shows it folded."""
        pending = self._unpacked
        if pending is None:
            unpacked = [at for at, lane in enumerate(self.lanes) if lane.packed is None]
            pending = self._unpacked = sorted(unpacked, key=lambda at: len(self.lanes[at]))
        while pending and limit > 0:
            lane = self.lanes[pending[-1]]
            limit -= lane.pack_ahead(limit)
            if lane.packed is not None:
                pending.pop()
        if pending:
            return True
        uncounted = self._uncounted
        if uncounted is None:
            big = [
                at
                for at, lane in enumerate(self.lanes)
                if len(lane) >= DENSITY_AHEAD_MIN and self._thresholds[at] > 0
            ]
            uncounted = self._uncounted = sorted(big, key=lambda at: len(self.lanes[at]))
        while uncounted and limit > 0:
            lane = self.lanes[uncounted.pop()]
            if lane.density is None:
                lane.density = Density.of(lane)
            limit -= len(lane)
        return bool(uncounted)

    @property
    def packing_pending(self) -> bool:
        """Some lanes are not packed into rows yet (or their density not counted ahead)."""
        return self.pack_ahead(0)

    def lane_index(self, key: str) -> int | None:
        return next((at for at, lane in enumerate(self.lanes) if lane.key == key), None)

    # -- which lanes hold an event -------------------------------------------------------------

    def _memberships(self) -> tuple[array[int], array[int]]:
        """For each event, the lanes holding it: ``ids[offsets[p]:offsets[p + 1]]``."""
        if self._lane_offsets is None or self._lane_ids is None:
            size = len(self.index)
            counts = array("i", [0]) * (size + 1)
            for lane in self.lanes:
                for position in lane.order:
                    counts[position + 1] += 1
            total = 0
            for position in range(size):
                total += counts[position + 1]
                counts[position + 1] = total
            ids = array("i", [0]) * total
            fill = counts[:-1]
            for lane_index, lane in enumerate(self.lanes):
                for position in lane.order:
                    ids[fill[position]] = lane_index
                    fill[position] += 1
            self._lane_offsets, self._lane_ids = counts, ids
        return self._lane_offsets, self._lane_ids

    def _by_lane(self, positions: Iterable[int], values: Iterable[int]) -> dict[int, list[int]]:
        """Each event's value (``values``, one for each of ``positions``) under every lane
        that holds it, by lane."""
        offsets, lanes = self._memberships()
        grouped: dict[int, list[int]] = {}
        for position, value in zip(positions, values, strict=True):
            for lane in lanes[offsets[position] : offsets[position + 1]]:
                found = grouped.get(lane)
                if found is None:
                    grouped[lane] = [value]
                else:
                    found.append(value)
        return grouped

    def lanes_by_event(self) -> None:
        """Work out now, rather than when first needed, which lanes hold each event (what
        :meth:`lanes_of` and :meth:`narrowed` read)."""
        self._memberships()

    def lanes_of(self, position: int) -> list[int]:
        offsets, ids = self._memberships()
        return list(ids[offsets[position] : offsets[position + 1]])

    def selection_for(self, position: int, prefer_lane: int | None = None) -> Selection | None:
        """The event as current: in ``prefer_lane`` if it is there, else in its first lane."""
        if not 0 <= position < len(self.index):
            return None
        if (
            prefer_lane is not None
            and 0 <= prefer_lane < len(self.lanes)
            and self.lanes[prefer_lane].rank(position) is not None
        ):
            return Selection(position, prefer_lane)
        lanes = self.lanes_of(position)
        return Selection(position, lanes[0]) if lanes else None

    def highlight_days(self, positions: Collection[int]) -> dict[int, list[int]]:
        """For each lane, the sorted first days of the given events it holds."""
        if not positions:
            return {}  # no need to learn which lanes hold which events
        first = self.index.first
        days = self._by_lane(positions, [first[position] for position in positions])
        for values in days.values():
            values.sort()
        return days

    # -- navigation ------------------------------------------------------------------------------

    def first_event(self) -> Selection | None:
        return self.selection_for(0) if len(self.index) else None

    def last_event(self) -> Selection | None:
        return self.selection_for(len(self.index) - 1) if len(self.index) else None

    def step(self, selection: Selection, delta: int) -> Selection | None:
        """The next (``delta`` 1) or previous (-1) event in time in the selection's lane."""
        lane = self.lanes[selection.lane]
        rank = lane.rank(selection.position)
        if rank is None:
            return None
        target = rank + delta
        if not 0 <= target < len(lane):
            return None
        return Selection(lane.order[target], selection.lane)

    def nearest_in_lane(self, lane_index: int, day: int) -> Selection | None:
        """The event of a lane whose first day is nearest ``day`` (the earlier one on a tie)."""
        if not 0 <= lane_index < len(self.lanes):
            return None
        lane = self.lanes[lane_index]
        if not len(lane):
            return None
        at = bisect_left(lane.order_first, day)
        candidates = [k for k in (at - 1, at) if 0 <= k < len(lane)]
        best = min(candidates, key=lambda k: (abs(lane.order_first[k] - day), k))
        return Selection(lane.order[best], lane_index)

    def lane_step(self, selection: Selection, delta: int) -> Selection | None:
        """The event nearest in time in the lane above (``delta`` -1) or below (1)."""
        return self.nearest_in_lane(selection.lane + delta, self.index.first[selection.position])

    def box(self, selection: Selection, ppd: float) -> EventBox | None:
        """Where the selected event sits at zoom ``ppd`` (y unscrolled)."""
        lane = self.lanes[selection.lane]
        row = lane.row(selection.position)
        if row is None:
            return None
        layout = self.layout(ppd)
        top = layout.row_top(selection.lane, row)
        bottom = top + (BAND_HEIGHT if layout.summarised[selection.lane] else ROW_HEIGHT)
        position = selection.position
        return EventBox(self.index.first[position], self.index.last[position], top, bottom)
