"""Reading the timeline early, while the app starts: the same rows as the store's own queries,
used only when they are still what the file holds, and never for a file the store refuses."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from array import array
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from timeline_app.core import database, early_read
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import EventData
from timeline_app.core.store import Store, time_order
from timeline_app.core.timeline import LaneGrouping, TimelineScene
from timeline_app.core.timeline.index import index_query
from timeline_app.core.timeline.lane_keys import actor_pairs
from timeline_app.core.timeline.sql import chunks
from timeline_app.core.vocabulary import Kind, Status


@pytest.fixture(autouse=True)
def _nothing_left_pending() -> Iterator[None]:
    yield
    early_read.discard()


def _uncertain_events(store: Store) -> None:
    """Events whose dates exercise every code: months, years, qualifiers, ends, none of them."""
    dates = [
        (UncertainDate(1905, None, None, Qualifier.ABOUT), None),
        (UncertainDate(1956, 10, None, Qualifier.LATE), UncertainDate(1957, None, None)),
        (UncertainDate(2023, 4, None, Qualifier.EARLY), UncertainDate(2023, 4, 20)),
        (UncertainDate(2024, 2, 29, Qualifier.BEFORE), UncertainDate(2024, 3, None)),
        (UncertainDate(2024, 2, 29, Qualifier.AFTER), None),
    ]
    for number, (start, end) in enumerate(dates):
        store.create_event(
            EventData(
                title=f"Uncertain {number}",
                kind=list(Kind)[number],
                status=list(Status)[number],
                start=start,
                end=end,
            )
        )


def _settled(store: Store) -> Path:
    """The store's file as a closed database leaves it: everything copied out of its -wal."""
    assert store.path is not None
    with closing(sqlite3.connect(store.path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path


def _store_rows(store: Store) -> tuple[list[tuple[int, ...]], list[tuple[int, int]]]:
    with store.reading() as session:
        index = [tuple(row) for rows in chunks(session, index_query(None, session)) for row in rows]
        pairs = [tuple(row) for rows in chunks(session, actor_pairs(session, None)) for row in rows]
    return index, pairs


def test_the_early_read_gets_the_rows_the_store_would_read(seeded: Store) -> None:
    _uncertain_events(seeded)
    index, pairs = _store_rows(seeded)
    assert len(index) == seeded.count_events() == 18
    assert early_read.start(_settled(seeded))
    assert seeded.path is not None
    with closing(sqlite3.connect(seeded.path)) as connection:  # the queries as SQL text
        assert connection.execute(early_read.INDEX_SQL).fetchall() == index  # in time order
        assert sorted(connection.execute(early_read.ACTOR_PAIRS_SQL).fetchall()) == sorted(pairs)
    rows = early_read.take(seeded.path)  # and packed into columns by SQLite
    assert rows is not None
    assert list(zip(*rows.index_columns, strict=True)) == index
    event_ids, actor_ids = rows.actor_pairs
    assert sorted(zip(event_ids, actor_ids, strict=True)) == sorted(pairs)
    assert list(actor_ids) == sorted(actor_ids)  # by actor
    assert early_read.take(seeded.path) is None  # taken once


def _lanes(scene: TimelineScene) -> list[tuple[str, str, list[int]]]:
    return [(lane.key, lane.label, list(lane.order)) for lane in scene.lanes]


@pytest.mark.parametrize("grouping", [LaneGrouping.ACTOR, LaneGrouping.COUNTRY])
def test_a_scene_from_the_early_read_is_the_scene_read_from_the_store(
    seeded: Store, grouping: LaneGrouping
) -> None:
    _uncertain_events(seeded)
    expected = TimelineScene.from_store(seeded, grouping)
    assert early_read.start(_settled(seeded))
    scene = TimelineScene.from_store(seeded, grouping)
    assert not early_read.pending()
    for column in ("ids", "first", "last", "start_sure", "end_sure", "kind", "status", "trip"):
        assert getattr(scene.index, column) == getattr(expected.index, column), column
    assert scene.index.start_code == expected.index.start_code
    assert scene.index.end_code == expected.index.end_code
    assert _lanes(scene) == _lanes(expected)
    assert [scene.index.title(p) for p in range(len(scene))] == [
        expected.index.title(p) for p in range(len(expected))
    ]


def test_a_change_committed_meanwhile_is_read_from_the_store(seeded: Store) -> None:
    assert early_read.start(_settled(seeded))
    early_read.wait()  # its snapshot is taken
    other = Store.open(seeded.path)  # another program, or another window of this one
    try:
        added = other.create_event(
            EventData(
                title="Added elsewhere meanwhile",
                kind=Kind.STATEMENT,
                status=Status.COMPLETED,
                start=UncertainDate(2024, 5, 1),
            )
        )
    finally:
        other.close()
    assert early_read.take(seeded.path) is None  # what was read early is out of date
    assert early_read.start(_settled(seeded))
    scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR)
    assert scene.index.position(added) is not None
    assert len(scene) == 14


def test_a_filtered_timeline_or_another_file_does_not_take_the_rows(
    seeded: Store, tmp_path: Path
) -> None:
    assert early_read.start(_settled(seeded))
    flt = EventFilter(kinds=frozenset({Kind.STATE_VISIT}))
    scene = TimelineScene.from_store(seeded, LaneGrouping.ACTOR, flt)
    assert not early_read.pending()  # dropped, not kept for a later read
    assert {scene.index.kind_of(p) for p in range(len(scene))} == {Kind.STATE_VISIT}
    assert early_read.start(_settled(seeded))
    assert early_read.take(tmp_path / "another.sqlite3") is None
    assert not early_read.pending()


def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_files_the_store_may_refuse_or_must_not_write_are_not_read_early(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.sqlite3"
    not_sqlite.write_text("not a database")
    assert not early_read.start(not_sqlite)
    assert not early_read.start(tmp_path / "missing.sqlite3")
    assert not early_read.start(tmp_path)

    rollback = tmp_path / "rollback.sqlite3"  # not in WAL mode: opening it switches it
    with sqlite3.connect(rollback) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert not early_read.start(rollback)

    wal = tmp_path / "wal" / "timeline.sqlite3"
    wal.parent.mkdir()
    Store.open(wal).close()
    assert early_read.can_read_early(wal)
    wal.chmod(stat.S_IRUSR)  # read-only: opened read-only by the store, not read early
    try:
        assert not early_read.start(wal)
    finally:
        wal.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert _sidecars(wal) == []


def test_an_early_read_of_a_newer_file_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = path.read_bytes()
    assert early_read.start(path)
    rows = early_read.take(path)
    assert rows is not None and rows.revision == "9999"  # the timeline does not use them
    assert path.read_bytes() == before
    assert _sidecars(path) == []


def test_the_command_line_starts_reading_before_it_imports_sqlalchemy(tmp_path: Path) -> None:
    """The window's start reads the timeline while Qt and SQLAlchemy load: the command line
    module must not import them itself, or the read would wait for them."""
    path = tmp_path / "timeline.sqlite3"
    Store.open(path).close()
    code = (
        "import sys\n"
        "from timeline_app.cli import main\n"
        "assert 'sqlalchemy' not in sys.modules and 'PySide6' not in sys.modules\n"
        "main._start_reading_early(['--db', sys.argv[1]])\n"
        "from timeline_app.core import early_read\n"
        "print(early_read.pending())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        (["--db", "x.sqlite3"], True),
        (["--db=x.sqlite3"], True),
        ([], True),
        (["list", "--db", "x.sqlite3"], False),
        (["--db", "x.sqlite3", "list"], False),
        (["--version"], False),
        (["--help"], False),
    ],
)
def test_the_window_is_recognised_from_its_arguments(argv: list[str], window: bool) -> None:
    from timeline_app.cli.main import window_database

    assert (window_database(argv) is not None) is window


def test_the_check_at_open_counts_only_if_nothing_changed_since(seeded: Store) -> None:
    path = _settled(seeded)
    assert early_read.start(path)
    assert early_read.checked_sound(path)
    assert not early_read.checked_sound(path.with_name("other.sqlite3"))
    seeded.create_event(
        EventData(
            title="Written after the check",
            kind=Kind.STATEMENT,
            status=Status.COMPLETED,
            start=UncertainDate(2024, 5, 1),
        )
    )
    assert not early_read.checked_sound(path)  # the store checks it again


def test_the_early_reads_constants_are_the_apps() -> None:
    assert early_read.CHECK_MAX_BYTES == database.QUICK_CHECK_MAX_BYTES
    assert tuple(qualifier.value for qualifier in Qualifier) == early_read.QUALIFIERS
    assert early_read.STAMP_SQL == time_order.TIMELINE_SQL


def _damage(path: Path) -> None:
    """Overwrite one page in the middle of the file: a b-tree page then holds garbage."""
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xff" * 4096)


def test_a_damaged_file_found_early_is_still_refused_by_the_store(seeded: Store) -> None:
    path = _settled(seeded)
    seeded.close()
    _damage(path)
    assert early_read.start(path)
    assert not early_read.checked_sound(path)
    with pytest.raises(database.DamagedDatabaseError):
        Store.open(path)
    early_read.discard()
    assert _sidecars(path) == []


@pytest.mark.parametrize(
    ("values", "readable"),
    [
        ("(3), (1), (2)", True),
        ("(4294967295), (0)", True),
        ("(4294967296), (1)", False),  # does not fit in 32 bits
        ("(-1), (1)", False),
    ],
)
def test_packed_rows_are_read_only_when_whole(values: str, readable: bool) -> None:
    sql = f"SELECT column1 AS x FROM (VALUES {values}) ORDER BY x"
    with closing(sqlite3.connect(":memory:")) as connection:
        row = connection.execute(early_read._packed(sql, ["x"])).fetchone()
    columns = early_read._unpacked(row, 1)
    if readable:
        assert columns is not None
        assert list(columns[0]) == sorted(int(v.strip("() ")) for v in values.split(","))
    else:
        assert columns is None


@pytest.mark.parametrize(
    ("rows", "ordered"),
    [
        ([(5, 10, 10), (2, 10, 12), (1, 11, 11)], True),
        ([(2, 10, 12), (5, 10, 10), (1, 11, 11)], False),  # last days out of order
        ([(5, 10, 10), (2, 10, 10)], False),  # ids out of order
        ([(1, 11, 11), (2, 10, 10)], False),  # first days out of order
        ([], True),
    ],
)
def test_rows_out_of_time_order_are_not_used(
    rows: list[tuple[int, int, int]], ordered: bool
) -> None:
    ids, first, last = (array("I", [row[k] for row in rows]) for k in range(3))
    assert early_read._in_time_order(ids, first, last) is ordered


def test_dropping_an_early_read_stops_its_queries(
    seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window that does not open (a file refused) does not wait for the read to finish."""
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n"
    monkeypatch.setattr(early_read, "PACKED_INDEX_SQL", endless)
    path = _settled(seeded)
    assert early_read.start(path)
    assert early_read.checked_sound(path)  # the check ran; the queries run on
    dropping = threading.Thread(target=early_read.discard)
    dropping.start()
    dropping.join(timeout=60)
    assert not dropping.is_alive()
    assert not early_read.pending()
