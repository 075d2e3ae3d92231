"""Other names of an actor or a place (another spelling, another language), one per row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QWidget

from timeline_app.core.records import Alias
from timeline_app.gui.editing.row_list import Row, RowList


class AliasRow(Row):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aliasRow")
        self.name = QLineEdit(self)
        self.name.setObjectName("aliasName")
        self.name.setAccessibleName(self.tr("Other name"))
        self.name.setPlaceholderText(self.tr("Other name or spelling"))
        self.language = QLineEdit(self)
        self.language.setObjectName("aliasLanguage")
        self.language.setAccessibleName(self.tr("Language of the name"))
        self.language.setPlaceholderText(self.tr("lang."))
        self.language.setToolTip(self.tr("Language code, e.g. fr, en, ru (may stay empty)"))
        self.language.setMaxLength(8)
        self.language.setMaximumWidth(70)
        self.fields.addWidget(self.name, 1)
        self.fields.addWidget(self.language)

    def inputs(self) -> list[QWidget]:
        return [self.name, self.language]


class AliasesEditor(RowList[AliasRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(AliasRow, parent)
        self.set_texts(
            self.tr("&Add other name"),
            self.tr("No other names."),
            lambda n: self.tr("Remove other name %1").replace("%1", str(n)),
        )
        self.setObjectName("aliasesEditor")

    def set_value(self, aliases: Sequence[Alias]) -> None:
        self.clear_rows()
        for alias in aliases:
            row = self.add_row()
            row.name.setText(alias.name)
            row.language.setText(alias.language)

    def value(self) -> tuple[Alias, ...]:
        return tuple(
            Alias(row.name.text().strip(), row.language.text().strip().lower())
            for row in self.rows()
            if row.name.text().strip()
        )
