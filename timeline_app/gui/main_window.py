"""The main window: the timeline in the centre, the event table and the detail pane in docks.

The window composes views over one store and one :class:`Selection`; it holds no business
rules. Its commands come from the actions table (``gui/actions.py``).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QWidget,
)

from timeline_app import APP_NAME, __version__
from timeline_app.core.filters import EventFilter
from timeline_app.core.seed import load_seed
from timeline_app.core.store import ChangeSet, Store, StoreError
from timeline_app.core.timeline import LaneGrouping
from timeline_app.gui import opening, window_state
from timeline_app.gui.actions import ActionSet
from timeline_app.gui.detail.pane import DetailPane
from timeline_app.gui.detail.window import DetailWindow
from timeline_app.gui.dialogs.go_to_date import GoToDateDialog
from timeline_app.gui.dialogs.shortcuts import ShortcutsDialog
from timeline_app.gui.features import Handlers, WindowFeature
from timeline_app.gui.features.editing import EditingFeature
from timeline_app.gui.features.printing import PrintingFeature
from timeline_app.gui.features.safety import SafetyFeature
from timeline_app.gui.features.search import SearchFeature
from timeline_app.gui.features.transfer import TransferFeature
from timeline_app.gui.models.event_table import EVENT_ID_ROLE, Column, EventTableModel
from timeline_app.gui.selection import Selection
from timeline_app.gui.text import window_title
from timeline_app.gui.timeline.view import TimelineView
from timeline_app.gui.welcome import WelcomePanel
from timeline_app.gui.windows import WindowManager

#: The window's features, each in its own module under ``gui/features/``.
FEATURES: tuple[type[WindowFeature], ...] = (
    TransferFeature,
    EditingFeature,
    SearchFeature,
    PrintingFeature,
    SafetyFeature,
)

#: Rows measured, beyond those in view, when the table's columns are fitted to their contents
#: (0: the rows in view only).
ROWS_MEASURED = 0

GROUPING_ACTIONS = {
    "group_actor": LaneGrouping.ACTOR,
    "group_country": LaneGrouping.COUNTRY,
    "group_trip": LaneGrouping.TRIP,
    "group_kind": LaneGrouping.KIND,
    "group_none": LaneGrouping.NONE,
}


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)


class MainWindow(QMainWindow):
    detailWindowOpened = Signal(object)  # a new DetailWindow, for features to add to it

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        manager: WindowManager | None = None,
        restore_state: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.manager = manager or WindowManager(self)
        self.store = store
        self.filter = EventFilter()
        self.selection = Selection(self)
        self.detail_windows: list[DetailWindow] = []
        self._syncing = False
        self._table_loaded = False
        self._closed = False

        self.timeline = TimelineView(self)
        self.timeline.setAccessibleName(self.tr("Timeline"))
        self.welcome = WelcomePanel(self)
        self.centre = QStackedWidget(self)
        self.centre.setObjectName("centre")
        self.centre.addWidget(self.timeline)
        self.centre.addWidget(self.welcome)
        self.setCentralWidget(self.centre)
        self._build_table()
        self._build_details()
        self._build_status_bar()

        self.features: list[WindowFeature] = [feature(self) for feature in FEATURES]
        self.action_set = ActionSet(self, self._all_handlers())
        self.action_set.bind_scopes(self, self.timeline, self.table)
        self.menus = self.action_set.build_menus(self.menuBar())
        self._build_recent_menu()
        for feature in self.features:
            feature.actions_ready(self.action_set)
        self.welcome.set_actions(
            [self.action_set[name] for name in ("new_event", "import", "load_sample")]
        )
        self._wire_views()
        self.setTabOrder(self.timeline, self.table)
        self.setTabOrder(self.table, self.details.browser)

        if restore_state:  # the saved grouping and zoom first, so the events are read once
            self._restore_view_state()
        self._attach(store)
        self.resize(1280, 780)
        if restore_state:
            self._restore_state()
        self._sync_grouping_actions()

    # -- construction ----------------------------------------------------------------------

    def _build_table(self) -> None:
        self.model = EventTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("eventTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.START, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next pane
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fitting the columns measures the rows in view, not every row: a filter that keeps
        # 2,000 events would otherwise read and measure all of them.
        header.setResizeContentsPrecision(ROWS_MEASURED)
        header.setObjectName("eventTableHeader")
        self.table.setAccessibleName(self.tr("Event table"))
        self.table.setAccessibleDescription(
            self.tr("The events of the timeline, one per row; the same events as the timeline")
        )
        self.table_dock = QDockWidget(self.tr("Events"), self)
        self.table_dock.setObjectName("tableDock")
        self.table_dock.setWidget(self.table)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table_dock)

    def _build_details(self) -> None:
        self.details = DetailPane(self.store, self)
        self.detail_dock = QDockWidget(self.tr("Details"), self)
        self.detail_dock.setObjectName("detailDock")
        self.detail_dock.setWidget(self.details)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("eventCount")
        self.statusBar().addPermanentWidget(self.count_label)

    def _all_handlers(self) -> Handlers:
        handlers = self._handlers()
        for feature in self.features:
            for action_id, handler in feature.handlers().items():
                if action_id in handlers:
                    raise ValueError(f"two handlers for the action {action_id!r}")
                handlers[action_id] = handler
        return handlers

    def _handlers(self) -> Handlers:
        timeline = self.timeline
        handlers: Handlers = {
            "new_database": self.new_database,
            "open_database": self.open_database,
            "new_window": self.new_window,
            "close_window": self.close,
            "quit": self.quit_application,
            "zoom_in": timeline.zoom_in,
            "zoom_out": timeline.zoom_out,
            "fit_all": timeline.fit_all,
            "go_today": timeline.go_today,
            "go_to_date": self.go_to_date,
            "previous_event": timeline.move_previous,
            "next_event": timeline.move_next,
            "lane_up": timeline.move_lane_up,
            "lane_down": timeline.move_lane_down,
            "first_event": timeline.move_first,
            "last_event": timeline.move_last,
            "page_left": timeline.page_left,
            "page_right": timeline.page_right,
            "open_details": self.open_detail_window,
            "focus_timeline": self.focus_timeline,
            "toggle_table": lambda: self._toggle_dock(self.table_dock, "toggle_table"),
            "toggle_details": lambda: self._toggle_dock(self.detail_dock, "toggle_details"),
            "load_sample": self.load_sample,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        for action_id, grouping in GROUPING_ACTIONS.items():
            handlers[action_id] = partial(self.set_grouping, grouping)
        return handlers

    def _build_recent_menu(self) -> None:
        file_menu = self.menus["&File"]
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.setObjectName("menu_recent")
        file_menu.insertMenu(self.action_set["new_window"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [p for p in window_state.recent_files() if p.exists()]
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent databases"))
            empty.setEnabled(False)
            return
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.switch_database(p))

    def _wire_views(self) -> None:
        self.timeline.currentEventChanged.connect(self.selection.select)
        self.timeline.eventActivated.connect(self._activate_event)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_detail_window())
        self.details.eventLinkActivated.connect(self.select_event)
        self.details.openInWindowRequested.connect(self._open_detail_window_for)
        self.selection.changed.connect(self._selection_changed)
        self.table_dock.visibilityChanged.connect(self.action_set["toggle_table"].setChecked)
        self.detail_dock.visibilityChanged.connect(self.action_set["toggle_details"].setChecked)

    # -- the store ------------------------------------------------------------------------

    def _attach(self, store: Store) -> None:
        self.store = store
        self.manager.attach(self, store)
        self._unsubscribe = store.subscribe(self._on_store_changed)
        self.timeline.set_store(store, load=False)  # read by self.reload() below
        self.details.set_store(store)
        self._update_title()
        for feature in self.features:
            feature.store_attached(store)
        self.reload()

    def _detach(self) -> None:
        self._unsubscribe()
        for window in list(self.detail_windows):
            window.close()
        for feature in self.features:
            feature.store_detached(self.store)
        self.manager.release(self, self.store)

    def switch_database(self, path: Path) -> bool:
        """Show another database in this window; False if it was not opened (a dialog said why
        and offered what can be done: see ``gui/opening.py``)."""
        store = opening.open_store(self, path)
        if store is None:
            return False
        self._detach()
        self.selection.select(None)
        self._attach(store)
        window_state.add_recent_file(store.path or path)
        return True

    def _update_title(self) -> None:
        name = self.store.path.name if self.store.path else self.store.location
        if self.store.read_only:
            name = self.tr("{name} (read-only)").format(name=name)
        self.setWindowTitle(f"{window_title(name)}[*] — {APP_NAME}")

    def reload(self) -> None:
        """Re-read everything shown, for the current filter."""
        self.timeline.reload(self.filter)
        self._after_reload()

    def _after_reload(self) -> None:
        self._table_loaded = False
        self.timeline.after_first_frame(self._load_table)  # start-up stays light
        self._update_count()
        self._update_empty_state()

    def _load_table(self) -> None:
        if self._table_loaded or self._closed:
            return
        self.model.store = self.store
        self.model.reload(self.filter)
        self._table_loaded = True
        self._fit_columns()
        self._update_count()
        if self.selection.current is not None:
            self._select_in_table(self.selection.current)

    def _fit_columns(self) -> None:
        if self.model.rowCount() > 2000:
            return  # a long list keeps the widths it has (those the user set, or restored)
        self.table.resizeColumnsToContents()
        for column, cap in ((Column.TITLE, 420), (Column.ACTORS, 320), (Column.PLACES, 260)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))

    def _update_empty_state(self) -> None:
        empty = not self.store.has_events()
        self.centre.setCurrentWidget(self.welcome if empty else self.timeline)

    def load_sample(self) -> None:
        """Add the seed timeline to this database (one transaction; Undo does not remove it)."""
        if self.store.read_only:
            return
        try:
            load_seed(self.store)
        except StoreError as error:
            self._warn(self.tr("Cannot add the sample timeline"), str(error))

    def _update_count(self) -> None:
        scene = self.timeline.scene()
        if self._table_loaded:
            shown = self.model.rowCount()
        elif scene is not None and (scene.filter or EventFilter()) == self.filter:
            shown = len(scene)  # the timeline holds the same events
        else:
            shown = self.store.count_events(self.filter)
        if self.filter.is_empty:
            self.count_label.setText(self.tr("%n event(s)", "", shown))
        else:
            total = self.store.count_events()
            self.count_label.setText(
                self.tr("{shown} of {total} events shown (filtered)").format(
                    shown=shown, total=total
                )
            )

    def _on_store_changed(self, changes: ChangeSet) -> None:
        if not self.timeline.take_changes(changes):
            self.timeline.reload(self.filter)
        if self._table_loaded:
            self.model.apply_changes(changes)
        self._update_count()
        self._update_empty_state()
        current = self.selection.current
        if current is not None and current in changes.deleted_events:
            self.selection.select(None)

    def set_filter(self, flt: EventFilter) -> None:
        self.filter = flt
        self.timeline.show_filter(flt)  # the store has not changed: it may have the scene
        self._after_reload()

    # -- selection ------------------------------------------------------------------------

    def select_event(self, event_id: int) -> None:
        self.selection.select(event_id)

    def _selection_changed(self, event_id: int) -> None:
        current = None if event_id < 0 else event_id
        self._syncing = True
        try:
            if current is not None:
                if self.timeline.current_event() != current:
                    self.timeline.select_event(current)
                self._select_in_table(current)
            self.details.show_event(current)
        finally:
            self._syncing = False

    def _select_in_table(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            return
        index = self.model.index(row, Column.TITLE)
        if not index.isValid():
            return
        if self.table.currentIndex().row() == index.row():
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        event_id = current.data(EVENT_ID_ROLE)
        if isinstance(event_id, int):
            self.selection.select(event_id)

    def _activate_event(self, event_id: int) -> None:
        self.selection.select(event_id)
        self.open_detail_window()

    # -- commands -------------------------------------------------------------------------

    def set_grouping(self, grouping: LaneGrouping) -> None:
        self.timeline.set_grouping(grouping)
        self._sync_grouping_actions()

    def _sync_grouping_actions(self) -> None:
        current = self.timeline.grouping()
        for action_id, grouping in GROUPING_ACTIONS.items():
            self.action_set[action_id].setChecked(grouping == current)

    def go_to_date(self) -> None:
        dialog = GoToDateDialog(self)
        if dialog.exec() and dialog.value is not None:
            first, last = dialog.value.bounds()
            self.timeline.go_to_date(first + (last - first) / 2)
            self.timeline.setFocus()

    def go_to(self, day: date) -> None:
        self.timeline.go_to_date(day)

    def focus_timeline(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.text() and self.isAncestorOf(focus):
            focus.clear()  # Escape in a search field clears it first
            return
        self.timeline.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_detail_window(self) -> None:
        if self.selection.current is not None:
            self._open_detail_window_for(self.selection.current)

    def _open_detail_window_for(self, event_id: int) -> DetailWindow:
        for existing in self.detail_windows:
            if existing.event_id == event_id:
                existing.raise_()
                existing.activateWindow()
                return existing
        window = DetailWindow(self.store, event_id)
        window.eventLinkActivated.connect(self.select_event)
        window.destroyed.connect(lambda *_: self._forget_detail_window(window))
        self.detail_windows.append(window)
        self.detailWindowOpened.emit(window)
        window.show()
        return window

    def _forget_detail_window(self, window: DetailWindow) -> None:
        if window in self.detail_windows:
            self.detail_windows.remove(window)

    def _toggle_dock(self, dock: QDockWidget, action_id: str) -> None:
        dock.setVisible(self.action_set[action_id].isChecked())
        if dock.isVisible():
            dock.widget().setFocus()

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            self.tr(
                "{app} {version}\nA timeline of diplomatic visits: browse, edit, search and print."
            ).format(app=APP_NAME, version=__version__),
        )

    def new_window(self) -> MainWindow:
        window = self.manager.open_window(self.store, restore_state=False)
        window.set_grouping(self.timeline.grouping())
        return window

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New Database"),
            str(Path.home() / "timeline.sqlite3"),
            self.tr("Timeline databases (*.sqlite3 *.db);;All files (*)"),
        )
        if not path:
            return
        target = Path(path)
        if target.exists() and target.stat().st_size > 0:
            self._warn(
                self.tr("Cannot create the database"),
                self.tr("{path} already exists; choose a new name.").format(path=target),
            )
            return
        self.switch_database(target)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open Database"),
            str(self.store.path.parent if self.store.path else Path.home()),
            self.tr("Timeline databases (*.sqlite3 *.db);;All files (*)"),
        )
        if path:
            self.switch_database(Path(path))

    def quit_application(self) -> None:
        for window in list(self.manager.windows):
            window.close()

    def _warn(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, _printable(text), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        return box

    # -- state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        saved = window_state.load_window()
        if saved.get("geometry") is not None:
            self.restoreGeometry(saved["geometry"])
        if saved.get("state") is not None:
            self.restoreState(saved["state"])
        if saved.get("tableHeader") is not None:
            self.table.horizontalHeader().restoreState(saved["tableHeader"])

    def _restore_view_state(self) -> None:
        view: dict[str, Any] = window_state.load_window().get("view") or {}
        if view:
            self.timeline.restore_view_state(view)

    def save_state(self) -> None:
        window_state.save_window(
            self.saveGeometry(),
            self.saveState(),
            self.table.horizontalHeader().saveState(),
            self.timeline.view_state(),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.save_state()
            self._detach()
            self.manager.forget(self)
        super().closeEvent(event)
