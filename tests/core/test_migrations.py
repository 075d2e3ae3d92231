"""Databases are created at the latest schema, upgraded with their data, refused when newer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from timeline_app.core import backups, database
from timeline_app.core.database import DatabaseOpenError, open_database
from timeline_app.core.models import Base
from timeline_app.core.search.index import INDEX_TABLE, index_tables
from timeline_app.core.store import Store


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def make_database_at(path: Path, revision: str) -> None:
    engine = database.create_sqlite_engine(path)
    database.upgrade(engine, revision)
    engine.dispose()


def test_a_new_file_is_created_at_the_latest_revision(db_path: Path) -> None:
    opened = open_database(db_path)
    opened.engine.dispose()
    assert opened.created
    assert opened.backup is None
    assert revision_of(db_path) == database.head_revision()


def test_the_migrated_schema_is_exactly_the_models(db_path: Path) -> None:
    """Every table but the FTS5 search index: a virtual table and its shadow tables, which
    SQLAlchemy models cannot describe. Those are left out by name, and must exist."""
    search_tables = index_tables()

    def not_the_search_index(name: str | None, type_: str, _parent: object) -> bool:
        return not (type_ == "table" and name in search_tables)

    opened = open_database(db_path)
    with opened.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": not_the_search_index}
        )
        differences = compare_metadata(context, Base.metadata)
        tables = set(inspect(connection).get_table_names())
    opened.engine.dispose()
    assert differences == []
    assert search_tables <= tables
    assert INDEX_TABLE not in Base.metadata.tables


def test_the_tables_whose_ids_are_never_reused_are_those_of_the_models(db_path: Path) -> None:
    """``compare_metadata`` does not look at AUTOINCREMENT: a new file must still have it where
    the models ask for it (migration 0005), and nowhere else."""
    wanted = {
        table.name
        for table in Base.metadata.tables.values()
        if table.dialect_options["sqlite"]["autoincrement"]
    }
    open_database(db_path).engine.dispose()
    with sqlite3.connect(db_path) as connection:
        created = {
            name
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
            if "AUTOINCREMENT" in sql
        }
    connection.close()
    assert wanted == {"event", "actor", "place", "source", "trip"}
    assert created == wanted


def test_an_old_database_is_backed_up_then_upgraded_with_its_data(db_path: Path) -> None:
    make_database_at(db_path, "0001")
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO event (title, kind, status, summary, start_value, start_qualifier,"
            " start_earliest, start_latest, created_at, updated_at, version) VALUES"
            " ('Old visit', 'state_visit', 'completed', 'kept', '2001-05', 'early',"
            " '2001-05-01', '2001-05-10', '2001-01-01 00:00:00', '2001-01-01 00:00:00', 1)"
        )
    connection.close()
    before = db_path.read_bytes()

    opened = open_database(db_path)
    opened.engine.dispose()

    [listed] = backups.list_backups(db_path)
    assert opened.backup == listed.path
    assert (listed.reason, listed.event_count) == (backups.Reason.UPGRADE, 1)
    assert revision_of(opened.backup) == "0001"
    assert revision_of(db_path) == database.head_revision()
    with Store.open(db_path) as store:
        [row] = store.list_events()
        assert (row.title, row.start.format()) == ("Old visit", "early May 2001")
        assert store.get_event(row.id).summary == "kept"
        assert store.history() == []  # the table added by 0002 exists and is empty
    with sqlite3.connect(opened.backup) as backup:
        assert backup.execute("SELECT title FROM event").fetchall() == [("Old visit",)]
    backup.close()
    assert len(before) > 0


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(db_path: Path) -> None:
    make_database_at(db_path, "head")
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = db_path.read_bytes()
    siblings = set(db_path.parent.iterdir())

    with pytest.raises(DatabaseOpenError, match="newer version of Diplomatic Timeline"):
        open_database(db_path)

    assert db_path.read_bytes() == before
    assert set(db_path.parent.iterdir()) == siblings  # no backup, no WAL file


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(DatabaseOpenError, match="is not a SQLite database"):
        open_database(path)
    assert path.read_text() == "these are my notes, not a database\n"


def test_a_sqlite_file_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="another application"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="is a directory"):
        open_database(tmp_path)


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "folder" / "t.sqlite3")
    assert not (tmp_path / "no").exists()


def test_revisions_read_from_file_names_are_alembics_line_of_descent() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(database.alembic_config())
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert chain == list(database.known_revisions())
    assert database.head_revision() == script.get_current_head()


def test_opening_an_up_to_date_database_does_not_load_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    open_database(db_path).engine.dispose()
    code = (
        "import sys\n"
        "from timeline_app.core.store import Store\n"
        f"Store.open({str(db_path)!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
