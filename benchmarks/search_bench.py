"""Search and filter latency on 100,000 synthetic events, and the cost of keeping the index.

Run: ``uv run python benchmarks/search_bench.py [--events N] [--runs R] [--db PATH]``

Builds a timeline database with ``Store.open`` (so it has every migration, the search index
included), bulk-inserts synthetic but realistic events (people with other spellings of their
names, real cities with their other names, outlets, tags) with plain SQL, builds the search index
once, then times, through the store API the window uses:

- search as one types (each prefix of a name), accented and other spellings, whole phrases;
- marking matches as one types, as the window does by default: ``store.search_ids`` (the ids
  the search index finds, no order, the name synonyms kept between keys), once a word has two
  letters (the window does not search a single letter);
- filters alone and combined with search, and no filter (the whole table);
- an edit (event update, actor rename) with the reindexing it does in its transaction.

It prints the median and 95th percentile of each, in milliseconds, and the median CPU time the
process spent (the wall-clock times also hold any wait for a CPU on a busy machine). Goal:
p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from timeline_app.core.dates import UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import ActorData, Alias
from timeline_app.core.search import index as search_index
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status

GOAL_MS = 50.0
#: As the window (``gui/features/search.py``): a search runs once a word has 2 letters.
MIN_WORD_LENGTH = 2

FIRST = [
    "Alexander",
    "Antony",
    "Emmanuel",
    "Olaf",
    "Angela",
    "Xi",
    "Li",
    "Wang",
    "Vladimir",
    "Volodymyr",
    "Recep",
    "Narendra",
    "Joe",
    "Ursula",
    "Charles",
    "Pedro",
    "Giorgia",
    "Fumio",
    "Yoon",
    "Cyril",
    "Luiz",
    "Andrés",
    "Mohammed",
    "Abdel",
    "Kassym-Jomart",
    "Shavkat",
    "Ilham",
    "Nikol",
    "Maia",
    "Viktor",
    "Robert",
    "Mark",
    "Justin",
    "Anthony",
    "Rishi",
    "Keir",
    "Josep",
    "Kaja",
    "Annalena",
    "Sergey",
    "Dmitry",
    "Hakan",
    "Mevlüt",
    "Ebrahim",
    "Hossein",
    "Subrahmanyam",
    "Jaishankar",
    "Yoshimasa",
    "Park",
    "Chung",
    "Tedros",
    "António",
    "Jens",
    "Mette",
    "Sanna",
    "Ulf",
    "Jonas",
    "Petr",
    "Andrej",
    "Zoran",
    "Aleksandar",
    "Milo",
    "Edi",
    "Klaus",
]
LAST = [
    "Blinken",
    "Macron",
    "Scholz",
    "Merkel",
    "Jinping",
    "Qiang",
    "Yi",
    "Putin",
    "Zelensky",
    "Erdoğan",
    "Modi",
    "Biden",
    "von-der-Leyen",
    "Michel",
    "Sánchez",
    "Meloni",
    "Kishida",
    "Suk-yeol",
    "Ramaphosa",
    "Lula",
    "López",
    "Bin-Salman",
    "Sisi",
    "Tokayev",
    "Mirziyoyev",
    "Aliyev",
    "Pashinyan",
    "Sandu",
    "Orbán",
    "Fico",
    "Rutte",
    "Trudeau",
    "Sunak",
    "Starmer",
    "Borrell",
    "Kallas",
    "Baerbock",
    "Lavrov",
    "Medvedev",
    "Fidan",
    "Çavuşoğlu",
    "Raisi",
    "Amir-Abdollahian",
    "Jaishankar",
    "Hayashi",
    "Jin",
    "Ghebreyesus",
    "Guterres",
    "Stoltenberg",
    "Frederiksen",
    "Marin",
    "Kristersson",
    "Støre",
    "Fiala",
    "Plenković",
    "Vučić",
    "Đukanović",
    "Rama",
    "Iohannis",
]
# Other spellings, as French and other presses write them.
SPELLINGS = {
    "Putin": ["Poutine"],
    "Zelensky": ["Zelenskyy", "Zelenski"],
    "Tokayev": ["Tokaïev"],
    "Mirziyoyev": ["Mirzioïev"],
    "Aliyev": ["Aliev"],
    "Lavrov": ["Lavrov"],
    "Raisi": ["Raïssi"],
    "Erdoğan": ["Erdogan"],
    "Orbán": ["Orban"],
    "Medvedev": ["Medvedev"],
}
CITIES = [
    ("Beijing", "CN", ["Pékin", "Peking"]),
    ("Guangzhou", "CN", ["Canton"]),
    ("Shanghai", "CN", []),
    ("Moscow", "RU", ["Moscou"]),
    ("Saint Petersburg", "RU", ["Saint-Pétersbourg"]),
    ("Kyiv", "UA", ["Kiev"]),
    ("Minsk", "BY", []),
    ("Washington", "US", ["Washington, D.C."]),
    ("New York", "US", []),
    ("Paris", "FR", []),
    ("Berlin", "DE", []),
    ("London", "GB", ["Londres"]),
    ("Brussels", "BE", ["Bruxelles"]),
    ("Geneva", "CH", ["Genève"]),
    ("Vienna", "AT", ["Vienne"]),
    ("Rome", "IT", []),
    ("Madrid", "ES", []),
    ("Warsaw", "PL", ["Varsovie"]),
    ("Ankara", "TR", []),
    ("Istanbul", "TR", []),
    ("Tehran", "IR", ["Téhéran"]),
    ("New Delhi", "IN", []),
    ("Tokyo", "JP", []),
    ("Seoul", "KR", ["Séoul"]),
    ("Astana", "KZ", ["Nur-Sultan"]),
    ("Tashkent", "UZ", ["Tachkent"]),
    ("Baku", "AZ", ["Bakou"]),
    ("Yerevan", "AM", ["Erevan"]),
    ("Tbilisi", "GE", []),
    ("Cairo", "EG", ["Le Caire"]),
    ("Riyadh", "SA", ["Riyad"]),
    ("Pretoria", "ZA", []),
    ("Brasília", "BR", []),
    ("Mexico City", "MX", ["Mexico"]),
    ("Ottawa", "CA", []),
    ("Canberra", "AU", []),
    ("Belgrade", "RS", []),
    ("Budapest", "HU", []),
    ("Bratislava", "SK", []),
    ("Prague", "CZ", []),
]
OUTLETS = [
    "Reuters",
    "Agence France-Presse",
    "Associated Press",
    "Le Monde",
    "Euronews",
    "The Astana Times",
    "Xinhua",
    "TASS",
    "Kyiv Independent",
    "Ministry of Foreign Affairs",
    "The Guardian",
    "Süddeutsche Zeitung",
    "El País",
    "Nikkei Asia",
]
TAGS = [
    "sanctions",
    "energy",
    "security",
    "trade",
    "Ukraine war",
    "Central Asia",
    "climate",
    "G20",
    "NATO",
    "European Union",
    "nuclear",
    "migration",
]
TITLES = [
    "{a} visits {city}",
    "{a} meets {b} in {city}",
    "{a} and {b} hold talks in {city}",
    "{a} announces a trip to {city}",
    "{a} speaks by phone with {b}",
    "{a} receives {b}",
    "{a} attends a summit in {city}",
]
SUMMARIES = [
    "Talks on {tag} and regional cooperation; {b} welcomes the visit.",
    "The two sides sign agreements on {tag}. {a} is received by {b}.",
    "A joint statement follows the meeting in {city}, with commitments on {tag}.",
    "Press reports describe tense exchanges over {tag}.",
]


def build(path: Path, events: int, seed: int = 7) -> dict[str, Any]:
    """A database at ``path`` with ``events`` synthetic events; returns what the queries use."""
    rng = random.Random(seed)
    store = Store.open(path)
    now = "2024-01-01 00:00:00"
    actors: list[tuple[int, str]] = []
    actor_rows, alias_rows = [], []
    names: set[str] = set()
    for first in FIRST:
        for last in rng.sample(LAST, 40):
            name = f"{first} {last.replace('-', ' ')}"
            if name in names:
                continue
            names.add(name)
            actor_id = len(actor_rows) + 1
            country = rng.choice(CITIES)[1]
            actor_rows.append(
                {"id": actor_id, "name": name, "kind": "person", "title": "", "country": country}
            )
            for other in SPELLINGS.get(last, []):
                alias_rows.append({"actor": actor_id, "name": f"{first} {other}", "lang": "fr"})
            actors.append((actor_id, name))
    lukashenko = len(actor_rows) + 1
    actor_rows.append(
        {
            "id": lukashenko,
            "name": "Alexander Lukashenko",
            "kind": "person",
            "title": "",
            "country": "BY",
        }
    )
    alias_rows += [
        {"actor": lukashenko, "name": "Alexandre Loukachenko", "lang": "fr"},
        {"actor": lukashenko, "name": "Aliaksandr Lukashenka", "lang": "be"},
    ]
    actors.append((lukashenko, "Alexander Lukashenko"))
    place_rows, place_alias_rows = [], []
    for place_id, (city, country, others) in enumerate(CITIES, start=1):
        place_rows.append({"id": place_id, "locality": city, "country": country})
        place_alias_rows += [{"place": place_id, "name": n, "lang": "fr"} for n in others]
    source_rows = [
        {
            "id": i,
            "url": f"https://news.example.org/{i}",
            "outlet": rng.choice(OUTLETS),
            "title": f"{rng.choice(actors)[1]} in {rng.choice(CITIES)[0]}: {rng.choice(TAGS)}",
            "lang": "en",
        }
        for i in range(1, events // 5 + 1)
    ]
    event_rows, participation_rows, place_links, source_links, tag_links = [], [], [], [], []
    tag_rows = [{"id": i, "name": name} for i, name in enumerate(TAGS, start=1)]
    first_day = date(1990, 1, 1)
    kinds, statuses = list(Kind), list(Status)
    for event_id in range(1, events + 1):
        (a_id, a), (b_id, b) = rng.sample(actors, 2)
        place_id = rng.randrange(len(CITIES)) + 1
        city = CITIES[place_id - 1][0]
        tag_id = rng.randrange(len(TAGS)) + 1
        start = first_day + timedelta(days=rng.randrange(35 * 365))
        span = rng.choice((0, 0, 0, 1, 2, 3))
        words = {"a": a, "b": b, "city": city, "tag": TAGS[tag_id - 1]}
        event_rows.append(
            {
                "id": event_id,
                "title": rng.choice(TITLES).format(**words),
                "kind": rng.choice(kinds).value,
                "status": rng.choice(statuses).value,
                "summary": rng.choice(SUMMARIES).format(**words),
                "start": start.isoformat(),
                "end": (start + timedelta(days=span)).isoformat() if span else None,
                "end_day": start + timedelta(days=span) if span else None,
                "start_day": start,
                "now": now,
            }
        )
        participation_rows += [
            {"event": event_id, "actor": a_id, "role": Role.VISITOR.value, "pos": 0},
            {"event": event_id, "actor": b_id, "role": Role.HOST.value, "pos": 1},
        ]
        place_links.append({"event": event_id, "place": place_id})
        for source_id in rng.sample(range(1, len(source_rows) + 1), rng.choice((0, 1, 1, 2))):
            source_links.append({"event": event_id, "source": source_id})
        tag_links.append({"event": event_id, "tag": tag_id})

    started = time.perf_counter()
    with store.engine.begin() as connection:
        run = connection.execute
        run(
            text(
                "INSERT INTO actor (id, name, kind, title, country_code) "
                "VALUES (:id, :name, :kind, :title, :country)"
            ),
            actor_rows,
        )
        run(
            text(
                "INSERT INTO actor_alias (actor_id, name, language) VALUES (:actor, :name, :lang)"
            ),
            alias_rows,
        )
        run(
            text(
                "INSERT INTO place (id, locality, country_code) VALUES (:id, :locality, :country)"
            ),
            place_rows,
        )
        run(
            text(
                "INSERT INTO place_alias (place_id, name, language) VALUES (:place, :name, :lang)"
            ),
            place_alias_rows,
        )
        run(
            text(
                "INSERT INTO source (id, url, outlet, title, language) "
                "VALUES (:id, :url, :outlet, :title, :lang)"
            ),
            source_rows,
        )
        run(text("INSERT INTO tag (id, name) VALUES (:id, :name)"), tag_rows)
        run(
            text(
                "INSERT INTO event (id, title, kind, status, summary, start_value, "
                "start_qualifier, start_earliest, start_latest, end_value, end_qualifier, "
                "end_earliest, end_latest, created_at, updated_at, version) VALUES (:id, :title, "
                ":kind, :status, :summary, :start, 'exact', :start_day, :start_day, :end, "
                "CASE WHEN :end IS NULL THEN NULL ELSE 'exact' END, :end_day, :end_day, :now, "
                ":now, 1)"
            ),
            event_rows,
        )
        run(
            text(
                "INSERT INTO participation (event_id, actor_id, role, position) "
                "VALUES (:event, :actor, :role, :pos)"
            ),
            participation_rows,
        )
        run(
            text(
                "INSERT INTO event_place (event_id, place_id, position) VALUES (:event, :place, 0)"
            ),
            place_links,
        )
        run(
            text(
                "INSERT OR IGNORE INTO event_source (event_id, source_id, note, position) "
                "VALUES (:event, :source, '', 0)"
            ),
            source_links,
        )
        run(text("INSERT INTO event_tag (event_id, tag_id) VALUES (:event, :tag)"), tag_links)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    with store.engine.begin() as connection:
        search_index.rebuild(connection)
    indexed = time.perf_counter() - started
    store.close()
    return {"load_s": loaded, "index_s": indexed, "actors": len(actor_rows)}


def timed(call: Callable[[], object], runs: int) -> tuple[float, float, object, float]:
    """Median and 95th percentile of the wall-clock time, the result, and the median CPU time
    of this process (on a busy machine, wall-clock times also hold the waits for a CPU)."""
    call()  # warm the caches, as a window that has been open a moment has
    times, cpu = [], []
    result: object = None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, result, statistics.median(cpu)


def report(
    label: str, median: float, p95: float, extra: str = "", *, cpu: float, goal: bool = True
) -> bool:
    ok = p95 <= GOAL_MS
    verdict = ("ok  " if ok else "SLOW") if goal else "    "
    print(f"  {label:<58} {median:8.1f} {p95:8.1f} {cpu:8.1f}  {verdict} {extra}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temp file)")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.sqlite3"
    if path.exists():
        sys.exit(f"{path} exists; give a new file name")
    print(f"Building {args.events:,} events in {path} ...")
    built = build(path, args.events)
    size = path.stat().st_size / 1e6
    print(
        f"  bulk insert {built['load_s']:.1f} s, search index built in {built['index_s']:.1f} s,"
        f" file {size:.0f} MB, {built['actors']:,} actors"
    )
    store = Store.open(path)
    all_ok = True
    header = f"{'median':>8} {'p95':>8} {'cpu':>8}  (ms)"
    print(f"\n{'query (store.event_ids / count_events)':<60} {header}")
    print("Search as one types:")
    for typed in ("L", "Lu", "Luk", "Luka", "Lukas", "Lukash", "Lukashenko"):
        # The window waits for a word of two letters: one letter is shown, not held to the goal.
        goal = len(typed) >= MIN_WORD_LENGTH
        note = "" if goal else "  (the window does not search 1 letter)"
        flt = EventFilter(text=typed)
        median, p95, ids, cpu = timed(lambda f=flt: store.event_ids(f), args.runs)  # type: ignore[misc]
        found = f"{len(ids):,} events{note}"  # type: ignore[arg-type]
        ok = report(f"ids   '{typed}'", median, p95, found, goal=goal, cpu=cpu)
        all_ok &= ok or not goal
        median, p95, count, cpu = timed(lambda f=flt: store.count_events(f), args.runs)  # type: ignore[misc]
        ok = report(f"count '{typed}'", median, p95, f"{count:,}{note}", goal=goal, cpu=cpu)
        all_ok &= ok or not goal
    print("Marking matches as one types (the window: store.search_ids, from 2 letters):")
    synonyms = store.name_synonyms()  # the window keeps them until actors or places change
    for typed in (
        "Lu",
        "Luk",
        "Lukashenko",
        "Loukachenko",
        "Xi",
        "Xi J",
        "Li",
        "pekin",
        "Kiev",
        "Chine",
        "Tokaïev",
        "Poutine Moscou",
    ):
        median, p95, found, cpu = timed(lambda t=typed: store.search_ids(t, synonyms), args.runs)  # type: ignore[misc]
        all_ok &= report(f"marks '{typed}'", median, p95, f"{len(found):,} events", cpu=cpu)  # type: ignore[arg-type]
    print("Other spellings, accents, phrases:")
    for typed in (
        "Pékin",
        "pekin",
        "Loukachenko",
        "Lukashenka",
        "Tokaïev",
        "Poutine Moscou",
        "Macron Beijing energy",
        "Kiev",
        "Chine",
        "Reuters sanctions",
    ):
        flt = EventFilter(text=typed)
        median, p95, ids, cpu = timed(lambda f=flt: store.event_ids(f), args.runs)  # type: ignore[misc]
        all_ok &= report(f"ids   '{typed}'", median, p95, f"{len(ids):,} events", cpu=cpu)  # type: ignore[arg-type]
    print("Filters, alone and with search:")
    combos = {
        "no filter: the whole table": EventFilter(),
        "country CN": EventFilter(countries=("CN",)),
        "kind state visit + status completed": EventFilter(
            kinds=frozenset({Kind.STATE_VISIT}), statuses=frozenset({Status.COMPLETED})
        ),
        "date range 2010-2012": EventFilter(date_from=date(2010, 1, 1), date_to=date(2012, 12, 31)),
        "actor 'Lukashenka'": EventFilter(actors=("Lukashenka",)),
        "tag sanctions + has sources": EventFilter(tags=("sanctions",), has_sources=True),
        "has no sources (a quarter of the events)": EventFilter(has_sources=False),
        "'Pékin' + state visit + 2010-2015": EventFilter(
            text="Pékin",
            kinds=frozenset({Kind.STATE_VISIT}),
            date_from=date(2010, 1, 1),
            date_to=date(2015, 12, 31),
        ),
        "'Putin' + country CN + completed": EventFilter(
            text="Putin", countries=("CN",), statuses=frozenset({Status.COMPLETED})
        ),
        "'sanctions' + tag energy + has sources": EventFilter(
            text="sanctions", tags=("energy",), has_sources=True
        ),
    }
    for label, flt in combos.items():
        median, p95, ids, cpu = timed(lambda f=flt: store.event_ids(f), args.runs)  # type: ignore[misc]
        all_ok &= report(f"ids   {label}", median, p95, f"{len(ids):,} events", cpu=cpu)  # type: ignore[arg-type]
    print("Rows for the table (store.list_events), selective searches:")
    for typed in ("Lukashenko", "Poutine Moscou", "Macron Beijing energy"):
        flt = EventFilter(text=typed)
        median, p95, rows, cpu = timed(lambda f=flt: store.list_events(f), args.runs)  # type: ignore[misc]
        all_ok &= report(f"rows  '{typed}'", median, p95, f"{len(rows):,} rows", cpu=cpu)  # type: ignore[arg-type]

    print("\nEdits (each one transaction: validation, change history, commit, and the reindex):")
    rng = random.Random(3)
    event_ids = rng.sample(range(1, args.events + 1), args.runs + 1)
    details = {i: store.get_event(i) for i in event_ids}
    counter = iter(range(10**9))

    def edit_event() -> None:
        event_id = rng.choice(event_ids)
        data = details[event_id].to_data()
        store.update_event(event_id, replace(data, title=f"{data.title} ({next(counter)})"))

    median, p95, _, cpu = timed(edit_event, args.runs)
    report("update_event (title), with its reindex", median, p95, goal=False, cpu=cpu)

    def reindex_only() -> None:
        with store.engine.begin() as connection:
            search_index.reindex(connection, [rng.choice(event_ids)])

    median, p95, _, cpu = timed(reindex_only, args.runs)
    report("  of which: reindexing one event (own transaction)", median, p95, goal=False, cpu=cpu)
    busy = store.actors()[0]
    with store.reading() as session:
        count = session.execute(
            text("SELECT count(*) FROM participation WHERE actor_id = :a"), {"a": busy.id}
        ).scalar()

    def rename_actor() -> None:
        store.update_actor(
            busy.id, replace(busy, name=f"{busy.name} {next(counter)}", aliases=(Alias(busy.name),))
        )

    median, p95, _, cpu = timed(rename_actor, max(5, args.runs // 3))
    report(
        f"update_actor (rename + alias): reindexes {count} events", median, p95, goal=False, cpu=cpu
    )

    def create_event() -> None:
        data = replace(details[event_ids[0]].to_data(), start=UncertainDate(2020, 5, 1))
        store.create_event(data)

    median, p95, _, cpu = timed(create_event, args.runs)
    report("create_event, with its indexing", median, p95, goal=False, cpu=cpu)
    # After an event is added, removed or re-dated, the first list reads the time order of all
    # events again (core/store/time_order.py); the lists after it use the kept order.
    times, cpu_times = [], []
    for _ in range(max(5, args.runs // 3)):
        create_event()
        started, cpu_started = time.perf_counter(), time.process_time()
        store.event_ids(EventFilter(countries=("CN",)))
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    times.sort()
    report(
        "first list after an event was added (order read again)",
        statistics.median(times),
        times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        goal=False,
        cpu=statistics.median(cpu_times),
    )
    store.create_actor(ActorData("Benchmark Person"))
    store.close()
    folder.cleanup()
    print(f"\nGoal p95 <= {GOAL_MS:.0f} ms for search and filter: {'met' if all_ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
