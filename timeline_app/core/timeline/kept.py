"""A timeline without a filter, to and from what is kept between runs (``core.timeline_cache``)."""

from __future__ import annotations

from pathlib import Path

from timeline_app.core import timeline_cache
from timeline_app.core.timeline.index import EVENT_COLUMNS, EventIndex
from timeline_app.core.timeline.lane_keys import translated_label
from timeline_app.core.timeline.lanes import Lane
from timeline_app.core.timeline_cache import CachedLane, CachedTimeline


def index_of(cached: CachedTimeline) -> EventIndex:
    """The event index of ``cached`` (its columns, taken as they are)."""
    index = EventIndex()
    for name, column in zip(EVENT_COLUMNS, cached.columns, strict=True):
        setattr(index, name, column)
    if cached.lookup is None or not index.take_lookup(cached.lookup):
        index.finish()
    return index


def lanes_of(cached: CachedTimeline) -> list[Lane]:
    """The lanes of ``cached``, as ``lanes.build_lane`` made them (not packed yet); the labels
    that are translated texts in the interface language now (it may have changed since)."""
    return [
        Lane(
            key=lane.key,
            label=translated_label(lane.key) or lane.label,
            order=lane.order,
            order_first=lane.order_first,
            order_last=lane.order_last,
            sorted_last=lane.sorted_last,
            row_count=lane.row_count,
        )
        for lane in cached.lanes
    ]


def keep(
    database: Path,
    index: EventIndex,
    lanes: list[Lane],
    *,
    stamp: int,
    revision: str,
    grouping: str,
    lang: str,
) -> bool:
    """Keep the timeline of ``index`` and ``lanes``, read at ``stamp`` (see the cache's docs)."""
    cached = CachedTimeline(
        stamp,
        revision,
        grouping,
        lang,
        [getattr(index, name) for name in EVENT_COLUMNS],
        [
            CachedLane(
                lane.key,
                lane.label,
                lane.order,
                lane.order_first,
                lane.order_last,
                lane.sorted_last,
                lane.row_count,
            )
            for lane in lanes
        ],
        index.dense_lookup(),
    )
    return timeline_cache.save(database, cached)
