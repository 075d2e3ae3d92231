"""Starting the window: the QApplication, translations, the database, the main window."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app import APP_NAME, __version__

if TYPE_CHECKING:
    from timeline_app.gui.windows import WindowManager

XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 "
    "libxcb-randr0 libxcb-render-util0 libxcb-image0 libxkbcommon-x11-0"
)


def display_problem() -> str | None:
    """Why Qt could not open a window here, said before Qt aborts on it; None when fine."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if sys.platform != "linux":
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return (
            "no display to open the window on (DISPLAY is not set). Run it in a desktop "
            "session, or use the commands that need no window: timeline-app --help"
        )
    if ctypes.util.find_library("xcb-cursor") is None:
        return (
            "Qt's X11 support needs system libraries that are missing. On Debian or Ubuntu: "
            f"sudo apt install {XCB_PACKAGES}"
        )
    return None


def create_application(argv: list[str] | None = None) -> object:
    """The QApplication, named and with Qt's translations routed into the core."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - Qt only for the window
    from PySide6.QtGui import QIcon  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from timeline_app import paths  # noqa: PLC0415
    from timeline_app.core import i18n  # noqa: PLC0415

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("diplomatic-timeline")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    if isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "app.svg")))
    _install_translators(app)
    i18n.install(QCoreApplication.translate)
    return app


def _install_translators(app: object) -> None:
    """The app's English plural forms, then Qt's and the app's translations for the system language.

    English needs a translation file too: Qt takes plural forms ("1 event", "13 events") from one,
    and otherwise shows the source text ("%n event(s)"). Translators installed later win.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator  # noqa: PLC0415

    from timeline_app import paths  # noqa: PLC0415

    folder = str(paths.resources_dir() / "translations")
    english = QTranslator(app)  # type: ignore[arg-type]
    if english.load("timeline_app_en", folder):
        app.installTranslator(english)  # type: ignore[attr-defined]
    locale = QLocale.system()
    if locale.language() == QLocale.Language.English:
        return
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in (("qtbase", qt_folder), ("timeline_app", folder)):
        translator = QTranslator(app)  # type: ignore[arg-type]
        if translator.load(locale, name, "_", where):
            app.installTranslator(translator)  # type: ignore[attr-defined]


def run(db: Path | None) -> int:
    """The window's main: 0 when the user quit, 2 when no database could be opened."""
    problem = display_problem()
    if problem:
        print(f"timeline-app: error: {problem}", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from timeline_app.gui.crash import install_excepthook  # noqa: PLC0415

    app = create_application()
    assert isinstance(app, QApplication)
    install_excepthook(app)  # from here on, no error goes unreported
    manager = start(db)  # kept while the application runs
    if manager is None:
        return 2
    return int(app.exec())


def start(db: Path | None) -> WindowManager | None:
    """Open the database (the user's own when ``db`` is None) and its first window.

    Returns the window manager, or None when the database could not be opened: a dialog has
    then said why (damaged, with its backup offered; busy, with Retry; refused) and the user
    chose to quit.
    """
    from timeline_app import paths  # noqa: PLC0415
    from timeline_app.cli.commands import open_default_store  # noqa: PLC0415
    from timeline_app.gui import opening, window_state  # noqa: PLC0415
    from timeline_app.gui.windows import WindowManager  # noqa: PLC0415

    if db is None:
        store = opening.open_store(
            None, paths.default_database(), opener=open_default_store, at_start=True
        )
    else:
        store = opening.open_store(None, db, at_start=True)
    if store is None:
        return None
    if store.path is not None:
        window_state.add_recent_file(store.path)
    manager = WindowManager()
    manager.open_window(store)
    return manager
