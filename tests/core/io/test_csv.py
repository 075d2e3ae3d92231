"""CSV: one row per event, for spreadsheets; the seed goes out and comes back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.helpers.db import row_counts
from tests.helpers.seed import by_title
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.io.csv_format import COLUMNS
from timeline_app.core.io.exporting import export_events
from timeline_app.core.io.formats import Format
from timeline_app.core.io.importing import import_paths
from timeline_app.core.io.incoming import date_text, parse_place, place_text
from timeline_app.core.io.problems import ImportRejected
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_seed_goes_out_as_csv_and_comes_back_the_same(
    seeded: Store, store_factory_path: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "seed.csv"
    assert export_events(seeded, exported, Format.CSV) == 13
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8

    with Store.open(store_factory_path) as copy:
        summary = import_paths(copy, [exported])
        assert summary.added["events"] == 13
        again = tmp_path / "again.csv"
        export_events(copy, again, Format.CSV)

    def without_ids(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{k: v for k, v in row.items() if k != "id"} for row in rows]

    first, second = read_rows(exported), read_rows(again)
    assert without_ids(second) == without_ids(first)
    macron = next(row for row in first if row["title"] == "Macron's state visit to China")
    assert macron["start"] == "2023-04-05"
    assert macron["end"] == "2023-04-07"
    assert macron["places"] == "Beijing, China; Guangzhou, China"
    assert "Emmanuel Macron (visitor); Xi Jinping (host)" in macron["participants"]
    assert list(first[0]) == list(COLUMNS)


@pytest.fixture
def store_factory_path(tmp_path: Path) -> Path:
    return tmp_path / "copy.sqlite3"


def test_multi_valued_cells_and_people_known_by_an_alias(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    path.write_text(
        "Title;Kind;Status;Start;End;Places;Participants;Tags;Sources;Trip\n"
        "Blinken back in Astana;Official visit;Planned;early April 2026;;Astana, KZ;"
        '"Tony Blinken (visitor); Kassym-Jomart Tokayev (host); Jane Doe";'
        '"Central Asia; C5+1";"https://example.org/a; https://example.org/b";Spring tour\n',
        encoding="utf-8",
    )
    summary = import_paths(seeded, [path])
    assert summary.added == {"actors": 1, "events": 1, "sources": 2, "trips": 1}
    row = by_title(seeded, "Blinken back in Astana")
    assert row.kind is Kind.OFFICIAL_VISIT
    assert row.status is Status.PLANNED
    assert row.start == UncertainDate(2026, 4, None, Qualifier.EARLY)
    assert [(a.name, a.role) for a in row.actors] == [
        ("Antony Blinken", Role.VISITOR),
        ("Kassym-Jomart Tokayev", Role.HOST),
        ("Jane Doe", Role.PARTICIPANT),
    ]
    detail = seeded.get_event(row.id)
    assert detail.tags == ("C5+1", "Central Asia")
    assert [ref.source.url for ref in detail.sources] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert detail.trip is not None and detail.trip.title == "Spring tour"
    assert [(p.locality, p.country_code) for p in row.places] == [("Astana", "KZ")]


def test_rows_with_an_id_update_their_events_when_imported_again(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "my visits.csv"
    path.write_text(
        "id,title,start,kind\n1,First visit,2023-01-05,state_visit\n2,Second visit,2023-02,other\n",
        encoding="utf-8",
    )
    import_paths(store, [path])
    before = row_counts(store)
    assert import_paths(store, [path]).skipped == {"events (unchanged)": 2}
    assert row_counts(store) == before

    path.write_text(
        "id,title,start,kind\n1,First visit,2023-01-06,state_visit\n2,Second visit,2023-02,other\n"
        "3,Third visit,2023-03,other\n",
        encoding="utf-8",
    )
    summary = import_paths(store, [path])
    assert summary.added == {"events": 1}
    assert summary.updated == {"events": 1}
    assert [row.start.iso for row in store.list_events()] == ["2023-01-06", "2023-02", "2023-03"]


def test_a_row_that_cannot_be_read_names_its_line_and_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    path.write_text(
        'title,start,participants,sources\nA,2023,"Xi Jinping (guest)",ftp://example.org\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_paths(store, [path])
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2: participants: 'guest' is not one of: visitor, host, participant, author; "
        "sources: 'ftp://example.org' is not a web address (it must start with http:// or "
        "https://)"
    ]


def test_export_takes_the_same_filter_as_the_list(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "china.csv"
    flt = EventFilter(countries=("CN",), kinds=frozenset({Kind.STATE_VISIT}))
    assert export_events(seeded, path, Format.CSV, flt) == 2
    assert [row["title"] for row in read_rows(path)] == [
        "Lukashenko's state visit to China",
        "Macron's state visit to China",
    ]


@pytest.mark.parametrize(
    "value",
    [
        UncertainDate(2023, 2, 28),
        UncertainDate(2023, 4, None, Qualifier.EARLY),
        UncertainDate(2023, 4, None, Qualifier.MID),
        UncertainDate(2023, None, None, Qualifier.LATE),
        UncertainDate(1995, None, None, Qualifier.ABOUT),
        UncertainDate(2023, 3, None, Qualifier.BEFORE),
        UncertainDate(2023, 3, 1, Qualifier.AFTER),
        UncertainDate(2023, 3, 1, Qualifier.ABOUT),
    ],
)
def test_dates_are_written_so_that_they_read_back_exactly(
    store: Store, tmp_path: Path, value: UncertainDate
) -> None:
    store.create_event(EventData("Dated", Kind.OTHER, Status.COMPLETED, value))
    path = tmp_path / "dated.csv"
    export_events(store, path, Format.CSV)
    assert read_rows(path)[0]["start"] == date_text(value)
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        import_paths(copy, [path])
        assert copy.list_events()[0].start == value


def test_every_country_is_written_so_that_it_reads_back() -> None:
    from timeline_app.core import countries

    for code in countries.all_countries():
        assert parse_place(place_text("Town", code)).country_code == code
        assert parse_place(place_text("", code)).country_code == code
