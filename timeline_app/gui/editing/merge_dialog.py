"""Merging two actors who are the same person: one is kept, the other folded into it with all
its events, roles and names (``Store.merge_actors``); undo separates them again."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.records import ActorData, ActorInfo
from timeline_app.gui.editing.completers import FoldingCompleter, actor_choices
from timeline_app.gui.editing.failures import WRITE_ERRORS, describe
from timeline_app.gui.editing.feedback import EDITOR_STYLE, FeedbackLabel
from timeline_app.gui.editing.participants import resolve_name


class MergeActorsDialog(QDialog):
    def __init__(
        self,
        actors: Sequence[ActorInfo],
        merge_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeActorsDialog")
        self.setWindowTitle(self.tr("Merge Two People or Organisations"))
        self.setStyleSheet(EDITOR_STYLE)
        self.names = {actor.id: actor.name for actor in actors}
        self.submit: Callable[[int, int], None] | None = None
        choices = actor_choices(actors)
        intro = QLabel(
            self.tr(
                "When two entries are the same person or organisation, merge them: the entry "
                "merged away disappears; its events, roles and names go to the entry kept, and "
                "its name becomes another name of the kept one. Undo separates them again."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.merged = QLineEdit(self)
        self.merged.setObjectName("mergeAway")
        self.merged.setAccessibleName(self.tr("Entry to merge away"))
        self.merged.setCompleter(FoldingCompleter(choices, self))
        self.kept = QLineEdit(self)
        self.kept.setObjectName("mergeKeep")
        self.kept.setAccessibleName(self.tr("Entry to keep"))
        self.kept.setCompleter(FoldingCompleter(choices, self))
        self.swap = QPushButton(self.tr("S&wap"), self)
        self.swap.setObjectName("mergeSwap")
        self.swap.setAutoDefault(False)
        self.swap.clicked.connect(self._swap)
        self.reading = FeedbackLabel(self)
        self.reading.setObjectName("mergeReading")
        form = QFormLayout()
        form.addRow(self.tr("&Merge away:"), self.merged)
        form.addRow(self.tr("&Into (kept):"), self.kept)
        swap_row = QHBoxLayout()
        swap_row.addWidget(self.swap)
        swap_row.addStretch(1)
        form.addRow("", swap_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.reading)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if merge_id is not None:
            self.merged.setText(self.names.get(merge_id, ""))
        self.merged.textChanged.connect(self._describe)
        self.kept.textChanged.connect(self._describe)
        self._describe()
        self.resize(560, 300)
        (self.kept if merge_id is not None else self.merged).setFocus()

    def _swap(self) -> None:
        kept, merged = self.kept.text(), self.merged.text()
        self.kept.setText(merged)
        self.merged.setText(kept)

    def _resolve(self, edit: QLineEdit) -> int | str:
        text = edit.text().strip()
        completer = edit.completer()
        if not text:
            return ""
        assert isinstance(completer, FoldingCompleter)
        value = resolve_name(text, completer)
        if isinstance(value, ActorData):
            return self.tr("nobody is called “%1”").replace("%1", value.name)
        return value

    def choice(self) -> tuple[int, int] | str:
        """(keep, merge) ids, or why the choice cannot be merged."""
        keep, gone = self._resolve(self.kept), self._resolve(self.merged)
        if keep == "" or gone == "":
            return self.tr("Choose both entries.")
        if isinstance(gone, str):
            return gone
        if isinstance(keep, str):
            return keep
        if keep == gone:
            return self.tr("Choose two different entries.")
        return keep, gone

    def _describe(self) -> None:
        choice = self.choice()
        if isinstance(choice, str):
            self.reading.show_reading(choice)
            self.merge_button.setEnabled(False)
            return
        keep, gone = (self.names[i] for i in choice)
        self.reading.show_reading(
            self.tr(
                "“%1” will disappear: its events and roles go to “%2”, and “%1” becomes "
                "another name of “%2”."
            )
            .replace("%1", gone)
            .replace("%2", keep)
        )
        self.merge_button.setEnabled(True)

    def save(self) -> None:
        choice = self.choice()
        if isinstance(choice, str):
            self.reading.show_error(choice)
            return
        try:
            if self.submit is not None:
                self.submit(*choice)
        except WRITE_ERRORS as error:
            self.reading.show_error(
                self.tr("Not merged: %1. Try again.").replace("%1", describe(error))
            )
            return
        self.accept()
