"""Whatever is typed, search never fails; and an event is found by the words of its title."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.filters import EventFilter
from timeline_app.core.search.text import (
    MAX_TOKENS,
    highlight_spans,
    match_expression,
    search_tokens,
)
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store

SYNTAX = ['"', "*", "(", ")", "NEAR", "AND", "OR", "NOT", "^", ":", "-", "+", "{", "}", ",", "'"]
WORDS = ["Macron", "Pékin", "Lukashenko", "Xi", "ß", "İ", "ǅ", "Ⅻ", "٣", "𝔘", "e\u0301"]

typed = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),  # control characters too
    st.text(alphabet=st.characters(exclude_categories=())),  # lone surrogates too
    st.lists(
        st.one_of(st.sampled_from(SYNTAX + WORDS), st.text(alphabet=string.punctuation + " \t\n")),
        max_size=30,
    ).map(" ".join),
    st.lists(st.sampled_from(SYNTAX + WORDS)).map("".join),
)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("search") / "seed.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
        yield store


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed)
def test_any_typed_text_is_searched_without_an_error(seed_store: Store, text: str) -> None:
    rows = seed_store.list_events(EventFilter(text=text))
    assert seed_store.count_events(EventFilter(text=text)) == len(rows)
    if search_tokens(text):  # the ids that mark matches are the events the search keeps
        assert seed_store.search_ids(text) == {row.id for row in rows}
    else:
        assert seed_store.search_ids(text) == set()
    assert len(search_tokens(text)) <= MAX_TOKENS
    for title in {row.title for row in rows}:
        highlight_spans(text, title)


@settings(max_examples=300, deadline=None)
@given(typed)
def test_the_match_expression_quotes_every_token(text: str) -> None:
    expression = match_expression(text)
    tokens = search_tokens(text)
    if not tokens:
        assert expression is None
    else:
        assert expression == " AND ".join(f'"{token}"*' for token in tokens)
        assert all(token.isalnum() for token in tokens)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_an_event_is_found_by_the_start_of_any_word_of_its_title(
    seed_store: Store, data: st.DataObject
) -> None:
    rows = seed_store.list_events()
    row = data.draw(st.sampled_from(rows))
    words = search_tokens(row.title)
    word = data.draw(st.sampled_from(words))
    prefix = word[: data.draw(st.integers(1, len(word)))]
    assert row.id in seed_store.event_ids(EventFilter(text=prefix))
    assert row.id in seed_store.event_ids(EventFilter(text=row.title.upper()))


def test_highlight_spans_mark_the_matching_words_in_the_original_text() -> None:
    text = "Loukachenko en visite à Pékin"
    spans = highlight_spans("pek louk", text)
    assert [text[a:b] for a, b in spans] == ["Loukachenko", "Pékin"]
    decomposed = "Visite à Pe\u0301kin"
    [(a, b)] = highlight_spans("PEKIN", decomposed)
    assert decomposed[a:b] == "Pe\u0301kin"
    assert highlight_spans('"', text) == []


def test_highlighting_follows_the_other_spellings_of_a_name(seed_store: Store) -> None:
    title = "Lukashenko's state visit to China"
    spans = highlight_spans("Loukachenko", title, seed_store.name_synonyms())
    assert [title[a:b] for a, b in spans] == ["Lukashenko"]
    assert highlight_spans("Loukachenko", title) == []  # without the synonyms: no match
    spans = highlight_spans("Chine", title, seed_store.name_synonyms())
    assert [title[a:b] for a, b in spans] == ["China"]
