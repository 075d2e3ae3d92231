"""Opening a timeline database: checks, engine set-up and migrations.

``open_database`` takes a file path or a SQLAlchemy URL. For a file it refuses, with a one-line
message and without touching the file, anything that is not a timeline database this version can
use: a directory, a file that is not SQLite, a SQLite file of another application, a database
written by a newer version of the app, a location that cannot be written. A new file is created and
migrated to the latest revision; an older one is first copied to a timestamped backup beside it,
then upgraded in one transaction.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from timeline_app import paths
from timeline_app.core.i18n import translate

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "timeline_write"


class DatabaseOpenError(Exception):
    """The database cannot be opened; the message says why, in one line."""


def _tr(text: str) -> str:
    return translate("database", text)


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    engine: Engine
    location: str
    path: Path | None
    created: bool
    backup: Path | None


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def _known_revision(revision: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


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


def create_sqlite_engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        url = f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true"
    else:
        url = f"sqlite+pysqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine, read_only=read_only)
    return engine


def writing(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock at BEGIN."""
    return engine.execution_options(**{WRITE_OPTION: True})


# -- checks on a file ------------------------------------------------------------------------


def _check_path(path: Path) -> bool:
    """Refuse what cannot be a timeline database; True when the file must be created."""
    if path.is_dir():
        raise DatabaseOpenError(_tr("{path} is a directory, not a database file").format(path=path))
    if not path.exists() or path.stat().st_size == 0:
        parent = path.parent
        if not parent.is_dir():
            raise DatabaseOpenError(
                _tr("cannot create {path}: the folder {parent} does not exist").format(
                    path=path, parent=parent
                )
            )
        if not _writable_dir(parent):
            raise DatabaseOpenError(
                _tr("cannot create {path}: the folder {parent} is not writable").format(
                    path=path, parent=parent
                )
            )
        return True
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseOpenError(
            _tr("cannot read {path}: {reason}").format(path=path, reason=error.strerror)
        ) from error
    if header != SQLITE_MAGIC:
        raise DatabaseOpenError(_tr("{path} is not a SQLite database").format(path=path))
    return False


def _writable_dir(folder: Path) -> bool:
    import os  # noqa: PLC0415 - only needed here

    return os.access(folder, os.W_OK | os.X_OK)


def _stored_revision(path: Path) -> str | None:
    """The file's schema revision, read without changing the file.

    A writable file is read through an ordinary connection that only reads, so SQLite removes
    its transient -wal and -shm files on closing; a read-only file is opened read-only.
    """
    mode = "rw" if _writable_file(path) and _writable_dir(path.parent) else "ro"
    uri = f"file:{path}?mode={mode}"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            connection.execute("PRAGMA query_only = ON")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseOpenError(
                        _tr(
                            "{path} is a SQLite database of another application "
                            "(it has no timeline version information)"
                        ).format(path=path)
                    )
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseOpenError(
            _tr("{path} cannot be read as a SQLite database: {reason}").format(
                path=path, reason=error
            )
        ) from error
    return str(row[0]) if row else None


def backup_path(path: Path, when: datetime | None = None) -> Path:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def backup_file(path: Path) -> Path:
    """A consistent copy of the database beside it (SQLite's online backup), for safe keeping."""
    target = backup_path(path)
    with (
        closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return target


# -- migrations ------------------------------------------------------------------------------


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest revision, in one transaction."""
    with writing(engine).begin() as connection:
        command.upgrade(alembic_config(connection), "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _newer_message(location: str, revision: str) -> str:
    return _tr(
        "{location} was written by a newer version of Diplomatic Timeline (schema {revision}); "
        "this version knows schemas up to {head}. Update the app to open it."
    ).format(location=location, revision=revision, head=head_revision())


def open_database(target: str | Path) -> OpenedDatabase:
    """Open (creating or upgrading as needed) a timeline database file or URL."""
    if is_url(target):
        return _open_url(str(target))
    path = Path(target).expanduser().absolute()
    must_create = _check_path(path)
    backup: Path | None = None
    if not must_create:
        revision = _stored_revision(path)
        if revision is not None and not _known_revision(revision):
            raise DatabaseOpenError(_newer_message(str(path), revision))
        if revision != head_revision():
            if not _writable_dir(path.parent) or not _writable_file(path):
                raise DatabaseOpenError(
                    _tr("{path} needs an upgrade but cannot be written").format(path=path)
                )
            backup = backup_file(path)
    engine = create_sqlite_engine(path)
    try:
        upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    return OpenedDatabase(engine, str(path), path, must_create, backup)


def _writable_file(path: Path) -> bool:
    import os  # noqa: PLC0415 - only needed here

    return os.access(path, os.W_OK)


def _open_url(url: str) -> OpenedDatabase:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseOpenError(_tr("'{url}' is not a database URL").format(url=url)) from error
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return open_database(Path(parsed.database or ""))
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
