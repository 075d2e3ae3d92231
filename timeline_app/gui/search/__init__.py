"""Search and filter widgets for the main window: self-contained, holding no business rules.

- :class:`SearchField` (``searchField``): debounced search text, Escape clears, Enter and
  Shift+Enter step to the next and previous match;
- :class:`FilterBar` (``filterBar``): the active filters as removable chips;
- :class:`FilterEditor` (``filterEditor``): actor, country, kind, status, tag, dates, sources;
- :class:`SavedViewsMenu` (``savedViewsMenu``): the saved views, to restore, rename or delete;
- :class:`FilterController`: keeps the three in step around one :class:`EventFilter` and emits
  ``filterChanged(EventFilter)``.
"""

from timeline_app.gui.search.controller import FilterController
from timeline_app.gui.search.filter_bar import FilterBar
from timeline_app.gui.search.filter_editor import FilterEditor
from timeline_app.gui.search.search_field import SearchField
from timeline_app.gui.search.views_menu import SavedViewsMenu, ask_view_name

__all__ = [
    "FilterBar",
    "FilterController",
    "FilterEditor",
    "SavedViewsMenu",
    "SearchField",
    "ask_view_name",
]
