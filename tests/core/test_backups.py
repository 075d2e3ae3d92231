"""Automatic backups: consistent rotating copies, listed with dates and counts, and restored."""

from __future__ import annotations

import logging
import random
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.core.test_migrations import make_database_at
from tests.core.test_read_only import NEW_EVENT, make_read_only
from timeline_app import paths
from timeline_app.core import backups, database, restore
from timeline_app.core.backups import BackupError, Reason
from timeline_app.core.database import DamagedDatabaseError
from timeline_app.core.store import Store

DAY_ONE = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def titles(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return sorted(row[0] for row in connection.execute("SELECT title FROM event"))


# -- making and listing -----------------------------------------------------------------------


def test_a_backup_is_a_complete_single_file_in_the_user_data_folder(
    seeded: Store, db_path: Path
) -> None:
    info = backups.make_backup(db_path, Reason.MANUAL, now=DAY_ONE)

    assert info.path.parent == backups.folder_for(db_path)
    assert info.path.is_relative_to(paths.user_data_dir() / "backups")
    assert (info.created, info.reason, info.event_count) == (DAY_ONE, Reason.MANUAL, 13)
    assert titles(info.path) == titles(db_path)
    with closing(sqlite3.connect(info.path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(p.name for p in info.path.parent.iterdir()) == sorted(
        [info.path.name, backups.SOURCE_NOTE]
    )
    assert (info.path.parent / backups.SOURCE_NOTE).read_text().strip() == str(db_path)


def test_two_databases_with_the_same_name_keep_separate_backups(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "timeline.sqlite3", tmp_path / "b" / "timeline.sqlite3"
    for path in (first, second):
        path.parent.mkdir()
        Store.open(path).close()
    backups.make_backup(first)
    assert backups.folder_for(first) != backups.folder_for(second)
    assert len(backups.list_backups(first)) == 1
    assert backups.list_backups(second) == []


def test_a_backup_holds_only_committed_data_while_another_program_writes(
    seeded: Store, db_path: Path
) -> None:
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM event")
        info = backups.make_backup(db_path)  # does not wait for, nor see, the open transaction
        other.execute("ROLLBACK")
    assert info.event_count == 13


def test_backups_are_listed_newest_first_with_dates_counts_and_reasons(
    seeded: Store, db_path: Path
) -> None:
    backups.make_backup(db_path, Reason.DAILY, now=DAY_ONE)
    seeded.create_event(NEW_EVENT)
    backups.make_backup(db_path, Reason.IMPORT, now=DAY_ONE + timedelta(hours=2))

    listed = backups.list_backups(db_path)

    assert [(b.created, b.reason, b.event_count) for b in listed] == [
        (DAY_ONE + timedelta(hours=2), Reason.IMPORT, 14),
        (DAY_ONE, Reason.DAILY, 13),
    ]
    assert listed[0].describe().endswith(", 14 events (before an import)")
    assert backups.latest_backup(db_path) == listed[0]


def test_only_the_most_recent_backups_are_kept_but_damaged_copies_stay(
    seeded: Store, db_path: Path
) -> None:
    damaged = backups.preserve_copy(db_path, now=DAY_ONE - timedelta(days=30))
    made = [
        backups.make_backup(db_path, Reason.DAILY, keep=3, now=DAY_ONE + timedelta(days=n))
        for n in range(5)
    ]
    listed = backups.list_backups(db_path)
    assert [b.path for b in listed] == [b.path for b in reversed(made[2:])] + [damaged]
    assert not made[0].path.exists() and not made[1].path.exists()


def test_a_half_written_backup_is_never_listed(seeded: Store, db_path: Path) -> None:
    info = backups.make_backup(db_path, now=DAY_ONE)
    partial = info.path.with_name(info.path.name.replace("20240301", "20240302") + backups.PARTIAL)
    partial.write_bytes(b"SQLite format 3\x00 cut short")
    assert [b.path for b in backups.list_backups(db_path)] == [info.path]


def test_a_backup_that_cannot_be_written_says_why(
    seeded: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    monkeypatch.setattr(backups.paths, "user_data_dir", lambda: blocker)
    with pytest.raises(BackupError, match="cannot create the backup folder"):
        backups.make_backup(db_path)


# -- when -------------------------------------------------------------------------------------


def test_a_daily_backup_at_most_once_a_day_while_editing(seeded: Store, db_path: Path) -> None:
    first = backups.after_write(seeded, now=DAY_ONE)
    assert first is not None and first.reason is Reason.DAILY
    assert backups.after_write(seeded, now=DAY_ONE + timedelta(hours=23)) is None
    second = backups.after_write(seeded, now=DAY_ONE + timedelta(hours=24))
    assert second is not None
    assert len(backups.list_backups(db_path)) == 2


def test_any_recent_backup_counts_as_today_s(seeded: Store, db_path: Path) -> None:
    backups.make_backup(db_path, Reason.IMPORT, now=DAY_ONE)
    assert backups.after_write(seeded, now=DAY_ONE + timedelta(hours=5)) is None


def test_a_failing_daily_backup_is_logged_not_raised(
    seeded: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(*_args: object, **_kwargs: object) -> backups.BackupInfo:
        raise BackupError("disk full")

    monkeypatch.setattr(backups, "make_backup", fail)
    with caplog.at_level(logging.WARNING, logger="timeline_app.core.backups"):
        assert backups.after_write(seeded) is None
    assert "daily backup of" in caplog.text and "disk full" in caplog.text


def test_before_import_copies_the_state_before_the_import(seeded: Store, db_path: Path) -> None:
    info = backups.before_import(seeded)
    seeded.create_event(NEW_EVENT)
    assert info is not None and (info.reason, info.event_count) == (Reason.IMPORT, 13)


def test_no_automatic_backup_of_a_read_only_or_in_memory_store(
    seeded: Store, db_path: Path
) -> None:
    seeded.close()
    make_read_only(db_path)
    with Store.open(db_path) as viewer:
        assert backups.before_import(viewer) is None
        assert backups.after_write(viewer) is None
    with Store.open("sqlite://") as memory:
        assert backups.before_import(memory) is None
    assert backups.list_backups(db_path) == []


def test_an_upgrade_is_preceded_by_a_backup_in_the_same_place(db_path: Path) -> None:
    make_database_at(db_path, "0001")
    Store.open(db_path).close()
    [info] = backups.list_backups(db_path)
    assert info.reason is Reason.UPGRADE
    with closing(sqlite3.connect(info.path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


# -- restoring --------------------------------------------------------------------------------


def test_restore_in_place_keeps_the_current_version_and_reaches_open_stores(
    seeded: Store, db_path: Path
) -> None:
    backup = backups.make_backup(db_path, now=DAY_ONE)
    backup_bytes = backup.path.read_bytes()
    seeded.create_event(NEW_EVENT)
    seeded.changed_externally()

    result = restore.restore(backup.path, db_path)

    assert result.restored.path == backup.path
    assert result.previous is not None
    kept = backups.read_backup(result.previous)
    assert (kept.reason, kept.event_count) == (Reason.RESTORE, 14)
    assert "A new visit" in titles(result.previous)
    assert seeded.changed_externally()  # the window refreshes
    assert seeded.count_events() == 13
    assert "A new visit" not in [row.title for row in seeded.list_events()]
    seeded.create_event(NEW_EVENT)  # the restored database is writable as before
    assert backup.path.read_bytes() == backup_bytes
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restoring_the_oldest_backup_while_rotating_does_not_lose_it(
    seeded: Store, db_path: Path
) -> None:
    made = [backups.make_backup(db_path, keep=2, now=DAY_ONE + timedelta(days=n)) for n in range(2)]
    seeded.create_event(NEW_EVENT)
    for n in range(backups.KEEP - 2):
        backups.make_backup(db_path, now=DAY_ONE + timedelta(days=2 + n))
    restore.restore(made[0].path, db_path)  # the new before-restore copy rotates it away
    assert seeded.count_events() == 13


def test_restore_over_a_damaged_file_keeps_an_exact_copy_of_it(
    seeded: Store, db_path: Path
) -> None:
    backup = backups.make_backup(db_path, now=DAY_ONE)
    seeded.close()
    data = db_path.read_bytes()
    damaged = data[: len(data) // 2]
    db_path.write_bytes(damaged)
    with pytest.raises(DamagedDatabaseError):
        Store.open(db_path)

    result = restore.restore(backup.path, db_path)

    assert result.previous is not None and result.previous.read_bytes() == damaged
    assert backups.read_backup(result.previous).reason is Reason.DAMAGED
    with Store.open(db_path) as store:
        assert store.count_events() == 13


def test_restore_of_a_backup_from_an_older_version_upgrades_it(db_path: Path) -> None:
    make_database_at(db_path, "0001")
    Store.open(db_path).close()  # upgraded, with a before-upgrade backup at 0001
    [old] = backups.list_backups(db_path)
    with Store.open(db_path) as store:
        store.create_event(NEW_EVENT)
        restore.restore(old.path, db_path)
        assert store.count_events() == 0
        assert store.history() == []  # a table that 0001 did not have
    with closing(sqlite3.connect(db_path)) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == database.head_revision()


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    backup = backups.make_backup(db_path)
    data = bytearray(backup.path.read_bytes())
    data[len(data) // 2 :] = random.Random(2).randbytes(len(data) - len(data) // 2)
    backup.path.write_bytes(bytes(data))
    foreign = tmp_path / "recipes.db"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE recipe (name TEXT)")
    before = titles(db_path)

    with pytest.raises(BackupError, match="is damaged"):
        restore.restore(backup.path, db_path)
    with pytest.raises(BackupError, match="another application"):
        restore.restore(foreign, db_path)

    assert titles(db_path) == before
    assert [b.path for b in backups.list_backups(db_path)] == [backup.path]


def test_restore_into_a_read_only_file_is_refused(seeded: Store, db_path: Path) -> None:
    backup = backups.make_backup(db_path)
    seeded.close()
    make_read_only(db_path)
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="read-only"):
        restore.restore(backup.path, db_path)
    assert db_path.read_bytes() == before


def test_restore_waits_for_a_busy_database_then_gives_up_clearly(
    seeded: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backups.make_backup(db_path)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(BackupError, match=r"is busy .* try again in a moment"):
            restore.restore(backup.path, db_path)
        other.execute("ROLLBACK")
    restore.restore(backup.path, db_path)


def test_restore_to_a_new_file(seeded: Store, db_path: Path, tmp_path: Path) -> None:
    backup = backups.make_backup(db_path)
    seeded.create_event(NEW_EVENT)
    target = tmp_path / "restored.sqlite3"

    result = restore.restore_to_new_file(backup.path, target)

    assert result.database == target and result.previous is None
    with Store.open(target) as store:
        assert store.count_events() == 13
    assert seeded.count_events() == 14
    with pytest.raises(BackupError, match="already exists"):
        restore.restore_to_new_file(backup.path, target)


def test_keep_daily_backups_backs_up_after_the_first_change_of_the_day(
    seeded: Store, db_path: Path
) -> None:
    stop = backups.keep_daily_backups(seeded)
    seeded.create_event(NEW_EVENT)
    seeded.create_event(NEW_EVENT)
    [daily] = backups.list_backups(db_path)
    assert (daily.reason, daily.event_count) == (Reason.DAILY, 14)
    stop()
