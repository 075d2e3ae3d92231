"""Synthetic timeline databases for the benchmarks, built fast with bulk SQL inserts.

The spread is meant to look like a real archive: thousands of actors of very unequal activity,
about 200 countries, events from 1860 to 2030 growing denser towards the present, mostly known
to the day but some only to the month or the year (with early/mid/late, about, before, after),
mostly single days or short visits, a few long ones, every status and kind.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from timeline_app.core import countries
from timeline_app.core.dates import Qualifier, UncertainDate
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status

FIRST_YEAR, LAST_YEAR = 1860, 2030
BATCH = 20_000

KIND_WEIGHTS = {
    Kind.STATE_VISIT: 8,
    Kind.OFFICIAL_VISIT: 14,
    Kind.WORKING_VISIT: 10,
    Kind.MINISTERIAL_MEETING: 14,
    Kind.SUMMIT_TALKS: 6,
    Kind.PHONE_CALL: 10,
    Kind.ANNOUNCEMENT: 10,
    Kind.STATEMENT: 10,
    Kind.PUBLICATION: 4,
    Kind.REPORT: 4,
    Kind.SANCTIONS_MEASURE: 3,
    Kind.OTHER: 7,
}
STATUS_WEIGHTS = {
    Status.COMPLETED: 80,
    Status.PLANNED: 6,
    Status.CONFIRMED: 4,
    Status.ONGOING: 1,
    Status.POSTPONED: 4,
    Status.CANCELLED: 5,
}
VERBS = ("visits", "meets officials in", "holds talks in", "travels to", "se rend à", "reçu à")
TOPICS = (
    "trade and energy",
    "regional security",
    "coopération économique",
    "the climate agenda",
    "sanctions",
    "a peace plan",
    "débat sur la sécurité",
    "investment",
)


@cache
def bounds(value: str, qualifier: str) -> tuple[str, str]:
    first, last = UncertainDate.from_iso(value, Qualifier(qualifier)).bounds()
    return first.isoformat(), last.isoformat()


def sizes_of(count: int) -> tuple[int, int, int]:
    """Actors, places per country, trips for a database of ``count`` events."""
    return min(20_000, max(2_000, count // 25)), 5, max(10, count // 60)


def _weighted(rng: random.Random, weights: dict[Kind, int] | dict[Status, int]) -> list[str]:
    values = [member.value for member in weights]
    return rng.choices(values, weights=list(weights.values()), k=4096)


def _year(rng: random.Random) -> int:
    # denser towards the present: most events in the last decades
    return LAST_YEAR - int((LAST_YEAR - FIRST_YEAR + 1) * rng.random() ** 1.8)


def _event_dates(rng: random.Random) -> tuple[str, str, str | None, str | None]:
    year = _year(rng)
    roll = rng.random()
    if roll < 0.78:
        start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        qualifier = "exact" if rng.random() < 0.95 else rng.choice(("about", "before", "after"))
        duration = rng.random()
        if qualifier != "exact" or duration < 0.58:
            return start.isoformat(), qualifier, None, None
        days = rng.randint(1, 6) if duration < 0.95 else rng.randint(7, 90)
        end = start + timedelta(days=days)
        if end.year > LAST_YEAR:
            return start.isoformat(), qualifier, None, None
        return start.isoformat(), qualifier, end.isoformat(), "exact"
    if roll < 0.93:
        qualifier = rng.choice(("exact", "exact", "early", "mid", "late", "about"))
        return f"{year:04d}-{rng.randint(1, 12):02d}", qualifier, None, None
    qualifier = rng.choice(("exact", "exact", "early", "late", "about"))
    return f"{year:04d}", qualifier, None, None


def _rows(
    count: int, seed: int
) -> Iterator[
    tuple[tuple[object, ...], list[tuple[int, int, str, int]], list[tuple[int, int, int]]]
]:
    rng = random.Random(seed)
    actors, per_country, trips = sizes_of(count)
    codes = sorted(countries.all_countries())[:200]
    places = len(codes) * per_country
    kinds = _weighted(rng, KIND_WEIGHTS)
    statuses = _weighted(rng, STATUS_WEIGHTS)
    now = datetime(2024, 1, 1)
    for event_id in range(1, count + 1):
        value, qualifier, end_value, end_qualifier = _event_dates(rng)
        start_earliest, start_latest = bounds(value, qualifier)
        end_earliest = end_latest = None
        if end_value is not None and end_qualifier is not None:
            end_earliest, end_latest = bounds(end_value, end_qualifier)
        visitor = int(actors * rng.random() ** 2.5) + 1  # a few actors are very busy
        place = rng.randrange(places) + 1
        title = f"Actor {visitor} {rng.choice(VERBS)} Locality {place}: {rng.choice(TOPICS)}"
        trip = rng.randrange(trips) + 1 if rng.random() < 0.15 else None
        event = (
            event_id,
            title,
            kinds[event_id % 4096],
            statuses[(event_id * 7) % 4096],
            "",
            value,
            qualifier,
            start_earliest,
            start_latest,
            end_value,
            end_qualifier,
            end_earliest,
            end_latest,
            trip,
            now,
            now,
            1,
        )
        roll = rng.random()
        parts: list[tuple[int, int, str, int]] = []
        if roll < 0.7:
            parts.append((event_id, visitor, "visitor", 0))
        elif roll < 0.9:
            parts.append((event_id, visitor, "author", 0))
        else:
            other = rng.randrange(actors) + 1
            parts.append((event_id, visitor, "participant", 0))
            if other != visitor:
                parts.append((event_id, other, "participant", 1))
        if rng.random() < 0.5:
            host = rng.randrange(actors) + 1
            if host != visitor:
                parts.append((event_id, host, "host", len(parts)))
        event_places: list[tuple[int, int, int]] = []
        if rng.random() < 0.98:
            event_places.append((event_id, place, 0))
            if rng.random() < 0.08:
                second = rng.randrange(places) + 1
                if second != place:
                    event_places.append((event_id, second, 1))
        yield event, parts, event_places


def build(path: Path, count: int, seed: int = 1) -> None:
    """Create ``path`` (replacing it) holding ``count`` synthetic events."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store.open(path).close()  # the real schema, migrated
    actors, per_country, trips = sizes_of(count)
    codes = sorted(countries.all_countries())[:200]
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = OFF")
        with connection:
            connection.executemany(
                "INSERT INTO actor (id, name, kind, title, country_code) VALUES (?, ?, ?, ?, ?)",
                (
                    (a, f"Actor {a}", "person", "Minister", codes[a % len(codes)])
                    for a in range(1, actors + 1)
                ),
            )
            connection.executemany(
                "INSERT INTO place (id, locality, country_code) VALUES (?, ?, ?)",
                (
                    (p + 1, f"Locality {p + 1}", codes[p // per_country])
                    for p in range(len(codes) * per_country)
                ),
            )
            connection.executemany(
                "INSERT INTO trip (id, title, summary) VALUES (?, ?, '')",
                ((t, f"Trip {t}") for t in range(1, trips + 1)),
            )
        events: list[tuple[object, ...]] = []
        parts: list[tuple[int, int, str, int]] = []
        event_places: list[tuple[int, int, int]] = []
        for event, event_parts, places in _rows(count, seed):
            events.append(event)
            parts.extend(event_parts)
            event_places.extend(places)
            if len(events) >= BATCH:
                _flush(connection, events, parts, event_places)
        _flush(connection, events, parts, event_places)
        connection.execute("ANALYZE")
    finally:
        connection.close()


def _flush(
    connection: sqlite3.Connection,
    events: list[tuple[object, ...]],
    parts: list[tuple[int, int, str, int]],
    places: list[tuple[int, int, int]],
) -> None:
    with connection:
        connection.executemany(
            "INSERT INTO event (id, title, kind, status, summary, start_value, start_qualifier,"
            " start_earliest, start_latest, end_value, end_qualifier, end_earliest, end_latest,"
            " trip_id, created_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (*event[:14], event[14].isoformat(" "), event[15].isoformat(" "), event[16])  # type: ignore[attr-defined]
                for event in events
            ],
        )
        connection.executemany(
            "INSERT INTO participation (event_id, actor_id, role, position) VALUES (?, ?, ?, ?)",
            parts,
        )
        connection.executemany(
            "INSERT INTO event_place (event_id, place_id, position) VALUES (?, ?, ?)", places
        )
    events.clear()
    parts.clear()
    places.clear()
