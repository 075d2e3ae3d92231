"""A deleted event's id is never given to a new event, so its history stays its own; the same for
actors, places, sources and trips, whose ids undo and the history refer to (migration 0005)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command

from tests.core.test_migrations import make_database_at, revision_of
from tests.core.test_store import visit
from timeline_app.core import database
from timeline_app.core.io.importing import import_paths
from timeline_app.core.records import ActorData, PlaceData, SourceData, TripData
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store


def test_a_new_event_after_deleting_the_newest_gets_a_new_id_and_only_its_own_history(
    store: Store,
) -> None:
    store.create_event(visit(title="Older visit"))
    newest = store.create_event(visit(title="Visit that will be deleted"))
    store.update_event(newest, visit(title="Visit that was deleted"))
    store.delete_event(newest)

    created = store.create_event(visit(title="A new visit"))

    assert created > newest
    assert [change.action for change in store.history(created)] == ["create"]
    assert [change.action for change in store.history(newest)] == ["delete", "update", "create"]
    [deleted] = store.deleted_events()
    assert deleted.event_id == newest
    assert deleted.before is not None and deleted.before["title"] == "Visit that was deleted"
    # It comes back under its own id, and the new event keeps its own.
    assert store.restore_event(deleted.id) == newest
    assert store.get_event(created).row.title == "A new visit"


def test_an_import_does_not_reuse_the_id_of_a_deleted_event(store: Store, tmp_path: Path) -> None:
    deleted = store.create_event(visit(title="Deleted before the import"))
    store.delete_event(deleted)
    path = tmp_path / "visits.csv"
    path.write_text("title,start,kind\nImported visit,2024-01-05,state_visit\n", encoding="utf-8")

    import_paths(store, [path])

    [row] = store.list_events()
    assert row.title == "Imported visit"
    assert row.id > deleted
    assert store.history(row.id) == []  # imports record no history
    assert [d.event_id for d in store.deleted_events()] == [deleted]


def test_actors_places_sources_and_trips_never_reuse_ids(store: Store) -> None:
    actor = store.create_actor(ActorData("Olaf Scholz"))
    store.delete_actor(actor)
    assert store.create_actor(ActorData("Xi Jinping")) > actor

    place = store.create_place(PlaceData("Minsk", "BY"))
    store.delete_place(place)
    assert store.create_place(PlaceData("Hanoi", "VN")) > place

    source = store.create_source(SourceData("https://example.org/a"))
    store.delete_source(source)
    assert store.create_source(SourceData("https://example.org/b")) > source

    trip = store.create_trip(TripData("Spring tour"))
    store.delete_trip(trip)
    assert store.create_trip(TripData("Autumn tour")) > trip


# -- a database from before migration 0005 ------------------------------------------------------

NOT_COPIED = ("alembic_version", "country")  # country: every revision fills it the same way
SEARCH_COLUMNS = "title, summary, actors, places, sources, tags"


def _user_tables(connection: sqlite3.Connection, schema: str = "main") -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'event_search%' ORDER BY name"
        )
    ]


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index by its documents), in rowid order."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [t for t in _user_tables(connection) if t != "alembic_version"]
        found = {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables
        }
        found["event_search"] = connection.execute(
            "SELECT rowid, * FROM event_search ORDER BY rowid"
        ).fetchall()
    return found


def _copy_rows(source: Path, target: Path) -> None:
    """The rows of ``source`` (at the latest revision) into ``target`` (at an older one whose
    tables have the same columns), search index included."""
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("ATTACH DATABASE ? AS src", (str(source),))
        with connection:
            for table in _user_tables(connection):
                if table in NOT_COPIED:
                    continue
                columns = ", ".join(
                    row[1] for row in connection.execute(f"PRAGMA table_info({table})")
                )
                connection.execute(
                    f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table}"
                )
            connection.execute(
                f"INSERT INTO main.event_search (rowid, {SEARCH_COLUMNS})"
                f" SELECT rowid, {SEARCH_COLUMNS} FROM src.event_search"
            )
        connection.execute("DETACH DATABASE src")


def test_a_database_at_0004_is_upgraded_with_its_data_and_history_ids_are_not_given_again(
    tmp_path: Path,
) -> None:
    current = tmp_path / "current.sqlite3"
    with Store.open(current) as store:
        load_seed(store)
        newest = max(row.id for row in store.list_events())
        data = store.get_event(newest).to_data()
        store.update_event(newest, replace(data, summary="Changed, then deleted"))
        store.delete_event(newest)
        history = store.history()
        found_before = store.search_ids("Macron")
    old = tmp_path / "old.sqlite3"
    make_database_at(old, "0004")
    _copy_rows(current, old)
    before = _contents(old)
    assert len(before["event"]) == 12 and len(before["participation"]) > 12
    assert len(before["event_change"]) == 2

    with Store.open(old) as store:
        assert revision_of(old) == database.head_revision()
        after = _contents(old)
        generation = after.pop("event_generation")  # 0006's counters, new; 0007's stamp
        assert [tuple(row[:3]) for row in generation] == [(1, 0, 0)]
        assert after == before
        assert store.history() == history
        assert store.search_ids("Macron") == found_before != set()
        [deleted] = store.deleted_events()
        assert deleted.event_id == newest
        created = store.create_event(visit(title="The first event after the upgrade"))
        assert created == newest + 1
        assert [change.action for change in store.history(created)] == ["create"]
        with store.engine.connect() as connection:  # the app's connections enforce them again
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    with closing(sqlite3.connect(old)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            connection.execute(
                "INSERT INTO participation (event_id, actor_id, role, position)"
                " VALUES (999, 1, 'host', 0)"
            )
        with pytest.raises(sqlite3.IntegrityError, match="ck_event_kind_known"):
            connection.execute("UPDATE event SET kind = 'picnic' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError, match=r"UNIQUE constraint failed: actor\.name"):
            connection.execute(
                "INSERT INTO actor (name, kind, title) SELECT name, kind, title FROM actor LIMIT 1"
            )


def test_the_upgrade_refuses_to_rebuild_tables_while_foreign_keys_are_enforced(
    db_path: Path,
) -> None:
    """Dropping the old event table would then delete every event's links: the migration
    must run as ``database.upgrade`` runs it, and otherwise change nothing."""
    make_database_at(db_path, "0004")
    engine = database.create_sqlite_engine(db_path)
    try:
        with (
            pytest.raises(RuntimeError, match="foreign keys"),
            database.writing(engine).begin() as connection,
        ):
            command.upgrade(database.alembic_config(connection), "head")
    finally:
        engine.dispose()
    assert revision_of(db_path) == "0004"
