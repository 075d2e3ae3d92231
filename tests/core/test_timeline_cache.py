"""The timeline kept between runs: read back as written, and only for the same database at the
same stamp and schema; a damaged or foreign file is ignored, never an error."""

from __future__ import annotations

import os
import time
from array import array
from pathlib import Path

import pytest

from timeline_app import paths
from timeline_app.core import timeline_cache
from timeline_app.core.timeline.index import EVENT_COLUMNS, EventIndex
from timeline_app.core.timeline_cache import CachedLane, CachedTimeline


def _timeline(stamp: int = 42) -> CachedTimeline:
    columns = [array(kind) for kind in timeline_cache.INDEX_COLUMN_TYPES]
    for position, event_id in enumerate((7, 3, 9)):
        values = (event_id, 100 + position, 110 + position, 100, 110, 2, 1, 5, 6, 0)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    lanes = [
        CachedLane("actor:1", "Xi Jinping", array("i", [0, 2]), array("i", [100, 102]),
                   array("i", [110, 112]), array("i", [110, 112]), 2),
        CachedLane("actor:2", "Emmanuel Macron — président", array("i", [1]),
                   array("i", [101]), array("i", [111]), array("i", [111]), 1),
        CachedLane("actor:0", "", array("i"), array("i"), array("i"), array("i"), 0),
    ]  # fmt: skip
    lookup = array("i", [-1] * 10)
    for position, event_id in enumerate((7, 3, 9)):
        lookup[event_id] = position
    return CachedTimeline(stamp, "0007", "actor", "fr", columns, lanes, lookup)


def test_a_kept_timeline_reads_back_as_it_was_written(tmp_path: Path) -> None:
    database = tmp_path / "timeline.sqlite3"
    kept = _timeline()
    assert timeline_cache.save(database, kept)
    assert timeline_cache.cache_file(database).is_relative_to(paths.user_cache_dir())
    assert timeline_cache.load(database, 42, "0007") == kept


def test_the_index_columns_are_the_kinds_the_cache_expects() -> None:
    index = EventIndex()
    kinds = tuple(getattr(index, name).typecode for name in EVENT_COLUMNS)
    assert kinds == timeline_cache.INDEX_COLUMN_TYPES


@pytest.mark.parametrize(
    ("stamp", "revision"), [(43, "0007"), (42, "0006"), (-42, "0007")], ids=str
)
def test_it_is_not_taken_at_another_stamp_or_schema(
    tmp_path: Path, stamp: int, revision: str
) -> None:
    database = tmp_path / "timeline.sqlite3"
    assert timeline_cache.save(database, _timeline())
    assert timeline_cache.load(database, stamp, revision) is None


def test_it_is_not_taken_for_another_database(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert timeline_cache.save(first, _timeline())
    assert timeline_cache.load(second, 42, "0007") is None
    # Even as the other database's file (copied there by hand): the file names its database.
    target = timeline_cache.cache_file(second)
    target.write_bytes(timeline_cache.cache_file(first).read_bytes())
    assert timeline_cache.load(second, 42, "0007") is None


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    database = tmp_path / "timeline.sqlite3"
    assert timeline_cache.save(database, _timeline())
    kept = timeline_cache.cache_file(database)
    whole = kept.read_bytes()
    for size in [*range(0, 64), *range(64, len(whole), 7)]:
        kept.write_bytes(whole[:size])
        assert timeline_cache.load(database, 42, "0007") is None, size
    kept.write_bytes(whole + b"\0")
    assert timeline_cache.load(database, 42, "0007") is None
    kept.write_bytes(whole.replace(b'"lanes":[["actor:1"', b'"lanes":[[["actor"]]'))
    assert timeline_cache.load(database, 42, "0007") is None
    kept.write_bytes(b"\xff" * len(whole))
    assert timeline_cache.load(database, 42, "0007") is None


def test_lanes_pointing_past_the_events_are_refused(tmp_path: Path) -> None:
    database = tmp_path / "timeline.sqlite3"
    timeline = _timeline()
    wrong = CachedLane("actor:9", "", array("i", [3]), array("i", [1]), array("i", [1]),
                       array("i", [1]), 1)  # fmt: skip
    assert timeline_cache.save(database, CachedTimeline(**{**_fields(timeline), "lanes": [wrong]}))
    assert timeline_cache.load(database, 42, "0007") is None


def test_a_cache_that_cannot_be_written_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setattr(paths, "user_cache_dir", lambda: blocker)
    database = tmp_path / "timeline.sqlite3"
    assert not timeline_cache.save(database, _timeline())
    assert timeline_cache.load(database, 42, "0007") is None


def test_a_new_file_replaces_the_old_whole(tmp_path: Path) -> None:
    database = tmp_path / "timeline.sqlite3"
    assert timeline_cache.save(database, _timeline(1))
    assert timeline_cache.save(database, _timeline(2))
    assert timeline_cache.load(database, 1, "0007") is None
    assert timeline_cache.load(database, 2, "0007") == _timeline(2)
    assert [path.name for path in timeline_cache.cache_file(database).parent.iterdir()] == [
        timeline_cache.cache_file(database).name
    ]


def _fields(timeline: CachedTimeline) -> dict[str, object]:
    return {name: getattr(timeline, name) for name in CachedTimeline.__dataclass_fields__}


def test_it_is_not_taken_by_other_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgraded app (or a changed checkout) lays the events out anew."""
    database = tmp_path / "timeline.sqlite3"
    assert timeline_cache.save(database, _timeline())
    monkeypatch.setattr(timeline_cache, "code_stamp", lambda: "another version")
    assert timeline_cache.load(database, 42, "0007") is None


@pytest.mark.parametrize(
    "module",
    # the lanes; the date codes, which number ``dates.Qualifier`` in its order
    [Path("timeline") / "lanes.py", Path("dates.py")],
    ids=str,
)
def test_the_code_stamp_follows_the_modules_that_make_lanes_and_codes(module: Path) -> None:
    before = timeline_cache.code_stamp()
    assert timeline_cache.code_stamp() == before
    changed = Path(timeline_cache.__file__).parent / module
    info = changed.stat()
    try:
        os.utime(changed, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert timeline_cache.code_stamp() != before
    finally:
        os.utime(changed, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert timeline_cache.code_stamp() == before


def _body_start(data: bytes) -> int:
    _, _, header_size = timeline_cache._PREFIX.unpack_from(data)
    return int(timeline_cache._PREFIX.size + header_size)


@pytest.mark.parametrize("where", [0, 0.3, 0.6, 0.95, -1], ids=str)
def test_a_file_damaged_inside_its_numbers_is_ignored(tmp_path: Path, where: float) -> None:
    """A byte changed (or zeroed: a crash before the disk had the data) in the columns, the
    lanes or the lookup, the file keeping its length: not taken for the events it held."""
    database = tmp_path / "timeline.sqlite3"
    assert timeline_cache.save(database, _timeline())
    kept = timeline_cache.cache_file(database)
    data = bytearray(kept.read_bytes())
    body = _body_start(data)
    at = len(data) - 1 if where == -1 else body + int((len(data) - body) * where)
    for value in (data[at] ^ 0x5A, 0):
        if value == data[at]:
            continue
        damaged = bytearray(data)
        damaged[at] = value
        kept.write_bytes(bytes(damaged))
        assert timeline_cache.load(database, 42, "0007") is None, (at, value)
    zeroed = data[:body] + bytes(len(data) - body)
    kept.write_bytes(bytes(zeroed))
    assert timeline_cache.load(database, 42, "0007") is None


def test_a_hostile_header_is_ignored_not_raised(tmp_path: Path) -> None:
    database = tmp_path / "timeline.sqlite3"
    kept = timeline_cache.cache_file(database)
    kept.parent.mkdir(parents=True, exist_ok=True)
    for header in (b"[" * 100_000, b"{}", b"[]", b'"text"', b"\xff\xfe"):
        kept.write_bytes(
            timeline_cache._PREFIX.pack(timeline_cache.MAGIC, timeline_cache.FORMAT, len(header))
            + header
        )
        assert timeline_cache.load(database, 42, "0007") is None, header[:8]


def test_a_database_whose_name_is_not_utf8_keeps_its_timeline(tmp_path: Path) -> None:
    """A file named in another encoding (Linux: a Latin-1 name) is opened by the store; its
    timeline is kept (no error from the idle view that keeps it) and read back."""
    database = Path(os.fsdecode(os.fsencode(tmp_path) + b"/chronologie-\xe9t\xe9.sqlite3"))
    assert timeline_cache.save(database, _timeline())
    assert timeline_cache.load(database, 42, "0007") == _timeline()


def test_a_cache_that_cannot_be_made_is_not_an_error_even_without_the_code_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module of the app gone from the disk (an upgrade under a running app)."""

    def missing() -> str:
        raise FileNotFoundError("timeline_cache.py")

    monkeypatch.setattr(timeline_cache, "code_stamp", missing)
    database = tmp_path / "timeline.sqlite3"
    assert not timeline_cache.save(database, _timeline())
    assert timeline_cache.load(database, 42, "0007") is None


def test_what_is_kept_for_gone_or_long_unused_databases_is_removed(tmp_path: Path) -> None:
    """One file per database ever opened would grow without end: files of databases deleted
    since, not used for months, or left half-written by a killed app, go at the next write."""
    names = ("here", "gone", "old", "used")
    here, gone, old, used = (tmp_path / f"{name}.sqlite3" for name in names)
    for database in (here, old, used):
        database.touch()
    for database in (gone, old, used):
        assert timeline_cache.save(database, _timeline())
    folder = timeline_cache.cache_file(here).parent
    months_ago = time.time() - (timeline_cache.STALE_DAYS + 1) * 86_400
    for database in (old, used):
        os.utime(timeline_cache.cache_file(database), (months_ago, months_ago))
    assert timeline_cache.load(used, 42, "0007") is not None  # taken: used again
    partial = folder / ".writing-abc"
    partial.write_bytes(b"half")
    os.utime(partial, (months_ago, months_ago))
    fresh = folder / ".writing-def"  # another process's write under way
    fresh.write_bytes(b"half")
    other = folder / "notes.txt"
    other.write_text("not ours", encoding="utf-8")

    assert timeline_cache.save(here, _timeline())
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [
            timeline_cache.cache_file(here).name,
            timeline_cache.cache_file(used).name,
            fresh.name,
            other.name,
        ]
    )
