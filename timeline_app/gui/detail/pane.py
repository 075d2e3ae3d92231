"""The detail pane: everything about one event, with links to its sources and related events."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.records import EventDetail
from timeline_app.core.store import ChangeSet, NotFoundError, Store
from timeline_app.core.text import is_web_address
from timeline_app.gui.detail import html


class DetailPane(QWidget):
    """Shows one event; follows changes to it in the store.

    ``eventLinkActivated`` is emitted when the user follows a link to another event (a related
    event, a leg of the trip); web links open in the system browser, http and https only.
    """

    eventLinkActivated = Signal(int)
    openInWindowRequested = Signal(int)
    editRequested = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, *, detached: bool = False):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.store = store
        self.language = "en"
        self.event_id: int | None = None
        self.detail: EventDetail | None = None

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setAccessibleName(self.tr("Event details"))

        self.open_button = QPushButton(self.tr("Open in New &Window"), self)
        self.open_button.setObjectName("openDetailWindow")
        self.open_button.setVisible(not detached)
        self.open_button.clicked.connect(self._request_window)
        self.edit_button = QPushButton(self.tr("E&dit…"), self)  # Alt+E opens the Edit menu
        self.edit_button.setObjectName("editEvent")
        self.edit_button.clicked.connect(self._request_edit)
        self.edit_button.setEnabled(False)
        self.status = QLabel(self)
        self.status.setObjectName("detailStatus")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.extra = QVBoxLayout()  # room for the change history
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.browser, 1)
        layout.addLayout(self.extra)
        self.setFocusProxy(self.browser)
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.show_event(None)

    def set_store(self, store: Store) -> None:
        self._unsubscribe()
        self.store = store
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.show_event(None)

    # -- content ----------------------------------------------------------------------------

    def show_event(self, event_id: int | None) -> None:
        self.event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        self.detail = None
        if self.event_id is None:
            self._set_message(
                self.tr("No event selected. Choose one in the timeline or the table.")
            )
            return
        try:
            self.detail = self.store.get_event(self.event_id)
        except NotFoundError:
            self._set_message(self.tr("This event has been deleted."))
            return
        self.status.hide()
        self.browser.setHtml(html.render(self.detail, self.language))
        self.browser.setAccessibleDescription(html.plain_summary(self.detail, self.language))
        self.edit_button.setEnabled(not self.store.read_only)
        self.open_button.setEnabled(True)

    def _set_message(self, text: str) -> None:
        self.browser.clear()
        self.browser.setAccessibleDescription(text)
        self.status.setText(text)
        self.status.show()
        self.edit_button.setEnabled(False)
        self.open_button.setEnabled(False)

    def _on_store_changed(self, changes: ChangeSet) -> None:
        if self.event_id is None:
            return
        mine = self.event_id in changes.events or self.event_id in changes.deleted_events
        if mine or changes.tables & {"actor", "place", "source", "trip"}:
            self.refresh()

    # -- links and buttons ------------------------------------------------------------------

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == html.EVENT_SCHEME:
            try:
                self.eventLinkActivated.emit(int(url.path()))
            except ValueError:
                return
        elif is_web_address(url.toString()):
            QDesktopServices.openUrl(url)

    def _request_window(self) -> None:
        if self.event_id is not None:
            self.openInWindowRequested.emit(self.event_id)

    def _request_edit(self) -> None:
        if self.event_id is not None:
            self.editRequested.emit(self.event_id)
