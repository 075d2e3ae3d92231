"""Mouse, tooltips and what assistive technology is told."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.seed import by_title
from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import EventData
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.timeline.view import TimelineView


def zoom_to_seed_weeks(view: TimelineView, store: Store) -> None:
    view.select_event(by_title(store, "Tashkent").id)
    for _ in range(4):
        view.zoom_in()
    view.clear_selection()
    view.viewport().repaint()


def centre_of(view: TimelineView, event_id: int) -> QPoint:
    rect = view.event_rect(event_id)
    assert rect is not None, "the event is not drawn"
    return rect.center().toPoint()


def test_a_click_selects_the_event_under_the_mouse_and_a_double_click_activates_it(
    qtbot: QtBot, view: TimelineView, seeded: Store
) -> None:
    zoom_to_seed_weeks(view, seeded)
    macron = by_title(seeded, "Macron announces")
    spot = centre_of(view, macron.id)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert view.current_event() == macron.id
    with qtbot.waitSignal(view.eventActivated) as activated:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert activated.args == [macron.id]


def test_dragging_pans_and_does_not_select(qtbot: QtBot, view: TimelineView, seeded: Store) -> None:
    zoom_to_seed_weeks(view, seeded)
    before = view.visible_range()
    viewport = view.viewport()
    start = QPoint(700, 300)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + QPoint(40 * step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    after = view.visible_range()
    assert after[0] < before[0]  # dragged right: earlier days come into view
    assert view.current_event() is None


def wheel(view: TimelineView, x: int, dy: int, modifiers: Qt.KeyboardModifier) -> None:
    position = QPointF(x, 200)
    event = QWheelEvent(
        position,
        QPointF(view.viewport().mapToGlobal(position.toPoint())),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_around_the_mouse_and_the_wheel_pans(
    view: TimelineView, seeded: Store
) -> None:
    zoom_to_seed_weeks(view, seeded)
    state = view.view_state()
    x = 800
    under_mouse = view.date_at(QPoint(x, 200))
    wheel(view, x, 120, Qt.KeyboardModifier.ControlModifier)
    zoomed = view.view_state()
    assert zoomed["ppd"] > state["ppd"]
    assert view.date_at(QPoint(x, 200)) == under_mouse
    wheel(view, x, -120, Qt.KeyboardModifier.ShiftModifier)
    assert view.view_state()["start"] > zoomed["start"]  # wheel down with shift: later


def test_tooltips_show_titles_dates_and_places_as_plain_text(
    view: TimelineView, seeded: Store
) -> None:
    hostile = seeded.create_event(
        EventData(
            title='<img src="http://example.invalid/x.png"> <b>bold</b> & co',
            kind=Kind.STATEMENT,
            status=Status.PLANNED,
            start=UncertainDate(2023, 3, 2),
        )
    )
    view.reload()
    zoom_to_seed_weeks(view, seeded)
    text = view.tooltip_at(centre_of(view, hostile))
    assert "<img" not in text and "<b>" not in text
    assert "&lt;img src=&quot;http://example.invalid/x.png&quot;&gt;" in text or (
        '&lt;img src="http://example.invalid/x.png"&gt;' in text
    )
    assert "&amp; co" in text
    assert "2 Mar 2023" in text
    macron = view.tooltip_at(centre_of(view, by_title(seeded, "Macron announces").id))
    assert "25 Feb 2023" in macron and "Paris, France" in macron


def test_the_current_event_is_described_for_assistive_technology(
    view: TimelineView, seeded: Store
) -> None:
    assert view.accessibleName() == "Timeline"
    assert view.objectName() == "timelineView"
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    view.select_event(by_title(seeded, "Lukashenko's state visit").id)
    description = view.accessibleDescription()
    assert "Lukashenko's state visit to China" in description
    assert "28 Feb – 2 Mar 2023" in description
    assert "Beijing, China" in description
    assert "Alexander Lukashenko" in description


def test_a_lane_name_cut_short_shows_in_full_in_its_tooltip(
    view: TimelineView, seeded: Store
) -> None:
    view.viewport().repaint()
    ebrd = view.event_rect(by_title(seeded, "EBRD report").id)
    assert ebrd is not None
    text = view.tooltip_at(QPoint(20, round(ebrd.center().y())))
    assert "European Bank for Reconstruction and Development" in text
    assert "1 event" in text


def test_minus_one_clears_the_selection(qtbot: QtBot, view: TimelineView, seeded: Store) -> None:
    view.select_event(by_title(seeded, "Astana").id)
    with qtbot.waitSignal(view.currentEventChanged) as cleared:
        assert view.select_event(-1)
    assert cleared.args == [-1]
    assert view.current_event() is None
    assert view.accessibleDescription() == "No event selected"
