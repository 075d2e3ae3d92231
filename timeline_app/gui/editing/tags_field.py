"""Tags typed in one line, separated by commas, each completed from the tags in use."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QWidget

from timeline_app.gui.editing.completers import Choice, FoldingCompleter, Index


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(" ".join(part.split()) for part in text.split(",") if part.strip())


class TagCompleter(FoldingCompleter):
    """Completes the tag being typed, after the last comma, and keeps the ones before it."""

    def __init__(self, tags: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__([Choice(tag, tag) for tag in tags], parent)

    def splitPath(self, path: str) -> list[str]:
        return super().splitPath(path.rsplit(",", 1)[-1])

    def pathFromIndex(self, index: Index) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        done = [part.strip() for part in typed.split(",")[:-1] if part.strip()]
        return ", ".join([*done, super().pathFromIndex(index)]) + ", "


class TagsField(QLineEdit):
    def __init__(self, tags: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTags")
        self.setPlaceholderText(self.tr("Comma-separated: G20, China, sanctions"))
        self.setCompleter(TagCompleter(tags, self))

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(", ".join(tags))

    def tags(self) -> tuple[str, ...]:
        return split_tags(self.text())
