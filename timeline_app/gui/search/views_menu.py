"""The saved views menu: restore a view in one step, save the current one, rename, delete."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from timeline_app.core.views import SavedView


def menu_text(name: str) -> str:
    """A name as menu text: an ampersand is shown, not taken for a mnemonic."""
    return name.replace("&", "&&")


class SavedViewsMenu(QMenu):
    """Lists the views handed to :meth:`set_views`; emits what the user asks for, and does
    nothing else (the window saves through the store and restores the view)."""

    viewChosen = Signal(object)  # SavedView
    saveRequested = Signal()
    renameRequested = Signal(str)  # the view's name
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedViewsMenu")
        self.setTitle(self.tr("Saved &Views"))
        self.views: list[SavedView] = []
        self.set_views([])

    def set_views(self, views: Sequence[SavedView]) -> None:
        for action in self.actions():
            old = action.menu()
            if old is not None:
                old.deleteLater()  # clear() removes the entry, not the submenu
        self.clear()
        self.views = list(views)
        for view in self.views:
            action = self.addAction(menu_text(view.name))
            action.setObjectName("savedView")
            action.setData(view.name)
            action.triggered.connect(partial(self.viewChosen.emit, view))
        if not self.views:
            empty = self.addAction(self.tr("No saved views"))
            empty.setEnabled(False)
        self.addSeparator()
        save = self.addAction(self.tr("&Save Current View…"))
        save.setObjectName("saveCurrentView")
        save.triggered.connect(self.saveRequested)
        rename = self.addMenu(self.tr("&Rename"))
        rename.setObjectName("renameViewMenu")
        delete = self.addMenu(self.tr("&Delete"))
        delete.setObjectName("deleteViewMenu")
        for view in self.views:
            renaming = rename.addAction(menu_text(view.name))
            renaming.triggered.connect(partial(self.renameRequested.emit, view.name))
            deleting = delete.addAction(menu_text(view.name))
            deleting.triggered.connect(partial(self.deleteRequested.emit, view.name))
        rename.setEnabled(bool(self.views))
        delete.setEnabled(bool(self.views))


def ask_view_name(parent: QWidget | None, title: str, current: str = "") -> str | None:
    """Ask for a view's name; None when cancelled (the store checks the name itself)."""
    label = QCoreApplication.translate("SavedViewsMenu", "Name:")
    name, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, current)
    return name if ok else None
