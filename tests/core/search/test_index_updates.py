"""The search index follows every edit and import, in the same transaction, without a rebuild."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command

from tests.helpers.seed import by_title
from timeline_app.core import database
from timeline_app.core.filters import EventFilter
from timeline_app.core.io.native_json import export_document, import_document
from timeline_app.core.records import Alias, PlaceData, SourceData
from timeline_app.core.search import index as search_index
from timeline_app.core.store import Store, ValidationError


def ids(store: Store, text: str) -> list[int]:
    return store.event_ids(EventFilter(text=text))


def index_matches_a_full_rebuild(store: Store) -> None:
    """What the index holds is exactly what indexing every event anew would give."""
    with store.engine.connect() as connection:
        held = [
            dict(row._mapping)
            for row in connection.exec_driver_sql(
                f"SELECT rowid, {', '.join(search_index.COLUMNS)} FROM event_search ORDER BY rowid"
            )
        ]
        fresh = sorted(search_index.documents(connection, None), key=lambda d: d["rowid"])
    assert held == fresh


def actor_id(store: Store, name: str) -> int:
    [found] = [a.id for a in store.actors() if a.name == name]
    return found


def test_renaming_an_actor_finds_their_events_under_the_new_name(seeded: Store) -> None:
    astana = by_title(seeded, "C5+1 foreign ministers").id
    assert ids(seeded, "Meredov") == [astana]
    meredov = next(a for a in seeded.actors() if a.name == "Rashid Meredov")
    seeded.update_actor(meredov.id, replace(meredov, name="Rashid Meredow"))
    assert ids(seeded, "Meredow") == [astana]
    assert ids(seeded, "Meredov") == []
    index_matches_a_full_rebuild(seeded)


def test_an_added_alias_is_found_at_once(seeded: Store) -> None:
    astana = by_title(seeded, "C5+1 foreign ministers").id
    assert ids(seeded, "Merdov") == []
    meredov = next(a for a in seeded.actors() if a.name == "Rashid Meredov")
    seeded.update_actor(meredov.id, replace(meredov, aliases=(Alias("Rachid Merdov", "fr"),)))
    assert ids(seeded, "Merdov") == [astana]
    assert ids(seeded, "rachid") == [astana]
    index_matches_a_full_rebuild(seeded)


def test_a_deleted_event_is_gone_and_a_restored_one_is_back(seeded: Store) -> None:
    ofac = by_title(seeded, "OFAC").id
    assert ids(seeded, "Caspian Pipeline") == [ofac]
    change = seeded.delete_event(ofac)
    assert ids(seeded, "Caspian Pipeline") == []
    assert change is not None
    restored = seeded.restore_event(change)
    assert ids(seeded, "Caspian Pipeline") == [restored]
    index_matches_a_full_rebuild(seeded)


def test_an_edited_event_is_found_by_its_new_words_only(seeded: Store) -> None:
    event = seeded.get_event(by_title(seeded, "OFAC").id)
    data = replace(event.to_data(), title="Treasury guidance on Kazakh crude", summary="")
    seeded.update_event(event.id, data)
    assert ids(seeded, "Treasury guidance") == [event.id]
    assert ids(seeded, "Caspian Pipeline") == []
    index_matches_a_full_rebuild(seeded)


def test_place_and_source_edits_reach_their_events(seeded: Store) -> None:
    astana = by_title(seeded, "C5+1 foreign ministers").id
    place = next(p for p in seeded.places() if p.locality == "Astana")
    seeded.update_place(place.id, PlaceData("Astana", "KZ", (Alias("Nur-Sultan", "en"),)))
    assert astana in ids(seeded, "Nur-Sultan")
    source = next(s for s in seeded.sources() if s.outlet == "The Astana Times")
    with seeded.writing() as writer:
        writer.update_source(source.id, SourceData(source.url, "Astana Daily", source.title))
    assert astana in ids(seeded, "Astana Daily")
    assert ids(seeded, "Astana Times") == []
    index_matches_a_full_rebuild(seeded)


def test_merging_actors_moves_the_names(seeded: Store) -> None:
    astana = by_title(seeded, "C5+1 foreign ministers").id
    keep = actor_id(seeded, "Mukhtar Tileuberdi")
    gone = actor_id(seeded, "Rashid Meredov")
    seeded.merge_actors(keep, gone)
    assert astana in ids(seeded, "Meredov")  # now an alias of the kept actor
    index_matches_a_full_rebuild(seeded)


def test_a_rejected_write_leaves_the_index_as_it_was(seeded: Store) -> None:
    event = seeded.get_event(by_title(seeded, "OFAC").id)
    with pytest.raises(ValidationError), seeded.writing() as writer:
        writer.update_event(event.id, replace(event.to_data(), title="Zanzibar talks"))
        writer.update_event(event.id, replace(event.to_data(), title=""))
    assert ids(seeded, "Zanzibar") == []
    assert ids(seeded, "Caspian Pipeline") == [event.id]
    index_matches_a_full_rebuild(seeded)


def test_an_import_is_searchable_at_once(seeded: Store, tmp_path: Path) -> None:
    document = export_document_of(seeded)
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        with copy.writing() as writer:
            import_document(writer, document, origin="test")
        assert len(ids(copy, "Loukachenko")) == len(ids(seeded, "Loukachenko")) > 0
        index_matches_a_full_rebuild(copy)


def export_document_of(store: Store) -> dict[str, object]:
    with store.reading() as session:
        return export_document(session)


def test_the_upgrade_to_0004_indexes_the_events_already_there(db_path: Path) -> None:
    engine = database.create_sqlite_engine(db_path)
    with database.writing(engine).begin() as connection:
        command.upgrade(database.alembic_config(connection), "0003")
    engine.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO event (title, kind, status, summary, start_value, start_qualifier,"
            " start_earliest, start_latest, created_at, updated_at, version) VALUES"
            " ('Visite à Pékin', 'state_visit', 'completed', 'Entretiens à Canton', '2001-05',"
            " 'exact', '2001-05-01', '2001-05-31', '2001-01-01 00:00:00',"
            " '2001-01-01 00:00:00', 1)"
        )
    connection.close()
    with Store.open(db_path) as store:
        [event] = store.list_events()
        assert ids(store, "pekin") == [event.id]
        assert ids(store, "canton") == [event.id]
        index_matches_a_full_rebuild(store)
