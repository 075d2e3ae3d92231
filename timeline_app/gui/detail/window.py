"""A detached detail window for one event; several can be open, each follows its event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from timeline_app.core.store import Store
from timeline_app.gui.detail.pane import DetailPane
from timeline_app.gui.text import window_title


class DetailWindow(QWidget):
    eventLinkActivated = Signal(int)

    def __init__(self, store: Store, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("detailWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pane = DetailPane(store, self, detached=True)
        self.pane.eventLinkActivated.connect(self.eventLinkActivated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane)
        for key in (QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Escape")):
            QShortcut(key, self).activated.connect(self.close)
        self.resize(520, 640)
        self.show_event(event_id)

    @property
    def event_id(self) -> int | None:
        return self.pane.event_id

    def show_event(self, event_id: int) -> None:
        self.pane.show_event(event_id)
        detail = self.pane.detail
        title = window_title(detail.row.title) if detail else self.tr("Deleted event")
        self.setWindowTitle(self.tr("{title} — Details").format(title=title))

    def refresh(self) -> None:
        self.pane.refresh()
