"""Many made-up events, for tests and benchmarks that need volume (1,000 events...).

Titles are ``Event 0001 ...`` so a test can count them and check their order; dates advance a
few days per event; every event has places, participants in several roles, a summary long
enough to wrap, and sources (some shared between events) with long URLs.

``light=True`` keeps most events short (a one-line summary, no place, person or source) and
makes every tenth one long: fewer words for tests that read a whole PDF back (slow with pypdf,
which reads Qt's PDFs glyph by glyph), still entries that go on over page breaks.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import (
    ActorData,
    EventData,
    Participant,
    PlaceData,
    SourceData,
    SourceLink,
)
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Role, Status

COUNTRIES = ("FR", "CN", "KZ", "UZ", "US", "BY", "UA", "DE", "IN", "BR")
KINDS = tuple(Kind)
STATUSES = tuple(Status)


def title_of(number: int) -> str:
    return f"Event {number:04d} talks on regional cooperation"


def fill(
    store: Store, count: int, *, start: date = date(2001, 1, 1), light: bool = False
) -> list[int]:
    """Add ``count`` events (numbered from 1, in date order); their ids."""
    ids: list[int] = []
    with store.writing(record_history=False) as writer:
        places = [
            writer.create_place(PlaceData(f"City {i}", COUNTRIES[i % len(COUNTRIES)]))
            for i in range(20)
        ]
        actors = [
            writer.create_actor(ActorData(f"Person {i} Surname", title=f"Minister of Things {i}"))
            for i in range(40)
        ]
        sources = [
            writer.create_source(
                SourceData(
                    url=f"https://news.example.org/{2000 + i}/world/a-rather-long-article-"
                    f"address-about-diplomatic-visit-number-{i:05d}.html",
                    outlet=f"Outlet {i % 25}",
                    title=f"Article {i}",
                    published=start + timedelta(days=i),
                )
            )
            for i in range(count // 2 + 1)
        ]
        sentence = (
            "A meeting between delegations to discuss trade, energy and "
            "security, followed by a joint statement and a press conference. "
        )
        for n in range(1, count + 1):
            first = start + timedelta(days=3 * n)
            long_event = n % (10 if light else 7) == 0
            short = light and not long_event
            participants = (
                Participant(actors[n % 40], Role.VISITOR),
                Participant(actors[(n + 1) % 40], Role.HOST),
                Participant(actors[(n + 2) % 40], Role.PARTICIPANT),
            )
            links = (
                SourceLink(sources[n // 2], "Reported the same day." if n % 4 else ""),
                SourceLink(sources[(n // 2 + 1) % len(sources)]),
            )
            ids.append(
                writer.create_event(
                    EventData(
                        title=title_of(n),
                        kind=KINDS[n % len(KINDS)],
                        status=STATUSES[n % len(STATUSES)],
                        start=UncertainDate.from_date(first),
                        end=UncertainDate.from_date(first + timedelta(days=n % 3))
                        if n % 3
                        else None,
                        summary="Talks on trade."
                        if short
                        else sentence * ((5 if light else 8) if long_event else 2),
                        place_ids=(places[n % 20], places[(n + 7) % 20])[
                            : 1 if short else 1 + n % 2
                        ],
                        participants=() if short else participants,
                        sources=() if short else links,
                    )
                )
            )
    return ids
