"""One filter object for every view of the timeline.

The timeline, the table, printing, export and ``timeline-app list`` all take an
:class:`EventFilter` and hand it to the store, so they always agree on which events are shown.
:mod:`timeline_app.core.filter_chips` describes a filter as removable chips for the interface
and for printed headers; saved views keep it as JSON (:meth:`EventFilter.to_json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from timeline_app.core.i18n import translate
from timeline_app.core.vocabulary import Kind, Status


class FilterFormatError(ValueError):
    """A stored filter cannot be read; the message names the field and why."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to show. Empty fields do not filter; filled ones must all match.

    - ``text``: full-text search, as typed: every word (case and accents ignored, each as the
      start of a word) in the title, summary, actors and their aliases, places and their other
      names or countries, sources or tags; text with no letter or digit does not filter;
    - ``date_from``/``date_to``: events whose possible days overlap this range;
    - ``actors``: an actor's name or alias contains one of these texts (any case);
    - ``countries``: an event place is in one of these countries, or a participant is from one;
    - ``kinds``, ``statuses``: one of these;
    - ``tags``: carries one of these tags;
    - ``has_sources``: True for events with at least one source, False for those without.
    """

    text: str = ""
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

    # -- as JSON (saved views) ----------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The filled fields only, with dates as ISO days and vocabularies as their values."""
        result: dict[str, Any] = {}
        if self.text:
            result["text"] = self.text
        if self.date_from is not None:
            result["date_from"] = self.date_from.isoformat()
        if self.date_to is not None:
            result["date_to"] = self.date_to.isoformat()
        for name in ("actors", "countries", "tags"):
            values = getattr(self, name)
            if values:
                result[name] = list(values)
        if self.kinds:
            result["kinds"] = sorted(kind.value for kind in self.kinds)
        if self.statuses:
            result["statuses"] = sorted(status.value for status in self.statuses)
        if self.has_sources is not None:
            result["has_sources"] = self.has_sources
        return result

    @classmethod
    def from_json(cls, data: object) -> EventFilter:
        """Read :meth:`to_json`'s form back; raises FilterFormatError naming the bad field."""
        if not isinstance(data, dict):
            raise FilterFormatError(translate("filters", "a filter must be a JSON object"))
        unknown = sorted(set(data) - _JSON_FIELDS)
        if unknown:
            raise FilterFormatError(
                translate("filters", "unknown filter field: {name}").format(
                    name=", ".join(map(str, unknown))
                )
            )
        text = data.get("text", "")
        if not isinstance(text, str):
            raise FilterFormatError(translate("filters", "text: expected a string"))
        has_sources = data.get("has_sources")
        if has_sources is not None and not isinstance(has_sources, bool):
            raise FilterFormatError(
                translate("filters", "has_sources: expected true, false or null")
            )
        return cls(
            text=text,
            date_from=_day(data, "date_from"),
            date_to=_day(data, "date_to"),
            actors=_strings(data, "actors"),
            countries=_strings(data, "countries"),
            kinds=frozenset(_member(Kind, value, "kinds") for value in _strings(data, "kinds")),
            statuses=frozenset(
                _member(Status, value, "statuses") for value in _strings(data, "statuses")
            ),
            tags=_strings(data, "tags"),
            has_sources=has_sources,
        )


_JSON_FIELDS = frozenset(EventFilter.__dataclass_fields__)


def _day(data: dict[str, Any], name: str) -> date | None:
    value = data.get(name)
    if value is None:
        return None
    try:
        if isinstance(value, str):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise FilterFormatError(
        translate("filters", "{field}: '{value}' is not a day (YYYY-MM-DD)").format(
            field=name, value=value
        )
    )


def _strings(data: dict[str, Any], name: str) -> tuple[str, ...]:
    values = data.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise FilterFormatError(
            translate("filters", "{field}: expected a list of strings").format(field=name)
        )
    return tuple(values)


E = TypeVar("E", Kind, Status)


def _member(enum: type[E], value: str, name: str) -> E:
    try:
        return enum(value)
    except ValueError as error:
        raise FilterFormatError(
            translate("filters", "{field}: unknown value '{value}'").format(field=name, value=value)
        ) from error
