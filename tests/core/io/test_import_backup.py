"""An import that changes the database backs it up first: the copy holds it as it was before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.db import row_counts
from timeline_app.cli.main import main
from timeline_app.core import backups
from timeline_app.core.backups import BackupError
from timeline_app.core.io.importing import import_paths
from timeline_app.core.io.problems import ImportRejected
from timeline_app.core.store import Store


def refuse_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every backup fails, as on a full disk."""

    def fail(*_args: object, **_kwargs: object) -> backups.BackupInfo:
        raise BackupError("cannot write the backup: No space left on device")

    monkeypatch.setattr(backups, "make_backup", fail)


def test_an_import_is_preceded_by_a_backup_of_the_database_as_it_was(
    seeded: Store, db_path: Path, historian_samples: Path
) -> None:
    summary = import_paths(seeded, [historian_samples])

    [backup] = backups.list_backups(db_path)
    assert backup.reason is backups.Reason.IMPORT
    assert backup.event_count == 13  # the seed alone: taken before the import was committed
    assert summary.backup == backup.path
    assert seeded.count_events() == 13 + summary.added["events"]


def test_a_refused_import_or_a_dry_run_makes_no_backup(
    seeded: Store, db_path: Path, historian_samples: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,start\nA visit,not a date\n", encoding="utf-8")
    with pytest.raises(ImportRejected):
        import_paths(seeded, [historian_samples, bad])
    summary = import_paths(seeded, [historian_samples], dry_run=True)
    assert summary.backup is None
    assert backups.list_backups(db_path) == []  # older backups are not rotated away for nothing


def test_when_no_backup_can_be_made_nothing_is_imported_unless_asked(
    seeded: Store, historian_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = row_counts(seeded)
    refuse_backups(monkeypatch)
    with pytest.raises(BackupError, match="No space left on device"):
        import_paths(seeded, [historian_samples])
    assert row_counts(seeded) == before

    summary = import_paths(seeded, [historian_samples], backup=False)
    assert summary.backup is None
    assert seeded.count_events() > 13


def test_the_command_says_where_the_backup_is(
    seeded: Store, db_path: Path, historian_samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded.close()
    assert main(["import", "--db", str(db_path), str(historian_samples)]) == 0
    [backup] = backups.list_backups(db_path)
    assert f"before the import is kept in {backup.path}" in capsys.readouterr().out


def test_the_command_refuses_to_import_without_a_backup_unless_told(
    seeded: Store,
    db_path: Path,
    historian_samples: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = row_counts(seeded)
    seeded.close()
    refuse_backups(monkeypatch)
    assert main(["import", "--db", str(db_path), str(historian_samples)]) == 1
    error = capsys.readouterr().err
    assert "no backup of the database could be made before the import" in error
    assert "No space left on device" in error
    assert "nothing was imported" in error and "--no-backup" in error
    with Store.open(db_path) as store:
        assert row_counts(store) == before

    assert main(["import", "--db", str(db_path), "--no-backup", str(historian_samples)]) == 0
    with Store.open(db_path) as store:
        assert store.count_events() > 13
