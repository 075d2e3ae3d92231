"""Saved views: a name for a filter, plus the timeline's lane grouping and zoom.

A :class:`SavedView` is stored in the timeline database (table ``saved_view``), so views travel
with the timeline file; the store lists, saves, renames and deletes them
(``Store.saved_views``, ``save_view``, ``rename_view``, ``delete_view``). Lane grouping and zoom
belong to the timeline widget: they are kept as it hands them over (a string, and a JSON object)
and given back unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from timeline_app.core.filters import EventFilter, FilterFormatError
from timeline_app.core.i18n import translate

NAME_MAX = 200


class ViewFormatError(ValueError):
    """A saved view cannot be read; the message names the field and why."""


@dataclass(frozen=True, slots=True)
class SavedView:
    """What a saved view restores: the filter, the lane grouping and the zoom."""

    name: str
    filter: EventFilter = field(default_factory=EventFilter)
    lanes: str = ""
    zoom: Mapping[str, Any] = field(default_factory=dict)

    def definition(self) -> dict[str, Any]:
        """Everything but the name (the database keeps the name in its own column)."""
        return {"filter": self.filter.to_json(), "lanes": self.lanes, "zoom": dict(self.zoom)}

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, **self.definition()}

    def dumps(self) -> str:
        """As JSON text; raises ViewFormatError if the zoom holds what JSON cannot."""
        try:
            return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as error:
            raise ViewFormatError(
                translate("views", "zoom: cannot be saved as JSON ({reason})").format(reason=error)
            ) from error

    @classmethod
    def from_json(cls, data: object, *, name: str | None = None) -> SavedView:
        """Read :meth:`to_json`'s form (or a definition, with ``name`` given)."""
        if not isinstance(data, dict):
            raise ViewFormatError(translate("views", "a saved view must be a JSON object"))
        view_name = name if name is not None else data.get("name")
        if not isinstance(view_name, str) or not view_name.strip():
            raise ViewFormatError(translate("views", "name: a saved view needs a name"))
        lanes = data.get("lanes", "")
        if not isinstance(lanes, str):
            raise ViewFormatError(translate("views", "lanes: expected a string"))
        zoom = data.get("zoom", {})
        if not isinstance(zoom, dict):
            raise ViewFormatError(translate("views", "zoom: expected a JSON object"))
        try:
            flt = EventFilter.from_json(data.get("filter", {}))
        except FilterFormatError as error:
            raise ViewFormatError(
                translate("views", "filter: {reason}").format(reason=error)
            ) from error
        return cls(name=view_name, filter=flt, lanes=lanes, zoom=zoom)

    @classmethod
    def loads(cls, text: str) -> SavedView:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ViewFormatError(
                translate("views", "not JSON: {reason}").format(reason=error)
            ) from error
        return cls.from_json(data)
