"""Migration 0007 (the timeline stamp) is undone and made again, the triggers of 0006 kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command

from timeline_app.core import database
from timeline_app.core.store import Store, time_order


def _migrate(path: Path, revision: str, *, down: bool = False) -> None:
    engine = database.create_sqlite_engine(path)
    try:
        with database.writing(engine).connect() as connection, connection.begin():
            config = database.alembic_config(connection)
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def _schema(path: Path) -> tuple[set[str], list[str]]:
    with closing(sqlite3.connect(path)) as connection:
        triggers = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        columns = [row[1] for row in connection.execute("PRAGMA table_info(event_generation)")]
    return triggers, columns


def test_0007_is_undone_and_made_again(tmp_path: Path) -> None:
    path = tmp_path / "timeline.sqlite3"
    with Store.open(path):
        pass
    _migrate(path, "0006", down=True)
    triggers, columns = _schema(path)
    assert columns == ["id", "dates", "sources"]
    assert triggers == {name for name, (_, counter) in time_order.TRIGGERS.items()
                        if counter != "timeline"}  # fmt: skip
    _migrate(path, "head")
    triggers, columns = _schema(path)
    assert columns == ["id", "dates", "sources", "timeline"]
    assert triggers == set(time_order.TRIGGERS)
