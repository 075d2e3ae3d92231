"""A combined filter keeps exactly the events that each of its fields keeps on its own.

The store intersects the event sets of the text, actors, countries and tags before looking
events up (``queries.filter_conditions``); whatever fields are filled, the result must be the
intersection of the single-field results, in time order, and the count its length.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.filters import EventFilter
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status

VALUES: dict[str, list[object]] = {
    "text": ["Pékin", "visit", "Blinken", "Lukashenka", "talks", "Chine"],
    "actors": [("Xi",), ("Blinken", "Macron"), ("Loukachenko",), ("Tokayev",)],
    "countries": [("CN",), ("kz", "FR"), ("US",), ("BY", "RU")],
    "tags": [("Central Asia",), ("China", "energy"), ("Ukraine war",)],
    "kinds": [frozenset({Kind.STATE_VISIT}), frozenset({Kind.OFFICIAL_VISIT, Kind.SUMMIT_TALKS})],
    "statuses": [frozenset({Status.COMPLETED}), frozenset({Status.PLANNED})],
    "has_sources": [True, False],
    "date_from": [date(2022, 1, 1), date(2023, 6, 1)],
    "date_to": [date(2023, 12, 31), date(2025, 1, 1)],
}
assert set(VALUES) == {f.name for f in fields(EventFilter)}
#: The fields that give sets of events, intersected before the events are looked up.
ID_SETS = ("text", "actors", "countries", "tags")

filters = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(values) for name, values in VALUES.items()}
).map(lambda chosen: EventFilter(**chosen))


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("combinations") / "seed.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
        yield store


def test_each_field_alone_keeps_some_events_and_not_all(seed_store: Store) -> None:
    """Otherwise the property below could hold whatever the combination did."""
    total = seed_store.count_events()
    for name in ID_SETS:
        for value in VALUES[name]:
            assert 0 < seed_store.count_events(EventFilter(**{name: value})) < total, value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters)
def test_a_combined_filter_is_the_intersection_of_its_fields(
    seed_store: Store, flt: EventFilter
) -> None:
    expected = set(seed_store.event_ids())
    for name in VALUES:
        value = getattr(flt, name)
        if value != getattr(EventFilter(), name):
            expected &= set(seed_store.event_ids(EventFilter(**{name: value})))
    ids = seed_store.event_ids(flt)
    assert set(ids) == expected
    assert ids == [row.id for row in seed_store.list_events() if row.id in expected]  # time order
    assert seed_store.count_events(flt) == len(ids)
