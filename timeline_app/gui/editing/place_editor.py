"""The place editor: locality, country and other names (Pékin for Beijing)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from timeline_app.core.records import PlaceData
from timeline_app.core.store import FieldError
from timeline_app.gui.editing.aliases_editor import AliasesEditor
from timeline_app.gui.editing.commands import place_label
from timeline_app.gui.editing.country_field import CountryField
from timeline_app.gui.editing.feedback import FeedbackLabel
from timeline_app.gui.editing.focus import chain_tab_order
from timeline_app.gui.editing.record_editor import RecordEditor
from timeline_app.gui.text import window_title


class PlaceEditor(RecordEditor):
    def __init__(self, place: PlaceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeEditor")
        self.setWindowTitle(window_title(self.tr("Place — %1").replace("%1", place_label(place))))
        box = self.form_box
        self.locality = QLineEdit(place.locality, box)
        self.locality.setObjectName("placeLocality")
        self.locality.setAccessibleName(self.tr("Locality"))
        self.locality.setPlaceholderText(self.tr("empty for the country as a whole"))
        self.locality_feedback = FeedbackLabel(box)
        self.country = CountryField(optional=False, parent=box)
        self.country.setObjectName("placeCountry")
        self.country.setAccessibleName(self.tr("Country"))
        self.country.set_code(place.country_code)
        self.aliases = AliasesEditor(box)
        self.aliases.set_value(place.aliases)
        group = QGroupBox(self.tr("Other names"), box)
        QVBoxLayout(group).addWidget(self.aliases)
        locality_box = QWidget(box)
        locality_layout = QVBoxLayout(locality_box)
        locality_layout.setContentsMargins(0, 0, 0, 0)
        locality_layout.addWidget(self.locality)
        locality_layout.addWidget(self.locality_feedback)
        form = QFormLayout()
        locality_label = QLabel(self.tr("&Locality:"), box)
        locality_label.setBuddy(self.locality)
        country_label = QLabel(self.tr("C&ountry:"), box)
        country_label.setBuddy(self.country.edit)
        form.addRow(locality_label, locality_box)
        form.addRow(country_label, self.country)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        self.targets = {
            "locality": (self.locality, self.locality_feedback),
            "country": (self.country.edit, self.country),
        }
        self.lists = {"aliases": self.aliases}
        self.aliases.rowsChanged.connect(self._chain)
        self._chain()
        self.resize(520, 420)
        self.locality.setFocus()

    def _chain(self) -> None:
        chain = [
            self.locality,
            self.country.edit,
            *self.aliases.focus_chain(),
            *self.buttons.buttons(),
        ]
        chain_tab_order(chain)

    def value(self) -> tuple[PlaceData, list[FieldError]]:
        errors = []
        country_error = self.country.error()
        if country_error:
            errors.append(FieldError("country", country_error))
        code = self.country.code() or ""
        return PlaceData(self.locality.text(), code, self.aliases.value()), errors
