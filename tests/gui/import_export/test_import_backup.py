"""Importing from the window when no backup can be made first: the user is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.core.io.test_import_backup import refuse_backups
from tests.helpers.db import row_counts
from timeline_app.core import backups
from timeline_app.core.store import Store
from timeline_app.gui.import_export import ImportReportDialog, import_files

SAMPLES = Path(__file__).resolve().parents[2] / "core" / "io" / "samples"


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def answer(button_name: str, seen: list[str]) -> None:
    """Click ``button_name`` in the next message box (or Cancel for "cancel")."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, click)
            return
        seen.append(box.text())
        if button_name == "cancel":
            button = box.button(QMessageBox.StandardButton.Cancel)
        else:
            button = box.findChild(QAbstractButton, button_name)
        if button is None:
            box.reject()
            raise AssertionError(f"no {button_name} in {box.objectName()}")
        button.click()

    QTimer.singleShot(50, click)


def reports(window: QWidget) -> list[ImportReportDialog]:
    return window.findChildren(ImportReportDialog)


def test_the_report_says_the_database_was_backed_up(
    qtbot: QtBot, window: QWidget, seeded: Store, db_path: Path
) -> None:
    assert import_files(window, seeded, [SAMPLES]) is not None
    [report] = reports(window)
    assert "the database as it was before is kept as a backup" in report.heading.text()
    [backup] = backups.list_backups(db_path)
    assert backup.event_count == 13


def test_without_a_backup_the_user_may_cancel_and_nothing_is_imported(
    qtbot: QtBot, window: QWidget, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_backups(monkeypatch)
    before = row_counts(seeded)
    seen: list[str] = []
    answer("cancel", seen)
    assert import_files(window, seeded, [SAMPLES]) is None
    assert "could not be backed up before the import" in seen[0]
    assert "No space left on device" in seen[0]
    assert "Nothing was imported" in seen[0]
    assert row_counts(seeded) == before
    assert reports(window) == []


def test_without_a_backup_the_user_may_import_anyway(
    qtbot: QtBot, window: QWidget, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_backups(monkeypatch)
    seen: list[str] = []
    answer("importWithoutBackupButton", seen)
    summary = import_files(window, seeded, [SAMPLES])
    assert summary is not None and summary.backup is None
    assert summary.added["events"] == 12
    assert seeded.count_events() == 25
    [report] = reports(window)
    assert report.heading.text() == "The import is done:"
