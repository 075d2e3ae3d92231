"""The Qt binding itself: a known fault of one release must not come back with an upgrade."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calling_qt_methods_does_not_drop_references_to_none() -> None:
    """PySide6 6.12.0 returned None from void methods without a reference under Python 3.11;
    after a few thousand calls CPython aborted ("none_dealloc"). pyproject excludes it."""
    thing = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        thing.setObjectName("same")
    assert sys.getrefcount(None) >= before - 10
