"""A label is drawn only where it fits, and never over another label."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.timeline.labels import LabelSlot, place_labels
from timeline_app.core.timeline.metrics import ELLIPSIS, FixedWidthMetrics

METRICS = FixedWidthMetrics(7.0)


def titles(texts: dict[int, str]):  # type: ignore[no-untyped-def]
    return lambda key: texts[key]


def test_a_title_goes_inside_its_bar_when_it_fits_there() -> None:
    slot = LabelSlot(1, 0.0, inside=(10.0, 200.0), outside=(210.0, 400.0))
    (label,) = place_labels([slot], titles({1: "State visit"}), METRICS)
    assert (label.text, label.x, label.inside) == ("State visit", 10.0, True)


def test_a_title_goes_after_its_marker_when_there_is_room_before_the_next_event() -> None:
    slot = LabelSlot(1, 0.0, inside=None, outside=(20.0, 200.0))
    (label,) = place_labels([slot], titles({1: "Phone call"}), METRICS)
    assert (label.x, label.inside) == (20.0, False)


def test_a_title_too_long_for_its_room_is_shortened_and_one_with_no_room_left_out() -> None:
    slots = [
        LabelSlot(1, 0.0, inside=None, outside=(0.0, 100.0)),  # 14 characters fit
        LabelSlot(2, 24.0, inside=None, outside=(0.0, 20.0)),  # not even three
    ]
    long_title = "A very long title that cannot fit"
    placed = place_labels(slots, titles({1: long_title, 2: long_title}), METRICS)
    assert len(placed) == 1
    assert placed[0].text.endswith(ELLIPSIS)
    assert placed[0].width <= 100.0


def test_the_current_events_label_is_shown_even_without_room_and_others_give_way() -> None:
    current = LabelSlot(1, 0.0, inside=None, outside=(50.0, 52.0), priority=True, left_edge=40.0)
    neighbour = LabelSlot(2, 0.0, inside=None, outside=(60.0, 300.0))
    placed = place_labels(
        [neighbour, current], titles({1: "Current", 2: "Neighbour"}), METRICS, limit=400.0
    )
    assert [label.key for label in placed] == [1]
    assert placed[0].plate  # drawn on a plate over what it covers


slot_lists = st.lists(
    st.tuples(
        st.integers(1, 3),  # row
        st.floats(0, 500),  # start
        st.floats(0, 300),  # room
        st.booleans(),  # priority
        st.text(min_size=1, max_size=30),
    ),
    max_size=30,
)


@given(slot_lists)
def test_placed_labels_never_overlap(entries: list[tuple[int, float, float, bool, str]]) -> None:
    slots = []
    texts = {}
    seen_priority = False
    for key, (row, start, room, wants_priority, text) in enumerate(entries):
        priority = wants_priority and not seen_priority
        seen_priority = seen_priority or priority
        slots.append(LabelSlot(key, row * 24.0, None, (start, start + room), priority, start - 10))
        texts[key] = text
    placed = place_labels(slots, titles(texts), METRICS, limit=800.0)
    for i, a in enumerate(placed):
        slot = slots[a.key]
        if not slot.priority:
            assert slot.outside[0] <= a.x and a.x + a.width <= slot.outside[1] + 1e-9
        for b in placed[i + 1 :]:
            if a.row_y == b.row_y:
                assert a.x + a.width <= b.x or b.x + b.width <= a.x
