"""Search and filter in the main window: the search toolbar, the filter chips, the filter editor
and saved views.

- **Search** (toolbar, ``searchField``; Edit > Find, Ctrl+F): what is typed is searched as one
  types (each word as the start of a word, in any spelling, case or accents) once typing
  pauses and a word has two letters or more (a single letter would mark nearly every event,
  and slowly). By default the search *marks* its matches, on the timeline and in the table,
  and leaves the other events in view; Enter and Shift+Enter select the next and previous match
  in time order (timeline, table and details follow). "Show Only Matches" (toolbar and Filter
  menu) makes the search a filter instead: then it is one of the active filters, with its chip,
  and printing and export take it into account. Escape clears the search; Escape in the empty
  field returns to the timeline (the window's "focus the timeline" action).
- **Filters**: the active filters as removable chips in a bar under the search toolbar (shown
  only while something is filtered); the filter editor (Filter > Filter…, Ctrl+Shift+F) in a
  dock; Filter > Clear Filters. The filter goes to the window (``window.set_filter``), so the
  timeline, the table, the status bar count, printing and export all use the same one.
- **Saved views** (Filter > Save View…, Filter > Saved Views): a name for the filter, the lane
  grouping and the zoom, restored in one step; rename and delete. The list follows the store.

The widgets are in ``gui/search/``; this module only wires them to the window and the store.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMessageBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from timeline_app.core.filters import EventFilter
from timeline_app.core.search.text import Expander, search_tokens
from timeline_app.core.store import ChangeSet, Store, StoreError
from timeline_app.core.timeline import LaneGrouping
from timeline_app.core.views import SavedView
from timeline_app.gui.features import Handlers, WindowFeature
from timeline_app.gui.search import (
    FilterBar,
    FilterController,
    FilterEditor,
    SavedViewsMenu,
    SearchField,
    ask_view_name,
)
from timeline_app.gui.search.chips_area import ChipsArea
from timeline_app.gui.search.match_delegate import MatchDelegate

if TYPE_CHECKING:
    from timeline_app.gui.actions import ActionSet
    from timeline_app.gui.main_window import MainWindow

#: A search runs once one of its words has this many letters or digits.
MIN_WORD_LENGTH = 2


def searchable(text: str) -> bool:
    """Whether typed text is searched yet (see :data:`MIN_WORD_LENGTH`)."""
    return any(len(token) >= MIN_WORD_LENGTH for token in search_tokens(text))


def step_position(positions: Sequence[int], current: int | None, delta: int) -> int | None:
    """The match after (``delta`` 1) or before (-1) ``current`` among sorted ``positions``,
    going round at either end; the first (or last) when there is no current position."""
    if not positions:
        return None
    if current is None:
        return positions[0] if delta > 0 else positions[-1]
    if delta > 0:
        return positions[bisect.bisect_right(positions, current) % len(positions)]
    return positions[bisect.bisect_left(positions, current) - 1]


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def confirm_replace(parent: QWidget, name: str) -> bool:
    """Ask whether to replace the saved view ``name``."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SearchFeature", "Replace View"),
        QCoreApplication.translate(
            "SearchFeature", "A view named “{name}” exists. Replace it with the current view?"
        ).format(name=name),
    )
    return answer == QMessageBox.StandardButton.Yes


class SearchFeature(WindowFeature):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.only_matches = False
        self.query = ""  # the text being searched ("" when none)
        self.match_ids: frozenset[int] = frozenset()
        self._synonyms: Expander | None = None
        self._positions: tuple[object, list[int]] | None = None  # (scene, sorted positions)
        self._unsubscribe: Callable[[], None] | None = None
        lang = window.timeline.lang

        self.search_field = SearchField(window)
        self.search_field.setMinimumWidth(260)
        self.search_field.setMaximumWidth(440)
        self.match_label = QLabel(window)
        self.match_label.setObjectName("searchMatches")
        self.match_label.setAccessibleName(self.tr("Search matches"))
        self.match_label.setMinimumWidth(120)
        self.match_label.setContentsMargins(6, 0, 6, 0)
        self.previous_action = QAction(self.tr("Previous Match"), self)
        self.previous_action.setObjectName("action_previous_match")
        self.previous_action.setToolTip(self.tr("Previous match (Shift+Enter in the search)"))
        self.next_action = QAction(self.tr("Next Match"), self)
        self.next_action.setObjectName("action_next_match")
        self.next_action.setToolTip(self.tr("Next match (Enter in the search)"))
        self.only_action = QAction(self.tr("Show &Only Matches"), self)
        self.only_action.setObjectName("action_only_matches")
        self.only_action.setCheckable(True)
        self.only_action.setToolTip(
            self.tr("Hide the events the search does not find, instead of marking the matches")
        )
        self.only_action.setStatusTip(self.only_action.toolTip())

        self.toolbar = QToolBar(self.tr("Search"), window)
        self.toolbar.setObjectName("searchToolBar")
        self.toolbar.setAccessibleName(self.tr("Search"))
        self.toolbar.setMovable(False)
        search_label = QLabel(self.tr("&Search:"), self.toolbar)
        search_label.setBuddy(self.search_field)
        search_label.setContentsMargins(4, 0, 4, 0)
        self.toolbar.addWidget(search_label)
        self.toolbar.addWidget(self.search_field)
        for action, arrow in (
            (self.previous_action, Qt.ArrowType.UpArrow),
            (self.next_action, Qt.ArrowType.DownArrow),
        ):
            button = QToolButton(self.toolbar)
            button.setDefaultAction(action)
            button.setArrowType(arrow)  # drawn in the palette's colours, light or dark
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter and Shift+Enter do it
            self.toolbar.addWidget(button)
        self.toolbar.addWidget(self.match_label)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.only_action)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.filter_bar = FilterBar(window, lang=lang)
        self.chips_area = ChipsArea(self.filter_bar, window)
        self.filter_toolbar = QToolBar(self.tr("Active Filters"), window)
        self.filter_toolbar.setObjectName("filterToolBar")
        self.filter_toolbar.setMovable(False)
        self.filter_toolbar.addWidget(self.chips_area)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.filter_toolbar)
        self.filter_toolbar.setVisible(False)  # shown while something is filtered
        self.filter_toolbar.toggleViewAction().setVisible(False)

        self.editor = FilterEditor(window, lang=lang)
        self.filter_dock = QDockWidget(self.tr("Filter"), window)
        self.filter_dock.setObjectName("filterDock")
        self.filter_dock.setWidget(self.editor)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.filter_dock)
        self.filter_dock.hide()

        self.views_menu = SavedViewsMenu(window)

        self.delegate = MatchDelegate(window.table, window.timeline.timeline_palette().search)
        window.table.setItemDelegate(self.delegate)

        # The bar shows the filter the views apply; the controller keeps the whole one (with
        # the search text, which only filters with "Show Only Matches").
        self.controller = FilterController(self.search_field, None, self.editor, self)
        self.controller.filterChanged.connect(lambda _flt: self.apply())
        self.filter_bar.filterChanged.connect(self._bar_changed)
        self.search_field.nextMatchRequested.connect(self.next_match)
        self.search_field.previousMatchRequested.connect(self.previous_match)
        self.next_action.triggered.connect(self.next_match)
        self.previous_action.triggered.connect(self.previous_match)
        self.only_action.toggled.connect(self.set_only_matches)
        self.views_menu.viewChosen.connect(self.restore_view)
        self.views_menu.saveRequested.connect(self.save_view)
        self.views_menu.renameRequested.connect(self.rename_view)
        self.views_menu.deleteRequested.connect(self.delete_view)
        window.selection.changed.connect(lambda _id: self._show_match_count())
        self._show_match_count()

    # -- the window ------------------------------------------------------------------------

    def handlers(self) -> Handlers:
        return {
            "find": self.focus_search,
            "edit_filter": self.edit_filter,
            "clear_filter": self.clear_filter,
            "save_view": self.save_view,
        }

    def actions_ready(self, actions: ActionSet) -> None:
        menu = self.window.menus["F&ilter"]
        entries = menu.actions()
        save = entries.index(actions["save_view"])
        before = entries[save - 1] if save and entries[save - 1].isSeparator() else entries[save]
        menu.insertAction(before, self.only_action)
        menu.addMenu(self.views_menu)
        self._order_focus()

    def store_attached(self, store: Store) -> None:
        self._unsubscribe = store.subscribe(self._store_changed)
        self._synonyms = None
        # The editor's completions (every actor and tag) and the saved views wait until the
        # first frame is shown (the first query through the ORM costs tens of milliseconds).
        self.window.timeline.after_first_frame(self._refresh_attached_choices)
        self.window.timeline.after_first_frame(self._refresh_attached_views)
        self._search(force=True)
        # Once the window has restored its saved layout, which may show the bar of a filter
        # that was active when it closed.
        QTimer.singleShot(0, self, self._show_bar)

    def store_detached(self, store: Store) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _store_changed(self, changes: ChangeSet) -> None:
        store = self.window.store
        if changes.tables & {"actor", "place"}:
            self._synonyms = None  # a new alias is another spelling
        if changes.tables & {"actor", "tag"}:
            self._refresh_choices(store)
        if "saved_view" in changes.tables:
            self._refresh_views(store)
        if self.query and (changes.events or changes.deleted_events or changes.tables):
            self._search(force=True)  # an edit may add or remove matches

    def _refresh_attached_choices(self) -> None:
        if self._unsubscribe is not None:  # still attached to the window's store
            self._refresh_choices(self.window.store)

    def _refresh_attached_views(self) -> None:
        if self._unsubscribe is not None:  # still attached to the window's store
            self._refresh_views(self.window.store)

    def _refresh_choices(self, store: Store) -> None:
        self.editor.set_choices(store.actors(), store.tags())

    def _refresh_views(self, store: Store) -> None:
        self.views_menu.set_views(store.saved_views())

    # -- commands ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: the search field, its text selected to be typed over."""
        self.toolbar.show()
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def edit_filter(self) -> None:
        """Ctrl+Shift+F: the filter editor, at its first field."""
        self.filter_dock.show()
        self.filter_dock.raise_()
        self.editor.actor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_filter(self) -> None:
        """Remove every active filter (the chips); a search that only marks stays."""
        self._bar_changed(EventFilter())

    def set_only_matches(self, only: bool) -> None:
        if self.only_action.isChecked() != only:
            self.only_action.setChecked(only)  # comes back here through toggled
            return
        self.only_matches = only
        self.apply()

    def next_match(self) -> None:
        self._step(1)

    def previous_match(self) -> None:
        self._step(-1)

    # -- applying the filter and the search ------------------------------------------------

    def effective_filter(self) -> EventFilter:
        """The filter the views apply: the controller's, with the search text only when the
        search filters ("Show Only Matches") and is long enough to run."""
        flt = self.controller.current_filter
        if self.only_matches and searchable(flt.text):
            return flt
        return dataclasses.replace(flt, text="")

    def apply(self) -> None:
        """Show the controller's filter: chips, views, then the search marks."""
        effective = self.effective_filter()
        self._show_chips(effective)
        if effective != self.window.filter:
            self.window.set_filter(effective)
        self._search()

    def _show_chips(self, flt: EventFilter) -> None:
        self.filter_bar.set_filter(flt)
        self._show_bar()

    def _show_bar(self) -> None:
        self.filter_toolbar.setVisible(bool(self.filter_bar.chips))
        self.chips_area.fit()
        self._order_focus()

    def _order_focus(self) -> None:
        """Tab goes from the search field through the chips to the timeline, the table and
        the details."""
        bar = self.filter_bar
        window = self.window
        chain: list[QWidget] = [self.search_field, *bar.chips]
        if bar.chips:
            chain.append(bar.clear_button)
        chain += [window.timeline, window.table, window.details.browser]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _bar_changed(self, flt: EventFilter) -> None:
        """A chip removed (or all of them): the search text stays unless its chip went."""
        text = self.controller.current_filter.text
        if self.only_matches and searchable(text):
            text = flt.text
        self.controller.set_filter(dataclasses.replace(flt, text=text), emit=True)
        self._show_bar()

    def _search(self, *, force: bool = False) -> None:
        text = self.controller.current_filter.text
        query = text if searchable(text) else ""
        if query == self.query and not force:
            self._mark()
            return
        self.query = query
        self.match_ids = (
            frozenset(self.window.store.search_ids(query, self.synonyms()))
            if query
            else frozenset()
        )
        self._mark()

    def synonyms(self) -> Expander:
        """The other spellings of names that a search is widened to, kept until actors or
        places change (reading them on every key would cost more than the search)."""
        if self._synonyms is None:
            self._synonyms = self.window.store.name_synonyms()
        return self._synonyms

    def _mark(self) -> None:
        """Mark the matches in the timeline (unless they are all there is) and the table."""
        self._positions = None
        self.window.timeline.set_highlighted(frozenset() if self.only_matches else self.match_ids)
        self.delegate.set_matches(
            self.query,
            self.match_ids,
            self.synonyms() if self.query else None,
            mark_rows=not self.only_matches,
        )
        self.window.table.viewport().update()
        self._show_match_count()

    def match_positions(self) -> list[int]:
        """The matches among the events shown, as sorted timeline positions (time order)."""
        scene = self.window.timeline.scene()
        if scene is None or not self.match_ids:
            return []
        if self._positions is None or self._positions[0] is not scene:
            self._positions = (scene, scene.index.positions(self.match_ids))
        return self._positions[1]

    def _step(self, delta: int) -> None:
        self.search_field.flush()  # Enter right after typing searches what was typed
        positions = self.match_positions()
        scene = self.window.timeline.scene()
        if scene is None or not positions:
            QApplication.beep()
            return
        current = self.window.selection.current
        position = scene.index.position(current) if current is not None else None
        target = step_position(positions, position, delta)
        if target is not None:
            self.window.selection.select(int(scene.index.ids[target]))

    def _show_match_count(self) -> None:
        text = self.search_field.text()
        if not search_tokens(text):
            message = ""
        elif not searchable(text):
            message = self.tr("Type 2 letters or more")
        else:
            positions = self.match_positions()
            count = len(positions)
            scene = self.window.timeline.scene()
            current = self.window.selection.current
            position = (
                scene.index.position(current) if scene is not None and current is not None else None
            )
            rank = bisect.bisect_left(positions, position) if position is not None else count
            if count == 0:
                message = self.tr("No matches")
            elif rank < count and positions[rank] == position:
                message = self.tr("Match {rank} of {count}").format(
                    rank=f"{rank + 1:,}", count=f"{count:,}"
                )
            elif count == 1:
                message = self.tr("1 match")
            else:
                message = self.tr("{count} matches").format(count=f"{count:,}")
        self.match_label.setText(message)
        self.match_label.setAccessibleDescription(message)
        enabled = bool(self.match_ids)
        self.next_action.setEnabled(enabled)
        self.previous_action.setEnabled(enabled)

    # -- saved views ---------------------------------------------------------------------------

    def current_view(self, name: str) -> SavedView:
        timeline = self.window.timeline
        return SavedView(
            name=name,
            filter=self.window.filter,
            lanes=timeline.grouping().value,
            zoom=timeline.view_state(),
        )

    def save_view(self) -> None:
        name = ask_view_name(self.window, self.tr("Save View"))
        if name is None:
            return
        store = self.window.store
        exists = any(_same_name(view.name, name) for view in self.views_menu.views)
        if exists and not confirm_replace(self.window, name.strip()):
            return
        try:
            store.save_view(self.current_view(name), overwrite=exists)
        except StoreError as error:
            self.window._warn(self.tr("Cannot save the view"), str(error))

    def restore_view(self, view: SavedView) -> None:
        """Show a saved view: its filter, its lane grouping and its zoom, in one step."""
        flt = view.filter
        self.only_action.blockSignals(True)
        self.only_action.setChecked(bool(flt.text))
        self.only_action.blockSignals(False)
        self.only_matches = bool(flt.text)
        self.controller.set_filter(flt)
        try:
            grouping = LaneGrouping(view.lanes)
        except ValueError:
            grouping = self.window.timeline.grouping()
        self.apply()
        self.window.set_grouping(grouping)
        if view.zoom:
            self.window.timeline.restore_view_state({**view.zoom, "grouping": grouping.value})

    def rename_view(self, name: str) -> None:
        new_name = ask_view_name(self.window, self.tr("Rename View"), name)
        if new_name is None or new_name == name:
            return
        try:
            self.window.store.rename_view(name, new_name)
        except StoreError as error:
            self.window._warn(self.tr("Cannot rename the view"), str(error))

    def delete_view(self, name: str) -> None:
        try:
            self.window.store.delete_view(name)
        except StoreError as error:
            self.window._warn(self.tr("Cannot delete the view"), str(error))
