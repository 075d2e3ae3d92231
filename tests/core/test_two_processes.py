"""Two processes on one database: changes arrive, conflicts are caught, a held lock is reported."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_migrations import make_database_at
from tests.core.test_read_only import NEW_EVENT
from tests.helpers import processes
from tests.helpers.processes import Child
from tests.helpers.seed import by_title
from timeline_app.core import database
from timeline_app.core.database import DatabaseOpenError
from timeline_app.core.store import ConflictError, Store, StoreBusyError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fork server is POSIX only")


def test_an_edit_saved_in_another_process_arrives(seeded: Store, db_path: Path) -> None:
    blinken = by_title(seeded, "Blinken meets Tokayev")
    assert not seeded.changed_externally()

    child = Child(processes.update_title_child, str(db_path), blinken.id, "Edited elsewhere")
    child.expect("done")
    assert child.join() == 0

    assert seeded.changed_externally()
    assert seeded.get_event(blinken.id).row.title == "Edited elsewhere"
    assert not seeded.changed_externally()  # reported once


def test_a_new_event_from_another_process_arrives(seeded: Store, db_path: Path) -> None:
    child = Child(processes.create_event_child, str(db_path), "Made by a colleague")
    child.expect("done")
    assert seeded.changed_externally()
    assert "Made by a colleague" in [row.title for row in seeded.list_events()]


def test_this_store_s_own_writes_are_not_reported_as_external(seeded: Store) -> None:
    blinken = by_title(seeded, "Blinken meets Tokayev")
    detail = seeded.get_event(blinken.id)
    seeded.update_event(blinken.id, replace(detail.to_data(), title="Mine"))
    assert not seeded.changed_externally()


def test_another_store_in_this_process_counts_as_external(seeded: Store, db_path: Path) -> None:
    with Store.open(db_path) as other:
        other.delete_event(by_title(other, "Blinken meets Tokayev").id)
    assert seeded.changed_externally()


def test_a_conflicting_edit_from_another_process_is_detected(seeded: Store, db_path: Path) -> None:
    blinken = by_title(seeded, "Blinken meets Tokayev")
    mine = seeded.get_event(blinken.id)  # the editor opens with this version

    child = Child(processes.update_title_child, str(db_path), blinken.id, "Their title")
    child.expect("done")

    with pytest.raises(ConflictError) as raised:
        seeded.update_event(
            blinken.id, replace(mine.to_data(), title="My title"), expected_version=mine.version
        )
    assert raised.value.expected == mine.version
    assert raised.value.actual == mine.version + 1
    assert "was changed elsewhere" in str(raised.value)
    assert seeded.get_event(blinken.id).row.title == "Their title"  # nothing overwritten


def test_a_write_lock_held_too_long_gives_a_clear_retryable_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    with Store.open(db_path) as store:
        child = Child(processes.hold_write_lock_child, str(db_path))
        child.expect("locked")
        started = time.monotonic()
        with pytest.raises(StoreBusyError) as raised:
            store.create_event(NEW_EVENT)
        waited = time.monotonic() - started
        assert 0.25 < waited < 5  # it waited the busy timeout, then gave up: no freeze
        assert raised.value.retryable
        assert str(raised.value) == (
            "the database is busy (another program is writing to it); "
            "nothing was saved, try again in a moment"
        )
        assert store.count_events() == 0  # reading is not blocked by the writer (WAL)

        child.send("go")
        child.expect("released")
        store.create_event(NEW_EVENT)  # the retry succeeds
        assert store.count_events() == 1


def test_a_second_thread_waiting_for_this_store_s_write_gets_the_same_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    with Store.open(db_path) as store:
        inside, leave = threading.Event(), threading.Event()

        def long_write() -> None:
            with store.writing() as writer:
                writer.create_event(NEW_EVENT)
                inside.set()
                leave.wait(10)

        worker = threading.Thread(target=long_write)
        worker.start()
        try:
            assert inside.wait(10)
            assert not store.changed_externally()  # does not wait for the write either
            with pytest.raises(StoreBusyError):
                store.create_event(NEW_EVENT)
        finally:
            leave.set()
            worker.join(10)
        assert store.count_events() == 1
        assert not store.changed_externally()


def test_each_window_sees_an_external_change_whichever_polls_first(
    seeded: Store, db_path: Path
) -> None:
    first_window = second_window = seeded.external_changes()
    child = Child(processes.create_event_child, str(db_path), "Made by a colleague")
    child.expect("done")
    now = seeded.external_changes()  # the first window's timer
    assert now != first_window
    first_window = now
    assert seeded.external_changes() != second_window  # the second window's timer, later
    assert seeded.external_changes() == first_window  # nothing new since


def test_opening_while_another_program_writes_does_not_wait(seeded: Store, db_path: Path) -> None:
    child = Child(processes.hold_write_lock_child, str(db_path))
    child.expect("locked")
    try:
        started = time.monotonic()
        with Store.open(db_path) as other:
            assert other.count_events() == 13
        assert time.monotonic() - started < 3  # no write lock is needed to open a current file
    finally:
        child.send("go")
        child.expect("released")


def test_an_upgrade_blocked_by_another_program_is_a_clear_busy_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_database_at(db_path, "0001")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseOpenError, match="is busy: another program is changing it"):
            Store.open(db_path)
        other.execute("ROLLBACK")
    with Store.open(db_path) as store:
        assert store.history() == []
