"""Reliability in the window: other programs' edits arrive, read-only files stay untouched,
backups are made and restored, and an error in a command is shown without stopping the app."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers import processes
from tests.helpers.editing import retype
from tests.helpers.processes import Child
from tests.helpers.seed import by_title
from tests.helpers.windows import open_window
from timeline_app import paths
from timeline_app.core import backups
from timeline_app.core.store import Store
from timeline_app.gui import crash, store_watch
from timeline_app.gui.crash import CrashDialog, install_excepthook
from timeline_app.gui.dialogs.restore_backup import RestoreBackupDialog
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.features.safety import WRITING_ACTIONS, SafetyFeature
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="the fork server is POSIX only")
ARRIVAL_MS = 4000  # "at most a few seconds late": the window polls every second


def feature(window: MainWindow) -> SafetyFeature:
    return next(f for f in window.features if isinstance(f, SafetyFeature))


def table_titles(window: MainWindow) -> list[str]:
    model = window.model
    return [str(model.index(row, Column.TITLE).data()) for row in range(model.rowCount())]


def shown_title(window: MainWindow, event_id: int) -> str:
    row = window.model.row_of(event_id)
    assert row is not None
    return str(window.model.index(row, Column.TITLE).data())


# -- two processes, several windows ---------------------------------------------------------------


@POSIX_ONLY
def test_an_edit_saved_by_another_process_arrives_and_the_selection_stays(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    blinken = by_title(window.store, "Blinken meets Tokayev").id
    macron = by_title(window.store, "Macron's state visit").id
    window.select_event(macron)
    scrolled = window.table.verticalScrollBar().value()

    child = Child(processes.update_title_child, str(db_path), blinken, "Edited elsewhere")
    child.expect("done")
    assert child.join() == 0

    qtbot.waitUntil(lambda: shown_title(window, blinken) == "Edited elsewhere", timeout=ARRIVAL_MS)
    assert window.selection.current == macron  # refreshed in place: nothing jumps
    assert window.table.currentIndex().data(EVENT_ID_ROLE) == macron
    assert window.table.verticalScrollBar().value() == scrolled
    assert window.timeline.current_event() == macron

    window.select_event(blinken)
    assert "Edited elsewhere" in window.details.browser.toPlainText()

    child = Child(processes.create_event_child, str(db_path), "Made by a colleague")
    child.expect("done")
    qtbot.waitUntil(lambda: "Made by a colleague" in table_titles(window), timeout=ARRIVAL_MS)
    assert window.count_label.text() == "14 events"


def test_an_import_by_the_command_line_running_beside_the_window_arrives(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    samples = Path(__file__).resolve().parents[2] / "core" / "io" / "samples"
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app.cli.main", "import", "--db", str(db_path), samples],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.model.rowCount() == 25, timeout=ARRIVAL_MS)
    assert window.count_label.text() == "25 events"
    [backup] = backups.list_backups(db_path)  # made by the other process, before its import
    assert backup.reason is backups.Reason.IMPORT and backup.event_count == 13


@POSIX_ONLY
def test_coming_back_to_the_window_shows_other_programs_changes_at_once(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    watch = store_watch.watch_of(window.store)
    assert watch is not None
    watch.timer.stop()  # only the window's activation is left to notice
    blinken = by_title(window.store, "Blinken meets Tokayev").id
    window.select_event(blinken)
    child = Child(processes.update_title_child, str(db_path), blinken, "Changed meanwhile")
    child.expect("done")
    assert shown_title(window, blinken) != "Changed meanwhile"

    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))

    assert shown_title(window, blinken) == "Changed meanwhile"
    assert "Changed meanwhile" in window.details.browser.toPlainText()


def test_two_windows_share_one_store_and_see_each_other_s_edits_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    second = window.new_window()
    qtbot.addWidget(second)
    try:
        qtbot.waitUntil(lambda: second.model.rowCount() == 13)
        assert second.store is window.store
        watch = store_watch.watch_of(window.store)
        assert watch is not None and watch.users == 2  # one poll for both

        store = window.store
        astana = by_title(store, "C5+1")
        second.select_event(astana.id)
        store.update_event(astana.id, replace(store.get_event(astana.id).to_data(), title="New"))
        assert shown_title(window, astana.id) == "New"  # no waiting: the store's listeners
        assert shown_title(second, astana.id) == "New"
        assert "New" in second.details.browser.toPlainText()
        assert not watch.poll()  # this process's own edit is not taken for another's
    finally:
        second.close()
    assert store_watch.watch_of(window.store) is watch and watch.users == 1


def test_a_daily_backup_is_made_once_per_store_after_an_edit(
    qtbot: QtBot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path | None] = []
    real = backups.after_write
    monkeypatch.setattr(backups, "after_write", lambda s, **kw: calls.append(s.path) or real(s))
    second = window.new_window()
    qtbot.addWidget(second)
    try:
        store = window.store
        assert backups.list_backups(db_path) == []
        store.delete_event(by_title(store, "EBRD report").id)
        assert calls == [db_path]  # two windows, one backup check
        [daily] = backups.list_backups(db_path)
        assert daily.reason is backups.Reason.DAILY
        assert daily.event_count == 12  # made after the change: the day's work so far
        store.delete_event(by_title(store, "C5+1").id)
        assert len(backups.list_backups(db_path)) == 1  # at most once a day
    finally:
        second.close()


@POSIX_ONLY
def test_an_edit_over_another_process_s_change_is_caught_and_the_user_chooses(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    store = window.store
    blinken = by_title(store, "Blinken meets Tokayev").id
    controller = EditController(store, window)
    editor = controller.edit_event(blinken)
    qtbot.addWidget(editor)
    qtbot.waitExposed(editor)
    retype(qtbot, editor.title, "My title")

    child = Child(processes.update_title_child, str(db_path), blinken, "Their title")
    child.expect("done")
    qtbot.waitUntil(lambda: shown_title(window, blinken) == "Their title", timeout=ARRIVAL_MS)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()  # not saved, the user's edit still there
    assert "was changed elsewhere" in editor.banner.text()
    assert "Save again to replace that other change with yours" in editor.banner.text()
    assert store.get_event(blinken).row.title == "Their title"  # nothing overwritten

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # the user's choice
    assert editor.result() == editor.DialogCode.Accepted
    assert shown_title(window, blinken) == "My title"


# -- read-only files ------------------------------------------------------------------------------


def test_a_read_only_file_opens_read_only_with_editing_disabled_and_is_never_written(
    qtbot: QtBot, seeded: Store, db_path: Path, tmp_path: Path
) -> None:
    seeded.close()
    db_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444
    before = db_path.read_bytes()
    folder_before = set(db_path.parent.iterdir())
    stamp = db_path.stat().st_mtime_ns

    with Store.open(db_path) as store:
        assert store.read_only
        window = open_window(qtbot, store)
        try:
            assert window.windowTitle().startswith("timeline.sqlite3 (read-only)")
            banner = feature(window).banner
            assert banner.isVisible()
            assert banner.text() == "Read-only: the file is read-only. Changes cannot be saved."
            for action_id in WRITING_ACTIONS:
                assert not window.action_set[action_id].isEnabled(), action_id
            # Another feature enabling one (an edit command following the selection) cannot.
            window.action_set["edit_event"].setEnabled(True)
            assert not window.action_set["edit_event"].isEnabled()
            window.action_set["import"].trigger()
            window.load_sample()
            assert feature(window).restore_backup() is None
            window.select_event(by_title(store, "Macron's state visit").id)
            assert not window.details.edit_button.isEnabled()
            assert window.count_label.text() == "13 events"

            other = tmp_path / "writable.sqlite3"
            assert window.switch_database(other)
            assert not banner.isVisible()
            assert "(read-only)" not in window.windowTitle()
            # Each command's own state is back: a new event can be made; editing one
            # waits for a selection.
            assert window.action_set["new_event"].isEnabled()
            assert not window.action_set["edit_event"].isEnabled()
            assert window.action_set["import"].isEnabled()
            assert window.action_set["restore_backup"].isEnabled()
        finally:
            window.close()

    assert db_path.read_bytes() == before
    assert db_path.stat().st_mtime_ns == stamp
    assert set(db_path.parent.iterdir()) - {tmp_path / "writable.sqlite3"} == folder_before
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert backups.list_backups(db_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_database_opened_read_only_on_request_says_why(
    qtbot: QtBot, seeded: Store, db_path: Path
) -> None:
    seeded.close()
    with Store.open(db_path, read_only=True) as store:
        window = open_window(qtbot, store)
        try:
            assert "it was opened read-only on request" in feature(window).banner.text()
            assert not window.action_set["new_event"].isEnabled()
        finally:
            window.close()


# -- restoring a backup ----------------------------------------------------------------------------


def test_restore_from_backup_lists_the_backups_and_brings_the_chosen_one_back(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    store = window.store
    older = backups.make_backup(db_path, now=datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
    store.delete_event(by_title(store, "EBRD report").id)
    newer = backups.make_backup(
        db_path, backups.Reason.IMPORT, now=datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
    )
    store.delete_event(by_title(store, "C5+1").id)
    assert window.model.rowCount() == 11

    window.action_set["restore_backup"].trigger()
    dialog = window.findChild(RestoreBackupDialog)
    assert isinstance(dialog, RestoreBackupDialog) and dialog.isVisible()
    listed = backups.list_backups(db_path)
    daily = listed[0]  # made after the first edit of the day
    local = {i.path: i.local_created.strftime("%Y-%m-%d %H:%M") for i in (daily, older, newer)}
    assert dialog.lines() == [
        f"{local[daily.path]} | 12 events | daily",
        f"{local[newer.path]} | 12 events | before an import",
        f"{local[older.path]} | 13 events | made on request",
    ]
    assert dialog.chosen is None and dialog.restore_button.isEnabled()  # the newest, preset

    dialog.select(dialog.backups[2])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert window.model.rowCount() == 13
    assert "EBRD report" in " ".join(table_titles(window))
    assert window.count_label.text() == "13 events"
    message = feature(window).last_message
    assert isinstance(message, QMessageBox) and message.isVisible()
    assert "was restored" in message.text() and "restore it to undo this" in message.text()
    reasons = [info.reason for info in backups.list_backups(db_path)]
    assert backups.Reason.RESTORE in reasons  # the replaced version was kept first
    kept = next(i for i in backups.list_backups(db_path) if i.reason is backups.Reason.RESTORE)
    assert kept.event_count == 11
    message.close()


def test_restore_from_backup_without_backups_says_so(qtbot: QtBot, window: MainWindow) -> None:
    dialog = feature(window).restore_backup()
    assert dialog is not None
    assert dialog.empty.isVisible() and not dialog.list.isVisible()
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


# -- errors never vanish ---------------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_window_command_is_logged_and_shown_and_the_window_goes_on(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    reporter = install_excepthook(qapp)
    try:

        def broken() -> None:
            raise RuntimeError("the About box is broken")

        window.action_set["about"].triggered.disconnect()  # instead of the (modal) About box
        window.action_set["about"].triggered.connect(broken)
        with qtbot.waitSignal(reporter.reported, timeout=5000):
            window.action_set["about"].trigger()

        log = (paths.user_log_dir() / crash.LOG_NAME).read_text(encoding="utf-8")
        assert "RuntimeError: the About box is broken" in log
        assert "in broken" in log
        dialog = reporter.dialog
        assert isinstance(dialog, CrashDialog) and dialog.isVisible()
        assert dialog.message.text() == (
            "Something went wrong: RuntimeError: the About box is broken"
        )
        # the window still answers
        macron = by_title(window.store, "Macron's state visit").id
        window.select_event(macron)
        assert window.table.currentIndex().data(EVENT_ID_ROLE) == macron
        dialog.close()
    finally:
        reporter.uninstall()


# -- damage found after opening -------------------------------------------------------------------


def test_damage_found_by_the_check_after_opening_is_reported_once_with_what_to_do(
    qtbot: QtBot, seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = ["*** in database main ***", "Tree 12 page 40 cell 3: invalid page number 9999"]
    monkeypatch.setattr(seeded, "integrity_checked", False)  # too large to check at open
    monkeypatch.setattr(seeded, "check_integrity", lambda: found)  # what quick_check says
    window = open_window(qtbot, seeded)
    second = window.new_window()
    qtbot.addWidget(second)
    try:
        qtbot.waitUntil(
            lambda: feature(window).last_message is not None or bool(feature(second).last_message)
        )
        boxes = [m for m in (feature(window).last_message, feature(second).last_message) if m]
        assert len(boxes) == 1  # one message for the database, not one per window
        assert "invalid page number 9999" in boxes[0].text()
        assert "File > Restore from Backup" in boxes[0].text()
        boxes[0].close()
    finally:
        second.close()
        window.close()
