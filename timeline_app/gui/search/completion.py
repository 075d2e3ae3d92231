"""Completion that ignores case and accents, for fields that take several values ("a; b")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from timeline_app.core.search.text import fold

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
INSERT_ROLE = Qt.ItemDataRole.UserRole + 2
SEPARATOR = ";"
_ROOT = QModelIndex()


def split_values(text: str) -> tuple[str, ...]:
    """The values of a field that takes several, separated by semicolons."""
    return tuple(value.strip() for value in text.split(SEPARATOR) if value.strip())


def join_values(values: Iterable[str]) -> str:
    return f"{SEPARATOR} ".join(values)


class EntryModel(QAbstractListModel):
    """Completion entries: what is shown, its folded form (matched), what is inserted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str, str]] = []

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._entries = [(shown, fold(shown), inserted) for shown, inserted in entries]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        shown, folded, inserted = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return shown
        if role == MATCH_ROLE:
            return folded
        if role == INSERT_ROLE:
            return inserted
        return None


class FoldingCompleter(QCompleter):
    """Offers the entries whose text contains what is typed after the last ";", in any case and
    without regard to accents ("loukach" offers "Alexandre Loukachenko"); choosing one inserts
    its value (an alias's entry inserts the actor's own name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = EntryModel(self)
        self.setModel(self._model)
        self.setCompletionRole(MATCH_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)  # both sides are folded
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._later: Callable[[], Sequence[tuple[str, str]]] | None = None

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        """``(shown, inserted)`` pairs: what the list shows, and what choosing it inserts."""
        self._later = None
        self._model.set_entries(entries)

    def set_entries_later(self, source: Callable[[], Sequence[tuple[str, str]]]) -> None:
        """Like :meth:`set_entries`, with the pairs made by ``source`` when completion is first
        asked for: costly entries of a field that may never be used are not made while the
        window starts."""
        self._later = source

    def _made(self) -> None:
        if self._later is not None:
            source, self._later = self._later, None
            self._model.set_entries(source())

    def entry_count(self) -> int:
        self._made()
        return self._model.rowCount()

    def splitPath(self, path: str) -> list[str]:
        self._made()  # before the completer filters the entries with what it returns
        return [fold(path.rsplit(SEPARATOR, 1)[-1].strip())]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        value = str(index.data(INSERT_ROLE) or "")
        field = self.widget()
        if isinstance(field, QLineEdit) and SEPARATOR in field.text():
            before = field.text().rsplit(SEPARATOR, 1)[0]
            return f"{before}{SEPARATOR} {value}"
        return value
