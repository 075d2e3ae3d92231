"""The actions table drives menus, shortcuts and the F1 reference."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.gui.actions import ACTIONS, ActionSet, key_sequences, reference_rows


def test_no_two_commands_share_a_key(qapp: object) -> None:
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for sequence in key_sequences(spec):
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text} is bound to {seen[text]} and {spec.id}"
            seen[text] = spec.id


def test_menus_hold_every_action_and_the_reference_every_shortcut(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = ActionSet(window, {"quit": window.close})
    menus = actions.build_menus(window.menuBar())
    in_menus = {a.objectName() for menu in menus.values() for a in menu.actions()}
    assert {f"action_{spec.id}" for spec in ACTIONS} <= in_menus
    rows = reference_rows()
    with_keys = [spec for spec in ACTIONS if key_sequences(spec)]
    assert len(rows) == len(with_keys)
    assert (
        "View",
        "Zoom In",
        rows[[r[1] for r in rows].index("Zoom In")][2],
        "in the timeline",
    ) in rows
    assert actions["quit"].isEnabled() and not actions["print"].isEnabled()


def test_timeline_keys_only_work_in_the_timeline(qtbot: QtBot) -> None:
    window = QMainWindow()
    timeline, table = QWidget(window), QWidget(window)
    qtbot.addWidget(window)
    actions = ActionSet(window, {})
    actions.bind_scopes(window, timeline, table)
    assert actions["zoom_in"] in timeline.actions() and actions["zoom_in"] not in table.actions()
    assert actions["delete_event"] in table.actions()
    assert actions["find"] in window.actions()
