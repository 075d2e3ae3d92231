"""The store keeps the events' time order and which events have sources between reads
(``core.store.time_order``): a filtered list must be exactly what SQL sorting gives, after any
change by this store, by another program, or by restoring a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_store import visit
from tests.helpers.synthetic import fill
from timeline_app.core import backups, restore
from timeline_app.core.dates import UncertainDate, parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import SourceData, SourceLink
from timeline_app.core.store import Store, queries
from timeline_app.core.vocabulary import Kind, Status


def sql_sorted(
    store: Store, flt: EventFilter | None = None, *, descending: bool = False
) -> list[int]:
    """The same list, sorted by SQLite (no kept order)."""
    with store.reading() as session:
        return queries.event_ids(session, flt, descending=descending)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """300 events: many share a start day (so the end day and the id decide), a third have no
    source; enough that small results are sorted and large ones picked from the kept order."""
    path = tmp_path_factory.mktemp("order") / "many.sqlite3"
    with Store.open(path) as store:
        ids = fill(store, 300, light=True)
        for event_id in ids[::7]:
            data = store.get_event(event_id).to_data()
            store.update_event(
                event_id, replace(data, start=UncertainDate(2005, 3, None), end=None)
            )
        yield store


filters = st.fixed_dictionaries(
    {},
    optional={
        "text": st.sampled_from(["Event", "0042", "talks", "Person 3", "Article"]),
        "countries": st.sampled_from([("CN",), ("FR", "KZ")]),
        "kinds": st.sampled_from([frozenset({Kind.STATE_VISIT}), frozenset(Kind)]),
        "statuses": st.sampled_from([frozenset({Status.COMPLETED})]),
        "has_sources": st.booleans(),
        "date_from": st.sampled_from([date(2002, 1, 1), date(2004, 6, 1)]),
        "date_to": st.sampled_from([date(2003, 1, 1), date(2005, 12, 31)]),
    },
).map(lambda chosen: EventFilter(**chosen))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flt=filters, descending=st.booleans())
def test_a_filtered_list_is_what_sql_sorting_gives(
    many: Store, flt: EventFilter, descending: bool
) -> None:
    assert many.event_ids(flt, descending=descending) == sql_sorted(
        many, flt, descending=descending
    )


def test_both_ways_of_ordering_are_used(many: Store) -> None:
    """Few ids are sorted by their places, many are picked from the whole order: both agree
    with SQL (the property above), and both are reached by these filters."""
    total = many.count_events()
    few = EventFilter(text="0042")
    lots = EventFilter(has_sources=True)
    assert 0 < len(many.event_ids(few)) < total // 16 < len(many.event_ids(lots)) < total


def test_every_change_by_this_store_shows_in_the_next_list(store: Store) -> None:
    first = store.create_event(visit(title="First", start=parse_date("1 March 2023")))
    second = store.create_event(visit(title="Second", start=parse_date("2 March 2023")))
    assert store.event_ids() == [first, second]  # the order is kept from here
    earlier = store.create_event(visit(title="Earlier", start=parse_date("1 Jan 2023")))
    assert store.event_ids() == [earlier, first, second]
    data = store.get_event(second).to_data()
    store.update_event(second, replace(data, start=parse_date("1 Feb 2023")))
    assert store.event_ids() == [earlier, second, first]
    store.delete_event(earlier)
    assert store.event_ids() == [second, first]
    assert store.event_ids(EventFilter(has_sources=True)) == []
    source = store.create_source(SourceData("https://example.org/a", "Example", "A"))
    data = store.get_event(first).to_data()
    store.update_event(first, replace(data, sources=(SourceLink(source),)))
    assert store.event_ids(EventFilter(has_sources=True)) == [first]
    assert store.event_ids(EventFilter(has_sources=False)) == [second]
    store.update_event(first, data)  # its source taken away again
    assert store.event_ids(EventFilter(has_sources=False)) == [second, first]


def test_a_change_by_another_program_shows_in_the_next_list(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with Store.open(path) as store:
        first = store.create_event(visit(title="First", start=parse_date("1 March 2023")))
        second = store.create_event(visit(title="Second", start=parse_date("2 March 2023")))
        assert store.event_ids() == [first, second]
        assert store.event_ids(EventFilter(has_sources=False)) == [first, second]
        with closing(sqlite3.connect(path)) as other, other:
            other.execute(
                "UPDATE event SET start_value = '2022', start_earliest = '2022-01-01', "
                "start_latest = '2022-12-31' WHERE id = ?",
                (second,),
            )
            other.execute(
                "INSERT INTO source (url, outlet, title, language) "
                "VALUES ('https://example.org/b', 'Example', 'B', 'en')"
            )
            other.execute(
                "INSERT INTO event_source (event_id, source_id, note, position) "
                "VALUES (?, last_insert_rowid(), '', 0)",
                (first,),
            )
        assert store.event_ids() == [second, first]
        assert store.event_ids(EventFilter(has_sources=False)) == [second]
        assert store.event_ids() == sql_sorted(store)


def test_restoring_a_backup_is_never_taken_for_the_events_read_before(tmp_path: Path) -> None:
    """The backup may reach the same number of changes as the events this store has seen,
    by other changes: after a restore, the list is still the restored file's."""
    path = tmp_path / "timeline.sqlite3"
    with Store.open(path) as store:
        a = store.create_event(visit(title="A", start=parse_date("1 March 2023")))
        b = store.create_event(visit(title="B", start=parse_date("2 March 2023")))
        backup = backups.make_backup(path, backups.Reason.MANUAL).path
        data = store.get_event(a).to_data()
        store.update_event(a, replace(data, start=parse_date("3 March 2023")))
        assert store.event_ids() == [b, a]  # kept for this state
        restore.restore(backup, path)
        # The same kind of change, from the backup's state, to the other event.
        data = store.get_event(b).to_data()
        store.update_event(b, replace(data, start=parse_date("4 March 2023")))
        assert store.event_ids() == [a, b] == sql_sorted(store)


def test_the_counters_move_with_events_and_their_sources_only(store: Store) -> None:
    def counters() -> tuple[int, int]:
        with store.engine.connect() as connection:
            row = connection.exec_driver_sql("SELECT dates, sources FROM event_generation").one()
        return row[0], row[1]

    before = counters()
    event = store.create_event(visit())
    dates, sources = counters()
    assert dates > before[0] and sources == before[1]
    data = store.get_event(event).to_data()
    store.update_event(event, replace(data, title="Another title"))
    assert counters()[0] == dates
    source = store.create_source(SourceData("https://example.org/c", "Example", "C"))
    store.update_event(event, replace(data, sources=(SourceLink(source),)))
    assert counters()[1] > sources
