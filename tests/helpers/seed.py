"""Finding seed events by what a user knows about them, not by database id."""

from __future__ import annotations

from timeline_app.core.records import EventRow
from timeline_app.core.store import Store


def by_title(store: Store, fragment: str) -> EventRow:
    matches = [row for row in store.list_events() if fragment.lower() in row.title.lower()]
    assert len(matches) == 1, f"{fragment!r} matches {[m.title for m in matches]}"
    return matches[0]
