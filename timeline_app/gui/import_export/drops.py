"""Files dropped on the window: which of them can be imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from timeline_app.core.io.formats import EXTENSIONS


def accepts_drop(mime: QMimeData) -> list[Path]:
    """The dropped local files of a format to import, and folders (their files are imported).

    Empty when nothing can be imported: the window then refuses the drop.
    """
    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir() or (path.is_file() and path.suffix.lower() in EXTENSIONS):
            paths.append(path)
    return paths
