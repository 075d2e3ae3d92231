"""Where the application's files are: data shipped with it, and the user's own files.

In a checkout, ``db/`` and ``resources/`` sit beside the package; in an installed wheel they are
inside it, under ``timeline_app/_data/``. Everything else asks this module.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "diplomatic-timeline"
_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def db_dir() -> Path:
    return _shipped("db")


def migrations_dir() -> Path:
    return db_dir() / "migrations"


def seed_file() -> Path:
    return db_dir() / "seed" / "seed-timeline.json"


def resources_dir() -> Path:
    return _shipped("resources")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Files the app can make again (the timeline kept between runs): safe to delete."""
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def user_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def default_database() -> Path:
    """The database the app opens when none is given."""
    return user_data_dir() / "timeline.sqlite3"
