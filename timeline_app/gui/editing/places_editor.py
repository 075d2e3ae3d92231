"""Places of an event: an existing place picked by any of its names, or a new one (a locality
and a country, the country completed in English and French)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from timeline_app.core import countries
from timeline_app.core.countries import fold
from timeline_app.core.records import PlaceData, PlaceInfo
from timeline_app.core.store import FieldError
from timeline_app.gui.editing.completers import (
    VALUE_ROLE,
    Choice,
    FoldingCompleter,
    place_choices,
)
from timeline_app.gui.editing.country_field import CountryField
from timeline_app.gui.editing.feedback import set_invalid
from timeline_app.gui.editing.row_list import Row, RowList


class PlaceRow(Row):
    def __init__(
        self, choices: Sequence[Choice], places: Sequence[PlaceInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("placeRow")
        self.places = {place.id: place for place in places}
        self.locality = QLineEdit(self)
        self.locality.setObjectName("placeName")
        self.locality.setPlaceholderText(self.tr("Place, e.g. Beijing or Pékin"))
        self.locality.setToolTip(self.tr("Leave empty for the country as a whole"))
        self.locality.setAccessibleName(self.tr("Place"))
        self.completer = FoldingCompleter(choices, self)
        self.locality.setCompleter(self.completer)
        self.country = CountryField(quiet=True, parent=self)
        self.country.edit.setPlaceholderText(self.tr("Country (for a new place)"))
        self.country.setObjectName("placeCountry")
        self.country.setAccessibleName(self.tr("Country of the place"))
        self.fields.addWidget(self.locality, 3)
        self.fields.addWidget(self.country, 2)
        self.completer.on_activated(self._picked)
        self.locality.textChanged.connect(self._describe)
        self.country.changed.connect(self._describe)

    def inputs(self) -> list[QWidget]:
        return [self.locality, self.country.edit]

    def set_place(self, place: PlaceInfo | PlaceData) -> None:
        self.locality.setText(place.locality)
        self.country.set_code(place.country_code)

    def _picked(self, index: QModelIndex) -> None:
        value = index.data(VALUE_ROLE)
        place = self.places.get(int(value)) if value is not None else None
        if place is not None:
            # the completer put the place's display name in; keep the locality alone
            self.set_place(place)

    def value(self) -> int | PlaceData | str | None:
        """An existing place's id, a new place, a message when it cannot be, None when empty."""
        locality = " ".join(self.locality.text().split())
        country_text = self.country.edit.text().strip()
        if not locality and not country_text:
            return None
        code = self.country.code()
        if code is None:
            # "Pékin" alone: an existing place by one of its names
            matches = [c for c in self.completer.exact(locality)] if locality else []
            if len(matches) == 1:
                return int(matches[0].value)
            if country_text:
                return self.country.error() or ""
            return self.tr("give the country of %1").replace("%1", locality)
        for place in self.places.values():
            same_country = place.country_code == code
            names = [place.locality, *(alias.name for alias in place.aliases)]
            if same_country and any(fold(name) == fold(locality) for name in names):
                return place.id
        return PlaceData(locality, code)

    def _describe(self) -> None:
        value = self.value()
        if isinstance(value, PlaceData):
            shown = f"{value.locality}, {countries.name(value.country_code)}".lstrip(", ")
            self.message.show_reading(self.tr("new place: %1").replace("%1", shown))
        elif isinstance(value, int):
            place = self.places[value]
            typed = " ".join(self.locality.text().split())
            if fold(typed) != fold(place.locality) or not self.country.edit.text().strip():
                self.message.show_reading("→ " + place.display())
            else:
                self.message.clear_message()
        else:
            self.message.clear_message()


class PlacesEditor(RowList[PlaceRow]):
    def __init__(self, places: Sequence[PlaceInfo], parent: QWidget | None = None) -> None:
        super().__init__(lambda owner: PlaceRow(self.choices, self.places, owner), parent)
        self.set_texts(
            self.tr("Add p&lace"),
            self.tr("No places yet."),
            lambda n: self.tr("Remove place %1").replace("%1", str(n)),
        )
        self.places = list(places)
        self.choices = place_choices(places)
        self.setObjectName("placesEditor")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_value(self, places: Sequence[int | PlaceData]) -> None:
        known = {place.id: place for place in self.places}
        self.clear_rows()
        for place in places:
            row = self.add_row()
            shown = known.get(place) if isinstance(place, int) else place
            if shown is not None:
                row.set_place(shown)

    def value(self) -> tuple[list[int | PlaceData], list[FieldError]]:
        result: list[int | PlaceData] = []
        errors: list[FieldError] = []
        for index, row in enumerate(self.rows()):
            value = row.value()
            if value is None:
                continue
            if isinstance(value, str):
                errors.append(FieldError(f"places[{index}]", value))
                set_invalid(row.country.edit, True)
            else:
                result.append(value)
        return result, errors
