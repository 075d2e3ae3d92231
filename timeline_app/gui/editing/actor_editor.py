"""The actor editor: name, kind, title, country and other names of a person or organisation."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from timeline_app.core.records import ActorData
from timeline_app.core.store import FieldError
from timeline_app.core.vocabulary import ActorKind
from timeline_app.gui.editing.aliases_editor import AliasesEditor
from timeline_app.gui.editing.country_field import CountryField
from timeline_app.gui.editing.feedback import FeedbackLabel
from timeline_app.gui.editing.focus import chain_tab_order
from timeline_app.gui.editing.record_editor import RecordEditor
from timeline_app.gui.text import window_title


class ActorEditor(RecordEditor):
    def __init__(self, actor: ActorData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actorEditor")
        self.setWindowTitle(
            window_title(self.tr("Person or Organisation — %1").replace("%1", actor.name))
        )
        box = self.form_box
        self.name = QLineEdit(actor.name, box)
        self.name.setObjectName("actorName")
        self.name.setAccessibleName(self.tr("Name"))
        self.name_feedback = FeedbackLabel(box)
        self.kind = QComboBox(box)
        self.kind.setObjectName("actorKind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind in ActorKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(actor.kind.value))
        self.title = QLineEdit(actor.title, box)
        self.title.setObjectName("actorTitle")
        self.title.setAccessibleName(self.tr("Title or office"))
        self.title.setPlaceholderText(self.tr("e.g. President of Belarus"))
        self.country = CountryField(parent=box)
        self.country.setObjectName("actorCountry")
        self.country.setAccessibleName(self.tr("Country"))
        self.country.set_code(actor.country_code)
        self.aliases = AliasesEditor(box)
        self.aliases.set_value(actor.aliases)
        group = QGroupBox(self.tr("Other names (found when typing them anywhere)"), box)
        QVBoxLayout(group).addWidget(self.aliases)
        name_box = QWidget(box)
        name_layout = QVBoxLayout(name_box)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(self.name)
        name_layout.addWidget(self.name_feedback)
        name_box.setFocusProxy(self.name)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), name_box)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("C&ountry:"), self.country)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        self.targets = {
            "name": (self.name, self.name_feedback),
            "country": (self.country.edit, self.country),
        }
        self.lists = {"aliases": self.aliases}
        self.aliases.rowsChanged.connect(self._chain)
        self._chain()
        self.resize(560, 480)
        self.name.setFocus()

    def _chain(self) -> None:
        chain = [
            self.name,
            self.kind,
            self.title,
            self.country.edit,
            *self.aliases.focus_chain(),
            *self.buttons.buttons(),
        ]
        chain_tab_order(chain)

    def value(self) -> tuple[ActorData, list[FieldError]]:
        errors = []
        country_error = self.country.error()
        if country_error:
            errors.append(FieldError("country", country_error))
        data = ActorData(
            name=self.name.text(),
            kind=ActorKind(self.kind.currentData()),
            title=self.title.text(),
            country_code=self.country.code(),
            aliases=self.aliases.value(),
        )
        return data, errors
