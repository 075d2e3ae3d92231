"""Sources an event cites: web address (checked), outlet, title, publication date and a note.
An address the timeline already has links that source (and fills what is left empty)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from timeline_app.core.dates import DateParseError, UncertainDate, parse_date
from timeline_app.core.records import SourceData, SourceInfo
from timeline_app.core.store import FieldError, validation
from timeline_app.gui.editing.completers import Choice, FoldingCompleter, source_choices
from timeline_app.gui.editing.drafts import SourceDraft, source_data
from timeline_app.gui.editing.feedback import set_invalid
from timeline_app.gui.editing.row_list import Row, RowList


class SourceRow(Row):
    def __init__(
        self,
        choices: Sequence[Choice],
        sources: Sequence[SourceInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sourceRow")
        self.known = {source.url: source for source in sources}
        self.url = self._edit("sourceUrl", self.tr("Web address"), "https://…")
        self.completer = FoldingCompleter(choices, self)
        self.url.setCompleter(self.completer)
        self.published = self._edit(
            "sourcePublished", self.tr("Published on"), self.tr("Published on")
        )
        self.outlet = self._edit("sourceOutlet", self.tr("Outlet"), self.tr("Outlet"))
        self.title = self._edit("sourceTitle", self.tr("Title of the source"), self.tr("Title"))
        self.note = self._edit("sourceNote", self.tr("Note on this source"), self.tr("Note"))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.url, 0, 0, 1, 2)
        grid.addWidget(self.published, 0, 2)
        grid.addWidget(self.outlet, 1, 0)
        grid.addWidget(self.title, 1, 1)
        grid.addWidget(self.note, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.fields.addLayout(grid, 1)
        self.source_id: int | None = None
        self.url.editingFinished.connect(self._url_finished)
        self.url.textChanged.connect(lambda _: set_invalid(self.url, False))
        self.published.textChanged.connect(lambda _: set_invalid(self.published, False))

    def _edit(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(accessible)
        return edit

    def inputs(self) -> list[QWidget]:
        return [self.url, self.published, self.outlet, self.title, self.note]

    def set_value(self, draft: SourceDraft, stored: SourceInfo | None) -> None:
        data = draft.data or (source_data(stored) if stored else None)
        self.source_id = draft.source_id
        if data is not None:
            self.url.setText(data.url)
            self.outlet.setText(data.outlet)
            self.title.setText(data.title)
            self.published.setText(
                UncertainDate.from_date(data.published).format() if data.published else ""
            )
        self.note.setText(draft.note)
        for edit in (self.url, self.outlet, self.title, self.note):
            edit.setCursorPosition(0)  # show the start of a long address or title

    def _url_finished(self) -> None:
        url = self.url.text().strip()
        errors: list[FieldError] = []
        validation.check_url(url, "url", errors)
        if url and errors:
            self.message.show_error(errors[0].message)
            set_invalid(self.url, True)
            return
        known = self.known.get(url)
        if known is not None:
            # an address the timeline has: link that source, fill in what is empty
            for edit, value in (
                (self.outlet, known.outlet),
                (self.title, known.title),
                (
                    self.published,
                    UncertainDate.from_date(known.published).format() if known.published else "",
                ),
            ):
                if not edit.text().strip():
                    edit.setText(value)
            self.message.show_reading(self.tr("a source the timeline already has"))
        elif url:
            self.message.show_reading(self.tr("new source"))

    def value(self) -> SourceDraft | list[str] | None:
        """The cited source, or what is wrong with the row, or None when it is empty."""
        texts = [edit.text().strip() for edit in self.inputs() if isinstance(edit, QLineEdit)]
        if not any(texts):
            return None
        problems: list[str] = []
        url = self.url.text().strip()
        errors: list[FieldError] = []
        validation.check_url(url, "url", errors)
        problems.extend(error.message for error in errors)
        set_invalid(self.url, bool(errors))
        published: date | None = None
        text = self.published.text().strip()
        if text:
            try:
                value = parse_date(text)
            except DateParseError as error:
                problems.append(str(error))
            else:
                if value.is_exact_day:
                    published = value.earliest
                else:
                    problems.append(
                        self.tr("the publication date must be one day, e.g. 28 Feb 2023")
                    )
            set_invalid(self.published, len(problems) > len(errors))
        if problems:
            return problems
        known = self.known.get(url)
        data = SourceData(
            url,
            self.outlet.text().strip(),
            self.title.text().strip(),
            known.language if known else "",
            published,
        )
        if known is not None:
            return SourceDraft(data, self.note.text().strip(), known.id)
        return SourceDraft(data, self.note.text().strip(), None)


class SourcesEditor(RowList[SourceRow]):
    def __init__(self, sources: Sequence[SourceInfo], parent: QWidget | None = None) -> None:
        super().__init__(lambda owner: SourceRow(self.choices, self.sources, owner), parent)
        self.set_texts(
            self.tr("Add s&ource"),
            self.tr("No sources yet."),
            lambda n: self.tr("Remove source %1").replace("%1", str(n)),
        )
        self.sources = list(sources)
        self.by_id = {source.id: source for source in sources}
        self.choices = source_choices(sources)
        self.setObjectName("sourcesEditor")
        self.rows_layout.setSpacing(10)

    def set_value(self, sources: Sequence[SourceDraft]) -> None:
        self.clear_rows()
        for draft in sources:
            row = self.add_row()
            stored = self.by_id.get(draft.source_id) if draft.source_id is not None else None
            row.set_value(draft, stored)

    def value(self) -> tuple[list[SourceDraft], list[FieldError]]:
        result: list[SourceDraft] = []
        errors: list[FieldError] = []
        for index, row in enumerate(self.rows()):
            value = row.value()
            if value is None:
                continue
            if isinstance(value, list):
                errors.extend(FieldError(f"sources[{index}]", message) for message in value)
            else:
                result.append(value)
        return result, errors
