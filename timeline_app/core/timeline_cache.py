"""The timeline laid out at the last run, kept in the user's cache folder for the next start.

Reading 100,000 events in time order and grouping them into lanes is most of what a big
timeline's first frame waits for. The app keeps what that gives, for the timeline without a
filter (the events' columns in time order, and the lanes of the grouping it was shown in), in a
file of its own per database, and the early read (``core.early_read``) takes it instead of
running the queries, when it is still what the database holds.

It is still what the database holds when ``event_generation.timeline`` has the value it had
when the timeline was read: triggers give that stamp a new random value with any change to the
tables a timeline draws (migration 0007), whoever makes it. The stamp is read in the same read
transaction as the events, both when the file is written and when it is taken. The file also
names the database (its absolute path), the schema revision, the grouping and the language, and
the code that made it (:func:`code_stamp`: a new version of the app reads the events again); a
file that does not match all of them, or that cannot be read for any reason, is ignored, and the
timeline is read from the database as if there were none. Nothing here ever raises: a cache is
only ever a shortcut.

The file holds numbers and text only (a JSON header, then arrays of machine integers), and is
replaced whole (written beside it, then renamed), so a reader never sees half of one. The header
holds the CRC-32 of the numbers: a file damaged on the disk (or left with zeros by a crash before
the disk had its data: it is not flushed) is ignored too, not taken for the events it held.

Imported by the early read before SQLAlchemy and Qt: the standard library and ``paths`` only.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import time
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline_app import paths

MAGIC = b"DTLCACHE"
FORMAT = 2  # 2: the header holds the CRC-32 of the numbers
_PREFIX = struct.Struct("<8sII")  # magic, format, length of the JSON header
LANE_COLUMNS = 4  # a lane's order, order_first, order_last and sorted_last
LANE_TYPE = "i"
STALE_DAYS = 90  # what is kept for a database not opened for this long is removed
PARTIAL_STALE_S = 3600  # a write left unfinished this long ago (the app was killed) is removed
#: The kinds of ``EventIndex``'s columns, in its order (a test checks they agree).
INDEX_COLUMN_TYPES = ("q", "i", "i", "i", "i", "B", "B", "B", "B", "q")


@dataclass(frozen=True, slots=True)
class CachedLane:
    """A lane as ``lanes.build_lane`` makes it (before any packing)."""

    key: str
    label: str
    order: array[int]
    order_first: array[int]
    order_last: array[int]
    sorted_last: array[int]
    row_count: int


@dataclass(frozen=True, slots=True)
class CachedTimeline:
    """A timeline without a filter, as read at ``stamp`` (see the module docs).

    ``columns``: the event index's columns, in its order and kinds; ``lanes``: the lanes of
    ``grouping``, with labels in ``lang``; ``lookup``: each event id's position in the
    columns (-1: none), when the index keeps them in an array."""

    stamp: int
    revision: str
    grouping: str
    lang: str
    columns: list[array[int]]
    lanes: list[CachedLane]
    lookup: array[int] | None = None


def code_stamp() -> str:
    """The size and time of change of the modules that read and group the events: a kept
    timeline made by other code (an upgrade, a change in a checkout) is not taken."""
    here = Path(__file__).parent
    modules = sorted(here.joinpath("timeline").glob("*.py"))
    modules += [here / "timeline_cache.py", here / "early_read.py", here / "vocabulary.py"]
    modules.append(here / "dates.py")  # the date codes number its qualifiers in their order
    parts = []
    for module in modules:
        info = module.stat()
        parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def cache_file(database: Path) -> Path:
    """Where the timeline of ``database`` is kept."""
    name = hashlib.sha256(os.fsencode(database.expanduser().absolute())).hexdigest()[:32]
    return paths.user_cache_dir() / "timelines" / f"{name}.bin"


def save(database: Path, timeline: CachedTimeline) -> bool:
    """Keep ``timeline`` for ``database`` (in place of what was kept); False if it could not be
    written (a full disk, a folder without rights: the next start reads the database)."""
    import tempfile  # noqa: PLC0415 - only when writing: the early read imports this module

    parts = list(timeline.columns)
    parts += [_lane_column(lane, part) for part in range(LANE_COLUMNS) for lane in timeline.lanes]
    if timeline.lookup is not None:
        parts.append(array(LANE_TYPE, timeline.lookup))
    checksum = 0
    for part in parts:
        checksum = zlib.crc32(part, checksum)
    try:
        header: dict[str, Any] = {
            "database": os.fsdecode(database.expanduser().absolute()),
            "stamp": timeline.stamp,
            "revision": timeline.revision,
            "grouping": timeline.grouping,
            "lang": timeline.lang,
            "byteorder": sys.byteorder,
            "columns": [[part.typecode, part.itemsize, len(part)] for part in timeline.columns],
            "lanes": [
                [lane.key, lane.label, len(lane.order), lane.row_count] for lane in timeline.lanes
            ],
            "lane_itemsize": array(LANE_TYPE).itemsize,
            "lookup": None if timeline.lookup is None else len(timeline.lookup),
            "code": code_stamp(),
            "crc32": checksum,
        }
        # ASCII: a name that is not UTF-8 (a file named in Latin-1 on Linux: os.fsdecode gives
        # it lone surrogates) is written escaped, and read back as the same text.
        encoded = json.dumps(header, separators=(",", ":")).encode("ascii")
        target = cache_file(database)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".writing-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_PREFIX.pack(MAGIC, FORMAT, len(encoded)))
                out.write(encoded)
                for part in parts:
                    part.tofile(out)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return False
    prune(target.parent, keep=target)
    return True


def prune(folder: Path, keep: Path | None = None, now: float | None = None) -> None:
    """Remove what is kept for databases that no longer exist, or that were not opened for
    ``STALE_DAYS``, and what a write cut short (the app killed) left behind. Quiet."""
    now = time.time() if now is None else now
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry == keep:
            continue
        try:
            age = now - entry.stat().st_mtime
            if entry.name.startswith(".writing-"):
                stale = age > PARTIAL_STALE_S
            elif entry.suffix == ".bin":
                stale = age > STALE_DAYS * 86_400 or not _database_of(entry).exists()
            else:
                continue
            if stale:
                entry.unlink()
        except Exception:  # any file at all: left as it is
            continue


def _database_of(kept: Path) -> Path:
    """The database a kept file names (its header)."""
    with kept.open("rb") as handle:
        magic, _version, header_size = _PREFIX.unpack(handle.read(_PREFIX.size))
        if magic != MAGIC:
            raise ValueError("not a kept timeline")
        header = json.loads(handle.read(header_size).decode("utf-8"))
    return Path(str(header["database"]))


def load(database: Path, stamp: int, revision: str) -> CachedTimeline | None:
    """What was kept for ``database``, if it was read at ``stamp`` and ``revision``; None
    otherwise, or if it cannot be read."""
    try:
        kept = cache_file(database)
        found = _parsed(kept.read_bytes(), database, stamp, revision, INDEX_COLUMN_TYPES)
        if found is not None:
            os.utime(kept)  # used: not stale (see prune)
        return found
    except Exception:  # any file at all (a header nested too deep: RecursionError): a shortcut
        return None


def _lane_column(lane: CachedLane, part: int) -> array[int]:
    return (lane.order, lane.order_first, lane.order_last, lane.sorted_last)[part]


def _parsed(
    data: bytes, database: Path, stamp: int, revision: str, column_types: Sequence[str]
) -> CachedTimeline | None:
    magic, version, header_size = _PREFIX.unpack_from(data)
    if magic != MAGIC or version != FORMAT:
        return None
    start = _PREFIX.size
    header = json.loads(data[start : start + header_size].decode("utf-8"))
    if (
        header["database"] != os.fsdecode(database.expanduser().absolute())
        or header["stamp"] != stamp
        or header["revision"] != revision
        or header["code"] != code_stamp()
        or header["byteorder"] != sys.byteorder
        or header["lane_itemsize"] != array(LANE_TYPE).itemsize
        or [column[0] for column in header["columns"]] != list(column_types)
    ):
        return None
    view = memoryview(data)
    at = start + header_size
    if zlib.crc32(view[at:]) != header["crc32"]:
        return None
    columns: list[array[int]] = []
    for typecode, itemsize, length in header["columns"]:
        column = array(typecode)
        if column.itemsize != itemsize:
            return None
        column.frombytes(_taken(view, at, itemsize * length))
        at += itemsize * length
        columns.append(column)
    if len({len(column) for column in columns}) > 1:
        return None
    lengths = [int(lane[2]) for lane in header["lanes"]]
    total = sum(lengths)
    size = array(LANE_TYPE).itemsize * total
    parts: list[array[int]] = []
    for _ in range(LANE_COLUMNS):
        part = array(LANE_TYPE)
        part.frombytes(_taken(view, at, size))
        at += size
        parts.append(part)
    lookup = None
    if header["lookup"] is not None:
        lookup = array(LANE_TYPE)
        lookup.frombytes(_taken(view, at, lookup.itemsize * int(header["lookup"])))
        at += lookup.itemsize * len(lookup)
    if at != len(data):
        return None
    lanes: list[CachedLane] = []
    begin = 0
    count = len(columns[0]) if columns else 0
    for (key, label, length, row_count), _ in zip(header["lanes"], lengths, strict=True):
        end = begin + int(length)
        order, firsts, lasts, sorted_last = (part[begin:end] for part in parts)
        if order and (min(order) < 0 or max(order) >= count):
            return None
        lanes.append(
            CachedLane(str(key), str(label), order, firsts, lasts, sorted_last, int(row_count))
        )
        begin = end
    return CachedTimeline(
        stamp, revision, str(header["grouping"]), str(header["lang"]), columns, lanes, lookup
    )


def _taken(view: memoryview, at: int, size: int) -> memoryview:
    if size < 0 or at + size > len(view):
        raise ValueError("the file is shorter than its header says")
    return view[at : at + size]
