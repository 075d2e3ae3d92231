"""One filter object for every view of the timeline.

The timeline, the table, printing, export and ``timeline-app list`` all take an
:class:`EventFilter` and hand it to the store, so they always agree on which events are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from timeline_app.core.vocabulary import Kind, Status


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to show. Empty fields do not filter; filled ones must all match.

    - ``date_from``/``date_to``: events whose possible days overlap this range;
    - ``actors``: an actor's name or alias contains one of these texts (any case);
    - ``countries``: an event place is in one of these countries, or a participant is from one;
    - ``kinds``, ``statuses``: one of these;
    - ``tags``: carries one of these tags;
    - ``has_sources``: True for events with at least one source, False for those without.
    """

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: frozenset[Kind] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    tags: tuple[str, ...] = ()
    has_sources: bool | None = None

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()
