"""Writing a file all at once or not at all: into a temporary file beside it, then renamed.

A reader (or a crash, or a full disk) never sees half a file: either the old file is still
there, or the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

NEW_FILE_MODE = 0o644


@contextmanager
def _temporary(path: Path) -> Iterator[tuple[int, Path]]:
    target = path.absolute()
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    temporary = Path(name)
    try:
        yield descriptor, temporary
        permissions = target.stat().st_mode & 0o777 if target.exists() else NEW_FILE_MODE
        os.chmod(temporary, permissions)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


@contextmanager
def atomic_text(
    path: Path, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """``with atomic_text(path) as handle: ...``; the file appears when the block ends."""
    with (
        _temporary(path) as (descriptor, _),
        open(descriptor, "w", encoding=encoding, newline=newline) as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def atomic_binary(path: Path) -> Iterator[BinaryIO]:
    with _temporary(path) as (descriptor, _), open(descriptor, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
