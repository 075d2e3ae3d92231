"""The actions table drives menus, shortcuts and the F1 reference."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.gui.actions import ACTIONS, SPECS, ActionSet, key_sequences, reference_rows


def test_no_two_commands_share_a_key(qapp: object) -> None:
    seen: dict[str, str] = {}
    for spec in ACTIONS:
        for sequence in key_sequences(spec):
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text} is bound to {seen[text]} and {spec.id}"
            seen[text] = spec.id


@pytest.mark.parametrize("platform_redo", ["Ctrl+Y", "Ctrl+Shift+Z"])
def test_redo_has_both_usual_keys_whatever_the_platform(
    qapp: object, monkeypatch: pytest.MonkeyPatch, platform_redo: str
) -> None:
    """Some desktops bind only one of them to the standard Redo key."""
    monkeypatch.setattr(
        QKeySequence, "keyBindings", staticmethod(lambda _key: [QKeySequence(platform_redo)])
    )
    redo = {
        s.toString(QKeySequence.SequenceFormat.PortableText) for s in key_sequences(SPECS["redo"])
    }
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= redo


def test_menus_hold_every_action_and_the_reference_every_shortcut(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = ActionSet(window, {"quit": window.close})
    menus = actions.build_menus(window.menuBar())
    in_menus = {a.objectName() for menu in menus.values() for a in menu.actions()}
    assert {f"action_{spec.id}" for spec in ACTIONS} <= in_menus
    rows = reference_rows()
    with_keys = [spec for spec in ACTIONS if key_sequences(spec)]
    with_table_keys = [spec for spec in ACTIONS if key_sequences(spec, spec.table_keys)]
    assert len(rows) == len(with_keys) + len(with_table_keys)
    assert ("Edit", "Edit Event", "Return, Enter", "in the table") in rows
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
