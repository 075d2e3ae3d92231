"""The texts the timeline view shows about events: tooltips and accessible descriptions.

Titles come from users and importers and may contain anything, markup included (``<img src=...>``).
Qt guesses whether a tooltip is rich text, so every tooltip is built here as escaped HTML: what
the user sees is exactly the text, never markup interpreted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from timeline_app.core.dates import Language
from timeline_app.core.records import EventRow
from timeline_app.core.text import one_line
from timeline_app.gui.text import tooltip


def plain_tooltip(lines: list[str]) -> str:
    """Tooltip markup that shows ``lines`` as plain text, whatever they contain (each on one
    line, clipped: a 100,000-character title gives a tooltip of a few lines)."""
    return tooltip(lines)


def event_lines(row: EventRow, lang: Language) -> list[str]:
    """Title, dates as a person reads them, kind and status, places, people."""
    lines = [row.title, row.dates(lang), f"{row.kind.label} · {row.status.label}"]
    places = row.places_text(lang)
    if places:
        lines.append(places)
    people = ", ".join(actor.name for actor in row.actors[:4])
    if len(row.actors) > 4:
        people += ", …"
    if people:
        lines.append(people)
    return lines


def event_tooltip(row: EventRow, lang: Language) -> str:
    return plain_tooltip(event_lines(row, lang))


def describe_current(row: EventRow, lang: Language, lane_label: str, rank: int, count: int) -> str:
    """The current event for assistive technology: what, when, where, and where in its lane."""
    parts = [one_line(row.title), row.dates(lang), f"{row.kind.label}, {row.status.label}"]
    places = row.places_text(lang)
    if places:
        parts.append(places)
    parts.append(
        QCoreApplication.translate("TimelineView", "lane {lane}, event {rank} of {count}").format(
            lane=lane_label, rank=rank + 1, count=count
        )
    )
    return "; ".join(parts)


def cluster_tooltip(count: int, first: str, last: str) -> str:
    span = first if first == last else f"{first} – {last}"
    return plain_tooltip(
        [
            QCoreApplication.translate("TimelineView", "{count} events").format(count=count),
            span,
            QCoreApplication.translate("TimelineView", "Click to zoom in"),
        ]
    )


def band_tooltip(count: int) -> str:
    return plain_tooltip(
        [
            QCoreApplication.translate("TimelineView", "{count} events here").format(count=count),
            QCoreApplication.translate("TimelineView", "Zoom in to see them"),
        ]
    )
