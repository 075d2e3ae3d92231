"""What the timeline view does with keys, the mouse, the wheel and tooltip requests.

The view forwards its input events here; this helper turns them into calls on the view's
navigation and zoom methods. Keys are a fallback: the window's actions (the shortcut table) take
the same keys first when they are bound.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from timeline_app.core.dates import UncertainDate, format_range
from timeline_app.core.timeline import Selection, TimeWindow
from timeline_app.core.timeline.layout import ROW_HEIGHT
from timeline_app.gui.timeline.view_text import (
    band_tooltip,
    cluster_tooltip,
    event_tooltip,
    plain_tooltip,
)

if TYPE_CHECKING:
    from timeline_app.gui.timeline.view import TimelineView

WHEEL_ZOOM = 1.25  # per wheel notch
BAND_CLICK_ZOOM = 4.0


class TimelineInput:
    """Input handling for one :class:`TimelineView`."""

    def __init__(self, view: TimelineView) -> None:
        self.view = view
        self._press: tuple[QPointF, TimeWindow] | None = None
        self._dragging = False

    # -- keys ------------------------------------------------------------------------------------

    def _key_actions(self) -> dict[int, Callable[[], None]]:
        view = self.view
        key = Qt.Key
        return {
            key.Key_Right: view.move_next,
            key.Key_Left: view.move_previous,
            key.Key_Up: view.move_lane_up,
            key.Key_Down: view.move_lane_down,
            key.Key_Home: view.move_first,
            key.Key_End: view.move_last,
            key.Key_PageUp: view.page_left,
            key.Key_PageDown: view.page_right,
            key.Key_Plus: view.zoom_in,
            key.Key_Equal: view.zoom_in,
            key.Key_Minus: view.zoom_out,
            key.Key_0: view.fit_all,
            key.Key_T: view.go_today,
            key.Key_Return: view.activate_current,
            key.Key_Enter: view.activate_current,
        }

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key the window's actions did not take; False when it is not ours."""
        modifiers = event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        )
        action = self._key_actions().get(event.key())
        if action is None or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        action()
        event.accept()
        return True

    # -- mouse -----------------------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._press = (event.position(), self.view._current_window())
        self._dragging = False
        event.accept()
        return True

    def move(self, event: QMouseEvent) -> bool:
        """Dragging pans, once the mouse has moved further than a click would."""
        if self._press is None:
            return False
        start, window = self._press
        delta = event.position() - start
        if not self._dragging:
            if abs(delta.x()) + abs(delta.y()) < QApplication.startDragDistance():
                return True
            self._dragging = True
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self.view._set_window(window.panned(-delta.x(), -delta.y()))
        event.accept()
        return True

    def release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return False
        dragged = self._dragging
        self._press = None
        self._dragging = False
        self.view.viewport().unsetCursor()
        if not dragged:
            self._click(event.position())
        event.accept()
        return True

    def double_click(self, event: QMouseEvent) -> bool:
        """A double click on an event makes it current and activates it (opens its details)."""
        view = self.view
        frame = view.last_frame()
        if event.button() != Qt.MouseButton.LeftButton or frame is None:
            return False
        point = view._content_point(event.position())
        item = frame.item_at(point.x(), point.y())
        if item is None:
            return False
        view._select(Selection(item.position, item.lane), ensure=False)
        view.activate_current()
        event.accept()
        return True

    def _click(self, position: QPointF) -> None:
        """A click selects an event; on a cluster or a density band it zooms in there."""
        view = self.view
        frame, scene = view.last_frame(), view.scene()
        if frame is None or scene is None:
            return
        point = view._content_point(position)
        x, y = point.x(), point.y()
        if y < 0:
            return
        if x < 0:
            self._click_header(y)
            return
        item = frame.item_at(x, y)
        if item is not None:
            view._select(Selection(item.position, item.lane), ensure=False)
            return
        cluster = frame.cluster_at(x, y)
        if cluster is not None:
            self._zoom_to_days(cluster.first_day, cluster.last_day)
            return
        if frame.band_at(x, y) is not None:
            view._zoom(BAND_CLICK_ZOOM, x)

    def _click_header(self, y: float) -> None:
        """A click on a lane's name makes the lane's event nearest the view's centre current."""
        view = self.view
        scene = view.scene()
        window = view._current_window()
        if scene is None:
            return
        lane = scene.layout(window.ppd).lane_at(y + window.y)
        if lane is None:
            return
        width, _ = view._content_size()
        middle = int(window.day_at(width / 2))
        view._select(scene.nearest_in_lane(lane, middle))

    def _zoom_to_days(self, first: int, last: int) -> None:
        view = self.view
        width, _ = view._content_size()
        window = view._current_window()
        fitted = TimeWindow.fitting(first, last, width, margin=width / 8, y=window.y)
        ppd = max(fitted.ppd, window.ppd * 2)
        view._set_window(TimeWindow(fitted.start, ppd, fitted.y))
        view._set_window(view._current_window().centred_on((first + last + 1) / 2, width))

    def wheel(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms around the mouse; the wheel scrolls the lanes (or pans in time when
        they all fit); Shift+wheel and sideways wheels pan in time."""
        view = self.view
        delta = event.angleDelta()
        pixels = event.pixelDelta()
        modifiers = event.modifiers()
        width, _ = view._content_size()
        window = view._current_window()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            notches = delta.y() / 120 if delta.y() else delta.x() / 120
            if notches:
                anchor = view._content_point(event.position()).x()
                view._zoom(WHEEL_ZOOM**notches, min(max(anchor, 0.0), width))
            event.accept()
            return
        dx = float(pixels.x() or delta.x() / 120 * width / 10)
        dy = float(pixels.y() or delta.y() / 120 * 3 * ROW_HEIGHT)
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            dx, dy = dx or dy, 0.0
        elif dy and view.verticalScrollBar().maximum() == 0:
            dx, dy = dy / (3 * ROW_HEIGHT) * width / 10, 0.0
        view._set_window(window.panned(-dx, -dy))
        event.accept()

    # -- tooltips --------------------------------------------------------------------------------

    def tooltip(self, event: Any) -> None:
        text = self.tooltip_at(QPointF(event.pos()))
        if text:
            QToolTip.showText(event.globalPos(), text, self.view.viewport())
        else:
            QToolTip.hideText()
            event.ignore()

    def tooltip_at(self, position: QPointF | QPoint) -> str:
        """The tooltip for a point of the viewport (escaped HTML; empty where there is none)."""
        view = self.view
        frame, scene, store = view.last_frame(), view.scene(), view.store()
        if frame is None or scene is None:
            return ""
        point = view._content_point(QPointF(position))
        x, y = point.x(), point.y()
        if x < 0 <= y:  # a lane's name: in full, with its count
            window = view._current_window()
            lane = scene.layout(window.ppd).lane_at(y + window.y)
            if lane is None:
                return ""
            events = len(scene.lanes[lane])  # a name: pyside6-lupdate skips a call as the count
            count = QCoreApplication.translate("TimelineView", "%n event(s)", "", events)
            return plain_tooltip([scene.lanes[lane].label, count])
        item = frame.item_at(x, y)
        if item is not None and store is not None:
            rows = store.rows([int(scene.index.ids[item.position])])
            return event_tooltip(rows[0], view.lang) if rows else ""
        cluster = frame.cluster_at(x, y)
        if cluster is not None:
            first = UncertainDate.from_date(date.fromordinal(cluster.first_day))
            last = UncertainDate.from_date(date.fromordinal(cluster.last_day))
            text = format_range(first, last, view.lang)
            return cluster_tooltip(cluster.count, text, text)
        band = frame.band_at(x, y)
        if band is not None:
            return band_tooltip(band.count_at(x))
        return ""
