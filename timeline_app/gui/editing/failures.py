"""Writes that fail: which errors an edit can meet, and how to say them to the user."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from timeline_app.core.store import StoreError

#: What a write to the database may raise: the store's own refusals (invalid input, a record
#: changed elsewhere, in use...) and the database's failures (locked, disk full, read-only file).
WRITE_ERRORS: tuple[type[Exception], ...] = (StoreError, SQLAlchemyError, OSError)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WriteFailure", text)


_KNOWN = (
    (
        "database is locked",
        QT_TRANSLATE_NOOP("WriteFailure", "the database is busy: another program is writing to it"),
    ),
    ("database or disk is full", QT_TRANSLATE_NOOP("WriteFailure", "the disk is full")),
    (
        "disk i/o error",
        QT_TRANSLATE_NOOP("WriteFailure", "the disk could not be written (input/output error)"),
    ),
    (
        "readonly database",
        QT_TRANSLATE_NOOP("WriteFailure", "the database file cannot be written (read-only)"),
    ),
    (
        "unable to open database",
        QT_TRANSLATE_NOOP("WriteFailure", "the database file cannot be opened"),
    ),
)


def describe(error: BaseException) -> str:
    """One sentence for the user: the store's messages as they are, database errors in words."""
    if isinstance(error, StoreError):
        return str(error)
    text = str(error.orig) if isinstance(error, DBAPIError) else str(error)
    folded = text.casefold()
    for needle, message in _KNOWN:
        if needle in folded:
            return _tr(str(message))
    return text.splitlines()[0] if text else type(error).__name__
