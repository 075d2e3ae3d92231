"""Automatic backups of a timeline database: rotating, consistent copies, listed with their dates.

A backup is a complete copy made with SQLite's online backup API, so it is consistent even while
the database is being written by this or another program, and the database itself is only read
(the source is opened ``mode=ro``). Each copy is a single self-contained file (rollback-journal
mode, no -wal beside it), written under a temporary name and renamed when complete, so a crash
never leaves half a backup in the list.

**Where.** Backups of ``/some/folder/name.sqlite3`` go to
``<user data folder>/backups/name-<hash of the full path>/``, not beside the database:

- the user data folder is always writable, whereas the database's folder may not be (a shared
  or synced folder, a read-only copy), and a backup must not fail for that;
- copies do not clutter the user's documents or fill a synced or network folder; two colleagues
  sharing one file each keep their own backups and never rotate away each other's;
- the hash keeps two databases with the same name apart; ``source.txt`` in each folder says which
  database it belongs to. A database that is moved starts a new folder (the old one stays).

**When.** Before a migration (``core.database``), before a bulk import (:func:`before_import`)
and at most once a day while editing (:func:`after_write`). The :data:`KEEP` most recent are
kept; copies of damaged files (:func:`preserve_copy`) are never rotated away.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from timeline_app import paths
from timeline_app.core.i18n import translate

KEEP = 10
DAILY = timedelta(days=1)
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
SOURCE_NOTE = "source.txt"
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)(?P<n>-\d+)?$")

log = logging.getLogger(__name__)


class Reason(StrEnum):
    """Why a backup was made; part of its file name."""

    UPGRADE = "before-upgrade"
    IMPORT = "before-import"
    DAILY = "daily"
    RESTORE = "before-restore"
    MANUAL = "manual"
    DAMAGED = "damaged-copy"

    @property
    def label(self) -> str:
        labels = {
            Reason.UPGRADE: translate("backups", "before upgrading to a new version"),
            Reason.IMPORT: translate("backups", "before an import"),
            Reason.DAILY: translate("backups", "daily"),
            Reason.RESTORE: translate("backups", "before restoring a backup"),
            Reason.MANUAL: translate("backups", "made on request"),
            Reason.DAMAGED: translate("backups", "copy of a damaged file"),
        }
        return labels[self]


class BackupError(Exception):
    """A backup could not be made or read; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup: where it is, when and why it was made, and how many events it holds.

    ``event_count`` is None when the copy cannot be read as a timeline (a damaged-file copy).
    """

    path: Path
    created: datetime  # aware, UTC
    reason: Reason
    event_count: int | None

    @property
    def local_created(self) -> datetime:
        return self.created.astimezone()

    def describe(self) -> str:
        """``2023-02-28 14:05, 123 events (daily)``: one line for a list."""
        when = self.local_created.strftime("%Y-%m-%d %H:%M")
        if self.event_count is None:
            count = translate("backups", "unreadable")
        else:
            count = translate("backups", "{count} events").format(count=self.event_count)
        return f"{when}, {count} ({self.reason.label})"


class StoreLike(Protocol):
    """What :func:`before_import` and :func:`after_write` need of a ``Store``."""

    @property
    def path(self) -> Path | None: ...

    @property
    def read_only(self) -> bool: ...


class WatchedStore(StoreLike, Protocol):
    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]: ...


# -- where ----------------------------------------------------------------------------------


def _canonical(database: Path) -> Path:
    return database.expanduser().resolve()


def folder_for(database: Path) -> Path:
    """The folder holding the backups of ``database`` (it may not exist yet)."""
    full = _canonical(database)
    digest = hashlib.sha256(str(full).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", full.stem)[:40] or "timeline"
    return paths.user_data_dir() / "backups" / f"{stem}-{digest}"


def _new_name(folder: Path, stem: str, created: datetime, reason: Reason, suffix: str) -> Path:
    base = f"{stem}-{created.strftime(_STAMP_FORMAT)}-{reason.value}"
    candidate = folder / f"{base}{suffix}"
    counter = 1
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL).exists():
        candidate = folder / f"{base}-{counter}{suffix}"
        counter += 1
    return candidate


def _prepare_folder(database: Path) -> Path:
    folder = folder_for(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / SOURCE_NOTE
        if not note.exists():
            note.write_text(f"{_canonical(database)}\n", encoding="utf-8")
    except OSError as error:
        raise BackupError(
            translate("backups", "cannot create the backup folder {folder}: {reason}").format(
                folder=folder, reason=error.strerror or error
            )
        ) from error
    return folder


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


# -- making ---------------------------------------------------------------------------------


def sqlite_uri(path: Path, query: str) -> str:
    """A SQLite URI filename for ``path`` (special characters escaped) with ``query``."""
    return f"{path.absolute().as_uri()}?{query}"


def count_events(path: Path) -> int | None:
    """The number of events in a backup copy, or None if it cannot be read as a timeline."""
    try:
        with closing(sqlite3.connect(sqlite_uri(path, "immutable=1"), uri=True)) as connection:
            row = connection.execute("SELECT count(*) FROM event").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries (after a rename), to disk."""
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def copy_database(source: Path, target: Path) -> int | None:
    """Copy ``source`` to the new file ``target`` with the online backup API; its event count.

    The source is only read. The copy is switched to rollback-journal mode so that it is one
    self-contained file, and flushed to disk.
    """
    try:
        with (
            closing(sqlite3.connect(sqlite_uri(source, "mode=ro"), uri=True, timeout=5)) as src,
            closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            tables = {r[0] for r in dst.execute("SELECT name FROM sqlite_master")}
            count = (
                int(dst.execute("SELECT count(*) FROM event").fetchone()[0])
                if "event" in tables
                else None
            )
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise BackupError(
            translate("backups", "cannot copy {source}: {reason}").format(
                source=source, reason=error
            )
        ) from error
    fsync_path(target)
    return count


def make_backup(
    database: Path,
    reason: Reason = Reason.MANUAL,
    *,
    keep: int = KEEP,
    now: datetime | None = None,
) -> BackupInfo:
    """Back ``database`` up now, then keep only the ``keep`` most recent backups."""
    folder = _prepare_folder(database)
    created = _now(now)
    final = _new_name(folder, folder.name.rsplit("-", 1)[0], created, reason, SUFFIX)
    partial = final.with_name(final.name + PARTIAL)
    try:
        count = copy_database(database, partial)
        partial.replace(final)
        fsync_path(folder)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(
            translate("backups", "cannot write the backup {path}: {reason}").format(
                path=final, reason=error.strerror or error
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    rotate(database, keep=keep)
    return BackupInfo(final, created, reason, count)


def preserve_copy(database: Path, *, now: datetime | None = None) -> Path:
    """A byte-for-byte copy of a (damaged) database and its -wal/-journal, kept for good.

    Used before anything replaces a file that SQLite cannot read; returns the database copy.
    """
    folder = _prepare_folder(database)
    created = _now(now)
    target = _new_name(folder, folder.name.rsplit("-", 1)[0], created, Reason.DAMAGED, SUFFIX)
    try:
        shutil.copy2(database, target)
        for sidecar in ("-wal", "-journal"):
            extra = database.with_name(database.name + sidecar)
            if extra.exists():
                shutil.copy2(extra, target.with_name(target.name + sidecar))
        fsync_path(target)
    except OSError as error:
        raise BackupError(
            translate("backups", "cannot copy {path} to {target}: {reason}").format(
                path=database, target=target, reason=error.strerror or error
            )
        ) from error
    return target


# -- listing --------------------------------------------------------------------------------


def _parse(path: Path) -> tuple[datetime, Reason] | None:
    if path.suffix != SUFFIX:
        return None
    match = _NAME.match(path.stem)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
        reason = Reason(match["reason"])
    except ValueError:
        return None
    return created, reason


def _entries(database: Path) -> list[tuple[Path, datetime, Reason]]:
    """The backups of ``database``, newest first, from their names alone (nothing opened)."""
    folder = folder_for(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = _parse(path)
        if parsed is not None and path.is_file():
            found.append((path, *parsed))
    found.sort(key=lambda entry: (entry[1], entry[0].name), reverse=True)
    return found


def read_backup(path: Path) -> BackupInfo:
    """What a backup file holds; a file not named like a backup gets its modification time."""
    parsed = _parse(path)
    if parsed is None:
        created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        parsed = (created, Reason.MANUAL)
    return BackupInfo(path, parsed[0], parsed[1], count_events(path))


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database``, newest first, each with its event count."""
    return [
        BackupInfo(path, created, reason, count_events(path))
        for path, created, reason in _entries(database)
    ]


def latest_backup(database: Path) -> BackupInfo | None:
    """The most recent backup that can be read as a timeline, if any."""
    for path, created, reason in _entries(database):
        if reason is Reason.DAMAGED:
            continue
        count = count_events(path)
        if count is not None:
            return BackupInfo(path, created, reason, count)
    return None


def rotate(database: Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` newest backups (damaged-file copies stay); what was deleted."""
    removed: list[Path] = []
    kept = 0
    for path, _created, reason in _entries(database):
        if reason is Reason.DAMAGED:
            continue
        kept += 1
        if kept > keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


# -- when -----------------------------------------------------------------------------------


def is_due(database: Path, *, now: datetime | None = None, interval: timedelta = DAILY) -> bool:
    """True when no backup of ``database`` was made within ``interval`` (cheap: names only)."""
    newest = next(
        (created for _p, created, reason in _entries(database) if reason is not Reason.DAMAGED),
        None,
    )
    return newest is None or _now(now) - newest >= interval


def backup_if_due(
    database: Path, *, now: datetime | None = None, interval: timedelta = DAILY
) -> BackupInfo | None:
    """Back up if the last backup is older than ``interval``; the new backup or None."""
    if not is_due(database, now=now, interval=interval):
        return None
    return make_backup(database, Reason.DAILY, now=now)


def before_import(store: StoreLike) -> BackupInfo | None:
    """Importers call this before a bulk import; None for a database that is not a file.

    Raises :class:`BackupError` if the copy cannot be made: the importer should say so and let
    the user choose whether to import without a backup.
    """
    if store.path is None or store.read_only:
        return None
    return make_backup(store.path, Reason.IMPORT)


def after_write(store: StoreLike, *, now: datetime | None = None) -> BackupInfo | None:
    """The GUI calls this after each saved change: a daily backup, at most once a day.

    It costs a directory listing when no backup is due. A failure is logged, not raised: the
    change itself was saved, and the user must not be told otherwise.
    """
    if store.path is None or store.read_only:
        return None
    try:
        return backup_if_due(store.path, now=now)
    except BackupError as error:
        log.warning("daily backup of %s failed: %s", store.path, error)
        return None


def keep_daily_backups(store: WatchedStore) -> Callable[[], None]:
    """Call :func:`after_write` after every change saved through ``store``; an unsubscribe.

    The GUI calls this once per open store (not per window): a daily backup while editing.
    """

    def listener(_changes: object) -> None:
        after_write(store)

    return store.subscribe(listener)
