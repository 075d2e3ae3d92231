"""Keeps the search field, the filter bar and the filter editor showing one filter."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal

from timeline_app.core.filters import EventFilter
from timeline_app.gui.search.filter_bar import FilterBar
from timeline_app.gui.search.filter_editor import FilterEditor
from timeline_app.gui.search.search_field import SearchField


class FilterController(QObject):
    """The window's one current filter. A change from any of the three widgets updates the other
    two and emits ``filterChanged(EventFilter)``; :meth:`set_filter` (a restored view) shows a
    filter everywhere. Any widget may be None if the window does not show it."""

    filterChanged = Signal(object)  # EventFilter

    def __init__(
        self,
        search_field: SearchField | None = None,
        filter_bar: FilterBar | None = None,
        filter_editor: FilterEditor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.search_field = search_field
        self.filter_bar = filter_bar
        self.filter_editor = filter_editor
        self._filter = EventFilter()
        if search_field is not None:
            search_field.searchChanged.connect(self._searched)
        if filter_bar is not None:
            filter_bar.filterChanged.connect(self._changed)
        if filter_editor is not None:
            filter_editor.filterChanged.connect(self._edited)

    @property
    def current_filter(self) -> EventFilter:
        return self._filter

    def set_filter(self, flt: EventFilter, *, emit: bool = False) -> None:
        self._show(flt)
        if emit:
            self.filterChanged.emit(flt)

    def clear(self) -> None:
        """Remove every filter and the search (emits if anything was filtered)."""
        if not self._filter.is_empty:
            self.set_filter(EventFilter(), emit=True)

    def _show(self, flt: EventFilter) -> None:
        self._filter = flt
        if self.search_field is not None and self.search_field.text() != flt.text:
            self.search_field.set_search_text(flt.text)
        if self.filter_bar is not None:
            self.filter_bar.set_filter(flt)
        if self.filter_editor is not None:
            self.filter_editor.set_filter(flt)

    def _changed(self, flt: EventFilter) -> None:
        if flt != self._filter:
            self._show(flt)
            self.filterChanged.emit(flt)

    def _searched(self, text: str) -> None:
        self._changed(dataclasses.replace(self._filter, text=text))

    def _edited(self, flt: EventFilter) -> None:
        self._changed(dataclasses.replace(flt, text=self._filter.text))
