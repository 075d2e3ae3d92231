"""Label placement: an event's title is drawn only where it fits, and never over another label.

Each event offers up to two slots: inside its bar, and to its right up to the next thing drawn in
its row. The full title goes in the first slot it fits; failing that it is shortened with an
ellipsis into the wider slot, if enough of it remains to be read; failing that it is left out.
The current event's label is placed first and always shown; any later label that would overlap
a placed one is dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline_app.core.timeline.metrics import TextMetrics

MIN_LABEL_PX = 28.0  # an elided label narrower than this is not worth drawing
LABEL_GAP = 4.0  # px between a label and what it sits next to


@dataclass(frozen=True, slots=True)
class LabelSlot:
    """Where one event's label may go, in content coordinates."""

    key: int  # the event position
    row_y: float  # the top of the row: labels of different rows never meet
    inside: tuple[float, float] | None  # the inner span of its bar, if it has one
    outside: tuple[float, float]  # from just after it to just before the next thing
    priority: bool = False  # the current event: placed first, always shown
    left_edge: float = 0.0  # where the event starts (a forced label may go left of it)


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    key: int
    text: str
    x: float
    row_y: float
    width: float
    inside: bool
    plate: bool  # drawn on a background plate (forced over other drawing)


class _Row:
    """The horizontal spans already taken by labels in one row, kept sorted."""

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []

    def free(self, x0: float, x1: float) -> bool:
        at = bisect_left(self.starts, x0)
        if at > 0 and self.ends[at - 1] > x0:
            return False
        return not (at < len(self.starts) and self.starts[at] < x1)

    def take(self, x0: float, x1: float) -> None:
        at = bisect_left(self.starts, x0)
        self.starts.insert(at, x0)
        self.ends.insert(at, x1)


def place_labels(
    slots: Iterable[LabelSlot],
    text_of: Callable[[int], str],
    metrics: TextMetrics,
    *,
    limit: float | None = None,
) -> list[PlacedLabel]:
    """Place labels for ``slots`` (see the module docs); ``limit`` is the content's right edge."""
    ordered = sorted(slots, key=lambda slot: not slot.priority)
    rows: dict[float, _Row] = {}
    placed: list[PlacedLabel] = []
    for slot in ordered:
        text = text_of(slot.key)
        if not text:
            continue
        label = _fit(slot, text, metrics)
        if label is None and slot.priority:
            label = _force(slot, text, metrics, limit)
        if label is None:
            continue
        row = rows.get(slot.row_y)
        if row is None:
            row = rows[slot.row_y] = _Row()
        end = label.x + label.width
        if not slot.priority and not row.free(label.x - LABEL_GAP, end + LABEL_GAP):
            continue
        row.take(label.x, end)
        placed.append(label)
    return placed


def _fit(slot: LabelSlot, text: str, metrics: TextMetrics) -> PlacedLabel | None:
    width = metrics.width(text)
    inside, outside = slot.inside, slot.outside
    if inside is not None and width <= inside[1] - inside[0]:
        return PlacedLabel(slot.key, text, inside[0], slot.row_y, width, True, False)
    if width <= outside[1] - outside[0]:
        return PlacedLabel(slot.key, text, outside[0], slot.row_y, width, False, False)
    # the wider slot (inside on a tie), if enough of the title remains to be read there
    span, is_inside = outside, False
    if inside is not None and inside[1] - inside[0] >= outside[1] - outside[0]:
        span, is_inside = inside, True
    room = span[1] - span[0]
    if room < MIN_LABEL_PX:
        return None
    short = metrics.elide(text, room)
    if not short or short == "…":
        return None
    short_width = metrics.width(short)
    if short_width < MIN_LABEL_PX or short_width > room:
        return None
    return PlacedLabel(slot.key, short, span[0], slot.row_y, short_width, is_inside, False)


def _force(
    slot: LabelSlot, text: str, metrics: TextMetrics, limit: float | None
) -> PlacedLabel | None:
    """The current event's label where it does not fit: over its neighbours, on a plate, to its
    right if there is room before the edge, else to its left."""
    start = slot.outside[0]
    right_room = (limit if limit is not None else start + metrics.width(text)) - start
    left_room = slot.left_edge - LABEL_GAP
    if right_room >= MIN_LABEL_PX or right_room >= left_room:
        short = metrics.elide(text, right_room)
        x = start
    else:
        short = metrics.elide(text, left_room)
        x = slot.left_edge - LABEL_GAP - metrics.width(short)
    if not short or short == "…":
        return None
    return PlacedLabel(slot.key, short, x, slot.row_y, metrics.width(short), False, True)


def _room(span: tuple[float, float] | None) -> float:
    return 0.0 if span is None else span[1] - span[0]
