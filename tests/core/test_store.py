"""The core API: list, load, create, update and delete, with validation that names the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.seed import by_title
from timeline_app.core.dates import parse_date
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import (
    ActorData,
    Alias,
    EventData,
    Participant,
    PlaceData,
    RelationLink,
    SourceData,
    SourceLink,
)
from timeline_app.core.store import NotFoundError, Store, ValidationError
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        names = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: connection.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() or 0
            for name in names
        }


def visit(**changes: object) -> EventData:
    base = EventData(
        title="Scholz in Beijing",
        kind=Kind.OFFICIAL_VISIT,
        status=Status.COMPLETED,
        start=parse_date("4 Nov 2022"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_create_then_load_an_event_with_everything_linked(store: Store) -> None:
    beijing = store.create_place(PlaceData("Beijing", "cn", (Alias("Pékin", "fr"),)))
    scholz = store.create_actor(ActorData("Olaf Scholz", title="Chancellor", country_code="DE"))
    xi = store.create_actor(ActorData("Xi Jinping", country_code="CN"))
    source = store.create_source(SourceData("https://example.org/scholz", "Example", "Scholz"))
    event_id = store.create_event(
        visit(
            end=parse_date("5 Nov 2022"),
            place_ids=(beijing,),
            participants=(Participant(scholz, Role.VISITOR), Participant(xi, Role.HOST)),
            sources=(SourceLink(source, "first report"),),
            tags=("Germany", "China", "germany"),
            summary="  A one-day trip.  ",
        )
    )
    detail = store.get_event(event_id)
    assert detail.row.title == "Scholz in Beijing"
    assert detail.row.dates() == "4–5 Nov 2022"
    assert [p.display() for p in detail.row.places] == ["Beijing, China"]
    assert [(p.name, p.role) for p in detail.participants] == [
        ("Olaf Scholz", Role.VISITOR),
        ("Xi Jinping", Role.HOST),
    ]
    assert [(s.source.url, s.note) for s in detail.sources] == [
        ("https://example.org/scholz", "first report")
    ]
    assert detail.tags == ("China", "Germany")
    assert detail.summary == "A one-day trip."
    assert detail.version == 1


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"title": "   "}, "title", "must not be empty"),
        ({"end": parse_date("3 Nov 2022")}, "end", "3 Nov 2022 is before the start (4 Nov 2022)"),
        ({"kind": "picnic"}, "kind", "'picnic' is not one of"),
        ({"status": "maybe"}, "status", "'maybe' is not one of"),
        ({"place_ids": (999,)}, "places", "no place with id 999"),
        ({"participants": (Participant(999, Role.HOST),)}, "participants", "no actor with id 999"),
        ({"tags": ("",)}, "tags[0]", "must not be empty"),
    ],
)
def test_invalid_events_name_the_field_and_write_nothing(
    seeded: Store, changes: dict[str, object], field: str, reason: str
) -> None:
    before = table_counts(seeded)
    with pytest.raises(ValidationError) as caught:
        seeded.create_event(visit(**changes))
    assert any(e.field == field and reason in e.message for e in caught.value.errors), caught.value
    assert table_counts(seeded) == before


def test_several_bad_fields_are_all_reported(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_event(visit(title="", end=parse_date("2021")))
    assert {e.field for e in caught.value.errors} == {"title", "end"}


def test_an_unknown_country_code_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="country: 'QQ' is not a known ISO 3166-1 country"):
        store.create_place(PlaceData("Atlantis", "QQ"))
    with pytest.raises(ValidationError, match="country: 'ZZ'"):
        store.create_actor(ActorData("Nobody", country_code="ZZ"))
    assert table_counts(store)["place"] == 0


def test_a_malformed_url_is_refused(store: Store) -> None:
    for url in ("javascript:alert(1)", "www.example.org", "https://", "file:///etc/passwd"):
        with pytest.raises(ValidationError, match=r"url: .* is not a web address"):
            store.create_source(SourceData(url))


def test_update_rejected_leaves_the_event_as_it_was(seeded: Store) -> None:
    row = by_title(seeded, "Macron's state visit")
    before = seeded.get_event(row.id)
    with pytest.raises(ValidationError, match="end"):
        seeded.update_event(row.id, replace(before.to_data(), end=parse_date("1 Jan 2020")))
    assert seeded.get_event(row.id) == before


def test_update_bumps_the_version_and_a_no_op_writes_nothing(seeded: Store) -> None:
    row = by_title(seeded, "Macron's state visit")
    detail = seeded.get_event(row.id)
    assert seeded.update_event(row.id, detail.to_data()) is False
    assert seeded.get_event(row.id).version == detail.version
    assert seeded.update_event(row.id, replace(detail.to_data(), status=Status.POSTPONED))
    after = seeded.get_event(row.id)
    assert after.row.status is Status.POSTPONED
    assert after.version == detail.version + 1
    assert after.updated_at >= detail.updated_at


def test_delete_removes_the_event_and_its_links_but_not_shared_records(seeded: Store) -> None:
    row = by_title(seeded, "Macron's state visit")
    announcement = by_title(seeded, "Macron announces")
    actors_before = len(seeded.actors())
    seeded.delete_event(row.id)
    with pytest.raises(NotFoundError):
        seeded.get_event(row.id)
    assert len(seeded.actors()) == actors_before
    assert seeded.get_event(announcement.id).related == ()


def test_list_events_in_a_date_range_in_time_order(seeded: Store) -> None:
    rows = seeded.list_events(EventFilter(date_from=date(2023, 3, 1), date_to=date(2023, 4, 6)))
    firsts = [r.first_day for r in rows]
    assert firsts == sorted(firsts)
    titles = [r.title for r in rows]
    # spans that overlap the range count, even if they started before it
    assert any("Lukashenko's state visit" in t for t in titles)
    assert any("Macron's state visit" in t for t in titles)
    assert not any("Xi and Zelensky" in t for t in titles)


@pytest.mark.parametrize(
    ("flt", "expected_fragment", "excluded_fragment"),
    [
        (EventFilter(actors=("Loukachenko",)), "Lukashenko's state visit", "Macron's state"),
        (EventFilter(countries=("UZ",)), "Blinken in Tashkent", "Macron's state"),
        (EventFilter(kinds=frozenset({Kind.PHONE_CALL})), "Xi and Zelensky", "Macron's state"),
        (EventFilter(tags=("g20",)), "G20", "Tashkent"),
        (EventFilter(has_sources=True), "Macron's state", "zzz-nothing"),
    ],
)
def test_simple_filters(
    seeded: Store, flt: EventFilter, expected_fragment: str, excluded_fragment: str
) -> None:
    titles = [row.title for row in seeded.list_events(flt)]
    assert any(expected_fragment in t for t in titles)
    assert not any(excluded_fragment in t for t in titles)


def test_status_filter(seeded: Store) -> None:
    assert seeded.list_events(EventFilter(statuses=frozenset({Status.PLANNED}))) == []
    assert len(seeded.list_events(EventFilter(statuses=frozenset({Status.COMPLETED})))) == 13


def test_relations_read_both_ways(seeded: Store) -> None:
    announcement = by_title(seeded, "Macron announces")
    visit_row = by_title(seeded, "Macron's state visit")
    [outgoing] = seeded.get_event(announcement.id).related
    assert (outgoing.label, outgoing.event_id) == ("announces", visit_row.id)
    [incoming] = seeded.get_event(visit_row.id).related
    assert (incoming.label, incoming.event_id) == ("announced by", announcement.id)


def test_an_event_cannot_be_related_to_itself(seeded: Store) -> None:
    row = by_title(seeded, "Xi and Zelensky")
    data = seeded.get_event(row.id).to_data()
    with pytest.raises(ValidationError, match="relations: an event cannot be related to itself"):
        seeded.update_event(
            row.id, replace(data, relations=(RelationLink(RelationType.RELATED, row.id),))
        )


def test_history_survives_a_restart_and_restores_a_deleted_event(db_path: Path) -> None:
    with Store.open(db_path) as store:
        place = store.create_place(PlaceData("Minsk", "BY"))
        actor = store.create_actor(ActorData("Alexander Lukashenko", country_code="BY"))
        event_id = store.create_event(
            visit(
                title="Lukashenko at home",
                place_ids=(place,),
                participants=(Participant(actor, Role.HOST),),
                tags=("Belarus",),
            )
        )
        store.update_event(
            event_id,
            visit(
                title="Lukashenko in Minsk",
                place_ids=(place,),
                participants=(Participant(actor, Role.HOST),),
                tags=("Belarus",),
            ),
        )
        before = store.get_event(event_id)
        store.delete_event(event_id)
    with Store.open(db_path) as store:
        history = store.history(event_id)
        assert [h.action for h in history] == ["delete", "update", "create"]
        assert store.newest_change_id() == history[0].id  # what the window watches
        assert history[1].before is not None and history[1].before["title"] == "Lukashenko at home"
        assert set(history[1].changed_fields()) >= {"title"}
        [deleted] = store.deleted_events()
        restored = store.restore_event(deleted.id)
        assert restored == event_id
        again = store.get_event(restored)
        assert again.to_data() == before.to_data()
        assert store.deleted_events() == []


def test_listeners_hear_each_committed_change(store: Store) -> None:
    heard = []
    unsubscribe = store.subscribe(heard.append)
    event_id = store.create_event(visit())
    with pytest.raises(ValidationError):
        store.create_event(visit(title=""))
    unsubscribe()
    store.delete_event(event_id)
    assert len(heard) == 1 and heard[0].events == {event_id}


def test_merging_actors_keeps_all_their_links(seeded: Store) -> None:
    duplicate = seeded.create_actor(ActorData("A. Lukashenko", aliases=(Alias("Лукашенко", "ru"),)))
    row = by_title(seeded, "Xi and Zelensky")
    data = seeded.get_event(row.id).to_data()
    seeded.update_event(
        row.id,
        replace(data, participants=(*data.participants, Participant(duplicate, Role.PARTICIPANT))),
    )
    keep = next(a for a in seeded.actors() if a.name == "Alexander Lukashenko")
    seeded.merge_actors(keep.id, duplicate)
    merged = next(a for a in seeded.actors() if a.id == keep.id)
    assert {"A. Lukashenko", "Лукашенко", "Alexandre Loukachenko"} <= {
        a.name for a in merged.aliases
    }
    assert "A. Lukashenko" not in {a.name for a in seeded.actors()}
    names = [p.name for p in seeded.get_event(row.id).participants]
    assert "Alexander Lukashenko" in names


def test_has_events_follows_adding_and_deleting_the_last_event(store: Store) -> None:
    assert not store.has_events()
    event_id = store.create_event(
        EventData(
            title="Visit",
            kind=Kind.STATE_VISIT,
            status=Status.COMPLETED,
            start=parse_date("2023-04-05"),
        )
    )
    assert store.has_events()
    store.delete_event(event_id)
    assert not store.has_events()


def test_an_empty_history_has_no_newest_change(store: Store) -> None:
    assert store.newest_change_id() == 0
    assert not store.has_events()
