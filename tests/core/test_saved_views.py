"""Saved views: kept in the timeline file, listed by name, renamed, deleted, restored whole."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline_app.core.filters import EventFilter
from timeline_app.core.store import NotFoundError, Store, ValidationError
from timeline_app.core.views import SavedView, ViewFormatError
from timeline_app.core.vocabulary import Kind, Status

ASIA = SavedView(
    name="Central Asia, spring 2023",
    filter=EventFilter(
        text="Blinken",
        date_from=date(2023, 2, 1),
        countries=("KZ", "UZ"),
        kinds=frozenset({Kind.OFFICIAL_VISIT}),
        statuses=frozenset({Status.COMPLETED}),
        has_sources=True,
    ),
    lanes="country",
    zoom={"start": "2023-02-01", "end": "2023-04-30", "px_per_day": 12.5},
)


def test_a_view_round_trips_through_json() -> None:
    assert SavedView.loads(ASIA.dumps()) == ASIA
    assert SavedView.from_json(json.loads(ASIA.dumps())) == ASIA
    assert SavedView.loads(SavedView("All").dumps()) == SavedView("All")


def test_a_saved_view_survives_closing_the_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_view(ASIA)
    with Store.open(db_path) as store:
        assert store.saved_views() == [ASIA]
        assert store.saved_view("central asia, SPRING 2023") == ASIA


def test_views_are_listed_by_name_renamed_and_deleted(store: Store) -> None:
    heard: list[set[str]] = []
    store.subscribe(lambda changes: heard.append(changes.tables))
    store.save_view(SavedView("zelensky", EventFilter(actors=("Zelensky",))))
    store.save_view(ASIA)
    store.save_view(SavedView("Beijing", EventFilter(text="Pékin")))
    assert [v.name for v in store.saved_views()] == [
        "Beijing",
        "Central Asia, spring 2023",
        "zelensky",
    ]
    store.rename_view("zelensky", "Zelensky calls")
    assert store.saved_view("Zelensky calls").filter.actors == ("Zelensky",)
    store.rename_view("beijing", "BEIJING")  # a change of case is a rename
    store.delete_view("Central Asia, spring 2023")
    assert [v.name for v in store.saved_views()] == ["BEIJING", "Zelensky calls"]
    assert all(tables == {"saved_view"} for tables in heard) and len(heard) == 6


def test_a_name_taken_in_any_case_is_refused_unless_overwriting(store: Store) -> None:
    store.save_view(ASIA)
    other = SavedView("CENTRAL ASIA, SPRING 2023", EventFilter(tags=("C5+1",)))
    with pytest.raises(ValidationError) as caught:
        store.save_view(other)
    assert caught.value.for_field("name") == [
        "a view named 'Central Asia, spring 2023' already exists"
    ]
    assert store.saved_views() == [ASIA]
    store.save_view(other, overwrite=True)
    assert store.saved_views() == [other]
    store.save_view(SavedView("Other"))
    with pytest.raises(ValidationError, match="already exists"):
        store.rename_view("Other", "central asia, spring 2023")


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_view_needs_a_sensible_name(store: Store, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.save_view(SavedView(name))
    assert caught.value.for_field("name")
    assert store.saved_views() == []


def test_a_zoom_that_is_not_json_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.save_view(SavedView("Bad", zoom={"at": object()}))
    assert caught.value.for_field("zoom")
    assert store.saved_views() == []


def test_missing_views_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.saved_view("nope")
    with pytest.raises(NotFoundError):
        store.rename_view("nope", "yes")
    with pytest.raises(NotFoundError):
        store.delete_view("nope")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[]", "must be a JSON object"),
        ('{"name": ""}', "needs a name"),
        ('{"name": "x", "lanes": 3}', "lanes: expected a string"),
        ('{"name": "x", "zoom": []}', "zoom: expected a JSON object"),
        ('{"name": "x", "filter": {"kinds": ["nope"]}}', "filter: kinds: unknown value"),
    ],
)
def test_a_bad_view_is_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(ViewFormatError, match=message):
        SavedView.loads(text)
