"""Translation hook for the Qt-free core.

The core never imports Qt, yet its messages reach the user (a date that cannot be read, a field
that is invalid). Every such message goes through :func:`translate`; the GUI installs Qt's
``QCoreApplication.translate`` here at start-up, so the core's messages follow the interface
language. Without the GUI (the CLI, the tests) the English text is used as is.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _identity(context: str, text: str) -> str:
    return text


_translator: Translator = _identity


def install(translator: Translator | None) -> None:
    """Route core messages through ``translator(context, text)``; ``None`` restores English."""
    global _translator  # noqa: PLW0603 - one process-wide hook, set once by the GUI
    _translator = translator or _identity


def translate(context: str, text: str) -> str:
    return _translator(context, text)
