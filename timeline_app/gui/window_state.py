"""What the window remembers between runs (QSettings): geometry, docks, view state, recent files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

RECENT_LIMIT = 8


def settings() -> QSettings:
    return QSettings()


def save_window(
    geometry: QByteArray, state: QByteArray, header: QByteArray, view: dict[str, Any]
) -> None:
    store = settings()
    store.beginGroup("mainWindow")
    store.setValue("geometry", geometry)
    store.setValue("state", state)
    store.setValue("tableHeader", header)
    store.setValue("view", json.dumps(view))
    store.endGroup()
    store.sync()


def load_window() -> dict[str, Any]:
    store = settings()
    store.beginGroup("mainWindow")
    result: dict[str, Any] = {
        "geometry": store.value("geometry"),
        "state": store.value("state"),
        "tableHeader": store.value("tableHeader"),
    }
    try:
        result["view"] = json.loads(str(store.value("view", "{}")))
    except ValueError:
        result["view"] = {}
    store.endGroup()
    return result


def recent_files() -> list[Path]:
    values = settings().value("recentFiles", [])
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [Path(v) for v in values if isinstance(v, str)]


def add_recent_file(path: Path) -> list[Path]:
    current = [p for p in recent_files() if p != path]
    updated = [path, *current][:RECENT_LIMIT]
    store = settings()
    store.setValue("recentFiles", [str(p) for p in updated])
    store.sync()
    return updated
