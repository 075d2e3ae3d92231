"""Killing the process (SIGKILL) during an import or an edit loses nothing and keeps no half.

Each run starts a separate process on the same database and kills it at a random moment; then
``PRAGMA integrity_check`` must be ok, the operation must be entirely there or entirely absent,
and the app must open the database as sound. The import is the seed timeline repeated
(``TIMELINE_CRASH_COPIES`` times 13 events, 2 by default: importing costs tens of milliseconds
per event, so thousands would make each of the 20 runs last minutes); the importing process uses
a tiny page cache so that its transaction is written to the -wal all along, as a large import's
is. Set ``TIMELINE_CRASH_COPIES=200`` for a run with 2,600 events.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import processes
from tests.helpers.processes import Child, big_document, event_count, integrity
from timeline_app.core.store import Store

RUNS = 20
COPIES = int(os.environ.get("TIMELINE_CRASH_COPIES", "2"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def check_sound(db: Path) -> None:
    """The state a user finds at the next start: intact, and opened without complaint."""
    assert integrity(db) == ["ok"]
    with Store.open(db) as store:
        assert not store.read_only


def test_killing_an_import_leaves_all_of_it_or_none(db_path: Path, tmp_path: Path) -> None:
    Store.open(db_path).close()
    document = big_document(COPIES)
    size = len(document["events"])
    document_path = tmp_path / "import.json"
    document_path.write_text(json.dumps(document), encoding="utf-8")

    # One complete import first: how long the kills have to land in.
    child = Child(processes.import_child, str(db_path), str(document_path))
    child.expect("ready")
    started = time.monotonic()
    child.expect("done", timeout=1200)
    duration = time.monotonic() - started
    assert child.join() == 0
    assert event_count(db_path) == size

    chance = random.Random(20)
    outcomes = []
    for run in range(RUNS):
        before = event_count(db_path)
        child = Child(processes.import_child, str(db_path), str(document_path))
        child.expect("ready")
        delay = chance.uniform(0, duration * 1.1)
        time.sleep(delay)
        child.kill()
        check_sound(db_path)
        after = event_count(db_path)
        assert after in (before, before + size), f"run {run}: killed after {delay:.2f} s"
        outcomes.append(after - before)
    # Some kills interrupted an import (which left nothing), some came after it: both happened.
    assert 0 in outcomes, outcomes


def round_state(db: Path) -> tuple[set[str], list[tuple[int, int, int]]]:
    """The edited events' titles, after checking that their summaries and tags match them."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT e.title, e.summary, group_concat(t.name) FROM event e "
            "LEFT JOIN event_tag et ON et.event_id = e.id LEFT JOIN tag t ON t.id = et.tag_id "
            "GROUP BY e.id ORDER BY e.id LIMIT ?",
            (processes.EDITED,),
        ).fetchall()
        versions = connection.execute(
            "SELECT e.id, e.version, (SELECT count(*) FROM event_change c "
            "WHERE c.event_id = e.id AND c.action = 'update') FROM event e"
        ).fetchall()
    for title, summary, tags in rows:
        if title.startswith("run "):
            name, number = title.rsplit(" ", 1)
            assert (summary, tags) == (f"summary of {title}", f"{name}-{number}")
    return {row[0] for row in rows}, versions


def test_killing_edits_leaves_each_edit_whole(seeded: Store, db_path: Path) -> None:
    seeded.close()
    # One round first, to know how long a round (one transaction) takes here.
    child = Child(processes.edit_rounds_child, str(db_path), "run calibration")
    child.expect("ready")
    started = time.monotonic()
    child.expect("committed")
    round_time = time.monotonic() - started
    child.kill()
    check_sound(db_path)

    chance = random.Random(21)
    interrupted = completed = 0
    for run in range(RUNS):
        previous = round_state(db_path)[0]
        child = Child(processes.edit_rounds_child, str(db_path), f"run {run}")
        child.expect("ready")
        time.sleep(chance.uniform(0, 2.5 * round_time))
        child.kill()
        check_sound(db_path)
        titles, versions = round_state(db_path)
        # One transaction renames several events: all of a round or none of it.
        assert titles == previous or (
            len(titles) == 1 and next(iter(titles)).startswith(f"run {run} ")
        ), (run, titles)
        completed += titles != previous
        interrupted += titles == previous
        # Each committed edit bumped the version and wrote its history entry, together.
        assert all(version == 1 + changes for _id, version, changes in versions), run
    assert completed and interrupted, (completed, interrupted)
