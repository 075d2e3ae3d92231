"""The view paints at every zoom, in light and dark palettes; the renderer paints anywhere."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from pytestqt.qtbot import QtBot

from tests.helpers.seed import by_title
from timeline_app.core.store import Store
from timeline_app.core.timeline import LaneGrouping, TimelineScene
from timeline_app.core.timeline.viewport import TimeWindow
from timeline_app.gui.timeline.legend import draw_legend, legend_entries
from timeline_app.gui.timeline.palette import TimelinePalette, contrast
from timeline_app.gui.timeline.renderer import Marks, paint_timeline
from timeline_app.gui.timeline.view import TimelineView


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#1b1c1f"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2d2f33"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#3d6fb4"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def colours(image: QImage) -> set[int]:
    step = 3
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("ppd", [0.01, 0.3, 3.0, 40.0])
def test_the_view_paints_at_every_zoom_in_light_and_dark(
    view: TimelineView, seeded: Store, dark: bool, ppd: float
) -> None:
    if dark:
        view.setPalette(dark_palette())
    tashkent = by_title(seeded, "Tashkent")
    view.select_event(tashkent.id)
    state = view.view_state()
    view.restore_view_state({**state, "ppd": ppd})
    view.select_event(tashkent.id)
    image = view.grab().toImage()
    assert not image.isNull()
    seen = colours(image)
    background = view.timeline_palette().background
    assert background.rgb() in seen
    assert len(seen) > 20  # lanes, text, events: not a blank square
    assert view.event_rect(tashkent.id) is not None  # the current event is always drawn


def test_dark_palettes_keep_text_and_events_readable() -> None:
    for palette in (TimelinePalette.light(), TimelinePalette.dark_palette()):
        assert contrast(palette.text, palette.background) >= 7
        assert contrast(palette.muted_text, palette.background) >= 4.5
        assert contrast(palette.selection, palette.background) >= 3
    themed = TimelinePalette.from_palette(dark_palette())
    assert themed.dark
    assert contrast(themed.text, themed.background) >= 7


def test_the_view_state_round_trips(qtbot: QtBot, view: TimelineView, seeded: Store) -> None:
    view.set_grouping(LaneGrouping.COUNTRY)
    view.select_event(by_title(seeded, "Tashkent").id)
    view.zoom_in()
    view.zoom_in()
    state = view.view_state()
    other = TimelineView(lang="en")
    qtbot.addWidget(other)
    other.resize(view.size())
    other.set_store(seeded)
    other.restore_view_state(state)
    other.show()
    assert other.grouping() is LaneGrouping.COUNTRY
    restored = other.view_state()
    assert restored["grouping"] == "country"
    assert restored["ppd"] == pytest.approx(state["ppd"])
    assert restored["start"] == pytest.approx(state["start"])
    other.restore_view_state({"ppd": "nonsense", "start": None})  # ignored, no crash
    assert other.grouping() is LaneGrouping.COUNTRY


def test_an_empty_timeline_says_so(qtbot: QtBot, store: Store) -> None:
    view = TimelineView(lang="en")
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.set_store(store)
    view.show()
    view.move_next()
    view.zoom_in()
    assert view.current_event() is None
    assert view.visible_event_ids() == []
    assert not view.grab().toImage().isNull()


def test_search_matches_are_marked(view: TimelineView, seeded: Store) -> None:
    macron = by_title(seeded, "Macron's state visit")
    view.set_highlighted({macron.id, 999_999})  # an unknown id is ignored
    view.select_event(macron.id)
    view.viewport().repaint()
    frame = view.last_frame()
    assert frame is not None
    marked = [item for item in frame.items if item.highlighted]
    assert [item.position for item in marked] == [view.scene().index.position(macron.id)]  # type: ignore[union-attr]
    assert view.highlighted() == {macron.id, 999_999}


def test_the_renderer_paints_on_any_painter_with_a_light_palette(seeded: Store) -> None:
    scene = TimelineScene.from_store(seeded, LaneGrouping.COUNTRY)
    image = QImage(1400, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    page = QRectF(50, 40, 1300, 420)
    first, last = date(2023, 2, 10).toordinal(), date(2023, 4, 30).toordinal()
    window = TimeWindow.fitting(first, last, page.width() - 200)
    frame = paint_timeline(painter, page, scene, window, marks=Marks())
    legend = draw_legend(painter, QRectF(50, 465, 1300, 30))
    painter.end()
    assert frame is not None
    assert {lane.lane.label for lane in frame.lanes} >= {"China", "Kazakhstan"}
    assert image.pixelColor(10, 10) == QColor("#000000")  # nothing outside the page
    assert image.pixelColor(60, 50) != QColor("#000000")
    assert legend.height() > 0
    assert [what for what, _ in legend_entries()][:2] == ["status:planned", "status:confirmed"]


def test_the_timeline_speaks_french(view: TimelineView, seeded: Store) -> None:
    view.set_grouping(LaneGrouping.COUNTRY)
    view.set_language("fr")
    labels = [lane.label for lane in view.scene().lanes]  # type: ignore[union-attr]
    assert "Chine" in labels and "Ouzbékistan" in labels
    view.select_event(by_title(seeded, "Lukashenko's state visit").id)
    assert "28 février – 2 mars 2023" in view.accessibleDescription()
