"""The Qt binding must not corrupt Python itself.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` each time a method that returns
nothing is called (``painter.drawLine``, ``setObjectName``...): after some thousands of calls,
printing a long chronology or painting a timeline, Python aborts with "deallocating None".
Python 3.12 and later are immune (``None`` is immortal there); the project excludes that release.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRectF


def test_calling_void_methods_keeps_none_alive() -> None:
    target = QObject()
    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(1000):
        target.setObjectName("x")
        rect.setWidth(3.0)
    assert sys.getrefcount(None) >= before - 10
