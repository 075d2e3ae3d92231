"""Read-only files open read-only: reading works, every write is refused, nothing is written.

The tests run as root, whom ``chmod 0444`` does not stop: the app honours the permission bits
anyway (a file without any write bit is read-only as its owner meant), which is what makes the
``chmod`` tests meaningful here. Read-only media and missing permission, which root cannot
reproduce without mounting, are simulated where the app asks the system about them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.core.test_migrations import make_database_at
from tests.helpers.seed import by_title
from timeline_app.core import database
from timeline_app.core.database import DatabaseOpenError
from timeline_app.core.dates import parse_date
from timeline_app.core.records import ActorData, EventData, PlaceData
from timeline_app.core.seed import load_seed
from timeline_app.core.store import ReadOnlyError, Store
from timeline_app.core.vocabulary import Kind, Status

NEW_EVENT = EventData(
    "A new visit", Kind.OFFICIAL_VISIT, Status.COMPLETED, parse_date("2023-03-02")
)


def make_read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444


@pytest.fixture
def read_only_copy(db_path: Path) -> Path:
    """A seeded database, closed, then made read-only with chmod 0444."""
    with Store.open(db_path) as store:
        load_seed(store)
    make_read_only(db_path)
    return db_path


def writes(store: Store) -> dict[str, Callable[[], object]]:
    blinken = by_title(store, "Blinken meets Tokayev")
    data = store.get_event(blinken.id).to_data()
    return {
        "create_event": lambda: store.create_event(NEW_EVENT),
        "update_event": lambda: store.update_event(blinken.id, data),
        "delete_event": lambda: store.delete_event(blinken.id),
        "create_actor": lambda: store.create_actor(ActorData("Someone New")),
        "create_place": lambda: store.create_place(PlaceData("Lyon", "FR")),
        "writing": lambda: store.writing().__enter__(),
    }


def test_a_chmod_0444_file_opens_read_only_and_shows_its_events(read_only_copy: Path) -> None:
    before = read_only_copy.read_bytes()
    siblings = set(read_only_copy.parent.iterdir())

    with Store.open(read_only_copy) as store:
        assert store.read_only
        assert store.read_only_reason == "the file is read-only"
        assert store.count_events() == 13
        assert (
            by_title(store, "Lukashenko's state visit").title == "Lukashenko's state visit to China"
        )

    assert read_only_copy.read_bytes() == before
    assert set(read_only_copy.parent.iterdir()) == siblings  # no -wal, no -shm, no journal


def test_every_write_on_a_read_only_file_is_refused_with_a_clear_message(
    read_only_copy: Path,
) -> None:
    before = read_only_copy.read_bytes()
    with Store.open(read_only_copy) as store:
        for name, write in writes(store).items():
            with pytest.raises(ReadOnlyError) as raised:
                write()
            message = str(raised.value)
            assert "is open read-only; changes cannot be saved" in message, name
            assert "(the file is read-only)" in message, name
            assert str(read_only_copy) in message, name
        assert store.count_events() == 13
    assert read_only_copy.read_bytes() == before


def test_even_sql_sent_around_the_store_cannot_write(read_only_copy: Path) -> None:
    with Store.open(read_only_copy) as store:
        with (
            pytest.raises(OperationalError, match=r"readonly|read-only|query_only"),
            store.engine.begin() as connection,
        ):
            connection.exec_driver_sql("DELETE FROM event")
        assert store.count_events() == 13


def test_a_writable_file_opened_read_only_on_request(seeded: Store, db_path: Path) -> None:
    seeded.close()
    before = db_path.read_bytes()
    with Store.open(db_path, read_only=True) as store:
        assert store.read_only
        assert store.read_only_reason == "it was opened read-only on request"
        with pytest.raises(ReadOnlyError):
            store.create_event(NEW_EVENT)
        assert store.count_events() == 13
    assert db_path.read_bytes() == before


def test_a_read_only_store_sees_what_a_writer_commits(seeded: Store, db_path: Path) -> None:
    with Store.open(db_path, read_only=True) as viewer:
        assert not viewer.changed_externally()
        seeded.create_event(NEW_EVENT)
        assert viewer.changed_externally()
        assert viewer.count_events() == 14
        assert not viewer.changed_externally()


def test_a_read_only_file_with_changes_pending_in_its_wal_shows_them(
    seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    """A file copied (or left) with its -wal: immutable=1 would hide the pending commit."""
    seeded.create_event(NEW_EVENT)  # committed into the -wal, not yet into the file
    copy = tmp_path / "copy" / "timeline.sqlite3"
    copy.parent.mkdir()
    shutil.copy2(db_path, copy)
    shutil.copy2(db_path.with_name(db_path.name + "-wal"), copy.with_name(copy.name + "-wal"))
    make_read_only(copy)
    before = copy.read_bytes()

    with Store.open(copy) as store:
        assert store.read_only
        assert store.count_events() == 14
        assert [row.title for row in store.list_events() if row.title == "A new visit"]
    assert copy.read_bytes() == before


def test_a_read_only_file_that_needs_an_upgrade_is_refused_untouched(db_path: Path) -> None:
    make_database_at(db_path, "0001")
    make_read_only(db_path)
    before = db_path.read_bytes()
    siblings = set(db_path.parent.iterdir())
    with pytest.raises(DatabaseOpenError) as raised:
        Store.open(db_path)
    message = str(raised.value)
    assert "older version" in message
    assert "must be writable to be upgraded" in message
    assert db_path.read_bytes() == before
    assert set(db_path.parent.iterdir()) == siblings


def test_a_file_without_write_permission_opens_read_only(
    seeded: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's file (mode 0644, we are not the owner): simulated, as root may write."""
    seeded.close()
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == db_path and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database.os, "access", access)
    with Store.open(db_path) as store:
        assert store.read_only
        assert store.read_only_reason == "you do not have permission to write to it"
        with pytest.raises(ReadOnlyError, match="permission"):
            store.create_event(NEW_EVENT)


def test_a_file_on_read_only_media_opens_read_only(
    seeded: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded.close()
    monkeypatch.setattr(database, "_on_read_only_media", lambda path: path == db_path)
    access = database.file_access(db_path)
    assert access == database.Access(True, "it is on read-only media", immutable=True)
    with Store.open(db_path) as store:
        assert store.read_only
        assert store.count_events() == 13


def test_immutable_only_when_nobody_can_write_and_nothing_is_pending(
    seeded: Store, db_path: Path
) -> None:
    assert database.file_access(db_path) == database.Access(False)
    on_request = database.file_access(db_path, read_only=True)
    assert on_request.read_only and not on_request.immutable  # others may write: locks kept
    seeded.create_event(NEW_EVENT)
    make_read_only(db_path)
    pending = database.file_access(db_path)
    assert pending.read_only and not pending.immutable  # the -wal holds a commit
    seeded.close()  # the last connection checkpoints and removes the -wal
    assert database.file_access(db_path) == database.Access(
        True, "the file is read-only", immutable=True
    )


def test_an_empty_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    make_read_only(path)
    with pytest.raises(DatabaseOpenError, match="empty and read-only"):
        Store.open(path)
    assert path.read_bytes() == b""


def test_a_read_only_file_is_checked_for_damage_too(read_only_copy: Path) -> None:
    with closing(sqlite3.connect(read_only_copy)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(read_only_copy.read_bytes())
    os.chmod(read_only_copy, 0o644)
    read_only_copy.write_bytes(bytes(data[: len(data) - 3 * page_size]))
    make_read_only(read_only_copy)
    with pytest.raises(database.DamagedDatabaseError, match="truncated"):
        Store.open(read_only_copy)
