"""Diplomatic Timeline: a desktop timeline of diplomatic visits."""

from typing import TYPE_CHECKING

APP_NAME = "Diplomatic Timeline"

if TYPE_CHECKING:
    __version__: str


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for:
    ``importlib.metadata`` takes a while to load, and the window's start reads the database
    before it needs the version (see ``core.early_read``)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        found = version("diplomatic-timeline")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
