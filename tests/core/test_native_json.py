"""The native JSON format: what the seed is written in, and a lossless export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from timeline_app.core.io.native_json import export_document, import_document, read_document
from timeline_app.core.io.problems import ImportRejected
from timeline_app.core.store import Store


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """A document with its keys replaced by content, so two exports can be compared."""
    actors = {a["id"]: a["name"] for a in document["actors"]}
    places = {p["id"]: (p["locality"], p["country"]) for p in document["places"]}
    sources = {s["id"]: s["url"] for s in document["sources"]}
    trips = {t["id"]: t["title"] for t in document["trips"]}
    events = {e["id"]: e["title"] for e in document["events"]}

    def strip(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k != "id"}

    return {
        "actors": sorted((strip(a) for a in document["actors"]), key=lambda a: a["name"]),
        "places": sorted((strip(p) for p in document["places"]), key=lambda p: p["locality"]),
        "sources": sorted((strip(s) for s in document["sources"]), key=lambda s: s["url"]),
        "trips": sorted(strip(t)["title"] for t in document["trips"]),
        "events": sorted(
            (
                {
                    **strip(e),
                    "trip": trips.get(e["trip"]),
                    "places": [places[p] for p in e["places"]],
                    "participants": [(actors[p["actor"]], p["role"]) for p in e["participants"]],
                    "sources": [(sources[s["source"]], s["note"]) for s in e["sources"]],
                    "relations": sorted((r["type"], events[r["event"]]) for r in e["relations"]),
                }
                for e in document["events"]
            ),
            key=lambda e: e["title"],
        ),
    }


def test_export_then_import_into_an_empty_database_gives_the_same_timeline(
    seeded: Store, tmp_path: Path
) -> None:
    with seeded.reading() as session:
        exported = export_document(session)
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        with copy.writing() as writer:
            import_document(writer, json.loads(json.dumps(exported)))
        with copy.reading() as session:
            again = export_document(session)
    assert normalised(again) == normalised(exported)
    assert len(exported["events"]) == 13


def test_a_bad_document_imports_nothing_and_reports_every_problem(store: Store) -> None:
    document = {
        "format": "diplomatic-timeline",
        "version": 1,
        "places": [{"id": "p", "locality": "Atlantis", "country": "QQ"}],
        "events": [
            {
                "id": "a",
                "title": "Fine",
                "kind": "state_visit",
                "status": "planned",
                "start": "2023-04",
            },
            {
                "id": "b",
                "title": "",
                "kind": "state_visit",
                "status": "planned",
                "start": "2023-02-30",
            },
            {
                "id": "c",
                "title": "Backwards",
                "kind": "visit",
                "status": "planned",
                "start": "2023-05-01",
                "end": "2023-04-01",
            },
        ],
    }
    with pytest.raises(ImportRejected) as caught, store.writing() as writer:
        import_document(writer, document, origin="bad.json")
    wheres = {p.where for p in caught.value.problems}
    assert "bad.json: places[0] (p).country" in wheres
    assert "bad.json: events[1] (b).title" in wheres
    assert "bad.json: events[1] (b).start" in wheres
    assert "bad.json: events[2] (c).kind" in wheres
    assert "bad.json: events[2] (c).end" in wheres
    assert not any("events[0]" in where for where in wheres)
    assert store.count_events() == 0
    assert store.places() == []


def test_a_newer_format_version_is_refused(store: Store) -> None:
    with pytest.raises(ImportRejected, match="newer than this app reads"), store.writing() as w:
        import_document(w, {"format": "diplomatic-timeline", "version": 99})


def test_read_document_reports_syntax_errors_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "diplomatic-timeline",\n  "version": 1,\n  oops\n}\n')
    with pytest.raises(ImportRejected, match=r"broken.json:4:3: invalid JSON"):
        read_document(path)
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(ImportRejected, match="the file is empty"):
        read_document(empty)
