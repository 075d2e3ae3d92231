"""Opening a database at start-up and from the window: a damaged, newer, foreign or locked file
gets a clear dialog; the damaged file is never changed unless the user restores its backup."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.core.test_migrations import make_database_at
from timeline_app import paths
from timeline_app.core import backups, database
from timeline_app.core.store import Store
from timeline_app.gui import app, crash, opening
from timeline_app.gui.main_window import MainWindow
from timeline_app.gui.windows import WindowManager


@dataclass
class Answers:
    """Answers modal message boxes as they open: (object name, button object name) in order;
    records each box's name and text."""

    script: list[tuple[str, str]]
    seen: list[tuple[str, str]] = field(default_factory=list)
    on_box: Callable[[str], None] | None = None

    def start(self) -> None:
        QTimer.singleShot(50, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(50, self._answer)
            return
        try:
            button = self._button(box)
        except Exception:
            box.reject()  # fail the test (pytest-qt reports it) rather than hang on the box
            raise
        button.click()
        if self.script:
            QTimer.singleShot(50, self._answer)

    def _button(self, box: QMessageBox) -> QAbstractButton:
        name = box.objectName()
        self.seen.append((name, box.text()))
        expected, button_name = self.script.pop(0)
        assert name == expected, f"{name} opened instead of {expected}: {box.text()}"
        if self.on_box is not None:
            self.on_box(name)
        if button_name in ("Ok", "Close"):
            return box.buttons()[0]
        button = box.findChild(QAbstractButton, button_name)
        assert button is not None, f"no button {button_name} in {name}"
        return button


_running: list[Answers] = []  # kept alive until the test is over (timers hold weak references)


@pytest.fixture(autouse=True)
def _forget_answers() -> Iterator[None]:
    yield
    _running.clear()


def answering(*script: tuple[str, str]) -> Answers:
    answers = Answers(list(script))
    _running.append(answers)
    answers.start()
    return answers


@pytest.fixture
def healthy(seeded: Store, db_path: Path) -> Path:
    """The seed timeline, closed, with an automatic backup of it made on 1 May 2024."""
    backups.make_backup(db_path, now=datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
    seeded.close()
    return db_path


def truncate(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


def garble_middle(path: Path) -> bytes:
    with closing(sqlite3.connect(path)) as connection:
        size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    data = bytearray(path.read_bytes())
    start = len(data) // size // 2 * size
    data[start : start + 3 * size] = random.Random(8).randbytes(3 * size)
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def started() -> Iterator[list[WindowManager]]:
    managers: list[WindowManager] = []
    yield managers
    for manager in managers:
        for window in list(manager.windows):
            window.close()


def start(db: Path | None, started: list[WindowManager]) -> MainWindow | None:
    manager = app.start(db)
    if manager is None:
        return None
    started.append(manager)
    [window] = manager.windows
    return window


# -- damaged files at start-up --------------------------------------------------------------------


@pytest.mark.parametrize("damage", [truncate, garble_middle], ids=["truncated", "garbage"])
def test_a_damaged_file_is_refused_with_its_backup_offered_and_left_byte_identical(
    qtbot: QtBot,
    healthy: Path,
    damage: Callable[[Path], bytes],
    started: list[WindowManager],
) -> None:
    damaged = damage(healthy)
    siblings = set(healthy.parent.iterdir())
    answers = answering(("damagedDatabaseMessage", "giveUpButton"))

    assert start(healthy, started) is None

    [(_, text)] = answers.seen
    assert f"{healthy} is damaged:" in text
    assert "The file was left exactly as it is." in text
    local = datetime(2024, 5, 1, 9, 30, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"The most recent automatic backup is from {local}, 13 events" in text
    assert healthy.read_bytes() == damaged
    assert set(healthy.parent.iterdir()) == siblings


def test_restoring_the_offered_backup_opens_it_and_keeps_the_damaged_file(
    qtbot: QtBot, healthy: Path, started: list[WindowManager]
) -> None:
    damaged = garble_middle(healthy)
    answers = answering(
        ("damagedDatabaseMessage", "restoreBackupButton"), ("restoredMessage", "Ok")
    )

    window = start(healthy, started)

    assert window is not None and window.store.path == healthy
    qtbot.waitUntil(lambda: window.model.rowCount() == 13)
    assert "The damaged file was kept as:" in answers.seen[1][1]
    [copy] = [b for b in backups.list_backups(healthy) if b.reason is backups.Reason.DAMAGED]
    assert copy.path.read_bytes() == damaged  # byte for byte, never rotated away
    assert str(copy.path) in answers.seen[1][1]


def test_the_backup_can_be_opened_as_a_new_file_leaving_the_damaged_one_alone(
    qtbot: QtBot, healthy: Path, started: list[WindowManager], monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = truncate(healthy)
    asked: list[Path] = []

    def choose(_parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return suggested

    monkeypatch.setattr(opening, "choose_new_file", choose)
    answering(("damagedDatabaseMessage", "openBackupCopyButton"))

    window = start(healthy, started)

    assert asked == [healthy.with_name("timeline-restored.sqlite3")]
    assert window is not None and window.store.path == asked[0]
    qtbot.waitUntil(lambda: window.model.rowCount() == 13)
    assert healthy.read_bytes() == damaged


def test_without_a_backup_the_damaged_file_can_only_be_left(
    qtbot: QtBot, seeded: Store, db_path: Path, started: list[WindowManager]
) -> None:
    seeded.close()
    damaged = truncate(db_path)
    answers = answering(("damagedDatabaseMessage", "giveUpButton"))
    assert start(db_path, started) is None
    assert "There is no automatic backup of it." in answers.seen[0][1]
    assert db_path.read_bytes() == damaged


def test_the_default_database_damaged_gets_the_same_offer(
    qtbot: QtBot, started: list[WindowManager]
) -> None:
    default = paths.default_database()
    default.parent.mkdir(parents=True, exist_ok=True)
    make_database_at(default, "head")
    damaged = truncate(default)
    answers = answering(("damagedDatabaseMessage", "giveUpButton"))
    assert start(None, started) is None
    assert f"{default} is damaged" in answers.seen[0][1]
    assert default.read_bytes() == damaged


# -- refused files: exit status 2 -----------------------------------------------------------------


class HookRecorder:
    """``install_excepthook`` as ``app.run`` calls it, recorded and undone after the test."""

    def __init__(self) -> None:
        self.reporters: list[crash.CrashReporter] = []

    def __call__(self, application: QApplication) -> crash.CrashReporter:
        reporter = crash.CrashReporter(application)
        reporter.install()
        self.reporters.append(reporter)
        return reporter

    def __enter__(self) -> HookRecorder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for reporter in self.reporters:
            reporter.uninstall()


def newer_database(path: Path) -> None:
    make_database_at(path, "head")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")


def foreign_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (newer_database, "was written by a newer version of Diplomatic Timeline"),
        (foreign_database, "is a SQLite database of another application"),
    ],
    ids=["newer", "foreign"],
)
def test_run_refuses_a_newer_or_foreign_database_with_a_dialog_and_status_2(
    qtbot: QtBot,
    db_path: Path,
    make: Callable[[Path], None],
    says: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make(db_path)
    before = db_path.read_bytes()
    with HookRecorder() as hook:
        monkeypatch.setattr(crash, "install_excepthook", hook)
        answers = answering(("refusedDatabaseMessage", "giveUpButton"))
        assert app.run(db_path) == 2
    assert len(hook.reporters) == 1  # the exception hook is installed first of all
    [(_name, text)] = answers.seen
    assert says in text
    assert db_path.read_bytes() == before


def test_a_database_locked_by_another_program_can_be_tried_again(
    qtbot: QtBot, db_path: Path, started: list[WindowManager], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_database_at(db_path, "0001")  # an old file: opening it must upgrade it, which writes
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program's long write

    def release(name: str) -> None:
        if name == "busyDatabaseMessage" and other.in_transaction:
            other.execute("ROLLBACK")  # the other program is done before the user retries

    answers = answering(("busyDatabaseMessage", "retryButton"))
    answers.on_box = release
    try:
        window = start(db_path, started)
    finally:
        other.close()
    assert window is not None
    assert "is busy: another program is changing it" in answers.seen[0][1]
    assert database.inspect_file(db_path, database.file_access(db_path)) == (
        database.head_revision()
    )


# -- the same from the window ----------------------------------------------------------------------


def test_opening_a_damaged_file_from_the_window_keeps_the_current_one(
    qtbot: QtBot, healthy: Path, tmp_path: Path, started: list[WindowManager]
) -> None:
    other = tmp_path / "other.sqlite3"
    with Store.open(other) as store:
        window = MainWindow(store, restore_state=False)
        qtbot.addWidget(window)
        try:
            damaged = truncate(healthy)
            answers = answering(("damagedDatabaseMessage", "giveUpButton"))
            assert not window.switch_database(healthy)
            assert window.store is store
            assert answers.seen[0][0] == "damagedDatabaseMessage"
            assert healthy.read_bytes() == damaged

            newer = tmp_path / "newer.sqlite3"
            newer_database(newer)
            answers = answering(("refusedDatabaseMessage", "giveUpButton"))
            assert not window.switch_database(newer)
            assert "newer version" in answers.seen[0][1]
            assert window.store is store
        finally:
            window.close()
