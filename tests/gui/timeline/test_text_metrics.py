"""Text measurements the timeline keeps: always what Qt itself would answer."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from pytestqt.qtbot import QtBot

from timeline_app.gui.timeline.text_metrics import WIDTHS_KEPT, QtTextMetrics

TITLES = [
    "State visit of the President to Kenya: trade and energy",
    "Visite officielle du ministre à Dakar : coopération économique",
    "Talks",
    "Sanctions announced on 14 named officials (second round)",
    "Ministerial meeting, Brussels — Ukraine, Gaza and the climate agenda",
]


def test_elided_titles_are_cut_as_qt_cuts_them_whatever_the_order_of_widths(
    qtbot: QtBot,
) -> None:
    font = QFont()
    qt = QFontMetricsF(font)
    metrics = QtTextMetrics(font)
    rng = random.Random(3)
    for _ in range(3):  # widths in any order, a few hundred a title: the kept forms are reused
        for title in TITLES:
            for width in rng.sample(range(-4, int(qt.horizontalAdvance(title)) + 12), 40):
                wanted = qt.elidedText(title, Qt.TextElideMode.ElideRight, width)
                assert metrics.elide(title, width + rng.random()) == wanted, (title, width)


def test_a_title_cut_to_many_widths_keeps_a_bounded_number_of_them(qtbot: QtBot) -> None:
    metrics = QtTextMetrics(QFont())
    title = TITLES[0]
    for width in range(30, 30 + 5 * WIDTHS_KEPT):
        metrics.elide(title, width)
    assert len(metrics._elided[title][0]) <= WIDTHS_KEPT
