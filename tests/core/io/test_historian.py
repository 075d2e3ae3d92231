"""The Office of the Historian's travels and visits, as a user imports them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.db import row_counts
from tests.helpers.seed import by_title
from timeline_app.core.io.historian import name_from_key, split_office
from timeline_app.core.io.importing import import_paths
from timeline_app.core.io.problems import ImportRejected
from timeline_app.core.models import ExternalRecord
from timeline_app.core.records import EventRow
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status

TODAY = date(2026, 1, 15)


def events_by_record(store: Store) -> dict[tuple[str, str], EventRow]:
    with store.reading() as session:
        links = session.execute(
            select(ExternalRecord.dataset, ExternalRecord.record_id, ExternalRecord.event_id)
        ).all()
    rows = {row.id: row for row in store.list_events()}
    return {(dataset, record): rows[event_id] for dataset, record, event_id in links}


def test_the_samples_import_with_their_people_countries_trips_and_ids(
    store: Store, historian_samples: Path
) -> None:
    summary = import_paths(store, [historian_samples], today=TODAY)

    assert summary.added["events"] == 12
    records = events_by_record(store)
    assert sorted(records) == sorted(
        [("historian:trips", i) for i in ("2670", "4127", "4128", "4129", "3936", "1308", "1788")]
        + [("historian:visits", i) for i in ("2910", "3056", "3288", "2997", "2148")]
    )
    coolidge = records["historian:trips", "2670"]
    assert coolidge.title == "Calvin Coolidge in Havana, Cuba"
    assert coolidge.dates() == "15–17 Jan 1928"
    assert [(p.locality, p.country_code) for p in coolidge.places] == [("Havana", "CU")]
    assert [(a.name, a.role, a.title) for a in coolidge.actors] == [
        ("Calvin Coolidge", Role.VISITOR, "President of the United States")
    ]
    assert coolidge.status is Status.COMPLETED
    detail = store.get_event(coolidge.id)
    assert detail.summary == "Addressed the Sixth International Conference of American States."
    assert detail.sources[0].source.url == (
        "https://history.state.gov/departmenthistory/travels/president/coolidge-calvin"
    )

    powell = records["historian:trips", "1308"]  # <country id="holy-see">Vatican City</country>
    assert [(p.locality, p.country_code) for p in powell.places] == [("", "VA")]
    root = records["historian:trips", "1788"]  # <locale>Newfoundland, Labrador</locale>
    assert [(p.locality, p.country_code) for p in root.places] == [
        ("Newfoundland", "GB"),
        ("Labrador", "GB"),
    ]
    assert root.kind is Kind.OTHER  # "during a vacation trip"

    macron = records["historian:visits", "2910"]
    assert macron.title == "Emmanuel Macron visits the United States"
    assert macron.kind is Kind.STATE_VISIT  # "State Visit."
    assert [(p.locality, p.country_code) for p in macron.places] == [("", "US")]
    assert records["historian:visits", "3288"].kind is Kind.SUMMIT_TALKS  # NATO Summit
    assert records["historian:visits", "2997"].kind is Kind.WORKING_VISIT
    actors = {actor.name: actor for actor in store.actors()}
    assert actors["Emmanuel Macron"].country_code == "FR"
    assert actors["Emmanuel Macron"].title == "President of France"
    assert actors["Lenin Moreno Garcés"].country_code == "EC"  # trailing space trimmed
    assert [alias.name for alias in actors["Porras"].aliases] == ["President-elect Porras"]
    assert actors["Antony John Blinken"].title == "US Secretary of State"

    # The three legs of Blinken's journey (27 Feb - 3 Mar 2023) are one trip; no other trip.
    trips = store.trips()
    assert len(trips) == 1
    assert trips[0].title == (
        "Antony John Blinken in Kazakhstan, Uzbekistan and India, 27 Feb – 3 Mar 2023"
    )
    legs = [records["historian:trips", i] for i in ("4127", "4128", "4129")]
    assert {leg.trip_id for leg in legs} == {trips[0].id}
    assert records["historian:trips", "3936"].trip_id is None


def test_importing_the_samples_again_changes_nothing(store: Store, historian_samples: Path) -> None:
    import_paths(store, [historian_samples], today=TODAY)
    before = row_counts(store)
    versions = {row.id: store.get_event(row.id).version for row in store.list_events()}

    again = import_paths(store, [historian_samples], today=TODAY)

    assert again.added == {}
    assert again.updated == {}
    assert again.skipped["events (unchanged)"] == 12
    assert row_counts(store) == before
    assert {row.id: store.get_event(row.id).version for row in store.list_events()} == versions


def test_into_the_seed_the_travellers_are_known_people_and_blinkens_legs_join_his_trip(
    seeded: Store, historian_samples: Path
) -> None:
    blinken_trip = by_title(seeded, "Blinken in Tashkent").trip_id
    actors_before = len(seeded.actors())

    import_paths(seeded, [historian_samples / "sample-travels.xml"], today=TODAY)

    astana = by_title(seeded, "Antony John Blinken in Astana")
    assert [a.name for a in astana.actors] == ["Antony Blinken"]  # by his alias
    assert astana.kind is Kind.MINISTERIAL_MEETING  # "C5+1 Ministerial"
    assert by_title(seeded, "Antony John Blinken in New Delhi").trip_id == blinken_trip
    assert astana.trip_id == blinken_trip
    assert len(seeded.trips()) == 1
    assert len(seeded.actors()) == actors_before + 4  # Coolidge, Pompeo, Powell, Root


def test_a_changed_record_updates_its_event_and_keeps_what_the_user_added(
    store: Store, historian_samples: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "travels.xml"
    shutil.copy(historian_samples / "sample-travels.xml", copy)
    import_paths(store, [copy], today=TODAY)
    pompeo = by_title(store, "Pompeo")
    data = store.get_event(pompeo.id).to_data()
    store.update_event(pompeo.id, data.__class__(**{**_fields(data), "tags": ("Belarus",)}))

    copy.write_text(
        copy.read_text(encoding="utf-8").replace(
            "Met with President Lukashenka and Foreign Minister Makei.",
            "Met with President Lukashenka.",
        ),
        encoding="utf-8",
    )
    summary = import_paths(store, [copy], today=TODAY)

    assert summary.updated == {"events": 1}
    assert summary.skipped["events (unchanged)"] == 6
    detail = store.get_event(pompeo.id)
    assert detail.summary == "Met with President Lukashenka."
    assert detail.tags == ("Belarus",)
    assert store.count_events() == 7


def _fields(data: object) -> dict[str, object]:
    return {name: getattr(data, name) for name in data.__slots__}  # type: ignore[attr-defined]


def test_the_two_datasets_reuse_ids_without_colliding(store: Store, tmp_path: Path) -> None:
    trips = tmp_path / "trips.xml"
    trips.write_text(
        "<trips><trip role='secretary' who='kerry-john-forbes'><id>42</id><role>secretary</role>"
        "<name>John Forbes Kerry</name><start-date>2015-07-14</start-date>"
        "<end-date>2015-07-14</end-date><country id='austria'>Austria</country>"
        "<locale>Vienna</locale><remarks>Signed the JCPOA.</remarks></trip></trips>",
        encoding="utf-8",
    )
    visits = tmp_path / "visits.xml"
    visits.write_text(
        "<visits><visit><id>42</id><start-date>2015-09-22</start-date>"
        "<end-date>2015-09-25</end-date><visitor>President Xi Jinping</visitor>"
        "<from id='china'>China</from><description>State Visit.</description></visit></visits>",
        encoding="utf-8",
    )
    import_paths(store, [trips, visits], today=TODAY)
    assert sorted(events_by_record(store)) == [
        ("historian:trips", "42"),
        ("historian:visits", "42"),
    ]


def test_a_future_trip_is_confirmed_and_a_running_one_ongoing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "trips.xml"
    path.write_text(
        "<trips>"
        + "".join(
            f"<trip role='secretary' who='x'><id>{i}</id><role>secretary</role><name>X Y</name>"
            f"<start-date>{start}</start-date><end-date>{end}</end-date>"
            "<country id='japan'>Japan</country><locale>Tokyo</locale><remarks/></trip>"
            for i, (start, end) in enumerate(
                [("2026-01-14", "2026-01-16"), ("2026-03-01", "2026-03-02")]
            )
        )
        + "</trips>",
        encoding="utf-8",
    )
    import_paths(store, [path], today=TODAY)
    assert [row.status for row in store.list_events()] == [Status.ONGOING, Status.CONFIRMED]


def test_every_bad_record_is_reported_with_its_line_and_id(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "trips.xml"
    path.write_text(
        "<trips>\n"
        "<trip role='president' who='a'><id>1</id><name>A B</name>\n"
        "<start-date>2023-02-30</start-date><end-date>2023-03-01</end-date>\n"
        "<country id='france'>France</country><locale/><remarks/></trip>\n"
        "<trip role='president' who='a'><id>2</id><name>A B</name>\n"
        "<start-date>2023-03-05</start-date><end-date>2023-03-01</end-date>\n"
        "<country id='atlantis'>Atlantis</country><locale/><remarks/></trip>\n"
        "</trips>\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_paths(store, [path], today=TODAY)
    problems = [str(problem) for problem in caught.value.problems]
    assert problems == [
        f"{path}:2 (trip 1): <start-date>: 30 February 2023 does not exist "
        "(February 2023 has 28 days)",
        f"{path}:5 (trip 2): <end-date> 2023-03-01 is before <start-date> 2023-03-05",
        f'{path}:5 (trip 2): <country id="atlantis">Atlantis</country> is not a known country',
    ]
    assert store.count_events() == 0


def test_a_record_id_given_twice_is_rejected(store: Store, tmp_path: Path) -> None:
    trip = (
        "<trip role='president' who='a'><id>7</id><name>A B</name>"
        "<start-date>2023-03-0{day}</start-date><end-date>2023-03-0{day}</end-date>"
        "<country id='france'>France</country><locale/><remarks/></trip>\n"
    )
    path = tmp_path / "trips.xml"
    path.write_text(f"<trips>\n{trip.format(day=1)}{trip.format(day=5)}</trips>", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_paths(store, [path], today=TODAY)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}:3 (trip 7): record 7 of historian:trips appears more than once in this import"
    ]
    assert store.count_events() == 0


@pytest.mark.parametrize(
    ("text", "office", "name"),
    [
        ("President Emmanuel Macron", "President", "Emmanuel Macron"),
        ("Prime Minister Kishi", "Prime Minister", "Kishi"),
        ("President-elect Porras", "President-elect", "Porras"),
        ("King Abdullah II", "King", "Abdullah II"),
        ("Kofi Annan", "", "Kofi Annan"),
    ],
)
def test_a_visitors_office_is_told_from_their_name(text: str, office: str, name: str) -> None:
    assert split_office(text) == (office, name)


def test_without_a_name_the_traveller_is_named_from_their_key() -> None:
    assert name_from_key("bush-george-h-w") == "George H W Bush"
    assert name_from_key("blinken-antony-j") == "Antony J Blinken"
    assert name_from_key("") == ""
