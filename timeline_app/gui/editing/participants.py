"""Participants: who took part in an event and in what role, completed from the actors and
their aliases; a name no actor has becomes a new actor when the event is saved."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from timeline_app.core.records import ActorData, ActorInfo
from timeline_app.core.store import FieldError
from timeline_app.core.vocabulary import Role
from timeline_app.gui.editing.completers import (
    VALUE_ROLE,
    Choice,
    FoldingCompleter,
    actor_choices,
)
from timeline_app.gui.editing.drafts import ParticipantDraft
from timeline_app.gui.editing.feedback import set_invalid
from timeline_app.gui.editing.row_list import Row, RowList


def resolve_name(text: str, completer: FoldingCompleter) -> int | ActorData | str:
    """An existing actor's id (by name or by an alias that only one actor has), a new actor,
    or a message saying why the name is ambiguous."""
    name = " ".join(text.split())
    found = completer.exact(name)
    by_name = [c for c in found if c.text.casefold() == name.casefold()]
    if by_name:
        return int(by_name[0].value)
    if len(found) == 1:
        return int(found[0].value)
    if len(found) > 1:
        names = ", ".join(c.text for c in found)
        message = QCoreApplication.translate(
            "ParticipantsEditor", "'%1' is a name of several people: %2; choose one in the list"
        )
        return message.replace("%1", name).replace("%2", names)
    return ActorData(name)


class ParticipantRow(Row):
    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantRow")
        self.actor = QLineEdit(self)
        self.actor.setObjectName("participantName")
        self.actor.setPlaceholderText(self.tr("Name (any spelling: Loukachenko, Lukashenka…)"))
        self.actor.setAccessibleName(self.tr("Participant"))
        self.completer = FoldingCompleter(choices, self)
        self.actor.setCompleter(self.completer)
        self.role = QComboBox(self)
        self.role.setObjectName("participantRole")
        self.role.setAccessibleName(self.tr("Role"))
        self.role.addItem(self.tr("Role…"), None)
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.fields.addWidget(self.actor, 1)
        self.fields.addWidget(self.role)
        self._chosen: tuple[str, int] | None = None  # what was picked in the popup
        self.completer.on_activated(self._picked)
        self.actor.textChanged.connect(self._describe)
        self.actor.textChanged.connect(lambda _: set_invalid(self.actor, False))
        self.role.currentIndexChanged.connect(lambda _: set_invalid(self.role, False))

    def inputs(self) -> list[QWidget]:
        return [self.actor, self.role]

    def set_value(self, name: str, role: Role | None, actor_id: int | None = None) -> None:
        self.actor.setText(name)
        if actor_id is not None:
            self._chosen = (name, actor_id)
        self.role.setCurrentIndex(self.role.findData(role.value) if role else 0)
        self._describe()

    def _picked(self, index: QModelIndex) -> None:
        value = index.data(VALUE_ROLE)
        if value is not None:
            self._chosen = (str(index.data(Qt.ItemDataRole.EditRole)), int(value))

    def actor_value(self) -> int | ActorData | str | None:
        """The actor this row names (id or new), a message when ambiguous, None when empty."""
        text = " ".join(self.actor.text().split())
        if not text:
            return None
        if self._chosen is not None and self._chosen[0] == text:
            return self._chosen[1]
        return resolve_name(text, self.completer)

    def role_value(self) -> Role | None:
        data = self.role.currentData()
        return Role(data) if data else None

    def _describe(self) -> None:
        value = self.actor_value()
        if value is None or isinstance(value, str):
            self.message.clear_message()
        elif isinstance(value, ActorData):
            text = self.tr("new: “%1” will be added").replace("%1", value.name)
            similar = [choice.text for choice in self.completer.matches(value.name)][:3]
            if similar:
                text += " " + self.tr("(or did you mean %1?)").replace("%1", ", ".join(similar))
            self.message.show_reading(text)
        else:
            name = next((c.text for c in self.completer.source.choices if c.value == value), "")
            typed = " ".join(self.actor.text().split())
            if name and name.casefold() != typed.casefold():
                self.message.show_reading("→ " + name)
            else:
                self.message.clear_message()


class ParticipantsEditor(RowList[ParticipantRow]):
    def __init__(self, actors: Sequence[ActorInfo], parent: QWidget | None = None) -> None:
        super().__init__(lambda owner: ParticipantRow(self.choices, owner), parent)
        self.set_texts(
            self.tr("Add &participant"),
            self.tr("No participants yet."),
            lambda n: self.tr("Remove participant %1").replace("%1", str(n)),
        )
        self.choices = actor_choices(actors)
        self.names = {actor.id: actor.name for actor in actors}
        self.setObjectName("participantsEditor")

    def set_value(self, participants: Sequence[ParticipantDraft]) -> None:
        self.clear_rows()
        for participant in participants:
            row = self.add_row()
            if isinstance(participant.actor, ActorData):
                row.set_value(participant.actor.name, participant.role)
            else:
                name = self.names.get(participant.actor, "")
                row.set_value(name, participant.role, participant.actor)

    def value(self) -> tuple[list[ParticipantDraft], list[FieldError]]:
        """The participants, and what is wrong with the rows (``participants[i]``)."""
        drafts: list[ParticipantDraft] = []
        errors: list[FieldError] = []
        for index, row in enumerate(self.rows()):
            actor = row.actor_value()
            role = row.role_value()
            field = f"participants[{index}]"
            if actor is None:
                if role is not None:
                    errors.append(FieldError(field, self.tr("the name is missing")))
                    set_invalid(row.actor, True)
                continue
            if isinstance(actor, str):
                errors.append(FieldError(field, actor))
                set_invalid(row.actor, True)
                continue
            if role is None:
                set_invalid(row.role, True)
                name = actor.name if isinstance(actor, ActorData) else self.names.get(actor, "")
                errors.append(
                    FieldError(field, self.tr("choose the role of %1").replace("%1", name))
                )
                continue
            drafts.append(ParticipantDraft(actor, role))
        return drafts, errors
