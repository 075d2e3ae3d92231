"""What undo and redo need from the store: recreating under old ids, deleting what was created,
and restoring a deleted event with everything that pointed to it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.models import ExternalRecord
from timeline_app.core.records import (
    ActorData,
    EventData,
    Participant,
    PlaceData,
    SourceData,
    SourceLink,
    TripData,
)
from timeline_app.core.store import InUseError, NotFoundError, Store, ValidationError
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status


def meeting(**changes: object) -> EventData:
    base = EventData("Talks in Minsk", Kind.SUMMIT_TALKS, Status.PLANNED, parse_date("May 2023"))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_an_event_is_recreated_under_its_old_id_and_a_taken_id_is_refused(store: Store) -> None:
    first = store.create_event(meeting())
    store.delete_event(first)
    assert store.create_event(meeting(title="Again"), event_id=first) == first
    assert store.get_event(first).row.title == "Again"
    with pytest.raises(ValidationError) as caught:
        store.create_event(meeting(title="Clash"), event_id=first)
    assert caught.value.for_field("id") == [f"event {first} already exists"]
    assert [row.title for row in store.list_events()] == ["Again"]


def test_actors_places_sources_and_trips_can_be_recreated_under_their_old_ids(
    store: Store,
) -> None:
    actor = store.create_actor(ActorData("Alexander Lukashenko", country_code="BY"))
    place = store.create_place(PlaceData("Minsk", "BY"))
    source = store.create_source(SourceData("https://example.org/minsk"))
    trip = store.create_trip(TripData("Spring tour"))
    store.delete_actor(actor)
    store.delete_place(place)
    store.delete_source(source)
    store.delete_trip(trip)
    assert store.actors() == [] and store.places() == [] and store.sources() == []
    assert store.create_actor(ActorData("A. Lukashenko"), actor_id=actor) == actor
    assert store.create_place(PlaceData("Minsk", "BY"), place_id=place) == place
    assert store.create_source(SourceData("https://example.org/b"), source_id=source) == source
    assert store.create_trip(TripData("Summer tour"), trip_id=trip) == trip
    assert store.get_actor(actor).name == "A. Lukashenko"
    assert store.get_trip(trip).title == "Summer tour"
    with pytest.raises(ValidationError, match="id: actor"):
        store.create_actor(ActorData("Someone else"), actor_id=actor)
    with pytest.raises(ValidationError, match="id: trip"):
        store.create_trip(TripData("Another"), trip_id=trip)


def test_sources_and_trips_in_use_are_not_deleted(store: Store) -> None:
    source = store.create_source(SourceData("https://example.org/minsk"))
    trip = store.create_trip(TripData("Spring tour"))
    store.create_event(meeting(sources=(SourceLink(source),), trip_id=trip))
    with pytest.raises(InUseError, match="cited by 1 event"):
        store.delete_source(source)
    with pytest.raises(InUseError, match="1 event\\(s\\) belong to this trip"):
        store.delete_trip(trip)
    assert store.get_source(source).url == "https://example.org/minsk"
    with pytest.raises(NotFoundError):
        store.delete_trip(trip + 1)


def test_the_writer_lists_what_its_transaction_created(store: Store) -> None:
    with store.writing() as writer:
        actor = writer.create_actor(ActorData("Xi Jinping", country_code="CN"))
        event = writer.create_event(meeting(participants=(Participant(actor, Role.HOST),)))
        assert writer.created == [("actor", actor), ("event", event)]


def test_restoring_a_deleted_event_brings_back_the_relations_pointing_to_it(
    seeded: Store,
) -> None:
    announcement = by_title(seeded, "Macron announces")
    visit = by_title(seeded, "Macron's state visit")
    before = seeded.get_event(visit.id)
    change = seeded.delete_event(visit.id)
    assert change is not None
    assert seeded.get_event(announcement.id).related == ()
    assert seeded.restore_event(change) == visit.id
    [incoming] = seeded.get_event(announcement.id).related
    assert (incoming.type, incoming.event_id) == (RelationType.ANNOUNCES, visit.id)
    assert seeded.get_event(visit.id).to_data() == before.to_data()


def test_a_restored_event_finds_an_actor_merged_away_under_its_alias(seeded: Store) -> None:
    duplicate = seeded.create_actor(ActorData("A. G. Lukashenko", country_code="BY"))
    event = seeded.create_event(meeting(participants=(Participant(duplicate, Role.HOST),)))
    change = seeded.delete_event(event)
    assert change is not None
    keep = next(a for a in seeded.actors() if a.name == "Alexander Lukashenko")
    seeded.merge_actors(keep.id, duplicate)
    actors_before = len(seeded.actors())
    restored = seeded.restore_event(change)
    assert [p.actor_id for p in seeded.get_event(restored).participants] == [keep.id]
    assert len(seeded.actors()) == actors_before


def test_a_restored_event_keeps_the_record_it_was_imported_from(store: Store) -> None:
    event = store.create_event(meeting())
    with store.writing() as writer:
        record = ExternalRecord(event_id=event, dataset="historian:visits", record_id="7")
        writer.session.add(record)
    change = store.delete_event(event)
    assert change is not None
    store.restore_event(change)
    with store.reading() as session:
        records = session.query(ExternalRecord.event_id, ExternalRecord.dataset).all()
    assert [tuple(r) for r in records] == [(event, "historian:visits")]
