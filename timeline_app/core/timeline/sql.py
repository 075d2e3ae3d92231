"""Running the timeline's column-only queries with as little work per row as possible.

The timeline reads up to a million rows of small integers at start-up. SQLAlchemy's result
objects cost more per row than the query itself, so on SQLite the compiled statement runs on the
driver's own cursor, in the session's transaction (the same snapshot). Statements are still
built with SQLAlchemy; other databases go through SQLAlchemy as usual.

Reading makes a tuple per row, and every few hundred new tuples Python's cyclic garbage
collector runs; every few thousand, it walks every object of the program (a GUI holds hundreds
of thousands). Rows of numbers hold no cycles, so those walks find nothing: they took a quarter
of the reading time at 100,000 events. Reading runs with the collector paused
(:func:`collector_paused`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

CHUNK = 50_000


def _plain(value: Any) -> Any:
    """A bound value as SQLAlchemy's SQLite dialect stores it."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def chunks(session: Session, stmt: Any, size: int = CHUNK) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows of ``stmt`` (a Core select of plain columns), ``size`` rows at a time."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        result = connection.execute(stmt)
        while rows := result.fetchmany(size):
            yield rows
        return
    compiled = stmt.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    names = compiled.positiontup or []
    driver = connection.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    try:
        cursor.execute(str(compiled), tuple(_plain(params[name]) for name in names))
        while rows := cursor.fetchmany(size):
            yield rows
    finally:
        cursor.close()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk read (as it was, after; it nests)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
