"""``timeline-app`` from the command line, as a user types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run
from timeline_app import __version__
from timeline_app.cli.main import main
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
    return path


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"timeline-app {__version__}"


def test_list_prints_the_seed_in_time_order(seed_file: Path) -> None:
    result = run("list", "--db", str(seed_file))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["DATES", "KIND", "STATUS", "PLACES", "TITLE"]
    body = lines[1:]
    assert len(body) == 13
    assert body[0].startswith("8–18 Mar 2022")
    assert "Xi and Zelensky speak by phone" in body[-1]
    order = [line.split("  ")[0] for line in body]
    assert order.index("5–7 Apr 2023") > order.index("1–3 Mar 2023")


def test_list_as_json_has_iso_dates_precision_places_and_participants(seed_file: Path) -> None:
    result = run("--db", str(seed_file), "list", "--format", "json", "--from", "April 2023")
    events = json.loads(result.stdout)
    assert [e["title"] for e in events] == [
        "Macron's state visit to China",
        "Xi and Zelensky speak by phone",
    ]
    macron = events[0]
    assert macron["start"] == {
        "date": "2023-04-05",
        "precision": "day",
        "qualifier": "exact",
        "earliest": "2023-04-05",
        "latest": "2023-04-05",
        "text": "5 Apr 2023",
    }
    assert macron["dates"] == "5–7 Apr 2023"
    assert [p["locality"] for p in macron["places"]] == ["Beijing", "Guangzhou"]
    assert {"name": "Xi Jinping", "role": "host", "title": "President of China"} in macron[
        "participants"
    ]


def test_list_filters_and_french_dates(seed_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "list",
                "--db",
                str(seed_file),
                "--actor",
                "Loukachenko",
                "--lang",
                "fr",
                "--to",
                "fin février 2023",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "28 février – 2 mars 2023" in out
    assert "Xi and Lukashenko" not in out  # starts 1 March, after the range


def test_init_creates_a_seeded_or_an_empty_database(tmp_path: Path) -> None:
    seeded = tmp_path / "a.sqlite3"
    empty = tmp_path / "b.sqlite3"
    assert run("init", str(seeded)).returncode == 0
    assert run("init", str(empty), "--empty").returncode == 0
    with Store.open(seeded) as store:
        assert store.count_events() == 13
    with Store.open(empty) as store:
        assert store.count_events() == 0
    again = run("init", str(seeded))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_list_on_the_default_database_creates_and_seeds_it() -> None:
    result = run("list")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 14
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert (data_home / "diplomatic-timeline" / "timeline.sqlite3").is_file()


@pytest.mark.parametrize("kind", ["text", "directory", "missing", "unwritable"])
def test_a_bad_db_path_is_one_line_exit_2_and_untouched(tmp_path: Path, kind: str) -> None:
    if kind == "text":
        target = tmp_path / "notes.txt"
        target.write_text("not a database")
        expected = "is not a SQLite database"
    elif kind == "directory":
        target = tmp_path
        expected = "is a directory"
    elif kind == "missing":
        target = tmp_path / "nope.sqlite3"
        expected = "no database at"
    else:
        target = tmp_path / "no-such-folder" / "t.sqlite3"
        expected = "cannot create"
    before = target.read_bytes() if target.is_file() else None
    command = ("init", str(target)) if kind == "unwritable" else ("list", "--db", str(target))
    result = run(*command)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr
    if before is not None:
        assert target.read_bytes() == before


def test_a_bad_date_option_says_which(seed_file: Path) -> None:
    result = run("list", "--db", str(seed_file), "--from", "2023-02-30")
    assert result.returncode == 2
    assert "--from: 30 February 2023 does not exist" in result.stderr


def test_the_gui_without_a_display_explains_itself(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app.cli.main", "--db", str(tmp_path / "x.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr
