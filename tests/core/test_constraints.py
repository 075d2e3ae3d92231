"""The database itself refuses bad rows, whatever the Python code does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_app.core.store import Store

GOOD_EVENT = {
    "title": "'A visit'",
    "kind": "'state_visit'",
    "status": "'planned'",
    "summary": "''",
    "start_value": "'2023-02-28'",
    "start_qualifier": "'exact'",
    "start_earliest": "'2023-02-28'",
    "start_latest": "'2023-02-28'",
    "end_value": "NULL",
    "end_qualifier": "NULL",
    "end_earliest": "NULL",
    "end_latest": "NULL",
    "created_at": "'2023-01-01 00:00:00'",
    "updated_at": "'2023-01-01 00:00:00'",
    "version": "1",
}


def insert_event(connection: sqlite3.Connection, **changes: str) -> None:
    values = {**GOOD_EVENT, **changes}
    columns = ", ".join(values)
    connection.execute(f"INSERT INTO event ({columns}) VALUES ({', '.join(values.values())})")


@pytest.fixture
def raw(store: Store, db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


def test_a_good_row_is_accepted(raw: sqlite3.Connection) -> None:
    insert_event(raw)
    assert raw.execute("SELECT count(*) FROM event").fetchone() == (1,)


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"title": "'   '"}, "title_not_empty"),
        ({"kind": "'picnic'"}, "kind_known"),
        ({"status": "'maybe'"}, "status_known"),
        ({"start_qualifier": "'perhaps'"}, "start_qualifier_known"),
        ({"start_value": "'28 Feb 2023'"}, "start_value_iso"),
        (
            {
                "end_value": "'2023-02-27'",
                "end_qualifier": "'exact'",
                "end_earliest": "'2023-02-27'",
                "end_latest": "'2023-02-27'",
            },
            "end_not_before_start",
        ),
        ({"end_value": "'2023-03-01'"}, "end_complete"),
        ({"version": "0"}, "version_positive"),
    ],
)
def test_bad_event_rows_are_refused(
    raw: sqlite3.Connection, changes: dict[str, str], constraint: str
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match=constraint):
        insert_event(raw, **changes)


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("INSERT INTO place (locality, country_code) VALUES ('Atlantis', 'QQ')", "FOREIGN KEY"),
        ("INSERT INTO actor (name, kind, title) VALUES ('A', 'alien', '')", "kind_known"),
        (
            "INSERT INTO source (url, outlet, title, language) VALUES ('javascript:x', '', '', '')",
            "url_http",
        ),
        ("INSERT INTO tag (name) VALUES ('')", "name_not_empty"),
    ],
)
def test_other_tables_refuse_bad_rows(
    raw: sqlite3.Connection, statement: str, message: str
) -> None:
    with pytest.raises(sqlite3.IntegrityError, match=message):
        raw.execute(statement)


def test_uniqueness_where_it_matters(raw: sqlite3.Connection) -> None:
    raw.execute("INSERT INTO actor (name, kind, title) VALUES ('Xi Jinping', 'person', '')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute("INSERT INTO actor (name, kind, title) VALUES ('Xi Jinping', 'person', '')")
    raw.execute("INSERT INTO tag (name) VALUES ('Sanctions')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute("INSERT INTO tag (name) VALUES ('sanctions')")
    raw.execute("INSERT INTO place (locality, country_code) VALUES ('Beijing', 'CN')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        raw.execute("INSERT INTO place (locality, country_code) VALUES ('Beijing', 'CN')")


def test_an_event_cannot_relate_to_itself(raw: sqlite3.Connection) -> None:
    insert_event(raw)
    with pytest.raises(sqlite3.IntegrityError, match="not_self"):
        raw.execute(
            "INSERT INTO relation (from_event_id, to_event_id, type) VALUES (1, 1, 'related')"
        )


def test_connections_use_wal_foreign_keys_and_a_busy_timeout(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
