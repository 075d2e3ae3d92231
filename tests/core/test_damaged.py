"""Damaged files are refused at open with a message naming the problem, and never modified."""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.test_read_only import NEW_EVENT
from timeline_app.core import backups, database
from timeline_app.core.database import DamagedDatabaseError
from timeline_app.core.store import Store, StoreDamagedError


def page_size(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])


@pytest.fixture
def healthy(seeded: Store, db_path: Path) -> Path:
    """The seeded database, closed (everything checkpointed into the one file)."""
    seeded.close()
    assert not db_path.with_name(db_path.name + "-wal").exists()
    return db_path


def refuse_untouched(path: Path) -> DamagedDatabaseError:
    """Opening ``path`` fails as damaged and leaves the file and its folder exactly as they were."""
    before = path.read_bytes()
    siblings = set(path.parent.iterdir())
    with pytest.raises(DamagedDatabaseError) as raised:
        Store.open(path)
    assert path.read_bytes() == before
    assert set(path.parent.iterdir()) == siblings
    return raised.value


def test_a_truncated_file_is_refused_and_left_byte_identical(healthy: Path) -> None:
    data = healthy.read_bytes()
    healthy.write_bytes(data[: len(data) // 2])
    error = refuse_untouched(healthy)
    assert "is damaged (the file is truncated" in str(error)
    assert "it was left unchanged" in str(error)
    assert error.path == healthy


def test_a_file_cut_in_the_middle_of_a_page_is_refused(healthy: Path) -> None:
    data = healthy.read_bytes()
    healthy.write_bytes(data[: 3 * page_size(healthy) + 1000])
    assert "truncated" in refuse_untouched(healthy).problem


def test_a_file_cut_inside_its_header_is_refused(healthy: Path) -> None:
    healthy.write_bytes(healthy.read_bytes()[:60])
    assert "only 60 bytes long" in refuse_untouched(healthy).problem


def test_garbage_in_the_middle_is_refused_and_left_byte_identical(healthy: Path) -> None:
    size = page_size(healthy)
    data = bytearray(healthy.read_bytes())
    pages = len(data) // size
    start = pages // 2 * size
    garbage = random.Random(8).randbytes(3 * size)
    data[start : start + len(garbage)] = garbage
    healthy.write_bytes(bytes(data))
    error = refuse_untouched(healthy)
    assert error.problem  # SQLite's own words: malformed, or what quick_check found


def test_a_scrambled_schema_page_is_refused(healthy: Path) -> None:
    data = bytearray(healthy.read_bytes())
    data[100:1000] = random.Random(3).randbytes(900)  # page 1 after the header: the schema
    healthy.write_bytes(bytes(data))
    refuse_untouched(healthy)


def test_the_refusal_offers_the_most_recent_backup(healthy: Path) -> None:
    backups.make_backup(healthy, now=datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
    latest = backups.make_backup(healthy, now=datetime(2024, 5, 2, 9, 30, tzinfo=UTC))
    data = healthy.read_bytes()
    healthy.write_bytes(data[: len(data) // 3])

    error = refuse_untouched(healthy)

    assert error.backup is not None
    assert error.backup.path == latest.path
    assert error.backup.event_count == 13
    assert error.backup.created == datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    assert "The most recent backup is from" in str(error)
    assert "13 events" in str(error)
    assert str(latest.path) in str(error)


def test_without_a_backup_the_message_says_so(healthy: Path) -> None:
    healthy.write_bytes(healthy.read_bytes()[:5000])
    error = refuse_untouched(healthy)
    assert error.backup is None
    assert "There is no automatic backup of it." in str(error)


def test_an_unreadable_backup_is_not_offered(healthy: Path) -> None:
    good = backups.make_backup(healthy, now=datetime(2024, 5, 1, tzinfo=UTC))
    bad = backups.make_backup(healthy, now=datetime(2024, 5, 2, tzinfo=UTC))
    bad.path.write_bytes(b"not a database at all")
    healthy.write_bytes(healthy.read_bytes()[:5000])
    error = refuse_untouched(healthy)
    assert error.backup is not None and error.backup.path == good.path


def wal_pages(wal: Path, size: int) -> set[int]:
    """The page numbers that frames of a -wal file hold."""
    data = wal.read_bytes()
    frame = 24 + size
    return {
        int.from_bytes(data[offset : offset + 4], "big")
        for offset in range(32, len(data) - frame + 1, frame)
    }


def test_a_damaged_file_with_pending_wal_is_not_checkpointed(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    """With a -wal present, the check must not write (a read-write close would checkpoint)."""
    seeded.close()  # everything into the file
    with Store.open(db_path) as store:
        store.delete_event(store.list_events()[0].id)  # a few pages into the -wal
        copy = tmp_path / "copy" / "t.sqlite3"
        copy.parent.mkdir()
        shutil.copy2(db_path, copy)
        wal = copy.with_name(copy.name + "-wal")
        shutil.copy2(db_path.with_name(db_path.name + "-wal"), wal)
    size = page_size(copy)
    data = bytearray(copy.read_bytes())
    pending = wal_pages(wal, size)
    scrambled = [n for n in range(2, len(data) // size + 1) if n not in pending]
    assert pending and scrambled
    noise = random.Random(5)
    for number in scrambled:
        data[(number - 1) * size : number * size] = noise.randbytes(size)
    copy.write_bytes(bytes(data))
    before, wal_before = copy.read_bytes(), wal.read_bytes()

    with pytest.raises(DamagedDatabaseError):
        Store.open(copy)

    assert copy.read_bytes() == before
    assert wal.read_bytes() == wal_before


def test_a_healthy_file_passes_the_check(healthy: Path) -> None:
    with Store.open(healthy) as store:
        assert store.count_events() == 13


def scramble_middle(path: Path) -> None:
    """Garbage over the event table's first page: the schema stays readable, events do not."""
    size = page_size(path)
    with closing(sqlite3.connect(path)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'event'"
        ).fetchone()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = random.Random(root).randbytes(size)
    path.write_bytes(bytes(data))


def test_a_file_too_large_to_check_at_open_is_checked_afterwards(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "QUICK_CHECK_MAX_BYTES", 1000)
    with Store.open(healthy) as store:
        assert not store.integrity_checked
        assert store.check_integrity() == []
        assert store.integrity_checked
    scramble_middle(healthy)
    with Store.open(healthy) as store:  # the schema page is intact: it opens
        problems = store.check_integrity()
    assert problems and problems != ["ok"]


def test_damage_found_while_reading_is_reported_clearly(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "QUICK_CHECK_MAX_BYTES", 1000)
    scramble_middle(healthy)
    with Store.open(healthy) as store:
        with pytest.raises(StoreDamagedError) as raised:
            store.list_events()
        assert "is damaged (" in str(raised.value)
        assert "restore it from a backup" in str(raised.value)
        with pytest.raises(StoreDamagedError):
            store.create_event(NEW_EVENT)
