"""Every command of the window, declared once, as data.

The menus, the keyboard shortcuts and the shortcut reference (F1) are all generated from
:data:`ACTIONS`. A window supplies a handler per action id; an action without a handler is shown
disabled. Shortcuts use ``QKeySequence.StandardKey`` where the platform has a standard one.

``scope`` says where a shortcut works: ``window`` anywhere in the window; ``timeline`` only while
the timeline has the focus (arrow keys, +/-, T... must keep their usual meaning in text fields
and in the table); ``views`` while the timeline or the table has the focus. ``table_keys`` are
more keys for an action that work only in the event table: there Enter edits the event, as in a
spreadsheet, while in the timeline it opens the event's detail window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Key = QKeySequence.StandardKey | str


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for translation in ``context``; it is translated when actions are built."""
    return text


Scope = Literal["window", "timeline", "views"]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    menu: str  # menu path, "File" or "View/Group Lanes By"
    text: str  # menu text, with & for the mnemonic
    keys: tuple[Key, ...] = ()
    scope: Scope = "window"
    tip: str = ""
    checkable: bool = False
    group: str = ""  # exclusive group name for radio actions
    separator_before: bool = False
    table_keys: tuple[Key, ...] = ()  # more keys, only while the event table has the focus


MENUS = (
    QT_TRANSLATE_NOOP("Menus", "&File"),
    QT_TRANSLATE_NOOP("Menus", "&Edit"),
    QT_TRANSLATE_NOOP("Menus", "&View"),
    QT_TRANSLATE_NOOP("Menus", "F&ilter"),
    QT_TRANSLATE_NOOP("Menus", "&Help"),
)
SUBMENUS = (QT_TRANSLATE_NOOP("Menus", "&Move"), QT_TRANSLATE_NOOP("Menus", "Group &Lanes By"))

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "new_database",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&New Database…"),
        tip=QT_TRANSLATE_NOOP("Actions", "Create an empty timeline file"),
    ),
    ActionSpec(
        "open_database",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&Open Database…"),
        (QKeySequence.StandardKey.Open,),
    ),
    ActionSpec(
        "new_window",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "New &Window"),
        ("Ctrl+Shift+N",),
        tip=QT_TRANSLATE_NOOP("Actions", "Another window on the same database"),
    ),
    ActionSpec(
        "import",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&Import…"),
        ("Ctrl+I",),
        separator_before=True,
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Import events from JSON, CSV, iCalendar or Office of the Historian files"
        ),
    ),
    ActionSpec(
        "export",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        ("Ctrl+E",),
        tip=QT_TRANSLATE_NOOP("Actions", "Export the filtered events as JSON, CSV or iCalendar"),
    ),
    ActionSpec(
        "load_sample",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "Add the &Sample Timeline"),
        tip=QT_TRANSLATE_NOOP(
            "Actions", "Add the events of the 28 February 2023 story the app ships with"
        ),
    ),
    ActionSpec(
        "page_setup", "&File", QT_TRANSLATE_NOOP("Actions", "Page Set&up…"), separator_before=True
    ),
    ActionSpec(
        "print_preview", "&File", QT_TRANSLATE_NOOP("Actions", "Print Pre&view…"), ("Ctrl+Shift+P",)
    ),
    ActionSpec(
        "print", "&File", QT_TRANSLATE_NOOP("Actions", "&Print…"), (QKeySequence.StandardKey.Print,)
    ),
    ActionSpec(
        "export_pdf", "&File", QT_TRANSLATE_NOOP("Actions", "Export P&DF…"), ("Ctrl+Shift+E",)
    ),
    ActionSpec(
        "restore_backup",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&Restore from Backup…"),
        separator_before=True,
    ),
    ActionSpec(
        "close_window",
        "&File",
        QT_TRANSLATE_NOOP("Actions", "&Close Window"),
        (QKeySequence.StandardKey.Close,),
        separator_before=True,
    ),
    ActionSpec(
        "quit", "&File", QT_TRANSLATE_NOOP("Actions", "&Quit"), (QKeySequence.StandardKey.Quit,)
    ),
    # Edit
    ActionSpec(
        "undo", "&Edit", QT_TRANSLATE_NOOP("Actions", "&Undo"), (QKeySequence.StandardKey.Undo,)
    ),
    ActionSpec(
        "redo",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        # both, whatever the platform's own redo key is (some have only one of them)
        (QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"),
    ),
    ActionSpec(
        "new_event",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "&New Event…"),
        (QKeySequence.StandardKey.New,),
        separator_before=True,
    ),
    ActionSpec(
        "edit_event",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "&Edit Event…"),
        ("F2",),
        scope="views",
        table_keys=("Return", "Enter"),
    ),
    ActionSpec(
        "duplicate_event",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "D&uplicate as Next Leg…"),
        ("Ctrl+D",),
        scope="views",
        tip=QT_TRANSLATE_NOOP("Actions", "A new event in the same trip, starting after this one"),
    ),
    ActionSpec(
        "delete_event",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "&Delete Event"),
        (QKeySequence.StandardKey.Delete,),
        scope="views",
        tip=QT_TRANSLATE_NOOP("Actions", "Delete the selected event (Undo brings it back)"),
    ),
    ActionSpec(
        "edit_actors",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "People and &Organisations…"),
        separator_before=True,
    ),
    ActionSpec("edit_places", "&Edit", QT_TRANSLATE_NOOP("Actions", "&Places…")),
    ActionSpec(
        "restore_deleted", "&Edit", QT_TRANSLATE_NOOP("Actions", "Restore De&leted Events…")
    ),
    ActionSpec(
        "find",
        "&Edit",
        QT_TRANSLATE_NOOP("Actions", "&Find…"),
        (QKeySequence.StandardKey.Find,),
        separator_before=True,
    ),
    # View
    ActionSpec(
        "zoom_in",
        "&View",
        QT_TRANSLATE_NOOP("Actions", "Zoom &In"),
        ("+", "=", QKeySequence.StandardKey.ZoomIn),
        scope="timeline",
    ),
    ActionSpec(
        "zoom_out",
        "&View",
        QT_TRANSLATE_NOOP("Actions", "Zoom &Out"),
        ("-", QKeySequence.StandardKey.ZoomOut),
        scope="timeline",
    ),
    ActionSpec(
        "fit_all", "&View", QT_TRANSLATE_NOOP("Actions", "&Fit All"), ("0",), scope="timeline"
    ),
    ActionSpec(
        "go_today", "&View", QT_TRANSLATE_NOOP("Actions", "&Today"), ("T",), scope="timeline"
    ),
    ActionSpec("go_to_date", "&View", QT_TRANSLATE_NOOP("Actions", "&Go to Date…"), ("Ctrl+G",)),
    ActionSpec(
        "previous_event",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "&Previous Event"),
        ("Left",),
        scope="timeline",
    ),
    ActionSpec(
        "next_event",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "&Next Event"),
        ("Right",),
        scope="timeline",
    ),
    ActionSpec(
        "lane_up",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "Lane &Above"),
        ("Up",),
        scope="timeline",
    ),
    ActionSpec(
        "lane_down",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "Lane &Below"),
        ("Down",),
        scope="timeline",
    ),
    ActionSpec(
        "first_event",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "&First Event"),
        ("Home",),
        scope="timeline",
    ),
    ActionSpec(
        "last_event",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "&Last Event"),
        ("End",),
        scope="timeline",
    ),
    ActionSpec(
        "page_left",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "Pan &Left One Screen"),
        ("PgUp",),
        scope="timeline",
    ),
    ActionSpec(
        "page_right",
        "&View/&Move",
        QT_TRANSLATE_NOOP("Actions", "Pan &Right One Screen"),
        ("PgDown",),
        scope="timeline",
    ),
    ActionSpec(
        "group_actor",
        "&View/Group &Lanes By",
        QT_TRANSLATE_NOOP("Actions", "Visiting &Actor"),
        checkable=True,
        group="grouping",
    ),
    ActionSpec(
        "group_country",
        "&View/Group &Lanes By",
        QT_TRANSLATE_NOOP("Actions", "Destination &Country"),
        checkable=True,
        group="grouping",
    ),
    ActionSpec(
        "group_trip",
        "&View/Group &Lanes By",
        QT_TRANSLATE_NOOP("Actions", "&Trip"),
        checkable=True,
        group="grouping",
    ),
    ActionSpec(
        "group_kind",
        "&View/Group &Lanes By",
        QT_TRANSLATE_NOOP("Actions", "&Kind"),
        checkable=True,
        group="grouping",
    ),
    ActionSpec(
        "group_none",
        "&View/Group &Lanes By",
        QT_TRANSLATE_NOOP("Actions", "&Single Lane"),
        checkable=True,
        group="grouping",
    ),
    ActionSpec(
        "open_details",
        "&View",
        QT_TRANSLATE_NOOP("Actions", "Open Details in New &Window"),
        ("Return", "Enter"),
        scope="timeline",
        separator_before=True,
    ),
    ActionSpec(
        "focus_timeline", "&View", QT_TRANSLATE_NOOP("Actions", "Focus the Time&line"), ("Escape",)
    ),
    ActionSpec(
        "toggle_table",
        "&View",
        QT_TRANSLATE_NOOP("Actions", "Event &Table"),
        checkable=True,
        separator_before=True,
    ),
    ActionSpec("toggle_details", "&View", QT_TRANSLATE_NOOP("Actions", "&Details"), checkable=True),
    # Filter
    ActionSpec(
        "edit_filter", "F&ilter", QT_TRANSLATE_NOOP("Actions", "&Filter…"), ("Ctrl+Shift+F",)
    ),
    ActionSpec("clear_filter", "F&ilter", QT_TRANSLATE_NOOP("Actions", "&Clear Filters")),
    ActionSpec(
        "save_view", "F&ilter", QT_TRANSLATE_NOOP("Actions", "&Save View…"), separator_before=True
    ),
    # Help
    ActionSpec(
        "shortcuts",
        "&Help",
        QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"),
        (QKeySequence.StandardKey.HelpContents,),
    ),
    ActionSpec("about", "&Help", QT_TRANSLATE_NOOP("Actions", "&About Diplomatic Timeline")),
)

SPECS = {spec.id: spec for spec in ACTIONS}


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def key_sequences(spec: ActionSpec, keys: tuple[Key, ...] | None = None) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    for key in spec.keys if keys is None else keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique


def plain_text(text: str) -> str:
    """Menu text without its mnemonic ampersand or ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class ActionSet(QObject):
    """The QActions of one window, built from the table."""

    def __init__(self, parent: QWidget, handlers: Mapping[str, Callable[[], object]]) -> None:
        super().__init__(parent)
        self.actions: dict[str, QAction] = {}
        self.groups: dict[str, QActionGroup] = {}
        for spec in ACTIONS:
            action = QAction(tr(spec.text), parent)
            action.setObjectName(f"action_{spec.id}")
            sequences = key_sequences(spec)
            if sequences:
                action.setShortcuts(sequences)
            if spec.tip:
                action.setStatusTip(tr(spec.tip))
                action.setToolTip(tr(spec.tip))
            action.setCheckable(spec.checkable)
            if spec.group:
                group = self.groups.get(spec.group)
                if group is None:
                    group = self.groups[spec.group] = QActionGroup(parent)
                    group.setExclusive(True)
                group.addAction(action)
            handler = handlers.get(spec.id)
            if handler is None:
                action.setEnabled(False)
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
            self.actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def bind_scopes(self, window: QWidget, timeline: QWidget, table: QWidget) -> None:
        """Give each action its shortcut scope by adding it to the widgets it works in."""
        for spec in ACTIONS:
            action = self.actions[spec.id]
            if spec.scope == "window":
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                window.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                timeline.addAction(action)
                if spec.scope == "views":
                    table.addAction(action)
            for sequence in key_sequences(spec, spec.table_keys):
                shortcut = QShortcut(sequence, table, context=Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(action.trigger)  # a disabled action does nothing

    def build_menus(self, menubar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for top in MENUS:
            menus[top] = menubar.addMenu(QCoreApplication.translate("Menus", top))
            menus[top].setObjectName(f"menu_{plain_text(top).lower()}")
        for spec in ACTIONS:
            path = spec.menu.split("/")
            menu = menus[path[0]]
            for depth in range(1, len(path)):
                key = "/".join(path[: depth + 1])
                if key not in menus:
                    menus[key] = menu.addMenu(QCoreApplication.translate("Menus", path[depth]))
                menu = menus[key]
            if spec.separator_before and menu.actions():
                menu.addSeparator()
            menu.addAction(self.actions[spec.id])
        return menus


def reference_rows() -> list[tuple[str, str, str, str]]:
    """(menu, command, keys, where) for every action that has a shortcut: the F1 reference."""
    where = {
        "window": QCoreApplication.translate("Actions", "anywhere"),
        "timeline": QCoreApplication.translate("Actions", "in the timeline"),
        "views": QCoreApplication.translate("Actions", "in the timeline or the table"),
        "table": QCoreApplication.translate("Actions", "in the table"),
    }
    rows = []
    for spec in ACTIONS:
        menu = " › ".join(
            plain_text(QCoreApplication.translate("Menus", part)) for part in spec.menu.split("/")
        )
        for sequences, scope in (
            (key_sequences(spec), spec.scope),
            (key_sequences(spec, spec.table_keys), "table"),
        ):
            if sequences:
                keys = ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences
                )
                rows.append((menu, plain_text(tr(spec.text)), keys, where[scope]))
    return rows
