"""``timeline-app list --search ...`` shows exactly what the store's filter keeps."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline_app.cli.main import main
from timeline_app.core.filters import EventFilter
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "seed.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
    return path


CASES = [
    (["--search", "Pékin"], EventFilter(text="Pékin")),
    (["--search", "loukachenko"], EventFilter(text="loukachenko")),
    (["--search", 'NEAR("Xi" AND'], EventFilter(text='NEAR("Xi" AND')),
    (
        ["--search", "chine", "--kind", "state_visit", "--status", "completed"],
        EventFilter(
            text="chine",
            kinds=frozenset({Kind.STATE_VISIT}),
            statuses=frozenset({Status.COMPLETED}),
        ),
    ),
    (
        ["--search", "Blinken", "--from", "March 2023", "--country", "Inde"],
        EventFilter(text="Blinken", date_from=date(2023, 3, 1), countries=("IN",)),
    ),
    (
        ["--search", "sanctions", "--without-sources"],
        EventFilter(text="sanctions", has_sources=False),
    ),
    (["--tag", "China", "--with-sources"], EventFilter(tags=("China",), has_sources=True)),
    (["--actor", "Lukashenka", "--search", "Xi"], EventFilter(actors=("Lukashenka",), text="Xi")),
]


#: The cases whose answer on the seed is no event at all (every seed event has a source).
NOTHING = {"--without-sources", 'NEAR("Xi" AND'}


@pytest.mark.parametrize(("options", "flt"), CASES)
def test_list_shows_what_the_store_filter_keeps(
    seed_file: Path, options: list[str], flt: EventFilter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--db", str(seed_file), "--format", "json", *options]) == 0
    listed = [event["id"] for event in json.loads(capsys.readouterr().out)]
    with Store.open(seed_file) as store:
        assert listed == [row.id for row in store.list_events(flt)]
        assert len(listed) == store.count_events(flt)
    assert bool(listed) != bool(NOTHING & set(options))


def test_with_and_without_sources_cannot_be_combined(
    seed_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["list", "--db", str(seed_file), "--with-sources", "--without-sources"])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
