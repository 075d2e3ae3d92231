"""The active filters as removable "chips": for the filter bar and for printed headers.

Each :class:`FilterChip` stands for one value of one field of an :class:`EventFilter` (one actor,
one kind, the date the range starts...) with a translated label, and gives the filter without
it. The interface shows ``filter_chips(flt)`` and, when a chip is removed, applies
``chip.remove_from(flt)``; a printed page heads itself with ``describe(flt)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from timeline_app.core import countries
from timeline_app.core.dates import DateParseError, Language, UncertainDate
from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate
from timeline_app.core.vocabulary import Kind, Status

#: A longer search text is cut in its chip's label.
TEXT_LABEL_MAX = 40


@dataclass(frozen=True, slots=True)
class FilterChip:
    """One active filter value: ``field`` of EventFilter, the ``value`` (None for a field that
    holds a single value) and what to show."""

    field: str
    value: object
    label: str

    def remove_from(self, flt: EventFilter) -> EventFilter:
        """The filter without this chip's value (the filter itself if it does not hold it)."""
        current = getattr(flt, self.field)
        changed: dict[str, Any]
        if isinstance(current, tuple):
            changed = {self.field: tuple(v for v in current if v != self.value)}
        elif isinstance(current, frozenset):
            changed = {self.field: current - {self.value}}
        else:
            changed = {self.field: getattr(EventFilter(), self.field)}
        return dataclasses.replace(flt, **changed)


def _one_line(text: str, limit: int = TEXT_LABEL_MAX) -> str:
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def format_day(day: date, lang: Language = "en") -> str:
    try:
        return UncertainDate.from_date(day).format(lang)
    except DateParseError:
        return day.isoformat()


def filter_chips(flt: EventFilter, lang: Language = "en") -> list[FilterChip]:
    """One chip per active value, in a stable order: search, dates, actors, countries, kinds,
    statuses, tags, sources."""
    chips: list[FilterChip] = []
    if flt.text.strip():
        label = translate("filters", "Search: “{text}”").format(text=_one_line(flt.text))
        chips.append(FilterChip("text", None, label))
    if flt.date_from is not None:
        label = translate("filters", "From {date}").format(date=format_day(flt.date_from, lang))
        chips.append(FilterChip("date_from", None, label))
    if flt.date_to is not None:
        label = translate("filters", "Until {date}").format(date=format_day(flt.date_to, lang))
        chips.append(FilterChip("date_to", None, label))
    for name in flt.actors:
        chips.append(
            FilterChip(
                "actors", name, translate("filters", "Actor: {name}").format(name=_one_line(name))
            )
        )
    for code in flt.countries:
        label = translate("filters", "Country: {name}").format(name=countries.name(code, lang))
        chips.append(FilterChip("countries", code, label))
    for kind in Kind:
        if kind in flt.kinds:
            chips.append(
                FilterChip(
                    "kinds", kind, translate("filters", "Kind: {kind}").format(kind=kind.label)
                )
            )
    for status in Status:
        if status in flt.statuses:
            label = translate("filters", "Status: {status}").format(status=status.label)
            chips.append(FilterChip("statuses", status, label))
    for tag in flt.tags:
        chips.append(
            FilterChip("tags", tag, translate("filters", "Tag: {tag}").format(tag=_one_line(tag)))
        )
    if flt.has_sources is not None:
        label = (
            translate("filters", "With sources")
            if flt.has_sources
            else translate("filters", "Without sources")
        )
        chips.append(FilterChip("has_sources", None, label))
    return chips


def describe(flt: EventFilter, lang: Language = "en") -> str:
    """The active filters in one line ("" when nothing is filtered), for printed headers."""
    return " · ".join(chip.label for chip in filter_chips(flt, lang))
