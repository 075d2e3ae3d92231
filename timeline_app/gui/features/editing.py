"""Editing in the main window: the editors, undo and redo, and the change history.

The commands of the Edit menu (undo, redo, new, edit, duplicate, delete, people, places,
restore deleted) are carried out by one :class:`EditController` per window, which writes every
edit through to the store as one undo step. This feature only wires it in:

- the actions are enabled when they can apply (a selected event, a writable store, something
  to undo) and Undo/Redo are named after the step they take ("Undo Delete “…”");
- the window title is marked modified while the undo stack is not clean;
- the detail pane's Edit button opens the editor, and the pane shows the selected event's change
  history (detached detail windows too);
- after an edit, an undo or a redo the event it touched is selected in every view, and the
  keyboard focus goes back to where the user was before the dialog opened;
- opening another database gives the controller that store and drops the undo history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

from timeline_app.core.store import Store
from timeline_app.core.text import one_line
from timeline_app.gui.actions import SPECS
from timeline_app.gui.actions import tr as action_text
from timeline_app.gui.detail.window import DetailWindow
from timeline_app.gui.editing.controller import EditController
from timeline_app.gui.editing.history_view import HistoryView
from timeline_app.gui.features import Handlers, WindowFeature
from timeline_app.gui.models.event_table import EVENT_ID_ROLE

if TYPE_CHECKING:
    from timeline_app.gui.actions import ActionSet
    from timeline_app.gui.main_window import MainWindow

#: actions that change the database: disabled on a read-only store
WRITING = (
    "new_event",
    "edit_event",
    "duplicate_event",
    "delete_event",
    "edit_actors",
    "edit_places",
    "restore_deleted",
)
#: actions on the selected event
ON_SELECTION = ("edit_event", "duplicate_event", "delete_event")
STATUS_TIMEOUT_MS = 8000
TITLE_IN_MESSAGE = 60


class EditingFeature(WindowFeature):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.controller = EditController(window.store, parent_widget=window, parent=self)
        self.history = HistoryView(window.store, window.details)
        window.details.extra.addWidget(self.history)
        self.history.hide()
        #: the dialog this feature opened last, while it is open
        self.dialog: QDialog | None = None
        self._actions: ActionSet | None = None

    def handlers(self) -> Handlers:
        return {
            "undo": self.controller.undo,
            "redo": self.controller.redo,
            "new_event": self.new_event,
            "edit_event": self.edit_event,
            "duplicate_event": self.duplicate_event,
            "delete_event": self.delete_event,
            "edit_actors": lambda: self._open(self.controller.manage_actors),
            "edit_places": lambda: self._open(self.controller.manage_places),
            "restore_deleted": lambda: self._open(self.controller.show_deleted_events),
        }

    def actions_ready(self, actions: ActionSet) -> None:
        self._actions = actions
        window = self.window
        controller = self.controller
        for signal in (
            controller.canUndoChanged,
            controller.canRedoChanged,
            controller.undoTextChanged,
            controller.redoTextChanged,
        ):
            signal.connect(self._update_actions)
        controller.cleanChanged.connect(lambda clean: window.setWindowModified(not clean))
        controller.eventEdited.connect(self._show_event)
        controller.writeFailed.connect(
            lambda message: window.statusBar().showMessage(message, STATUS_TIMEOUT_MS)
        )
        window.selection.changed.connect(self._selection_changed)
        window.details.editRequested.connect(self.edit_event_by_id)
        window.detailWindowOpened.connect(self._detail_window_opened)

    def store_attached(self, store: Store) -> None:
        self.controller.set_store(store)
        self.history.set_store(store)
        self._show_history(self.window.selection.current)
        self.window.setWindowModified(False)
        self._update_actions()

    # -- the actions ------------------------------------------------------------------------

    def _update_actions(self, *_: object) -> None:
        actions = self._actions
        if actions is None:
            return
        writable = not self.window.store.read_only
        selected = self.window.selection.current is not None
        for action_id in WRITING:
            enabled = writable and (selected or action_id not in ON_SELECTION)
            actions[action_id].setEnabled(enabled)
        stack = self.controller.stack
        for action_id, can, text in (
            ("undo", stack.canUndo(), stack.undoText()),
            ("redo", stack.canRedo(), stack.redoText()),
        ):
            action = actions[action_id]
            label = action_text(SPECS[action_id].text)
            action.setText(f"{label} {text}" if can and text else label)
            action.setEnabled(writable and can)

    def _selection_changed(self, event_id: int) -> None:
        self._show_history(None if event_id < 0 else event_id)
        self._update_actions()

    def _show_history(self, event_id: int | None) -> None:
        self.history.show_event(event_id)
        self.history.setVisible(event_id is not None)  # the pane says there is no event

    # -- the commands -----------------------------------------------------------------------

    def new_event(self) -> None:
        if self.window.store.read_only:
            return
        self._open(self.controller.new_event)

    def edit_event(self) -> None:
        current = self.window.selection.current
        if current is not None:
            self.edit_event_by_id(current)

    def edit_event_by_id(self, event_id: int, parent: QWidget | None = None) -> None:
        if self.window.store.read_only:
            return
        self._open(lambda widget: self.controller.edit_event(event_id, widget), parent)

    def duplicate_event(self) -> None:
        current = self.window.selection.current
        if current is not None and not self.window.store.read_only:
            self._open(lambda widget: self.controller.duplicate_event(current, widget))

    def delete_event(self) -> None:
        """Delete the selected event (undoable, no question asked); its neighbour in the
        table becomes the selected event, so the keyboard user can go on."""
        window = self.window
        current = window.selection.current
        if current is None or window.store.read_only:
            return
        neighbour = self._neighbour(current)
        title = window.store.get_event(current).row.title
        if not self.controller.delete_event(current):
            return
        if window.selection.current is None and neighbour is not None:
            window.select_event(neighbour)
        window.statusBar().showMessage(
            self.tr("Deleted “%1”. Undo (%2) brings it back.")
            .replace("%1", one_line(title, TITLE_IN_MESSAGE))
            .replace("%2", self._first_key("undo")),
            STATUS_TIMEOUT_MS,
        )

    def _neighbour(self, event_id: int) -> int | None:
        """The event after ``event_id`` in the table (before it, if it is the last)."""
        ids = self.window.model.event_ids()
        if event_id not in ids:
            return None
        row = ids.index(event_id)
        if row + 1 < len(ids):
            return ids[row + 1]
        return ids[row - 1] if row > 0 else None

    def _first_key(self, action_id: str) -> str:
        if self._actions is None:
            return ""
        return self._actions[action_id].shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    # -- dialogs and focus ------------------------------------------------------------------

    def _open(
        self, opener: Callable[[QWidget | None], QDialog], parent: QWidget | None = None
    ) -> QDialog:
        """Open a dialog of the controller; when it closes, the event it saved is selected
        and the keyboard focus goes back to where it was."""
        focus = QApplication.focusWidget()
        dialog = opener(parent or self.window)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog, focus))
        return dialog

    def _dialog_closed(self, dialog: QDialog, focus: QWidget | None) -> None:
        from timeline_app.gui.editing.event_editor import EventEditor  # noqa: PLC0415 - loaded by then

        if isinstance(dialog, EventEditor) and dialog.saved_id is not None:
            self._show_event(dialog.saved_id)
        if self.dialog is dialog:
            self.dialog = None
        target = focus if focus is not None and isValid(focus) and focus.isVisible() else None
        if target is None:
            target = self.window.timeline
        target.window().activateWindow()
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_event(self, event_id: int) -> None:
        """Select the event an edit, an undo or a redo touched, in every view."""
        window = self.window
        if window.selection.current != event_id:
            window.select_event(event_id)
        elif not self._shown_everywhere(event_id):
            # the same event, but a view lost it (its row moved, it was deleted and is back):
            # the window shows the selection again in every view
            window.selection.changed.emit(event_id)
        table_id = window.table.currentIndex().data(EVENT_ID_ROLE)
        if window.timeline.current_event() != event_id and table_id != event_id:
            window.statusBar().showMessage(
                self.tr("Saved. The current filter hides this event."), STATUS_TIMEOUT_MS
            )

    def _shown_everywhere(self, event_id: int) -> bool:
        window = self.window
        return (
            window.timeline.current_event() == event_id
            and window.table.currentIndex().data(EVENT_ID_ROLE) == event_id
            and window.details.event_id == event_id
        )

    # -- detached detail windows ------------------------------------------------------------

    def _detail_window_opened(self, detail: DetailWindow) -> None:
        """A detached detail window gets the history of its event and an Edit button (F2)."""
        history = HistoryView(self.window.store, detail.pane)
        detail.pane.extra.addWidget(history)
        history.show_event(detail.event_id)
        detail.pane.editRequested.connect(lambda event_id: self.edit_event_by_id(event_id, detail))
        shortcut = QShortcut(QKeySequence("F2"), detail)
        shortcut.activated.connect(detail.pane.edit_button.click)
