"""The editing controller: one undo stack, the editors, and every edit written through.

The window binds its actions to this API (F2/Enter ``edit_event``, Ctrl+N ``new_event``, Ctrl+D
``duplicate_event``, Delete ``delete_event``, Ctrl+Z ``undo``, Ctrl+Shift+Z/Ctrl+Y ``redo``) and
follows its signals: ``eventEdited(id)`` to select and focus the event an edit, an undo or a
redo touched, ``eventRemoved(id)`` when one disappeared, ``cleanChanged(clean)`` for the window's
modified mark (``setWindowModified(not clean)``), ``writeFailed(message)`` for the status bar.

Dialogs are built, opened window-modal with ``open()`` and returned, so tests (and the window)
can drive them; each writes through the controller when the user saves and stays open, with the
user's input, when the save is refused or fails.

Undo and redo write to the database first and move the stack only when that succeeded, so the
stack and the database never disagree; a failure is reported (``writeFailed`` and a message
box) and changes nothing. Moving the stack directly (``stack.undo()``, a ``QUndoView``) works
too: the controller writes the steps in between, and puts the stack back if one fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import ActorData, PlaceData
from timeline_app.core.store import Store
from timeline_app.gui.editing import commands
from timeline_app.gui.editing.commands import StoreCommand
from timeline_app.gui.editing.drafts import EventDraft
from timeline_app.gui.editing.failures import WRITE_ERRORS, describe
from timeline_app.gui.text import window_title

if TYPE_CHECKING:  # the editors are imported when first opened: not while the window starts
    from timeline_app.gui.editing.actor_editor import ActorEditor
    from timeline_app.gui.editing.event_editor import EventEditor
    from timeline_app.gui.editing.managers import ActorsDialog, PlacesDialog
    from timeline_app.gui.editing.merge_dialog import MergeActorsDialog
    from timeline_app.gui.editing.place_editor import PlaceEditor
    from timeline_app.gui.editing.restore_dialog import RestoreDeletedDialog

TITLE_IN_TEXT = 48


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= TITLE_IN_TEXT else title[: TITLE_IN_TEXT - 1] + "…"


def next_leg_start(start: UncertainDate, end: UncertainDate | None) -> UncertainDate:
    """Where the next leg of a trip probably starts: the day after an exact last day,
    otherwise the same (uncertain) date as the original's end."""
    last = end or start
    if last.is_exact_day:
        return UncertainDate.from_date(last.latest + timedelta(days=1))
    return last


def shortcuts(*, undo: bool) -> list[QKeySequence]:
    """Ctrl+Z for undo; Ctrl+Shift+Z and Ctrl+Y for redo, as the issue asks, whatever the
    platform's own redo key is (some have only one of them), plus the platform's keys."""
    wanted = ["Ctrl+Z"] if undo else ["Ctrl+Shift+Z", "Ctrl+Y"]
    standard = QKeySequence.StandardKey.Undo if undo else QKeySequence.StandardKey.Redo
    keys = [QKeySequence(text) for text in wanted]
    keys += [key for key in QKeySequence.keyBindings(standard) if key not in keys]
    return keys


class EditController(QObject):
    """Owns the undo stack of one store and opens the editors."""

    eventEdited = Signal(int)
    eventRemoved = Signal(int)
    cleanChanged = Signal(bool)
    canUndoChanged = Signal(bool)
    canRedoChanged = Signal(bool)
    undoTextChanged = Signal(str)
    redoTextChanged = Signal(str)
    writeFailed = Signal(str)

    def __init__(
        self,
        store: Store,
        parent_widget: QWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.parent_widget = parent_widget
        self.language = "en"
        self.show_messages = True
        self.last_message: QMessageBox | None = None
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(0)  # unlimited: back to the start of the session
        self.stack.cleanChanged.connect(self.cleanChanged)
        self.stack.canUndoChanged.connect(self.canUndoChanged)
        self.stack.canRedoChanged.connect(self.canRedoChanged)
        self.stack.undoTextChanged.connect(self.undoTextChanged)
        self.stack.redoTextChanged.connect(self.redoTextChanged)
        self._db_index = 0  # how many steps of the stack the database holds
        self._moving = False
        self.stack.indexChanged.connect(self._stack_moved)

    def set_store(self, store: Store) -> None:
        """Edit another database; the undo history of the previous one is dropped."""
        with self._moving_stack():
            self.stack.clear()
        self._db_index = 0
        self.store = store

    def is_clean(self) -> bool:
        return self.stack.isClean()

    # -- undo and redo ----------------------------------------------------------------------------

    def _command(self, index: int) -> StoreCommand:
        command = self.stack.command(index)
        assert isinstance(command, StoreCommand)
        return command

    @contextmanager
    def _moving_stack(self) -> Iterator[None]:
        """Move the stack's position after the database was written (no writing on its
        ``indexChanged``)."""
        self._moving = True
        try:
            yield
        finally:
            self._moving = False

    def _write_step(self, forward: bool) -> StoreCommand:
        """Write the next step from where the database is; raises, writing nothing, on failure."""
        command = self._command(self._db_index if forward else self._db_index - 1)
        command.run(forward)
        self._db_index += 1 if forward else -1
        return command

    def _failure_text(self, command: StoreCommand, forward: bool) -> str:
        what = self.tr("Could not redo “%1”") if forward else self.tr("Could not undo “%1”")
        return what.replace("%1", command.text())

    def undo(self) -> bool:
        """Undo the last step; False (and reported) when there is none or it cannot be written."""
        return self._step(forward=False)

    def redo(self) -> bool:
        return self._step(forward=True)

    def _step(self, *, forward: bool) -> bool:
        if not (self.stack.canRedo() if forward else self.stack.canUndo()):
            return False
        try:
            command = self._write_step(forward)
        except WRITE_ERRORS as error:
            failed = self._command(self._db_index if forward else self._db_index - 1)
            self._report(self._failure_text(failed, forward), error)
            return False
        with self._moving_stack():
            self.stack.setIndex(self._db_index)
        self._announce(command, forward=forward)
        return True

    def _stack_moved(self, index: int) -> None:
        """The stack was moved directly (a QUndoView, the stack's own actions): write the steps
        in between one by one; at the first that fails, put the stack back where the database
        is, and report it."""
        if self._moving:
            return
        while self._db_index != index:
            forward = index > self._db_index
            try:
                command = self._write_step(forward)
            except WRITE_ERRORS as error:
                failed = self._command(self._db_index if forward else self._db_index - 1)
                with self._moving_stack():
                    self.stack.setIndex(self._db_index)
                self._report(self._failure_text(failed, forward), error)
                return
            self._announce(command, forward=forward)

    def create_undo_action(self, parent: QObject) -> QAction:
        """An Undo action that follows the stack (text, enabled) and undoes through here."""
        return self._stack_action(parent, undo=True)

    def create_redo_action(self, parent: QObject) -> QAction:
        return self._stack_action(parent, undo=False)

    def _stack_action(self, parent: QObject, *, undo: bool) -> QAction:
        action = QAction(parent)
        action.setObjectName("undoAction" if undo else "redoAction")
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setShortcuts(shortcuts(undo=undo))

        def update(_: object = None) -> None:
            text = self.stack.undoText() if undo else self.stack.redoText()
            label = self.tr("&Undo") if undo else self.tr("&Redo")
            action.setText(f"{label} {text}" if text else label)
            action.setEnabled(self.stack.canUndo() if undo else self.stack.canRedo())

        (self.undoTextChanged if undo else self.redoTextChanged).connect(update)
        (self.canUndoChanged if undo else self.canRedoChanged).connect(update)
        action.triggered.connect(self.undo if undo else self.redo)
        update()
        return action

    # -- edits: one undoable step each (dialogs call these; so can tests and scripts) -------------

    def push(self, command: StoreCommand) -> None:
        """Write ``command`` and put it on the stack; raises (and pushes nothing) if it fails."""
        command.run(True)
        with self._moving_stack():
            self.stack.push(command)
        self._db_index = self.stack.index()
        self._announce(command, forward=True)

    def save_event(
        self,
        draft: EventDraft,
        event_id: int | None = None,
        *,
        expected_version: int | None = None,
    ) -> int:
        """Create (``event_id`` None) or update an event; raises ValidationError naming the
        fields, ConflictError when it changed since ``expected_version``, or a database error."""
        title = _short(draft.title)
        text = (self.tr("New event “%1”") if event_id is None else self.tr("Edit “%1”")).replace(
            "%1", title
        )
        command = commands.EditEventCommand(
            self.store, draft, event_id=event_id, expected_version=expected_version, text=text
        )
        self.push(command)
        assert command.event_id is not None
        return command.event_id

    def delete_event(self, event_id: int) -> bool:
        """Delete an event and its links, undoably (no confirmation); reported on failure."""
        try:
            title = self.store.get_event(event_id).row.title
            text = self.tr("Delete “%1”").replace("%1", _short(title))
            self.push(commands.DeleteEventCommand(self.store, event_id, text))
        except WRITE_ERRORS as error:
            self._report(self.tr("Could not delete the event"), error)
            return False
        return True

    def restore_event(self, change_id: int) -> int | None:
        """Bring back a deleted event from its history entry, undoably; its id, or None."""
        try:
            deleted = {record.id: record for record in self.store.deleted_events()}
            record = deleted.get(change_id)
            title = str((record.before or {}).get("title", "")) if record else ""
            text = self.tr("Restore “%1”").replace("%1", _short(title))
            command = commands.RestoreEventCommand(self.store, change_id, text)
            self.push(command)
        except WRITE_ERRORS as error:
            self._report(self.tr("Could not restore the event"), error)
            return None
        return command.event_id

    def save_actor(self, actor_id: int, before: ActorData, after: ActorData) -> bool:
        """Change an actor; raises like :meth:`save_event`. False when nothing changed."""
        if commands.actor_data(after) == before:
            return False
        text = self.tr("Edit %1").replace("%1", _short(after.name))
        self.push(commands.UpdateActorCommand(self.store, actor_id, before, after, text))
        return True

    def save_place(self, place_id: int, before: PlaceData, after: PlaceData) -> bool:
        if commands.place_data(after) == before:
            return False
        text = self.tr("Edit place %1").replace("%1", _short(commands.place_label(after)))
        self.push(commands.UpdatePlaceCommand(self.store, place_id, before, after, text))
        return True

    def merge_actors(self, keep_id: int, merge_id: int) -> bool:
        """Fold ``merge_id`` into ``keep_id`` (all links kept), undoably; reported on failure."""
        try:
            keep = self.store.get_actor(keep_id)
            gone = self.store.get_actor(merge_id)
            text = self.tr("Merge %1 into %2").replace("%1", gone.name).replace("%2", keep.name)
            self.push(commands.MergeActorsCommand(self.store, keep_id, merge_id, text))
        except WRITE_ERRORS as error:
            self._report(self.tr("Could not merge"), error)
            return False
        return True

    # -- the editors --------------------------------------------------------------------------

    def _parent(self, parent: QWidget | None) -> QWidget | None:
        return parent if parent is not None else self.parent_widget

    def _open_event_editor(
        self,
        draft: EventDraft | None,
        event_id: int | None,
        version: int | None,
        title: str,
        parent: QWidget | None,
    ) -> EventEditor:
        from timeline_app.gui.editing.event_editor import EventEditor  # noqa: PLC0415

        editor = EventEditor(self.store, draft, event_id, parent=self._parent(parent))
        editor.setWindowTitle(window_title(title))

        def submit(value: EventDraft, overwrite: bool) -> int:
            if event_id is not None and value == draft:
                return event_id  # nothing changed: nothing to write, no undo step
            expected = None if overwrite else version
            return self.save_event(value, event_id, expected_version=expected)

        editor.submit = submit
        editor.open()
        return editor

    def new_event(self, parent: QWidget | None = None) -> EventEditor:
        """Open the editor on a new event; saving creates it (one undo step)."""
        return self._open_event_editor(None, None, None, self.tr("New Event"), parent)

    def edit_event(self, event_id: int, parent: QWidget | None = None) -> EventEditor:
        detail = self.store.get_event(event_id)
        title = self.tr("Edit Event — %1").replace("%1", _short(detail.row.title))
        return self._open_event_editor(
            EventDraft.from_detail(detail), event_id, detail.version, title, parent
        )

    def duplicate_event(self, event_id: int, parent: QWidget | None = None) -> EventEditor:
        """The editor on a copy for the next leg of a trip: everything prefilled, the same
        trip, the start proposed after the original's end; saving creates it."""
        detail = self.store.get_event(event_id)
        original = EventDraft.from_detail(detail)
        draft = replace(
            original,
            start=next_leg_start(original.start, original.end),
            end=None,
            relations=(),
        )
        editor = self._open_event_editor(draft, None, None, self.tr("Next Leg"), parent)
        editor.title.selectAll()
        return editor

    def edit_actor(self, actor_id: int, parent: QWidget | None = None) -> ActorEditor:
        info = self.store.get_actor(actor_id)
        before = commands.actor_data(info)
        from timeline_app.gui.editing.actor_editor import ActorEditor  # noqa: PLC0415

        editor = ActorEditor(before, parent=self._parent(parent))
        editor.submit = lambda after: self.save_actor(actor_id, before, after)
        editor.open()
        return editor

    def edit_place(self, place_id: int, parent: QWidget | None = None) -> PlaceEditor:
        before = commands.place_data(self.store.get_place(place_id))
        from timeline_app.gui.editing.place_editor import PlaceEditor  # noqa: PLC0415

        editor = PlaceEditor(before, parent=self._parent(parent))
        editor.submit = lambda after: self.save_place(place_id, before, after)
        editor.open()
        return editor

    def choose_merge(
        self, actor_id: int | None = None, parent: QWidget | None = None
    ) -> MergeActorsDialog:
        """The dialog that merges two actors who are the same person (``actor_id`` preset)."""
        from timeline_app.gui.editing.merge_dialog import MergeActorsDialog  # noqa: PLC0415

        dialog = MergeActorsDialog(self.store.actors(), actor_id, parent=self._parent(parent))
        dialog.submit = self._merge_or_raise
        dialog.open()
        return dialog

    def _merge_or_raise(self, keep_id: int, merge_id: int) -> None:
        keep = self.store.get_actor(keep_id)
        gone = self.store.get_actor(merge_id)
        text = self.tr("Merge %1 into %2").replace("%1", gone.name).replace("%2", keep.name)
        self.push(commands.MergeActorsCommand(self.store, keep_id, merge_id, text))

    def manage_actors(self, parent: QWidget | None = None) -> ActorsDialog:
        """People and organisations: the list, to edit one or merge two."""
        from timeline_app.gui.editing.managers import ActorsDialog  # noqa: PLC0415

        dialog = ActorsDialog(self, parent=self._parent(parent))
        dialog.open()
        return dialog

    def manage_places(self, parent: QWidget | None = None) -> PlacesDialog:
        from timeline_app.gui.editing.managers import PlacesDialog  # noqa: PLC0415

        dialog = PlacesDialog(self, parent=self._parent(parent))
        dialog.open()
        return dialog

    def show_deleted_events(self, parent: QWidget | None = None) -> RestoreDeletedDialog:
        """The deleted events (kept in the history, also across restarts), to restore one."""
        from timeline_app.gui.editing.restore_dialog import RestoreDeletedDialog  # noqa: PLC0415

        dialog = RestoreDeletedDialog(self, parent=self._parent(parent))
        dialog.open()
        return dialog

    # -- reporting ------------------------------------------------------------------------------

    def _announce(self, command: StoreCommand, *, forward: bool) -> None:
        shown = command.event_after(forward)
        if shown is not None:
            self.eventEdited.emit(shown)
            return
        gone = getattr(command, "event_id", None)
        if isinstance(gone, int):
            self.eventRemoved.emit(gone)

    def _report(self, what: str, error: BaseException) -> None:
        message = self.tr("%1: %2. Nothing was changed.").replace("%1", what)
        message = message.replace("%2", describe(error))
        self.writeFailed.emit(message)
        if not self.show_messages:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Not saved"), message, parent=self.parent_widget
        )
        box.setObjectName("writeFailedMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it names titles, which may hold markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
