"""Other processes on the same database, for the multi-process and crash tests.

They are started from a fork server that has already imported the app (``forkserver`` with
this module preloaded), so each one is a separate OS process with its own SQLite connections and
locks, yet starts in milliseconds instead of the seconds a fresh interpreter takes to import
SQLAlchemy and Alembic. Each child reports over a pipe; the tests kill them with ``SIGKILL``.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import signal
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from sqlalchemy import text

from timeline_app import paths
from timeline_app.core import database
from timeline_app.core.dates import parse_date
from timeline_app.core.io.native_json import import_document
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status

_context: BaseContext | None = None

database.head_revision()  # read the migrations once, in the fork server, not in every child


def context() -> BaseContext:
    global _context  # noqa: PLW0603 - one fork server for the whole test session
    if _context is None:
        _context = multiprocessing.get_context("forkserver")  # POSIX only
        _context.set_forkserver_preload(["__main__", __name__])  # type: ignore[attr-defined]
    return _context


class Child:
    """A child process running ``target(db, pipe, *args)``; ``expect`` reads what it reports."""

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        ctx = context()
        self.pipe, child_end = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=target, args=(child_end, *args))
        self.process.start()
        child_end.close()

    def expect(self, message: str, timeout: float = 60) -> None:
        assert self.pipe.poll(timeout), f"the child did not say {message!r} within {timeout} s"
        got = self.pipe.recv()
        assert got == message, f"the child said {got!r} instead of {message!r}"

    def send(self, message: str) -> None:
        self.pipe.send(message)

    def kill(self) -> None:
        if self.process.pid is not None and self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(30)

    def join(self, timeout: float = 60) -> int | None:
        self.process.join(timeout)
        return self.process.exitcode


# -- documents --------------------------------------------------------------------------------


def big_document(copies: int) -> dict[str, Any]:
    """The seed timeline with its events repeated ``copies`` times (13 events each)."""
    seed = json.loads(paths.seed_file().read_text(encoding="utf-8"))
    events = []
    for number in range(copies):
        for original in seed["events"]:
            event = copy.deepcopy(original)
            event["id"] = f"{original['id']}-{number}"
            event["title"] = f"{original['title']} (copy {number})"
            for relation in event.get("relations") or []:
                relation["event"] = f"{relation['event']}-{number}"
            events.append(event)
    return {**seed, "events": events}


def integrity(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def event_count(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return int(connection.execute("SELECT count(*) FROM event").fetchone()[0])


# -- what the children do ---------------------------------------------------------------------


SMALL_CACHE = "PRAGMA cache_size = 8"  # pages: a small import spills to the -wal as a big one does


def import_child(pipe: Connection, db: str, document_path: str) -> None:
    """Import a document in one transaction, saying ``ready`` just before and ``done`` after.

    SQLite keeps a transaction's changes in its page cache until the cache is full; with a tiny
    cache the pages go to the -wal all along the transaction, as they would for an import of
    thousands of events, so that a kill can land in the middle of those writes too.
    """
    document = json.loads(Path(document_path).read_text(encoding="utf-8"))
    with Store.open(db) as store:
        pipe.send("ready")
        with store.writing() as writer:
            writer.session.execute(text(SMALL_CACHE))
            import_document(writer, document, origin="crash test")
        pipe.send("done")


EDITED = 4  # events changed by each transaction of edit_rounds_child


def edit_rounds_child(pipe: Connection, db: str, name: str) -> None:
    """Rename the first events to ``<name> N`` in one transaction per round, forever.

    Says ``ready`` before the first round and ``committed`` after each.
    """
    with Store.open(db) as store:
        ids = sorted(row.id for row in store.list_events())[:EDITED]
        pipe.send("ready")
        number = 0
        while True:
            number += 1
            with store.writing() as writer:
                for event_id in ids:
                    data = store.get_event(event_id).to_data()
                    writer.update_event(
                        event_id,
                        replace(
                            data,
                            title=f"{name} {number}",
                            summary=f"summary of {name} {number}",
                            tags=(f"{name}-{number}",),
                        ),
                    )
            pipe.send("committed")


def update_title_child(pipe: Connection, db: str, event_id: int, title: str) -> None:
    """Change one event's title, the way another app instance would, then report."""
    with Store.open(db) as store:
        detail = store.get_event(event_id)
        store.update_event(
            event_id, replace(detail.to_data(), title=title), expected_version=detail.version
        )
    pipe.send("done")


def create_event_child(pipe: Connection, db: str, title: str) -> None:
    with Store.open(db) as store:
        store.create_event(
            EventData(title, Kind.STATEMENT, Status.COMPLETED, parse_date("2023-03-01"))
        )
    pipe.send("done")


def hold_write_lock_child(pipe: Connection, db: str) -> None:
    """Take the write lock and keep it until told to let go (a long import elsewhere)."""
    with Store.open(db) as store, store.writing() as writer:
        writer.session.execute(text("UPDATE event SET summary = summary"))
        pipe.send("locked")
        pipe.recv()
    pipe.send("released")


def wait_until(condition: Callable[[], bool], timeout: float = 10, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
