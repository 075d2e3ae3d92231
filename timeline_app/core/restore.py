"""Restoring a backup: into a new file, or in place of the current database, losing nothing.

:func:`restore` replaces the contents of a database with a backup. The current version is kept
first: a healthy database is backed up (reason ``before-restore``); a damaged one is copied byte
for byte (``damaged-copy``, never rotated away). A healthy database is then rewritten through
SQLite's online backup API, in one write transaction: other windows and programs that have it
open see the restored contents at their next read (``Store.changed_externally`` says so), and a
crash half-way leaves the previous contents. A damaged or missing file is replaced by a new file
renamed into place.

The backup itself is never changed: it is first copied, and the copy is checked and, when it was
made by an older version of the app, upgraded to the current schema.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from timeline_app.core import backups, database
from timeline_app.core.backups import BackupError, BackupInfo
from timeline_app.core.database import Access, DamagedDatabaseError, DatabaseOpenError
from timeline_app.core.i18n import translate

SQLITE_BUSY = 5
SQLITE_LOCKED = 6


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What :func:`restore` did: ``previous`` is where the replaced version was kept."""

    database: Path
    restored: BackupInfo
    previous: Path | None


def check_backup(backup: Path) -> BackupInfo:
    """The backup's description, once it is known to be a sound timeline this app can open."""
    if not backup.is_file():
        raise BackupError(translate("backups", "{path} is not a file").format(path=backup))
    try:
        with backup.open("rb") as handle:
            if handle.read(len(database.SQLITE_MAGIC)) != database.SQLITE_MAGIC:
                raise BackupError(
                    translate("backups", "{path} is not a SQLite database").format(path=backup)
                )
        revision = database.inspect_file(backup, database.file_access(backup, read_only=True))
        database.check_revision(backup, revision)
    except DamagedDatabaseError as error:
        raise BackupError(
            translate("backups", "the backup {path} is damaged ({problem})").format(
                path=backup, problem=error.problem
            )
        ) from error
    except (DatabaseOpenError, OSError) as error:
        raise BackupError(str(error)) from error
    if revision is None:
        raise BackupError(
            translate("backups", "{path} is not a timeline database").format(path=backup)
        )
    return backups.read_backup(backup)


def _prepared_copy(backup: Path, folder: Path) -> Path:
    """A checked copy of ``backup`` in ``folder``, at the current schema; the caller removes it."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f".restoring-{os.getpid()}-{backup.name}{backups.PARTIAL}"
    copy.unlink(missing_ok=True)
    backups.copy_database(backup, copy)
    try:
        if database.inspect_file(copy, Access(True, immutable=True)) != database.head_revision():
            database.upgrade_file(copy)
            with closing(sqlite3.connect(copy)) as connection:
                connection.execute("PRAGMA journal_mode = DELETE")
        _new_generation(copy)
    except Exception:
        _remove(copy)
        raise
    return copy


def _new_generation(copy: Path) -> None:
    """Give the copy's change counters (migration 0006) new random values: a store that keeps
    the events' order for the counters it read them at must not take the backup's events for
    those it read, should the backup have reached the same counts by other changes."""
    with closing(sqlite3.connect(copy)) as connection, connection:
        connection.execute(
            "UPDATE event_generation SET dates = ?, sources = ?, timeline = ? WHERE id = 1",
            (secrets.randbits(62), secrets.randbits(62), secrets.randbits(62)),
        )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


class _Busy(Exception):
    pass


def _abort_when_busy(status: int, _remaining: int, _total: int) -> None:
    # Python's Connection.backup retries a busy step forever; each step has already waited the
    # destination's busy timeout, so give up instead of freezing.
    if status in (SQLITE_BUSY, SQLITE_LOCKED):
        raise _Busy


def _write_into(source: Path, target: Path) -> None:
    """Replace the contents of the live database ``target`` by ``source``, in one transaction."""
    timeout = database.BUSY_TIMEOUT_MS / 1000
    try:
        with (
            closing(sqlite3.connect(backups.sqlite_uri(source, "immutable=1"), uri=True)) as src,
            closing(
                sqlite3.connect(backups.sqlite_uri(target, "mode=rw"), uri=True, timeout=timeout)
            ) as dst,
        ):
            src.backup(dst, progress=_abort_when_busy)
    except _Busy as error:
        raise BackupError(
            translate(
                "backups",
                "{path} is busy (another program is writing to it); nothing was restored, "
                "try again in a moment",
            ).format(path=target)
        ) from error
    except sqlite3.Error as error:
        raise BackupError(
            translate("backups", "cannot restore into {path}: {reason}").format(
                path=target, reason=error
            )
        ) from error


def _replace_file(source: Path, target: Path) -> None:
    """Put a copy of ``source`` at ``target`` by renaming a complete new file into place."""
    partial = target.with_name(f".{target.name}.restoring{backups.PARTIAL}")
    partial.unlink(missing_ok=True)
    try:
        backups.copy_database(source, partial)
        for suffix in ("-wal", "-shm", "-journal"):  # those of the replaced file: kept already
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        partial.replace(target)
        with contextlib.suppress(OSError):
            backups.fsync_path(target.parent)
    except OSError as error:
        raise BackupError(
            translate("backups", "cannot write {path}: {reason}").format(
                path=target, reason=error.strerror
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)


def restore(backup: Path, target: Path) -> RestoreResult:
    """Replace the database ``target`` by the backup ``backup``, keeping the current version."""
    target = target.expanduser().absolute()
    info = check_backup(backup)
    if target.exists() and target.stat().st_size > 0:
        access = database.file_access(target)
        if access.read_only:
            raise BackupError(
                translate("backups", "{path} is read-only ({reason}); nothing was restored").format(
                    path=target, reason=access.reason
                )
            )
    copy = _prepared_copy(backup, backups.folder_for(target))
    try:
        if not target.exists() or target.stat().st_size == 0:
            _replace_file(copy, target)
            return RestoreResult(target, info, None)
        try:
            database.inspect_file(target, database.file_access(target))
            healthy = True
        except DatabaseOpenError:
            healthy = False
        if healthy:
            previous = backups.make_backup(target, backups.Reason.RESTORE).path
            _write_into(copy, target)
        else:
            previous = backups.preserve_copy(target)
            _replace_file(copy, target)
    finally:
        _remove(copy)
    return RestoreResult(target, info, previous)


def restore_to_new_file(backup: Path, target: Path) -> RestoreResult:
    """Save the backup as the new database ``target`` (which must not exist yet)."""
    target = target.expanduser().absolute()
    if target.exists():
        raise BackupError(
            translate("backups", "{path} already exists; choose a new file name").format(
                path=target
            )
        )
    if not target.parent.is_dir():
        raise BackupError(
            translate("backups", "the folder {path} does not exist").format(path=target.parent)
        )
    info = check_backup(backup)
    copy = _prepared_copy(backup, backups.folder_for(target))
    try:
        _replace_file(copy, target)
    finally:
        _remove(copy)
    return RestoreResult(target, info, None)
