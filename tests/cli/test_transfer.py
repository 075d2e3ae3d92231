"""``timeline-app import`` and ``export`` as a user types them, with their exit statuses."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.db import row_counts
from timeline_app.cli.main import main
from timeline_app.core import backups
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "io" / "samples"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
    return path


def counts(path: Path) -> dict[str, int]:
    with Store.open(path) as store:
        return row_counts(store)


def test_import_a_folder_then_again(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(SAMPLES), "--db", str(db)]) == 0
    [backup] = backups.list_backups(db)
    assert capsys.readouterr().out.splitlines() == [
        "added: 6 actors, 12 events, 5 places, 8 sources",
        "skipped: 1 file(s) of other formats",
        f"The database as it was before the import is kept in {backup.path}",
    ]
    assert main(["import", str(SAMPLES / "sample-visits.xml"), "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["skipped: 5 events (unchanged)"]


def test_a_dry_run_reports_and_writes_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(db)
    assert main(["--db", str(db), "import", "--dry-run", str(SAMPLES)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "would add: 6 actors, 12 events, 5 places, 8 sources"
    assert out[-1] == "dry run: nothing was written"
    assert counts(db) == before


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_importing_into_a_read_only_file_says_so_in_a_line(
    db: Path, capsys: pytest.CaptureFixture[str], dry_run: list[str]
) -> None:
    db.chmod(0o444)
    before = db.read_bytes()
    assert main(["--db", str(db), "import", *dry_run, str(SAMPLES)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("timeline-app: error: ") and "read-only" in line
    assert "nothing was imported" in line
    assert db.read_bytes() == before


def test_a_rejected_import_prints_every_problem_and_exits_1(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "visits.csv"
    bad.write_text("title,start,colour\nA,2023-02-30,red\n", encoding="utf-8")
    truncated = tmp_path / "trips.xml"
    truncated.write_text("<trips><trip><id>1</id>", encoding="utf-8")
    before = counts(db)
    result = run("import", str(bad), str(SAMPLES), str(truncated), "--db", str(db))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "timeline-app: import rejected, nothing was imported (2 problem(s)):"
    assert lines[1].startswith(f"{bad}:1: unknown column 'colour'")
    assert lines[2] == f"{truncated}:1:24: the XML ends too early (is the file truncated?)"
    assert counts(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import"], "the following arguments are required: PATH"),
        (["import", "x.csv", "--format", "xls"], "invalid choice: 'xls'"),
        (["export", "--format", "csv"], "the following arguments are required: --out"),
        (["export", "--out", "x.txt"], "--format: say json, csv or ics"),
        (["export", "--out", "x.csv", "--from", "someday"], "--from: cannot read 'someday'"),
        (["export", "--out", "x.csv", "--db", "missing.sqlite3"], "no database at"),
        (["import", "x.csv", "--db", "missing.sqlite3"], "no database at"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        status = main(args)
    except SystemExit as exit:  # argparse's own usage errors
        status = exit.code
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_export_takes_the_lists_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "april.csv"
    result = run("export", "--db", str(db), "--out", str(out), "--from", "April 2023")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported 2 event(s) to {out}."
    with out.open(encoding="utf-8-sig", newline="") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    assert titles == ["Macron's state visit to China", "Xi and Zelensky speak by phone"]


def test_export_each_format_then_import_into_a_new_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("json", "csv", "ics"):
        out = tmp_path / f"timeline.{fmt}"
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 0
        copy = tmp_path / f"copy-{fmt}.sqlite3"
        assert main(["init", str(copy), "--empty"]) == 0
        assert main(["import", str(out), "--db", str(copy)]) == 0
        with Store.open(copy) as store:
            assert store.count_events() == 13
    capsys.readouterr()


def test_export_replaces_a_file_only_when_complete(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    shutil.copy(SAMPLES / "LICENSE.md", out)
    assert main(["export", "--db", str(db), "--out", str(out), "--kind", "phone_call"]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
