"""Opening a timeline database: checks, engine set-up and migrations.

``open_database`` takes a file path or a SQLAlchemy URL. For a file it refuses, with a one-line
message and without touching the file, anything that is not a timeline database this version can
use: a directory, a file that is not SQLite, a SQLite file of another application, a database
written by a newer version of the app, a location that cannot be written, a damaged file
(:class:`DamagedDatabaseError`, which carries the most recent automatic backup). A new file is
created and migrated to the latest revision; an older one is first backed up (``core.backups``),
then upgraded in one transaction. A file that must not be written is opened read-only.

Nothing here ever writes to a file it refuses: the checks read it through connections that
cannot write it or have nothing to write (see :func:`_inspection_uri`).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import QueuePool

from timeline_app import paths

if TYPE_CHECKING:
    from alembic.config import Config
from timeline_app.core import backups, early_read
from timeline_app.core.i18n import translate

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
WAL_HEADER_SIZE = 32
# quick_check at open up to this size: about half a second at most; larger files are checked
# after opening (Store.check_integrity, from a worker thread).
QUICK_CHECK_MAX_BYTES = 100_000_000
BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "timeline_write"


class DatabaseOpenError(Exception):
    """The database cannot be opened; the message says why, in one line."""


class DatabaseBusyError(DatabaseOpenError):
    """Another program held a lock on the database for too long; nothing was changed.

    Retryable: opening it again a moment later usually works.
    """

    retryable = True


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    engine: Engine
    location: str
    path: Path | None
    created: bool
    backup: Path | None
    access: Access = field(default_factory=lambda: Access(False))
    checked: bool = True  # quick_check ran at open (False for a file too large to check then)

    @property
    def read_only(self) -> bool:
        return self.access.read_only


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - Alembic only when migrating

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


@functools.cache
def known_revisions() -> tuple[str, ...]:
    """The schema revisions this app knows, oldest first, read from the file names alone.

    Migrations are numbered ``NNNN_what.py`` with revision id ``NNNN``, in one line of
    descent (a test checks this against Alembic). Reading names instead of loading Alembic and
    every migration keeps opening an up-to-date database fast: Alembic is imported only when a
    database must be created or upgraded.
    """
    names = os.listdir(paths.migrations_dir() / "versions")
    return tuple(sorted(m.group(1) for name in names if (m := _REVISION_FILE.match(name))))


def head_revision() -> str:
    revisions = known_revisions()
    assert revisions, "the migrations directory has no revisions"
    return revisions[-1]


def _known_revision(revision: str) -> bool:
    return revision in known_revisions()


# -- engine -------------------------------------------------------------------------------------


def _configure_sqlite(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so pysqlite's implicit transactions are turned off;
        # this makes DDL transactional too, which keeps a failed migration from leaving half a
        # schema behind.
        dbapi_connection.isolation_level = None
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
            else:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A write takes the lock at once (BEGIN IMMEDIATE), so two writers wait for each other
        # under busy_timeout instead of failing half-way with "database is locked".
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def create_sqlite_engine(
    path: Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    pool_size: int | None = None,
) -> Engine:
    """An engine on the file ``path``.

    ``read_only`` opens it ``mode=ro`` (SQLite never writes the file; other programs' commits
    are seen); ``immutable`` also tells SQLite that nothing can change the file, so it takes no
    locks and creates no -shm (see :func:`file_access` for when that is safe). ``pool_size=1``
    gives an engine whose single connection is reused, for :class:`Store`'s writes.
    """
    if immutable:
        query = "immutable=1"
    elif read_only:
        query = "mode=ro"
    else:
        query = "mode=rwc"
    uri = backups.sqlite_uri(path, query)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )

    options: dict[str, Any] = {"poolclass": QueuePool}
    if pool_size is not None:
        options.update(pool_size=pool_size, max_overflow=0, pool_timeout=BUSY_TIMEOUT_MS / 1000)
    engine = create_engine("sqlite+pysqlite://", creator=connect, **options)
    _configure_sqlite(engine, read_only=read_only or immutable)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock at BEGIN."""
    return engine.execution_options(**{WRITE_OPTION: True})


# -- read-only files -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Access:
    """How a database file can be opened.

    ``read_only``: the app must not write it, and ``reason`` says why, for the window.
    ``immutable``: nobody is expected to change the file while it is open, and it has nothing
    pending in a -wal file, so SQLite may read it with ``immutable=1``: no locks, and no -wal or
    -shm file created beside it (a ``mode=ro`` connection to a WAL database creates both and
    leaves them behind). It is used only when the file cannot be written by anyone going through
    its permissions (read-only media, no write bit at all, a folder that is not writable): there,
    locking would protect nothing. A file that someone else may be writing (writable for its
    owner, or opened read-only on request) is opened ``mode=ro`` instead, so that the other
    program's commits are seen consistently.
    """

    read_only: bool
    reason: str | None = None
    immutable: bool = False


def _on_read_only_media(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: os.access reports read-only media
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _has_wal_content(path: Path) -> bool:
    """A -wal file with frames in it: committed changes not yet copied into the file."""
    wal = _sidecar(path, "-wal")
    try:
        return wal.stat().st_size > WAL_HEADER_SIZE
    except OSError:
        return False


def file_access(path: Path, *, read_only: bool = False) -> Access:
    """Whether ``path`` (an existing file) must be opened read-only, and how.

    The file's permission bits are honoured even for a user allowed to write anyway (root, an
    administrator): a file without any write bit (``chmod 0444``, the Windows read-only
    attribute) is opened read-only, as its owner intended.
    """
    mode = path.stat().st_mode
    pending = _has_wal_content(path)
    if _on_read_only_media(path):
        return Access(
            True, translate("database", "it is on read-only media"), immutable=not pending
        )
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return Access(True, translate("database", "the file is read-only"), immutable=not pending)
    if not os.access(path, os.W_OK):
        return Access(True, translate("database", "you do not have permission to write to it"))
    if not _writable_dir(path.parent):
        return Access(
            True,
            translate(
                "database", "its folder is not writable, and saving needs a journal file beside it"
            ),
            immutable=not pending,
        )
    if read_only:
        return Access(True, translate("database", "it was opened read-only on request"))
    return Access(False)


# -- checks on a file ------------------------------------------------------------------------


class DamagedDatabaseError(DatabaseOpenError):
    """The file is a timeline database, but damaged; it was not changed in any way.

    ``problem`` names what is wrong; ``backup`` is the most recent automatic backup that can be
    read, to offer to the user (``core.restore``), or None.
    """

    def __init__(self, path: Path, problem: str, backup: backups.BackupInfo | None) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        message = translate(
            "database", "{path} is damaged ({problem}); it was left unchanged."
        ).format(path=path, problem=problem)
        if backup is None:
            message += " " + translate("database", "There is no automatic backup of it.")
        else:
            message += " " + translate(
                "database", "The most recent backup is from {backup}: {file}"
            ).format(backup=backup.describe(), file=backup.path)
        super().__init__(message)


def _damaged(path: Path, problem: str) -> DamagedDatabaseError:
    return DamagedDatabaseError(path, problem, backups.latest_backup(path))


def _check_path(path: Path) -> bool:
    """Refuse what cannot be a timeline database; True when the file must be created."""
    if path.is_dir():
        raise DatabaseOpenError(
            translate("database", "{path} is a directory, not a database file").format(path=path)
        )
    if not path.exists() or path.stat().st_size == 0:
        parent = path.parent
        if not parent.is_dir():
            raise DatabaseOpenError(
                translate(
                    "database", "cannot create {path}: the folder {parent} does not exist"
                ).format(path=path, parent=parent)
            )
        if not _writable_dir(parent) or (path.exists() and file_access(path).read_only):
            raise DatabaseOpenError(
                translate(
                    "database", "cannot create {path}: the folder {parent} is not writable"
                ).format(path=path, parent=parent)
                if not _writable_dir(parent)
                else translate(
                    "database", "{path} is empty and read-only: there is no timeline to show"
                ).format(path=path)
            )
        return True
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as error:
        raise DatabaseOpenError(
            translate("database", "cannot read {path}: {reason}").format(
                path=path, reason=error.strerror
            )
        ) from error
    if header[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise DatabaseOpenError(
            translate("database", "{path} is not a SQLite database").format(path=path)
        )
    return False


def _writable_dir(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def truncation_problem(path: Path) -> str | None:
    """Why the file is shorter than SQLite's header says it is, if it is (cheap: 100 bytes).

    Only meaningful when no -wal holds pending pages (they may extend the file on checkpoint).
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE:
        return translate("database", "the file is truncated: it is only {size} bytes long").format(
            size=size
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return translate("database", "its header is garbled (page size {size})").format(
            size=page_size
        )
    change_counter = header[24:28]
    pages = int.from_bytes(header[28:32], "big")
    valid_for = header[92:96]
    expected = pages * page_size
    if pages and change_counter == valid_for and size < expected:
        return translate(
            "database", "the file is truncated: it is {size} bytes long, its header says {expected}"
        ).format(size=size, expected=expected)
    if size % page_size:
        return translate(
            "database",
            "the file is truncated: {size} bytes is not a whole number of {page}-byte pages",
        ).format(size=size, page=page_size)
    return None


def _inspection_uri(path: Path, access: Access) -> str:
    """How to look into a file before trusting it, without ever writing to it.

    A writable file with nothing pending in a -wal is read through an ordinary connection that
    only reads, so SQLite removes the -wal and -shm it creates on closing (nothing to checkpoint,
    so the file is not written). With pending -wal content, ``mode=ro``: closing a read-write
    connection would checkpoint, that is write into a file that may turn out to be damaged.
    """
    if access.immutable:
        return backups.sqlite_uri(path, "immutable=1")
    if access.read_only or _has_wal_content(path):
        return backups.sqlite_uri(path, "mode=ro")
    return backups.sqlite_uri(path, "mode=rw")


def _busy_message(path: Path) -> str:
    return translate(
        "database", "{path} is busy: another program is changing it; try again in a moment"
    ).format(path=path)


def _quick_check(connection: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in connection.execute("PRAGMA quick_check(5)")]


def _check_uri(path: Path, access: Access) -> str | None:
    """A faster connection for ``quick_check`` than the inspection's, when there is one.

    Measured (``benchmarks/open_check.py``): quick_check through a read-write connection takes
    about three times as long as through a read-only or immutable one. Without a pending -wal,
    the file alone is the database, and an ``immutable=1`` connection reads it without locks and
    without creating -wal/-shm files. A program starting to write meanwhile could make that read
    see a page mid-checkpoint, so damage found that way is confirmed through the inspection's
    locking connection before it is reported.
    """
    if access.immutable or access.read_only or _has_wal_content(path):
        return None  # the inspection connection is read-only already
    return backups.sqlite_uri(path, "immutable=1")


def inspect_file(path: Path, access: Access, *, full_check: bool = True) -> str | None:
    """The file's schema revision, once it is known to be a sound timeline database.

    Raises :class:`DamagedDatabaseError` when it is damaged: truncated (checked from the header
    when no -wal is pending), unreadable (its schema cannot be read), or, with ``full_check``,
    failing ``PRAGMA quick_check``. ``quick_check`` reads every page and checks each b-tree's
    structure, but not that indexes match their tables; it costs about a third to a half of
    ``integrity_check``, and grows with the file (``benchmarks/open_check.py``: 0.03 s for
    1,000 events / 5 MB, 0.17 s for 10,000 / 50 MB, 2.6 s for 100,000 / 500 MB, against 0.03,
    0.43 and 5.8 s for ``integrity_check``). :func:`open_database` therefore runs it only on
    files up to :data:`QUICK_CHECK_MAX_BYTES`.
    """
    if not _has_wal_content(path):
        problem = truncation_problem(path)
        if problem is not None:
            raise _damaged(path, problem)
    timeout = BUSY_TIMEOUT_MS / 1000
    try:
        with closing(
            sqlite3.connect(_inspection_uri(path, access), uri=True, timeout=timeout)
        ) as connection:
            connection.execute("PRAGMA query_only = ON")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseOpenError(
                        translate(
                            "database",
                            "{path} is a SQLite database of another application "
                            "(it has no timeline version information)",
                        ).format(path=path)
                    )
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if not full_check or early_read.checked_sound(path):  # checked while starting
                return str(row[0]) if row else None
            fast = _check_uri(path, access)
            findings = ["ok"]
            if fast is not None:
                with closing(sqlite3.connect(fast, uri=True)) as quick:
                    findings = _quick_check(quick)
            if fast is None or findings != ["ok"]:
                findings = _quick_check(connection)
            if findings != ["ok"]:
                raise _damaged(
                    path,
                    translate("database", "the integrity check found: {found}").format(
                        found="; ".join(findings)
                    ),
                )
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseBusyError(_busy_message(path)) from error
        if access.read_only and "unable to open" in str(error):
            raise DatabaseOpenError(
                translate("database", "{path} cannot be opened read-only: {reason}").format(
                    path=path, reason=error
                )
            ) from error
        raise _damaged(
            path, translate("database", "SQLite cannot read it: {reason}").format(reason=error)
        ) from error
    except sqlite3.DatabaseError as error:
        raise _damaged(
            path, translate("database", "SQLite cannot read it: {reason}").format(reason=error)
        ) from error
    return str(row[0]) if row else None


# -- migrations ------------------------------------------------------------------------------


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the latest by default), in one transaction.

    SQLite does not enforce foreign keys meanwhile: that is its documented way to rebuild a
    table that others refer to (migration 0005 does), since dropping the old table would
    otherwise delete, or be refused by, the rows that point to it. Before the transaction
    commits, ``PRAGMA foreign_key_check`` must find no broken reference that was not there
    before; otherwise nothing is changed.
    """
    from alembic import command  # noqa: PLC0415 - Alembic only when migrating

    with writing(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _enforce_foreign_keys(connection, False)
        try:
            with connection.begin():
                broken_before = _broken_references(connection) if sqlite else set()
                command.upgrade(alembic_config(connection), revision)
                if sqlite:
                    broken = _broken_references(connection) - broken_before
                    if broken:
                        raise DatabaseOpenError(
                            translate(
                                "database",
                                "upgrading the database would break references ({what}); "
                                "nothing was changed",
                            ).format(what=", ".join(sorted(broken))[:200])
                        )
        finally:
            if sqlite:
                _enforce_foreign_keys(connection, True)


def _enforce_foreign_keys(connection: Connection, on: bool) -> None:
    # Straight to the driver: outside a transaction (SQLAlchemy would begin one first, in
    # which SQLite ignores this pragma).
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _broken_references(connection: Connection) -> set[str]:
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    return {f"{table} {rowid} -> {parent}" for table, rowid, parent, _ in rows}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

        return MigrationContext.configure(connection).get_current_revision()


def _newer_message(location: str, revision: str) -> str:
    return translate(
        "database",
        "{location} was written by a newer version of Diplomatic Timeline (schema {revision}); "
        "this version knows schemas up to {head}. Update the app to open it.",
    ).format(location=location, revision=revision, head=head_revision())


def open_database(target: str | Path, *, read_only: bool = False) -> OpenedDatabase:
    """Open a timeline database file or URL: checked, then created or upgraded as needed.

    A file that cannot or must not be written (see :func:`file_access`), or any file when
    ``read_only`` is asked for, is opened read-only: never migrated (an older one is refused,
    since it would need writing), never switched to WAL, and its engine refuses writes.
    """
    if is_url(target):
        return _open_url(str(target), read_only=read_only)
    path = Path(target).expanduser().absolute()
    must_create = _check_path(path)
    if must_create and read_only:
        raise DatabaseOpenError(
            translate("database", "{path} does not exist, so it cannot be opened read-only").format(
                path=path
            )
        )
    access = Access(False) if must_create else file_access(path, read_only=read_only)
    backup: Path | None = None
    revision: str | None = None
    checked = True
    if not must_create:
        checked = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
        revision = inspect_file(path, access, full_check=checked)
        check_revision(path, revision)
        if revision != head_revision():
            if access.read_only:
                raise DatabaseOpenError(
                    translate(
                        "database",
                        "{path} was made by an older version of Diplomatic Timeline and must be "
                        "upgraded, but it is read-only ({reason}). It must be writable to be "
                        "upgraded: make it writable, or open a copy of it.",
                    ).format(path=path, reason=access.reason)
                )
            backup = _backup_before_upgrade(path)
    if access.read_only:
        engine = create_sqlite_engine(path, read_only=True, immutable=access.immutable)
        return OpenedDatabase(engine, str(path), path, False, None, access, checked)
    engine = create_sqlite_engine(path)
    if must_create or revision != head_revision():
        # Only then: the upgrade takes the write lock, which another program may be holding.
        try:
            upgrade(engine)
        except OperationalError as error:
            engine.dispose()
            if "locked" in str(error) or "busy" in str(error):
                raise DatabaseBusyError(_busy_message(path)) from error
            raise
        except Exception:
            engine.dispose()
            raise
    return OpenedDatabase(engine, str(path), path, must_create, backup, access, checked)


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong in the open database ``path`` (empty: sound).

    Safe to call from a worker thread while the database is in use: it reads through a
    connection of its own, read-only, and sees one consistent state (WAL).
    """
    try:
        with closing(
            sqlite3.connect(
                backups.sqlite_uri(path, "mode=ro"), uri=True, timeout=BUSY_TIMEOUT_MS / 1000
            )
        ) as connection:
            findings = _quick_check(connection)
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if findings == ["ok"] else findings


def check_revision(path: Path, revision: str | None) -> None:
    """Refuse a file whose schema is newer than this version of the app knows."""
    if revision is not None and not _known_revision(revision):
        raise DatabaseOpenError(_newer_message(str(path), revision))


def upgrade_file(path: Path) -> None:
    """Bring the file at ``path`` to the latest schema, without a backup (it is a copy)."""
    engine = create_sqlite_engine(path)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _backup_before_upgrade(path: Path) -> Path:
    try:
        return backups.make_backup(path, backups.Reason.UPGRADE).path
    except backups.BackupError as error:
        raise DatabaseOpenError(
            translate(
                "database", "{path} needs an upgrade, but no backup could be made first: {reason}"
            ).format(path=path, reason=error)
        ) from error


def _open_url(url: str, *, read_only: bool = False) -> OpenedDatabase:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseOpenError(
            translate("database", "'{url}' is not a database URL").format(url=url)
        ) from error
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return open_database(Path(parsed.database or ""), read_only=read_only)
    engine = create_engine(parsed)
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine, read_only=False)
    revision = current_revision(engine)
    if revision is not None and not _known_revision(revision):
        engine.dispose()
        raise DatabaseOpenError(_newer_message(parsed.render_as_string(), revision))
    created = revision is None and not inspect(engine).get_table_names()
    upgrade(engine)
    return OpenedDatabase(engine, parsed.render_as_string(), None, created, None)


@contextmanager
def raw_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, for checks and tests that must bypass the ORM."""
    with closing(sqlite3.connect(path)) as connection:
        yield connection


def copy_file(source: Path, target: Path) -> None:
    shutil.copy2(source, target)
