"""Diplomatic Timeline: a desktop timeline of diplomatic visits."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplomatic-timeline")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0+unknown"

APP_NAME = "Diplomatic Timeline"
