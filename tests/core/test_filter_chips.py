"""The active filters as removable chips, and a filter's JSON form."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.core.filter_chips import describe, filter_chips
from timeline_app.core.filters import EventFilter, FilterFormatError
from timeline_app.core.vocabulary import Kind, Status

FULL = EventFilter(
    text="Pékin",
    date_from=date(2023, 3, 1),
    date_to=date(2023, 4, 30),
    actors=("Xi Jinping", "Loukachenko"),
    countries=("CN",),
    kinds=frozenset({Kind.STATE_VISIT, Kind.PHONE_CALL}),
    statuses=frozenset({Status.COMPLETED}),
    tags=("China",),
    has_sources=True,
)


def test_each_active_value_is_one_chip_in_a_stable_order() -> None:
    labels = [chip.label for chip in filter_chips(FULL)]
    assert labels == [
        "Search: “Pékin”",
        "From 1 Mar 2023",
        "Until 30 Apr 2023",
        "Actor: Xi Jinping",
        "Actor: Loukachenko",
        "Country: China",
        "Kind: State visit",
        "Kind: Phone call",
        "Status: Completed",
        "Tag: China",
        "With sources",
    ]
    # Dates and country names follow the language asked for (labels follow the translator).
    french = [chip.label for chip in filter_chips(FULL, "fr")]
    assert french[1:3] == ["From 1er mars 2023", "Until 30 avril 2023"]
    assert french[5] == "Country: Chine"


def test_removing_a_chip_removes_only_its_value() -> None:
    chips = {chip.label: chip for chip in filter_chips(FULL)}
    without_xi = chips["Actor: Xi Jinping"].remove_from(FULL)
    assert without_xi.actors == ("Loukachenko",)
    assert without_xi.kinds == FULL.kinds
    without_call = chips["Kind: Phone call"].remove_from(FULL)
    assert without_call.kinds == frozenset({Kind.STATE_VISIT})
    assert chips["Search: “Pékin”"].remove_from(FULL).text == ""
    assert chips["From 1 Mar 2023"].remove_from(FULL).date_from is None
    assert chips["With sources"].remove_from(FULL).has_sources is None
    emptied = FULL
    for chip in filter_chips(FULL):
        emptied = chip.remove_from(emptied)
    assert emptied.is_empty


def test_a_hostile_search_text_makes_a_short_one_line_label() -> None:
    [chip] = filter_chips(EventFilter(text="line one\nline\x00two " + "x" * 100))
    assert "\n" not in chip.label and "\x00" not in chip.label
    assert len(chip.label) < 60 and chip.label.endswith("…”")


def test_describe_is_one_line_for_printed_headers() -> None:
    assert describe(EventFilter()) == ""
    assert describe(EventFilter(tags=("sanctions",), has_sources=False)) == (
        "Tag: sanctions · Without sources"
    )


def test_a_filter_round_trips_through_json() -> None:
    assert EventFilter.from_json(FULL.to_json()) == FULL
    assert EventFilter().to_json() == {}
    assert EventFilter.from_json({}) == EventFilter()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be a JSON object"),
        ({"colour": "red"}, "unknown filter field: colour"),
        ({"kinds": ["picnic"]}, "kinds: unknown value 'picnic'"),
        ({"date_from": "March"}, "date_from: 'March' is not a day"),
        ({"date_to": 2023}, "date_to: '2023' is not a day"),
        ({"actors": "Xi"}, "actors: expected a list of strings"),
        ({"has_sources": "yes"}, "has_sources: expected true, false or null"),
        ({"text": 3}, "text: expected a string"),
    ],
)
def test_a_bad_stored_filter_is_refused_naming_the_field(data: object, message: str) -> None:
    with pytest.raises(FilterFormatError, match=message):
        EventFilter.from_json(data)
