"""Fixtures for import and export tests: sample files and fresh databases made quickly."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from timeline_app.core.store import Store

# Copies of shared/formats/historian's samples (public domain, CC0; see LICENSE.md there).
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="session")
def historian_samples() -> Path:
    """The folder of the Office of the Historian's sample files."""
    return SAMPLES


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture
def fresh_store(
    empty_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], AbstractContextManager[Store]]:
    """``with fresh_store() as store``: a new, empty database each time (for property tests)."""

    @contextmanager
    def make() -> Iterator[Store]:
        path = tmp_path_factory.mktemp("fresh") / "timeline.sqlite3"
        shutil.copy(empty_template, path)
        with Store.open(path) as store:
            yield store

    return make
