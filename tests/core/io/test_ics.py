"""iCalendar: all-day entries that calendars show right, update in place, and import back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from icalendar import Calendar

from tests.helpers.db import row_counts
from tests.helpers.seed import by_title
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.io.exporting import export_events
from timeline_app.core.io.formats import Format
from timeline_app.core.io.importing import import_paths
from timeline_app.core.records import EventData, Participant
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status

VOLATILE = {"DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE"}


def vevents(path: Path) -> dict[str, Any]:
    """The calendar's entries by title."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def comparable(path: Path) -> list[list[tuple[str, bytes]]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return sorted(
        sorted((name, value.to_ical()) for name, value in event.items() if name not in VOLATILE)
        for event in calendar.walk("VEVENT")
    )


def test_events_are_all_day_entries_with_the_exclusive_end_calendars_expect(
    seeded: Store, tmp_path: Path
) -> None:
    path = tmp_path / "seed.ics"
    assert export_events(seeded, path, Format.ICS) == 13
    entries = vevents(path)
    macron = entries["Macron's state visit to China"]  # 5-7 April 2023
    assert macron.decoded("DTSTART") == date(2023, 4, 5)
    assert macron.decoded("DTEND") == date(2023, 4, 8)
    assert macron["DTSTART"].params["VALUE"] == "DATE"
    assert str(macron["LOCATION"]) == "Beijing, China; Guangzhou, China"
    assert str(macron["STATUS"]) == "CONFIRMED"
    assert str(macron["TRANSP"]) == "TRANSPARENT"
    assert str(macron["URL"]).startswith("https://")
    assert (
        str(macron["DESCRIPTION"]) == seeded.get_event(by_title(seeded, "Macron's st").id).summary
    )
    assert "Emmanuel Macron (visitor)" in str(macron["X-DT-PARTICIPANTS"])
    one_day = entries["Xi and Zelensky speak by phone"]
    assert (one_day.decoded("DTSTART"), one_day.decoded("DTEND")) == (
        date(2023, 4, 26),
        date(2023, 4, 27),
    )


def test_uncertain_dates_cover_their_possible_days_and_statuses_map(
    store: Store, tmp_path: Path
) -> None:
    store.create_event(
        EventData(
            "Planned trip",
            Kind.OFFICIAL_VISIT,
            Status.PLANNED,
            UncertainDate(2027, 4, None, Qualifier.EARLY),
        )
    )
    store.create_event(
        EventData("Called off", Kind.SUMMIT_TALKS, Status.CANCELLED, UncertainDate(2027, 5, 2))
    )
    path = tmp_path / "out.ics"
    export_events(store, path, Format.ICS)
    entries = vevents(path)
    planned = entries["Planned trip"]
    assert planned.decoded("DTSTART") == date(2027, 4, 1)
    assert planned.decoded("DTEND") == date(2027, 4, 11)  # "early April": the 1st to the 10th
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert str(entries["Called off"]["STATUS"]) == "CANCELLED"


def test_uids_are_stable_so_a_new_export_updates_calendars(seeded: Store, tmp_path: Path) -> None:
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    export_events(seeded, first, Format.ICS)
    row = by_title(seeded, "Macron's state visit to China")
    detail = seeded.get_event(row.id)
    seeded.update_event(row.id, replace(detail.to_data(), title="Macron in China"))
    export_events(seeded, second, Format.ICS)

    before, after = vevents(first), vevents(second)
    assert {str(e["UID"]) for e in before.values()} == {str(e["UID"]) for e in after.values()}
    old, new = before["Macron's state visit to China"], after["Macron in China"]
    assert str(old["UID"]) == str(new["UID"])
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert len({str(e["UID"]) for e in before.values()}) == 13


def test_the_seed_goes_out_as_ics_and_comes_back_the_same(seeded: Store, tmp_path: Path) -> None:
    exported = tmp_path / "seed.ics"
    export_events(seeded, exported, Format.ICS)
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        assert import_paths(copy, [exported]).added["events"] == 13
        again = tmp_path / "again.ics"
        export_events(copy, again, Format.ICS)
        # Same UIDs, dates (with precision and qualifier), places, people, tags, sources, trip.
        assert comparable(again) == comparable(exported)
        announcement = by_title(copy, "Macron announces he will go to China")
        original = by_title(seeded, "Macron announces he will go to China")
        assert (announcement.kind, announcement.status) == (original.kind, original.status)
        assert copy.get_event(announcement.id).tags == seeded.get_event(original.id).tags
        before = row_counts(copy)
        assert import_paths(copy, [again]).skipped == {"events (unchanged)": 13}
        assert row_counts(copy) == before


def test_a_calendar_from_elsewhere(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "agenda.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:abc-1@example.org\r\nDTSTAMP:20230101T000000Z\r\n"
        b"DTSTART;TZID=Europe/Paris:20230228T210000\r\n"
        b"DTEND;TZID=Europe/Paris:20230301T090000\r\n"
        b"SUMMARY:State visit of the King\r\nLOCATION:Elysee Palace\\, Paris\r\n"
        b"STATUS:CONFIRMED\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:abc-2@example.org\r\nDTSTAMP:20230101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20230306\r\nDTEND;VALUE=DATE:20230308\r\n"
        b"SUMMARY:G20 summit\r\nLOCATION:New Delhi\\, India\r\nSTATUS:TENTATIVE\r\n"
        b"CATEGORIES:G20,India\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:abc-3@example.org\r\nDTSTAMP:20230101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20230101\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Staff meeting\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    summary = import_paths(store, [path])
    assert summary.added["events"] == 2
    assert summary.skipped == {"events (recurring)": 1}
    state, summit = store.list_events()
    assert state.dates() == "28 Feb – 1 Mar 2023"
    assert state.kind is Kind.STATE_VISIT
    assert state.places == ()
    assert store.get_event(state.id).summary == "Location: Elysee Palace, Paris"
    assert summit.dates() == "6–7 Mar 2023"
    assert summit.status is Status.PLANNED
    assert summit.kind is Kind.SUMMIT_TALKS
    assert [(p.locality, p.country_code) for p in summit.places] == [("New Delhi", "IN")]
    assert store.get_event(summit.id).tags == ("G20", "India")
    assert import_paths(store, [path]).skipped["events (unchanged)"] == 2


def test_importing_ones_own_calendar_back_updates_instead_of_duplicating(
    seeded: Store, tmp_path: Path
) -> None:
    path = tmp_path / "seed.ics"
    export_events(seeded, path, Format.ICS)
    before = row_counts(seeded)
    assert import_paths(seeded, [path]).skipped == {"events (unchanged)": 13}
    assert row_counts(seeded) == before

    # Moved in a calendar application: the entry's new dates come back to its event.
    text = path.read_text(encoding="utf-8")
    text = text.replace("X-DT-START:2023-04-26", "X-DT-START:2023-04-27")
    path.write_text(text, encoding="utf-8")
    summary = import_paths(seeded, [path])
    assert summary.updated == {"events": 1}
    assert by_title(seeded, "Xi and Zelensky speak by phone").dates() == "27 Apr 2023"
    assert seeded.count_events() == 13


def test_importing_a_calendar_again_keeps_what_the_user_added(
    seeded: Store, tmp_path: Path
) -> None:
    path = tmp_path / "agenda.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:talks@example.org\r\nDTSTAMP:20230101T000000Z\r\n"
        b"DTSTART;VALUE=DATE:20230310\r\nSUMMARY:Talks in Geneva\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    import_paths(seeded, [path])
    row = by_title(seeded, "Talks in Geneva")
    blinken = next(a for a in seeded.actors() if a.name == "Antony Blinken")
    data = seeded.get_event(row.id).to_data()
    seeded.update_event(
        row.id,
        replace(data, summary="Notes.", participants=(Participant(blinken.id, Role.VISITOR),)),
    )
    assert import_paths(seeded, [path]).skipped == {"events (unchanged)": 1}
    detail = seeded.get_event(row.id)
    assert detail.summary == "Notes."
    assert [p.name for p in detail.participants] == ["Antony Blinken"]
