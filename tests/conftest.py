"""Shared fixtures. Qt runs offscreen, and no test touches the user's real folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store


@pytest.fixture(autouse=True)
def _private_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data, config, state and cache folders under a temporary directory for every test."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / variable.lower()
        folder.mkdir()
        monkeypatch.setenv(variable, str(folder))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "timeline.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An empty store."""
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def seeded(db_path: Path) -> Iterator[Store]:
    """A store holding the seed timeline."""
    with Store.open(db_path) as opened:
        load_seed(opened)
        yield opened
