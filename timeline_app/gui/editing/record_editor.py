"""What the actor and place editors share: Save hands the value to ``submit``; a refusal is
shown next to the fields it names, a database failure on top, and the dialog keeps the input."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from timeline_app.core.store import FieldError, ValidationError
from timeline_app.gui.editing.failures import WRITE_ERRORS, describe
from timeline_app.gui.editing.feedback import EDITOR_STYLE, ERROR_COLOUR, FeedbackLabel, set_invalid
from timeline_app.gui.editing.row_list import RowList

_FIELD = re.compile(r"^(\w+)(?:\[(\d+)\])?")


class RecordEditor(QDialog):
    """A dialog around a form; subclasses fill ``form_box`` and implement ``value``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(EDITOR_STYLE)
        self.submit: Callable[[Any], object] | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("editorBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(
            f"QLabel {{ color: {ERROR_COLOUR}; border: 1px solid {ERROR_COLOUR};"
            " border-radius: 3px; padding: 6px; }"
        )
        self.banner.hide()
        self.form_box = QWidget(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form_box, 1)
        layout.addWidget(self.buttons)
        #: field name -> (the widget to mark and focus, where its message goes)
        self.targets: dict[str, tuple[QWidget, Any]] = {}
        self.lists: dict[str, RowList[Any]] = {}

    def value(self) -> tuple[Any, list[FieldError]]:
        raise NotImplementedError

    def save(self) -> None:
        value, errors = self.value()
        if errors:
            self.show_errors(errors)
            return
        try:
            if self.submit is not None:
                self.submit(value)
        except ValidationError as error:
            self.show_errors(list(error.errors))
            return
        except WRITE_ERRORS as error:
            self.show_errors([])
            self.show_banner(
                self.tr("Not saved: %1. Your edit is still here; try again.").replace(
                    "%1", describe(error)
                )
            )
            return
        self.accept()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.setVisible(bool(text))

    def show_errors(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        rows: dict[str, dict[int, list[str]]] = {}
        other: list[str] = []
        for error in errors:
            match = _FIELD.match(error.field)
            name = match.group(1) if match else error.field
            if name in self.lists and match and match.group(2) is not None:
                rows.setdefault(name, {}).setdefault(int(match.group(2)), []).append(error.message)
            elif name in self.targets or name in self.lists:
                by_field.setdefault(name, []).append(error.message)
            else:
                other.append(str(error))
        first: QWidget | None = None
        for name, (widget, target) in self.targets.items():
            messages = by_field.get(name)
            if messages:
                target.show_error("; ".join(messages))
                set_invalid(widget, True)
                first = first or widget
            elif isinstance(target, FeedbackLabel) and target.is_error:
                target.clear_message()
                set_invalid(widget, False)
        for name, editor in self.lists.items():
            editor.show_errors(by_field.get(name, []), rows.get(name, {}))
            if (by_field.get(name) or rows.get(name)) and first is None:
                first = editor.focus_chain()[0]
        if errors:
            text = self.tr("Not saved: please correct the fields marked in red.")
            if other:
                text = self.tr("Not saved:") + " " + "; ".join(other)
            self.show_banner(text)
        else:
            self.show_banner("")
        if first is not None:
            first.setFocus()
