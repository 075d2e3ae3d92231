"""A timeline without a filter, to and from what is kept between runs (``core.timeline_cache``)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
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


#: The index's columns an edit taken in place changes (``EventIndex.patch``): copied before
#: they are written in the background. The others, and the lanes, never change once built.
PATCHED_COLUMNS = frozenset(
    {"start_sure", "end_sure", "kind", "status", "start_code", "end_code", "trip"}
)
_writer: ThreadPoolExecutor | None = None


def keep(
    database: Path,
    index: EventIndex,
    lanes: list[Lane],
    *,
    stamp: int,
    revision: str,
    grouping: str,
    lang: str,
    background: bool = False,
) -> bool:
    """Keep the timeline of ``index`` and ``lanes``, read at ``stamp`` (see the cache's docs).

    With ``background``, the file is written by a thread of its own, one after another in
    the order asked (a million events make some 60 MB: a fifth of a second the interface
    would otherwise wait); True then means it is on its way."""
    columns = [getattr(index, name) for name in EVENT_COLUMNS]
    if background:  # what may change meanwhile is copied now (a copy of memory: fast)
        columns = [
            column[:] if name in PATCHED_COLUMNS else column
            for name, column in zip(EVENT_COLUMNS, columns, strict=True)
        ]
    cached = CachedTimeline(
        stamp,
        revision,
        grouping,
        lang,
        columns,
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
    if not background:
        return timeline_cache.save(database, cached)
    global _writer  # noqa: PLW0603 - one writing thread per process, made when first needed
    if _writer is None:
        _writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-keeper")
    _writer.submit(timeline_cache.save, database, cached)
    return True


def wait_kept() -> None:
    """Wait until the timelines asked to be kept in the background are written."""
    if _writer is not None:
        _writer.submit(lambda: None).result()
