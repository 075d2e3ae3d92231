"""``timeline-app backups`` and ``timeline-app restore``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.test_read_only import NEW_EVENT
from timeline_app import paths
from timeline_app.cli.main import main
from timeline_app.core import backups
from timeline_app.core.store import Store


def test_no_backups_yet(seeded: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == f"No backups of {db_path} yet."


def test_backups_are_listed_with_number_date_count_and_reason(
    seeded: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = backups.make_backup(db_path, backups.Reason.DAILY, now=datetime(2024, 1, 2, tzinfo=UTC))
    seeded.create_event(NEW_EVENT)
    newer = backups.make_backup(
        db_path, backups.Reason.IMPORT, now=datetime(2024, 1, 3, tzinfo=UTC)
    )
    assert main(["backups", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Backups of {db_path} (newest first), in {backups.folder_for(db_path)}:"
    assert lines[1].split()[0] == "1" and lines[1].endswith(f"before an import  {newer.path.name}")
    assert "14 events" in lines[1]
    assert lines[2].split()[0] == "2" and lines[2].endswith(f"daily  {older.path.name}")
    assert "13 events" in lines[2]
    assert lines[3].startswith("Restore one with: timeline-app restore")


def test_restore_by_number_keeps_the_replaced_version(
    seeded: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups.make_backup(db_path)
    seeded.create_event(NEW_EVENT)
    seeded.close()
    assert main(["restore", "1", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Restored {db_path} from the backup of ")
    assert "The version it replaced was kept as " in out
    with Store.open(db_path) as store:
        assert store.count_events() == 13
    assert [b.event_count for b in backups.list_backups(db_path)] == [14, 13]


def test_restore_a_file_into_a_new_database(
    seeded: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backups.make_backup(db_path)
    target = tmp_path / "copy.sqlite3"
    assert main(["restore", str(backup.path), "--db", str(db_path), "--to", str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"Restored {target} from the backup of ")
    with Store.open(target) as store:
        assert store.count_events() == 13


def test_restore_errors_are_one_clear_line(
    seeded: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["restore", "3", "--db", str(db_path)]) == 2
    assert "there is no backup number 3" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "nothing.sqlite3"), "--db", str(db_path)]) == 2
    assert "no backup file at" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    assert main(["restore", str(junk), "--db", str(db_path)]) == 1
    assert "is not a SQLite database" in capsys.readouterr().err
    assert seeded.count_events() == 13


def test_the_default_database_is_used_without_db(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups"]) == 0
    assert str(paths.default_database()) in capsys.readouterr().out
