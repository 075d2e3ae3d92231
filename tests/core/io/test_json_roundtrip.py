"""Native JSON: any timeline exported, then imported into an empty database, comes back whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.io.native_json import export_document, import_document
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import ActorKind, Kind, RelationType, Role, Status

Document = dict[str, Any]
FreshStore = Callable[[], AbstractContextManager[Store]]

COUNTRIES = ["FR", "CN", "US", "KZ", "UZ", "BY", "IN", "VA", "SU", "XK"]
WORDS = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzAÉéçöłЖж中 -'’.,;()"),
    min_size=1,
    max_size=12,
)


def clean(text: str) -> str:
    return " ".join(text.split())


names = WORDS.map(clean).filter(bool)


@st.composite
def uncertain_dates(draw: st.DrawFn) -> UncertainDate:
    year = draw(st.integers(1000, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None and draw(st.booleans()):
        day = draw(st.integers(1, 28))
    allowed = list(Qualifier)
    if day is not None:
        allowed = [q for q in allowed if q not in (Qualifier.EARLY, Qualifier.MID, Qualifier.LATE)]
    return UncertainDate(year, month, day, draw(st.sampled_from(allowed)))


def json_date(value: UncertainDate) -> dict[str, str]:
    return {"date": value.iso, "qualifier": value.qualifier.value}


def unique_by_fold(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return list(seen.values())


@st.composite
def timelines(draw: st.DrawFn) -> Document:
    actor_names = unique_by_fold(draw(st.lists(names, min_size=1, max_size=5)))
    actors = []
    for index, name in enumerate(actor_names):
        aliases = [
            alias
            for alias in unique_by_fold(draw(st.lists(names, max_size=2)))
            if alias.casefold() != name.casefold()
        ]
        actors.append(
            {
                "id": f"a{index}",
                "name": name,
                "kind": draw(st.sampled_from(ActorKind)).value,
                "title": draw(st.just("") | names),
                "country": draw(st.none() | st.sampled_from(COUNTRIES)),
                "aliases": [
                    {"name": alias, "language": draw(st.sampled_from(["", "en", "fr"]))}
                    for alias in aliases
                ],
            }
        )
    place_keys = draw(
        st.lists(
            st.tuples(st.just("") | names, st.sampled_from(COUNTRIES)),
            max_size=4,
            unique_by=lambda p: (p[0].casefold(), p[1]),
        )
    )
    places = [
        {
            "id": f"p{index}",
            "locality": locality,
            "country": country,
            "aliases": [
                {"name": alias, "language": "fr"}
                for alias in draw(st.lists(names, max_size=1))
                if alias.casefold() != locality.casefold()
            ],
        }
        for index, (locality, country) in enumerate(place_keys)
    ]
    sources = [
        {
            "id": f"s{index}",
            "url": f"https://example.org/{index}/{draw(st.integers(0, 999))}",
            "outlet": draw(st.just("") | names),
            "title": draw(st.just("") | names),
            "language": draw(st.sampled_from(["", "en", "fr"])),
            "published": draw(
                st.none() | st.dates().map(lambda d: d.replace(year=max(d.year, 1000)).isoformat())
            ),
        }
        for index in range(draw(st.integers(0, 3)))
    ]
    trip_titles = unique_by_fold(draw(st.lists(names, max_size=2)))
    trips = [
        {"id": f"t{index}", "title": title, "summary": draw(st.just("") | names)}
        for index, title in enumerate(trip_titles)
    ]
    events = []
    count = draw(st.integers(1, 5))
    for index in range(count):
        start = draw(uncertain_dates())
        end = draw(st.none() | uncertain_dates())
        if end is not None and end.latest < start.earliest:
            start, end = end, start
            if end.latest < start.earliest:
                end = None
        participants = draw(
            st.lists(
                st.tuples(st.sampled_from([a["id"] for a in actors]), st.sampled_from(Role)),
                max_size=3,
                unique=True,
            )
        )
        tags = unique_by_fold(draw(st.lists(names, max_size=3)))
        others = [f"e{other}" for other in range(count) if other != index]
        relations = draw(
            st.lists(
                st.tuples(st.sampled_from(RelationType), st.sampled_from(others)),
                max_size=2,
                unique=True,
            )
            if others
            else st.just([])
        )
        events.append(
            {
                "id": f"e{index}",
                "title": draw(names),
                "kind": draw(st.sampled_from(Kind)).value,
                "status": draw(st.sampled_from(Status)).value,
                "start": json_date(start),
                "end": json_date(end) if end else None,
                "summary": draw(st.just("") | names),
                "trip": draw(st.none() | st.sampled_from([t["id"] for t in trips]))
                if trips
                else None,
                "places": draw(st.lists(st.sampled_from([p["id"] for p in places]), unique=True))
                if places
                else [],
                "participants": [{"actor": a, "role": r.value} for a, r in participants],
                "sources": [
                    {"source": s, "note": draw(st.just("") | names)}
                    for s in (
                        draw(st.lists(st.sampled_from([s["id"] for s in sources]), unique=True))
                        if sources
                        else []
                    )
                ],
                "tags": tags,
                "relations": [{"type": t.value, "event": e} for t, e in relations],
            }
        )
    return {
        "format": "diplomatic-timeline",
        "version": 1,
        "actors": actors,
        "places": places,
        "sources": sources,
        "trips": trips,
        "events": events,
    }


def normalised(document: Document) -> dict[str, Any]:
    """The document with keys replaced by what they point to, in a canonical order."""
    actors = {a["id"]: a["name"] for a in document["actors"]}
    places = {p["id"]: [p["locality"], p["country"]] for p in document["places"]}
    sources = {s["id"]: s["url"] for s in document["sources"]}
    trips = {t["id"]: t["title"] for t in document["trips"]}
    titles = {
        e["id"]: json.dumps([e["title"], e["start"], e["end"], e["summary"]])
        for e in document["events"]
    }

    def without_id(item: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in item.items() if key != "id"}

    def canonical(items: list[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items)

    events = []
    for event in document["events"]:
        events.append(
            {
                **without_id(event),
                "end": event.get("end"),
                "trip": trips.get(event.get("trip")),
                "places": [places[key] for key in event["places"]],
                "participants": [[actors[p["actor"]], p["role"]] for p in event["participants"]],
                "sources": [[sources[s["source"]], s["note"]] for s in event["sources"]],
                "tags": sorted(event["tags"], key=str.casefold),
                "relations": sorted([r["type"], titles[r["event"]]] for r in event["relations"]),
            }
        )
    return {
        "actors": canonical([without_id(a) for a in document["actors"]]),
        "places": canonical([without_id(p) for p in document["places"]]),
        "sources": canonical([without_id(s) for s in document["sources"]]),
        "trips": canonical([without_id(t) for t in document["trips"]]),
        "events": canonical(events),
    }


def load(store: Store, document: Document) -> Document:
    with store.writing(record_history=False) as writer:
        import_document(writer, json.loads(json.dumps(document)))
    with store.reading() as session:
        return export_document(session)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=timelines())
def test_export_then_import_into_an_empty_database_gives_the_same_timeline(
    fresh_store: FreshStore, document: Document
) -> None:
    with fresh_store() as first:
        exported = load(first, document)
    # Everything the file said is in the database: dates with their precision and qualifier,
    # participants and roles, places, sources and notes, relations, trips, tags, aliases.
    assert normalised(exported) == normalised(document)
    with fresh_store() as second:
        again = load(second, exported)
    assert normalised(again) == normalised(exported)
