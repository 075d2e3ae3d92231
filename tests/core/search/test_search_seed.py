"""Full-text search on the seed timeline: any spelling, any case, any accents, as one types."""

from __future__ import annotations

import pytest

from tests.helpers.seed import by_title
from timeline_app.core.filters import EventFilter
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind


def found(store: Store, text: str) -> set[str]:
    return {row.title for row in store.list_events(EventFilter(text=text))}


LUKASHENKO_EVENTS = {"Lukashenko's state visit to China", "Xi and Lukashenko hold talks"}
BEIJING_EVENTS = {
    "Lukashenko's state visit to China",
    "Xi and Lukashenko hold talks",
    "China publishes a 12-point position paper",
    "Macron's state visit to China",
}


def titles(store: Store, fragments: set[str]) -> set[str]:
    return {by_title(store, fragment).title for fragment in fragments}


def test_every_spelling_of_lukashenko_finds_the_same_events(seeded: Store) -> None:
    spellings = ["Lukashenko", "Loukachenko", "Lukashenka", "lukashenko", "LOUKACHENKO"]
    results = [found(seeded, spelling) for spelling in spellings]
    assert all(result == results[0] for result in results)
    assert titles(seeded, LUKASHENKO_EVENTS) <= results[0]
    # Not everything: the Blinken and Zelensky events do not mention him.
    assert "Xi and Zelensky speak by phone" not in results[0]


def test_pekin_finds_beijing_whatever_the_accents_and_case(seeded: Store) -> None:
    results = [found(seeded, text) for text in ("pekin", "Pékin", "PÉKIN", "Beijing", "peking")]
    assert all(result == results[0] for result in results)
    assert titles(seeded, BEIJING_EVENTS) <= results[0]


def test_an_accented_alias_is_found_without_its_accents(seeded: Store) -> None:
    blinken_astana = by_title(seeded, "C5+1 foreign ministers").title
    assert blinken_astana in found(seeded, "tokaiev")  # alias Tokaïev
    assert blinken_astana in found(seeded, "Tokaïev")
    assert found(seeded, "tokaiev") == found(seeded, "Tokayev")


def test_a_prefix_finds_as_one_types(seeded: Store) -> None:
    lukashenko = titles(seeded, LUKASHENKO_EVENTS)
    for typed in ("Luka", "Lukas", "Lukash", "Lukashen"):
        assert lukashenko <= found(seeded, typed)
    assert found(seeded, "Lukashenkox") == set()


def test_all_words_must_match_in_any_field(seeded: Store) -> None:
    both = found(seeded, "Macron Guangzhou")
    assert both == {"Macron's state visit to China"}
    assert found(seeded, "Macron Tashkent") == set()


def test_place_aliases_and_country_names_in_english_and_french(seeded: Store) -> None:
    macron = "Macron's state visit to China"
    assert macron in found(seeded, "Canton")  # Guangzhou's other name
    assert macron in found(seeded, "Chine")
    assert found(seeded, "Chine") == found(seeded, "China")
    ofac = by_title(seeded, "OFAC").title
    assert ofac in found(seeded, "États-Unis")
    assert ofac in found(seeded, "etats unis")
    assert by_title(seeded, "Zelensky says").title in found(seeded, "Kiev")


def test_sources_outlets_and_tags_are_searched(seeded: Store) -> None:
    assert by_title(seeded, "C5+1 foreign ministers").title in found(seeded, "Astana Times")
    sanctions = found(seeded, "sanctions")
    assert by_title(seeded, "EBRD report").title in sanctions
    assert by_title(seeded, "OFAC").title in sanctions


def test_an_organisation_is_found_by_its_acronym_in_either_language(seeded: Store) -> None:
    ebrd = found(seeded, "EBRD")
    assert ebrd == found(seeded, "BERD")
    assert by_title(seeded, "EBRD report").title in ebrd


def test_search_combines_with_the_other_filters(seeded: Store) -> None:
    rows = seeded.list_events(EventFilter(text="Pékin", kinds=frozenset({Kind.STATE_VISIT})))
    assert {row.title for row in rows} == {
        "Lukashenko's state visit to China",
        "Macron's state visit to China",
    }
    assert seeded.count_events(EventFilter(text="Pékin", kinds=frozenset({Kind.STATE_VISIT}))) == 2
    ids = seeded.event_ids(EventFilter(text="Pékin", kinds=frozenset({Kind.STATE_VISIT})))
    assert ids == [row.id for row in rows]  # time order


@pytest.mark.parametrize("text", ["", "   ", "***", '""', "()", "«»", "\x00\x07"])
def test_text_without_any_word_does_not_filter(seeded: Store, text: str) -> None:
    assert seeded.count_events(EventFilter(text=text)) == 13


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "Lukashenko AND",
        "NEAR(Xi Zelensky, 3)",
        "Xi OR Macron",
        "NOT Macron",
        "((Macron",
        "Macron*",
        "^Macron",
        "title:Macron",
        "{title}:Macron",
        "Macron -China",
        "Mac'ron",
        "a" * 10_000,
        "Macron " * 2_000,
        "\x00Macron\x1b[31m\u202e",
    ],
)
def test_query_syntax_is_searched_as_text(seeded: Store, text: str) -> None:
    # Never an error; operators are ordinary words ("or", "not"... are in no title here).
    rows = seeded.list_events(EventFilter(text=text))
    assert seeded.count_events(EventFilter(text=text)) == len(rows)


def test_operators_do_not_act_as_operators(seeded: Store) -> None:
    # As syntax, "Xi OR Macron" would find both men's events; as text it needs the word "or".
    assert found(seeded, "Xi OR Macron") == found(seeded, "Xi or Macron")
    assert found(seeded, "Xi OR Macron") < found(seeded, "Xi") | found(seeded, "Macron")
    # "Macron*" is the word Macron, as a prefix (the star is a separator).
    assert found(seeded, "Macron*") == found(seeded, "Macron")
    assert found(seeded, "{Macron}") == found(seeded, "(Macron)") == found(seeded, "Macron")
