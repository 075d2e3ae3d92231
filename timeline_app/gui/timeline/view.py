"""The timeline widget: the renderer on screen, with scrolling, zooming, selection and keys.

It holds no business rules: the scene (core) says what is where and which event comes next; the
renderer draws; this class turns input into calls on them and keeps the scroll bars in step.
The window binds keys to the navigation methods through its actions; :meth:`keyPressEvent`
handles the same keys only when no action took them first.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from timeline_app.core.dates import Language
from timeline_app.core.filters import EventFilter
from timeline_app.core.store import ChangeSet, Store
from timeline_app.core.timeline import (
    Frame,
    FrameRequest,
    LaneGrouping,
    Selection,
    TimelineScene,
    TimeWindow,
)
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.core.timeline.metrics import widest as widest_text
from timeline_app.core.timeline.viewport import MAX_PPD, MIN_PPD
from timeline_app.gui.timeline.item_painter import item_shape
from timeline_app.gui.timeline.palette import TimelinePalette
from timeline_app.gui.timeline.renderer import Marks, TimelineRenderer
from timeline_app.gui.timeline.view_input import TimelineInput
from timeline_app.gui.timeline.view_text import describe_current

ZOOM_STEP = 2.0
EDGE_MARGIN = 48.0  # px kept between a selected event and the edge of the view
PAGE_FRACTION = 0.9
MAX_HEADER_WIDTH = 240.0
MIN_HEADER_WIDTH = 120.0
WORLD_PADDING_DAYS = 15.0
FIRST_FRAME_WAIT_MS = 1000  # work waiting for the first frame of a shown view: at most this
TITLES_AHEAD = 1000  # titles read at a time while idle, a few milliseconds' work
KEEP_AFTER_EDITS_MS = 3000  # a timeline changed in place is kept this long after the last edit
PACK_AHEAD = 4000  # events packed into rows at a time while idle, about as much
KEPT_SCENES = 3  # scenes of other filters kept while the store does not change
#: Tables whose changes leave what the timeline draws as it was.
UNDRAWN_TABLES = frozenset({"tag", "source", "saved_view"})
PATCHED_EVENTS_MAX = 200  # events of one change taken in place; more: the scene is read again


def settle_heap() -> None:
    """Once the events are read and laid out: collect the garbage, then set what is left aside
    from the cyclic garbage collector (``gc.freeze``). Python's full collections otherwise walk
    every object of the program (the modules of Qt and SQLAlchemy: about 80,000), a pause of
    about 50 ms every few seconds of panning, for objects that live as long as the program.
    What was set aside before is looked at again here (``gc.unfreeze``): the scene of a former
    load is collected, once, in the view's idle time rather than in a frame."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def default_language() -> Language:
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


class TimelineView(QAbstractScrollArea):
    """The timeline of the events a filter shows, in lanes; see the module docs."""

    currentEventChanged = Signal(int)  # the event id, -1 for none
    eventActivated = Signal(int)  # Enter or double-click on an event

    def __init__(self, parent: QWidget | None = None, *, lang: Language | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(self.tr("No event selected"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # we paint it all
        self.lang: Language = lang or default_language()
        self._store: Store | None = None
        self._scene: TimelineScene | None = None
        self._filter: EventFilter | None = None
        self._grouping = LaneGrouping.ACTOR
        self._window: TimeWindow | None = None
        self._pending_state: dict[str, Any] | None = None
        self._selection: Selection | None = None
        self._highlight_ids: frozenset[int] = frozenset()
        self._highlight_positions: frozenset[int] = frozenset()
        self._highlight_days: dict[int, list[int]] = {}
        self._visited: list[int] = []  # days gone to on purpose, kept within scroll range
        self._frame: Frame | None = None
        self._syncing = False
        self._auto_fit = True  # until the user moves the view, a resize shows everything again
        self._header_width = 200.0
        self.today: Callable[[], date] = date.today
        self.frames_painted = 0
        self._after_first_frame: list[Callable[[], object]] = []
        # Scenes of other filters read since the store last changed, oldest first.
        self._kept_scenes: dict[tuple[EventFilter, LaneGrouping, str], TimelineScene] = {}
        self._renderer = TimelineRenderer(
            self.font(), TimelinePalette.from_palette(self.palette()), self.lang
        )
        self._input = TimelineInput(self)
        self._keep_timer = QTimer(self)  # keeps a timeline changed in place once edits pause
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_AFTER_EDITS_MS)
        self._keep_timer.timeout.connect(self._keep_now)
        self.horizontalScrollBar().valueChanged.connect(self._on_horizontal_scroll)
        self.verticalScrollBar().valueChanged.connect(self._on_vertical_scroll)

    # -- data ------------------------------------------------------------------------------------

    def set_store(self, store: Store | None, *, load: bool = True) -> None:
        """Show the events of ``store`` (None: nothing). The selection and the search marks are
        cleared (ids of another database mean other events); the view shows everything.

        With ``load`` False the events are not read yet: the caller calls :meth:`reload` next
        (with its filter), so that they are read once, not twice.
        """
        had_current = self.current_event() is not None
        self._store = store
        self._window = None
        self._auto_fit = True
        self._selection = None
        self._highlight_ids = frozenset()
        if load:
            self.reload()
        else:  # nothing of the old store is kept to be drawn until then
            self._scene = None
            self._kept_scenes.clear()
            self._frame = None
            self._visited = []
            self.viewport().update()
        if had_current:
            self.currentEventChanged.emit(-1)

    def store(self) -> Store | None:
        return self._store

    def reload(self, flt: EventFilter | None = None) -> None:
        """Read the events again, with the filter ``flt`` (None: keep the current filter).

        Call it after the store changed; pass ``EventFilter()`` to clear the filter. The current
        event stays current if it is still shown.
        """
        if flt is not None:
            self._filter = flt
        self._kept_scenes.clear()  # read for the store as it was
        current = self.current_event()
        lane_key = self._lane_key()
        self._scene = None
        if self._store is not None:
            self._scene = TimelineScene.from_store(
                self._store, self._grouping, self._filter, self.lang
            )
        self._after_load(current, lane_key)

    def take_changes(self, changes: ChangeSet) -> bool:
        """After a change to the store: the events it touched are read again and changed in
        place, when that is all the change takes (an event's title, kind, status or trip: see
        ``TimelineScene.updated_in_place``), rather than the whole timeline; a change that
        touched no event (a saved view) changes nothing. False when the caller must
        :meth:`reload` (events added, deleted or moved, lanes changed, a filter shown)."""
        scene, store = self._scene, self._store
        if (
            scene is None
            or store is None
            or changes.deleted_events
            or changes.tables - UNDRAWN_TABLES
            or len(changes.events) > PATCHED_EVENTS_MAX
        ):
            return False
        if not changes.events:
            scene.follow_stamp(changes.timeline)  # a saved view, a tag or a source alone:
            self._keep_later()  # nothing any scene draws
            return True
        with store.reading() as session:
            if not scene.updated_in_place(session, changes.events, changes.timeline):
                return False
        self._keep_later()
        self._kept_scenes.clear()  # other filters' scenes: taken again when shown
        self._frame = None
        self._announce()  # the current event may read differently
        self.viewport().update()
        return True

    def _keep_later(self) -> None:
        """Keep the timeline changed in place for the next start, once edits pause."""
        scene = self._scene
        if scene is not None and scene.stamp is not None and not scene.kept:
            self._keep_timer.start()

    def _keep_now(self) -> None:
        scene, store = self._scene, self._store
        if scene is not None and store is not None and store.path is not None:
            scene.keep(store.path, background=True)

    def show_filter(self, flt: EventFilter) -> None:
        """Show the events of ``flt`` while the store has not changed since the last
        :meth:`reload`. The scenes of the last few filters and the one of everything are kept
        while the store does not change: going back to one shows it at once, and a new filter
        is taken from everything (the ids it keeps, in the same lanes) rather than read again."""
        if self._store is None:
            self._filter = flt
            return
        scene = self._kept_scenes.pop(self._scene_key(flt), None)
        if self._scene is not None:
            self._keep_scene(self._scene_key(self._filter or EventFilter()), self._scene)
        if scene is None:
            everything = self._kept_scenes.get(self._scene_key(EventFilter()))
            if everything is not None:  # what the filter keeps of it, without reading again
                scene = everything.narrowed(self._store.event_ids(flt), flt)
            else:
                scene = TimelineScene.from_store(self._store, self._grouping, flt, self.lang)
        current = self.current_event()
        lane_key = self._lane_key()
        self._filter = flt
        self._scene = scene
        self._after_load(current, lane_key)

    def _scene_key(self, flt: EventFilter) -> tuple[EventFilter, LaneGrouping, str]:
        return (flt, self._grouping, self.lang)

    def _keep_scene(self, key: tuple[EventFilter, LaneGrouping, str], scene: TimelineScene) -> None:
        self._kept_scenes.pop(key, None)
        self._kept_scenes[key] = scene
        while len(self._kept_scenes) > KEPT_SCENES:  # the oldest goes; everything stays
            keys = list(self._kept_scenes)
            oldest = next((k for k in keys if not k[0].is_empty), keys[0])
            del self._kept_scenes[oldest]

    def set_grouping(self, grouping: LaneGrouping) -> None:
        """Group lanes by ``grouping``; the events stay, the current event stays current."""
        grouping = LaneGrouping(grouping)
        if grouping == self._grouping and self._scene is not None:
            return
        self._grouping = grouping
        current = self.current_event()
        if self._store is None or self._scene is None:
            self.reload()
            return
        self._scene = TimelineScene.from_store(
            self._store, grouping, self._filter, self.lang, index=self._scene.index
        )
        self._after_load(current, None)

    def grouping(self) -> LaneGrouping:
        return self._grouping

    def set_language(self, lang: Language) -> None:
        """Write dates, axis labels and country names in English ("en") or French ("fr")."""
        if lang == self.lang:
            return
        self.lang = lang
        self._renderer.lang = lang
        self._renderer.set_font(self.font())  # the axis measures its labels in the language
        if self._store is not None:
            self.reload()
        self.viewport().update()

    def scene(self) -> TimelineScene | None:
        return self._scene

    def _lane_key(self) -> str | None:
        if self._scene is None or self._selection is None:
            return None
        return self._scene.lanes[self._selection.lane].key

    def _after_load(self, current: int | None, lane_key: str | None) -> None:
        scene = self._scene
        self._selection = None
        self._frame = None
        self._visited = []
        self._update_header_width()
        if scene is not None:
            self._highlight_positions = frozenset(scene.index.positions(self._highlight_ids))
            self._highlight_days = scene.highlight_days(self._highlight_positions)
        if scene is not None and current is not None:
            position = scene.index.position(current)
            if position is not None:
                lane = scene.lane_index(lane_key) if lane_key else None
                self._selection = scene.selection_for(position, lane)
        if self._pending_state is not None:
            self._apply_state(self._pending_state)
        elif self._window is None or self._auto_fit:
            self._fit_window()
        else:
            self._set_window(self._window)
        if self._selection is not None:
            self._ensure_visible()
        self._announce()
        now = self.current_event()
        if now != current:
            self.currentEventChanged.emit(-1 if now is None else now)
        self.viewport().update()
        if scene is not None:
            self.after_first_frame(lambda: self._work_ahead(scene))

    def _work_ahead(self, scene: TimelineScene) -> None:
        """While the view shows ``scene``, a little per turn of the event loop: pack the lanes
        not drawn yet into rows (the biggest first), then read the titles not read yet. A
        lane scrolled or zoomed into view later is then drawn without a pause to pack it,
        and panning never waits for the database."""
        if scene is not self._scene or not self.isVisible():
            return
        if scene.pack_ahead(PACK_AHEAD) or scene.index.read_titles_ahead(TITLES_AHEAD):
            QTimer.singleShot(0, self, lambda: self._work_ahead(scene))
            return
        if scene.filter is None or scene.filter.is_empty:
            scene.lanes_by_event()  # then a filter is taken from this scene without a pause
            if self._store is not None and self._store.path is not None:
                scene.keep(self._store.path, background=True)  # for the next start
        settle_heap()

    def _update_header_width(self) -> None:
        scene = self._scene
        if scene is None or not scene.lanes:
            self._header_width = MIN_HEADER_WIDTH
            return
        metrics = self._renderer.bold_metrics
        count = self._renderer.small_metrics.width(f"{max(len(lane) for lane in scene.lanes):,}")
        enough = MAX_HEADER_WIDTH - count - 34  # a label this wide fills the header already
        labels = (lane.label for lane in scene.lanes[:5000])
        widest = widest_text(labels, metrics, metrics.widest_char, enough)
        grouping = metrics.width(self._grouping.label) + 20
        wanted = max(widest + count + 34, grouping)
        self._header_width = min(max(wanted, MIN_HEADER_WIDTH), MAX_HEADER_WIDTH)

    # -- geometry --------------------------------------------------------------------------------

    def _header(self) -> float:
        return min(self._header_width, max(self.viewport().width() * 0.35, 60.0))

    def _content(self) -> QRectF:
        self._renderer.header_width = self._header()
        return self._renderer.content_rect(QRectF(self.viewport().rect()))

    def _content_size(self) -> tuple[float, float]:
        content = self._content()
        return max(content.width(), 1.0), max(content.height(), 1.0)

    def _world(self) -> tuple[float, float]:
        """The days the scroll bars cover: the events, today, the days gone to."""
        scene = self._scene
        today = self.today().toordinal()
        days = [today, *self._visited]
        if scene is not None and not scene.is_empty:
            days += [scene.first_day, scene.last_day]
        first, last = min(days), max(days) + 1
        padding = max((last - first) * 0.03, WORLD_PADDING_DAYS)
        return first - padding, last + padding

    def _min_ppd(self) -> float:
        width, _ = self._content_size()
        first, last = self._world()
        return max(MIN_PPD, min(width / (last - first) / 2, MAX_PPD))

    def _clamped(self, window: TimeWindow) -> TimeWindow:
        width, height = self._content_size()
        ppd = min(max(window.ppd, self._min_ppd()), MAX_PPD)
        first, last = self._world()
        visible_days = width / ppd
        if last - first <= visible_days:
            start = (first + last) / 2 - visible_days / 2
        else:
            start = min(max(window.start, first), last - visible_days)
        total = self._scene.layout(ppd).height if self._scene is not None else 0
        y = min(max(window.y, 0.0), max(total - height, 0.0))
        return TimeWindow(start, ppd, y)

    def _set_window(self, window: TimeWindow, *, clamp: bool = True, fitted: bool = False) -> None:
        """Show ``window``; unless ``fitted``, a resize keeps it instead of fitting all again."""
        self._auto_fit = fitted
        self._window = self._clamped(window) if clamp else window
        self._sync_scrollbars()
        self.viewport().update()

    def _fit_window(self) -> None:
        scene = self._scene
        width, _ = self._content_size()
        if scene is None or scene.is_empty:
            today = self.today().toordinal()
            self._window = TimeWindow.fitting(today - 180, today + 180, width)
        else:
            self._window = TimeWindow.fitting(scene.first_day, scene.last_day, width)
        self._set_window(self._window, fitted=True)

    def _sync_scrollbars(self) -> None:
        window = self._window
        if window is None:
            return
        self._syncing = True
        try:
            width, height = self._content_size()
            first, last = self._world()
            first = min(first, window.start)
            total = (max(last, window.start + width / window.ppd) - first) * window.ppd
            horizontal = self.horizontalScrollBar()
            horizontal.setRange(0, max(0, math.ceil(total - width)))
            horizontal.setPageStep(max(int(width), 1))
            horizontal.setSingleStep(max(int(width / 20), 1))
            horizontal.setValue(round((window.start - first) * window.ppd))
            self._scroll_origin = first
            total_height = self._scene.layout(window.ppd).height if self._scene else 0
            vertical = self.verticalScrollBar()
            vertical.setRange(0, max(0, math.ceil(total_height - height)))
            vertical.setPageStep(max(int(height), 1))
            vertical.setSingleStep(ROW_HEIGHT)
            vertical.setValue(round(window.y))
        finally:
            self._syncing = False

    def _on_horizontal_scroll(self, value: int) -> None:
        if self._syncing or self._window is None:
            return
        start = self._scroll_origin + value / self._window.ppd
        self._window = TimeWindow(start, self._window.ppd, self._window.y)
        self._auto_fit = False
        self.viewport().update()

    def _on_vertical_scroll(self, value: int) -> None:
        if self._syncing or self._window is None:
            return
        self._window = TimeWindow(self._window.start, self._window.ppd, float(value))
        self._auto_fit = False
        self.viewport().update()

    def _current_window(self) -> TimeWindow:
        if self._window is None:
            self._fit_window()
        assert self._window is not None
        return self._window

    # -- painting --------------------------------------------------------------------------------

    def _marks(self) -> Marks:
        message = ""
        if self._store is None:
            message = self.tr("No timeline is open")
        elif self._filter is not None and not self._filter.is_empty:
            message = self.tr("No events match the filter")
        else:
            message = self.tr("No events yet")
        return Marks(
            selection=self._selection,
            focused=self.hasFocus(),
            highlighted=self._highlight_positions,
            highlight_days=self._highlight_days,
            today=self.today(),
            empty_message=message,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        window = self._current_window()
        painter = QPainter(self.viewport())
        try:
            self._renderer.header_width = self._header()
            rect = QRectF(self.viewport().rect())
            self._frame = self._renderer.paint(painter, rect, self._scene, window, self._marks())
        finally:
            painter.end()
        self.frames_painted += 1
        if self._after_first_frame:
            QTimer.singleShot(0, self, self._run_after_first_frame)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` from the event loop once the view has painted its first frame (on
        the next turn of the loop if it has): what the first frame does not need waits until
        that frame is on screen. A view still hidden when the loop first turns (it will not be
        painted) runs it then; a shown one that was not painted :data:`FIRST_FRAME_WAIT_MS`
        later, then."""
        if self.frames_painted:
            QTimer.singleShot(0, self, callback)
            return
        self._after_first_frame.append(callback)
        if len(self._after_first_frame) == 1:
            QTimer.singleShot(0, self, self._wait_for_first_frame)

    def _wait_for_first_frame(self) -> None:
        if not self._after_first_frame:
            return  # painted already
        if not self.isVisible():
            self._run_after_first_frame()
            return
        QTimer.singleShot(FIRST_FRAME_WAIT_MS, self, self._run_after_first_frame)

    def _run_after_first_frame(self) -> None:
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            callback()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._window is None:
            return
        if self._auto_fit:
            y = self._window.y
            self._fit_window()
            assert self._window is not None
            self._set_window(TimeWindow(self._window.start, self._window.ppd, y), fitted=True)
        else:
            self._set_window(self._window)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._renderer.palette = TimelinePalette.from_palette(self.palette())
            self.viewport().update()
        elif kind == QEvent.Type.FontChange:
            self._renderer.set_font(self.font())
            self._update_header_width()
            self.viewport().update()

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    # -- selection ---------------------------------------------------------------------------------

    def current_event(self) -> int | None:
        """The id of the current event, None when there is none."""
        if self._scene is None or self._selection is None:
            return None
        return int(self._scene.index.ids[self._selection.position])

    def select_event(self, event_id: int) -> bool:
        """Make an event current and scroll it into view; False (and no change) if the view
        does not show it (filtered out, unknown). A negative id (-1) clears the selection."""
        if event_id < 0:
            self.clear_selection()
            return True
        scene = self._scene
        if scene is None:
            return False
        position = scene.index.position(event_id)
        if position is None:
            return False
        lane = self._selection.lane if self._selection else None
        selection = scene.selection_for(position, lane)
        if selection is None:
            return False
        self._select(selection)
        return True

    def clear_selection(self) -> None:
        self._select(None)

    def _select(self, selection: Selection | None, *, ensure: bool = True) -> None:
        before = self.current_event()
        self._selection = selection
        if selection is not None and ensure:
            self._ensure_visible()
        self._announce()
        self.viewport().update()
        after = self.current_event()
        if after != before:
            self.currentEventChanged.emit(-1 if after is None else after)

    def _announce(self) -> None:
        """Tell assistive technology which event is current."""
        text = self.tr("No event selected")
        scene, selection = self._scene, self._selection
        if scene is not None and selection is not None and self._store is not None:
            rows = self._store.rows([int(scene.index.ids[selection.position])])
            lane = scene.lanes[selection.lane]
            if rows:
                rank = lane.rank(selection.position) or 0
                text = describe_current(rows[0], self.lang, lane.label, rank, len(lane))
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)
            event = QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            QAccessible.updateAccessibility(event)

    def _ensure_visible(self) -> None:
        scene, selection = self._scene, self._selection
        if scene is None or selection is None:
            return
        window = self._current_window()
        box = scene.box(selection, window.ppd)
        if box is None:
            return
        width, height = self._content_size()
        margin = min(EDGE_MARGIN, width / 4)
        x0 = window.x_of(box.first)
        x1 = window.x_of(box.last + 1)
        dx = 0.0
        if x1 < 0 or x0 > width:  # far away: bring it to the middle
            dx = (x0 + min(x1, x0 + width - 2 * margin)) / 2 - width / 2
        elif x1 - x0 > width - 2 * margin:
            if not margin <= x0 <= width - margin:
                dx = x0 - margin
        elif x0 < margin:
            dx = x0 - margin
        elif x1 > width - margin:
            dx = x1 - (width - margin)
        y = window.y
        if box.top - 4 < y:
            y = box.top - 4
        elif box.bottom + 4 > y + height:
            y = box.bottom + 4 - height
        self._set_window(TimeWindow(window.start + dx / window.ppd, window.ppd, y))

    # -- navigation ------------------------------------------------------------------------------

    def _start_selection(self) -> Selection | None:
        """With no current event, navigation starts at the first event in view."""
        scene = self._scene
        if scene is None or scene.is_empty:
            return None
        width, height = self._content_size()
        frame = scene.frame(FrameRequest(self._current_window(), width, height))
        if frame.items:
            first = min(frame.items, key=lambda item: (item.lane, item.x0))
            return Selection(first.position, first.lane)
        return scene.first_event()

    def _navigate(self, step: Callable[[TimelineScene, Selection], Selection | None]) -> None:
        scene = self._scene
        if scene is None or scene.is_empty:
            return
        if self._selection is None:
            self._select(self._start_selection())
            return
        target = step(scene, self._selection)
        if target is not None:
            self._select(target)

    def move_next(self) -> None:
        """The next event in time in the current lane."""
        self._navigate(lambda scene, sel: scene.step(sel, 1))

    def move_previous(self) -> None:
        self._navigate(lambda scene, sel: scene.step(sel, -1))

    def move_lane_up(self) -> None:
        """The event nearest in time in the lane above."""
        self._navigate(lambda scene, sel: scene.lane_step(sel, -1))

    def move_lane_down(self) -> None:
        self._navigate(lambda scene, sel: scene.lane_step(sel, 1))

    def move_first(self) -> None:
        """The first event of the whole timeline."""
        if self._scene is not None and not self._scene.is_empty:
            self._select(self._scene.first_event())

    def move_last(self) -> None:
        if self._scene is not None and not self._scene.is_empty:
            self._select(self._scene.last_event())

    def page_left(self) -> None:
        """Pan one screen back in time."""
        width, _ = self._content_size()
        self._set_window(self._current_window().panned(-width * PAGE_FRACTION))

    def page_right(self) -> None:
        width, _ = self._content_size()
        self._set_window(self._current_window().panned(width * PAGE_FRACTION))

    def zoom_in(self) -> None:
        """Zoom in, anchored at the current event (at the centre when there is none)."""
        self._zoom(ZOOM_STEP, None)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP, None)

    def _zoom(self, factor: float, anchor_x: float | None) -> None:
        window = self._current_window()
        width, _ = self._content_size()
        if anchor_x is None:
            anchor_x = width / 2
            scene, selection = self._scene, self._selection
            box = scene.box(selection, window.ppd) if scene and selection else None
            if box is not None:
                middle = window.x_of((box.first + box.last + 1) / 2)
                anchor_x = min(max(middle, 0.0), width)
        old_layout = self._scene.layout(window.ppd) if self._scene else None
        zoomed = window.zoomed(factor, anchor_x)
        if old_layout is not None and self._scene is not None:
            lane = old_layout.lane_at(window.y)
            if lane is not None:
                offset = window.y - old_layout.lane_top(lane)
                new_layout = self._scene.layout(zoomed.ppd)
                offset = min(offset, new_layout.lane_height(lane))
                zoomed = TimeWindow(zoomed.start, zoomed.ppd, new_layout.lane_top(lane) + offset)
        self._set_window(zoomed)
        if self._selection is not None:
            self._ensure_visible()

    def fit_all(self) -> None:
        """Show the whole timeline."""
        y = self._window.y if self._window else 0.0
        self._fit_window()
        if self._window is not None:
            self._set_window(TimeWindow(self._window.start, self._window.ppd, y), fitted=True)

    def go_today(self) -> None:
        self.go_to_date(self.today())

    def go_to_date(self, day: date) -> None:
        """Centre the view on ``day`` (at the current zoom)."""
        ordinal = day.toordinal()
        self._visited.append(ordinal)
        width, _ = self._content_size()
        self._set_window(self._current_window().centred_on(ordinal + 0.5, width))

    def activate_current(self) -> None:
        event_id = self.current_event()
        if event_id is not None:
            self.eventActivated.emit(event_id)

    # -- highlighting, state ---------------------------------------------------------------------

    def set_highlighted(self, ids: set[int] | frozenset[int]) -> None:
        """Mark these events (search matches); an empty set clears the marks."""
        self._highlight_ids = frozenset(ids)
        scene = self._scene
        if scene is not None:
            self._highlight_positions = frozenset(scene.index.positions(self._highlight_ids))
            self._highlight_days = scene.highlight_days(self._highlight_positions)
        self.viewport().update()

    def highlighted(self) -> frozenset[int]:
        return self._highlight_ids

    def view_state(self) -> dict[str, Any]:
        """Zoom, scroll and grouping, to keep in QSettings."""
        window = self._current_window()
        return {
            "grouping": self._grouping.value,
            "ppd": window.ppd,
            "start": window.start,
            "y": window.y,
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        """Go back to a :meth:`view_state`; values that do not make sense are ignored."""
        try:
            grouping = LaneGrouping(str(state.get("grouping", self._grouping.value)))
        except ValueError:
            grouping = self._grouping
        self._pending_state = dict(state)
        if self._scene is None:  # applied once the events are read
            self._grouping = grouping
            if self._store is not None:
                self.reload()
            return
        if grouping != self._grouping:
            self.set_grouping(grouping)  # the events already read stay: only the lanes change
            return
        self._apply_state(self._pending_state)

    def _apply_state(self, state: dict[str, Any]) -> None:
        self._pending_state = None
        try:
            ppd = float(state["ppd"])
            start = float(state["start"])
            y = float(state.get("y", 0.0))
        except (KeyError, TypeError, ValueError):
            self._fit_window()
            return
        if not all(math.isfinite(value) for value in (ppd, start, y)) or ppd <= 0:
            self._fit_window()
            return
        self._set_window(TimeWindow(start, ppd, y))

    def visible_range(self) -> tuple[date, date]:
        """The first and last day in view."""
        width, _ = self._content_size()
        return self._current_window().dates(width)

    def visible_event_ids(self) -> list[int]:
        """The events drawn on their own in the view (not those summed up in counts), in time
        order."""
        scene = self._scene
        if scene is None or scene.is_empty:
            return []
        width, height = self._content_size()
        request = FrameRequest(self._current_window(), width, height, self._selection)
        frame = scene.frame(request)
        return [int(scene.index.ids[position]) for position in frame.event_positions()]

    def last_frame(self) -> Frame | None:
        """What the last paint drew (items, clusters, bands, labels), for hit tests and tests."""
        return self._frame

    def timeline_palette(self) -> TimelinePalette:
        """The colours the view paints with (they follow the widget palette)."""
        return self._renderer.palette

    def date_at(self, position: QPointF | QPoint) -> date | None:
        """The day under a point of the viewport; None over the lane names or the axis."""
        point = self._content_point(QPointF(position))
        if point.x() < 0 or point.y() < 0:
            return None
        ordinal = math.floor(self._current_window().day_at(point.x()))
        return date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))

    def event_rect(self, event_id: int) -> QRectF | None:
        """Where the event was last drawn, in viewport coordinates (its current lane's copy
        first); None when it was not drawn on its own."""
        frame, scene = self._frame, self._scene
        if frame is None or scene is None:
            return None
        position = scene.index.position(event_id)
        items = [item for item in frame.items if item.position == position]
        if not items:
            return None
        items.sort(key=lambda item: not item.current)
        content = self._content()
        return item_shape(items[0]).translated(content.topLeft())

    def _content_point(self, position: QPointF) -> QPointF:
        content = self._content()
        return QPointF(position.x() - content.left(), position.y() - content.top())

    # -- input: see view_input ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._input.key(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._input.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._input.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._input.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self._input.double_click(event):
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._input.wheel(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._input.tooltip(event)
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, position: QPointF | QPoint) -> str:
        """The tooltip for a point of the viewport (escaped HTML; empty where there is none)."""
        return self._input.tooltip_at(position)
