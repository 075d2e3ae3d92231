"""The event editor: every field of an event, checked as the user types and again on saving.

The dialog does not write by itself: Save hands an :class:`EventDraft` to ``submit`` (the
controller's, which writes it as one undo step). When that is refused, each error is shown next
to the field it names, the user's text stays as typed, and nothing is saved; when the database
fails (locked, disk full), the dialog says so and stays open with the edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import UncertainDate
from timeline_app.core.records import EventData
from timeline_app.core.store import ConflictError, FieldError, Store, ValidationError, validation
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.editing.date_field import DateField
from timeline_app.gui.editing.drafts import EventDraft
from timeline_app.gui.editing.failures import WRITE_ERRORS, describe
from timeline_app.gui.editing.feedback import EDITOR_STYLE, ERROR_COLOUR, FeedbackLabel, set_invalid
from timeline_app.gui.editing.focus import chain_tab_order
from timeline_app.gui.editing.participants import ParticipantsEditor
from timeline_app.gui.editing.places_editor import PlacesEditor
from timeline_app.gui.editing.relations_editor import RelationsEditor
from timeline_app.gui.editing.row_list import RowList
from timeline_app.gui.editing.sources_editor import SourcesEditor
from timeline_app.gui.editing.tags_field import TagsField
from timeline_app.gui.editing.trip_field import TripField

#: the fields, as the summary of errors names them
FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("EventEditor", "Title"),
    "start": QT_TRANSLATE_NOOP("EventEditor", "Start"),
    "end": QT_TRANSLATE_NOOP("EventEditor", "End"),
    "trip": QT_TRANSLATE_NOOP("EventEditor", "Trip"),
    "tags": QT_TRANSLATE_NOOP("EventEditor", "Tags"),
    "summary": QT_TRANSLATE_NOOP("EventEditor", "Summary"),
    "places": QT_TRANSLATE_NOOP("EventEditor", "Places"),
    "participants": QT_TRANSLATE_NOOP("EventEditor", "Participants"),
    "sources": QT_TRANSLATE_NOOP("EventEditor", "Sources"),
    "relations": QT_TRANSLATE_NOOP("EventEditor", "Relations"),
}

#: submit(draft, overwrite) -> the event's id; raises what the store raises
Submit = Callable[[EventDraft, bool], int]

_INDEXED = re.compile(r"^(\w+)(?:\[(\d+)\])?")


def _with_feedback(widget: QWidget, parent: QWidget) -> tuple[QWidget, FeedbackLabel]:
    box = QWidget(parent)
    label = FeedbackLabel(box)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(label)
    box.setFocusProxy(widget)
    return box, label


class EventEditor(QDialog):
    def __init__(
        self,
        store: Store,
        draft: EventDraft | None = None,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventEditor")
        self.setWindowTitle(self.tr("Event"))
        self.setStyleSheet(EDITOR_STYLE)
        self.store = store
        self.event_id = event_id
        self.submit: Submit | None = None
        self.saved_id: int | None = None
        self.overwrite = False

        # -- the fields -------------------------------------------------------------------------
        body = QWidget(self)
        self.title = QLineEdit(body)
        self.title.setObjectName("eventTitle")
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setPlaceholderText(self.tr("What happened, in a few words"))
        title_box, self.title_feedback = _with_feedback(self.title, body)
        self.kind = QComboBox(body)
        self.kind.setObjectName("eventKind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind in Kind:
            self.kind.addItem(kind.label, kind.value)
        self.status = QComboBox(body)
        self.status.setObjectName("eventStatus")
        self.status.setAccessibleName(self.tr("Status"))
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.start = DateField(parent=body)
        self.start.setObjectName("eventStart")
        self.start.setAccessibleName(self.tr("Start"))
        self.end = DateField(optional=True, parent=body)
        self.end.setObjectName("eventEnd")
        self.end.setAccessibleName(self.tr("End"))
        self.trip = TripField(store.trips(), body)
        self.trip.setObjectName("eventTripField")
        self.trip.setAccessibleName(self.tr("Trip"))
        self.tags = TagsField(store.tags(), body)
        self.tags.setAccessibleName(self.tr("Tags"))
        tags_box, self.tags_feedback = _with_feedback(self.tags, body)
        self.summary = QPlainTextEdit(body)
        self.summary.setObjectName("eventSummary")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("Who met whom, where, and what came of it"))
        self.summary.setMinimumHeight(90)
        summary_box, self.summary_feedback = _with_feedback(self.summary, body)
        self.places = PlacesEditor(store.places(), body)
        self.participants = ParticipantsEditor(store.actors(), body)
        self.sources = SourcesEditor(store.sources(), body)
        self.relations = RelationsEditor(store.list_events(), event_id, body)

        kind_status = QHBoxLayout()
        kind_status.setContentsMargins(0, 0, 0, 0)
        kind_status.addWidget(self.kind, 1)
        status_label = QLabel(self.tr("Stat&us:"), body)
        status_label.setBuddy(self.status)
        kind_status.addWidget(status_label)
        kind_status.addWidget(self.status, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("&Title:"), title_box, self.title)
        self._row(form, self.tr("&Kind:"), kind_status, self.kind)
        self._row(form, self.tr("St&art:"), self.start, self.start.edit)
        self._row(form, self.tr("&End:"), self.end, self.end.edit)
        self._row(form, self.tr("Tr&ip:"), self.trip, self.trip.combo)
        self._row(form, self.tr("Ta&gs:"), tags_box, self.tags)
        self._row(form, self.tr("Su&mmary:"), summary_box, self.summary)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self._group(self.tr("Places"), self.places))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._group(self.tr("Participants"), self.participants))
        right.addWidget(self._group(self.tr("Sources"), self.sources))
        right.addWidget(self._group(self.tr("Relations to other events"), self.relations))
        right.addStretch(1)
        columns = QHBoxLayout(body)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # -- messages and buttons -----------------------------------------------------------------
        self.banner = QLabel(self)
        self.banner.setObjectName("editorBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(
            f"QLabel {{ color: {ERROR_COLOUR}; border: 1px solid {ERROR_COLOUR};"
            " border-radius: 3px; padding: 6px; }"
        )
        self.banner.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveEvent")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

        for section in (self.places, self.participants, self.sources, self.relations):
            section.rowsChanged.connect(self._chain_tab_order)
        self.title.textChanged.connect(lambda _: self._clear(self.title, self.title_feedback))
        self.tags.textChanged.connect(lambda _: self._clear(self.tags, self.tags_feedback))
        self.set_draft(draft)
        self.resize(1120, 700)
        self.title.setFocus()

    # -- layout helpers ---------------------------------------------------------------------------

    def _row(
        self, form: QFormLayout, text: str, field: QWidget | QHBoxLayout, buddy: QWidget
    ) -> None:
        label = QLabel(text)
        label.setBuddy(buddy)
        if isinstance(field, QWidget):
            form.addRow(label, field)
        else:
            form.addRow(label, field)

    def _group(self, title: str, content: QWidget) -> QGroupBox:
        group = QGroupBox(title, content.parentWidget())
        group.setObjectName(content.objectName() + "Group")
        layout = QVBoxLayout(group)
        layout.addWidget(content)
        return group

    def _focus_chain(self) -> list[QWidget]:
        return [
            self.title,
            self.kind,
            self.status,
            self.start.edit,
            self.end.edit,
            self.trip.combo,
            self.tags,
            self.summary,
            *self.places.focus_chain(),
            *self.participants.focus_chain(),
            *self.sources.focus_chain(),
            *self.relations.focus_chain(),
            self.save_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]

    def _chain_tab_order(self) -> None:
        chain = self._focus_chain()
        chain_tab_order(chain)

    # -- content ----------------------------------------------------------------------------------

    def set_draft(self, draft: EventDraft | None) -> None:
        if draft is None:
            draft = EventDraft("", Kind.OFFICIAL_VISIT, Status.PLANNED, UncertainDate(2000))
            self.start.edit.clear()
        else:
            self.start.set_value(draft.start)
        self.title.setText(draft.title)
        self.kind.setCurrentIndex(self.kind.findData(draft.kind.value))
        self.status.setCurrentIndex(self.status.findData(draft.status.value))
        self.end.set_value(draft.end)
        self.trip.set_value(draft.trip)
        self.tags.set_tags(draft.tags)
        self.summary.setPlainText(draft.summary)
        self.places.set_value(draft.places)
        self.participants.set_value(draft.participants)
        self.sources.set_value(draft.sources)
        self.relations.set_value(draft.relations)
        for section in (self.places, self.participants, self.sources):
            if not section.rows():
                section.add_row()
        self._chain_tab_order()

    def collect(self) -> tuple[EventDraft | None, list[FieldError]]:
        """The draft as typed, and every problem the dialog can see without the database."""
        errors: list[FieldError] = []
        start, end = self.start.value(), self.end.value()
        if self.start.error():
            errors.append(FieldError("start", self.start.error() or ""))
        if self.end.error():
            errors.append(FieldError("end", self.end.error() or ""))
        places, place_errors = self.places.value()
        participants, participant_errors = self.participants.value()
        sources, source_errors = self.sources.value()
        relations, relation_errors = self.relations.value()
        errors += place_errors + participant_errors + source_errors + relation_errors
        draft = EventDraft(
            title=self.title.text(),
            kind=Kind(self.kind.currentData()),
            status=Status(self.status.currentData()),
            start=start or UncertainDate(2000),
            end=end,
            summary=self.summary.toPlainText(),
            trip=self.trip.value(),
            places=tuple(places),
            participants=tuple(participants),
            sources=tuple(sources),
            tags=self.tags.tags(),
            relations=tuple(relations),
        )
        # the store's own checks on the event's fields (title, dates, tags): no database needed
        checked = EventData(
            draft.title, draft.kind, draft.status, draft.start, draft.end, tags=draft.tags
        )
        if start is None:
            checked = replace(checked, end=None)
        try:
            validation.validate_event(checked)
        except ValidationError as error:
            errors.extend(error.errors)
        return (draft if not errors else None), errors

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        draft, errors = self.collect()
        if draft is None:
            self.show_errors(errors)
            return
        if self.submit is None:
            self.saved_id = None
            self.accept()
            return
        try:
            saved = self.submit(draft, self.overwrite)
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except ConflictError as error:
            self.show_errors([])
            self.overwrite = True
            self._show_banner(
                self.tr(
                    "Not saved: %1. Your edit is still here: Save again to replace that other "
                    "change with yours, or Cancel to keep it."
                ).replace("%1", str(error))
            )
            return
        except WRITE_ERRORS as error:
            self.show_errors([])
            self._show_banner(
                self.tr("Not saved: %1. Your edit is still here; try again.").replace(
                    "%1", describe(error)
                )
            )
            return
        self.saved_id = saved
        self.accept()

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.banner.setAccessibleDescription(text)

    def _clear(self, widget: QWidget, label: FeedbackLabel) -> None:
        set_invalid(widget, False)
        if label.is_error:
            label.clear_message()

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Each error next to the field it names; a summary on top; the first field focused."""
        scalars: dict[str, list[str]] = {}
        lists: dict[str, tuple[list[str], dict[int, list[str]]]] = {
            name: ([], {}) for name in ("places", "participants", "sources", "relations")
        }
        other: list[str] = []
        for error in errors:
            match = _INDEXED.match(error.field)
            name = match.group(1) if match else error.field
            if name in lists:
                general, by_row = lists[name]
                if match and match.group(2) is not None:
                    by_row.setdefault(int(match.group(2)), []).append(error.message)
                else:
                    general.append(error.message)
            elif name in FIELD_LABELS:
                scalars.setdefault(name, []).append(error.message)
            else:
                other.append(str(error))
        fields: dict[str, tuple[QWidget, FeedbackLabel | DateField]] = {
            "title": (self.title, self.title_feedback),
            "tags": (self.tags, self.tags_feedback),
            "summary": (self.summary, self.summary_feedback),
            "start": (self.start.edit, self.start),
            "end": (self.end.edit, self.end),
            "trip": (self.trip.combo, self.trip.feedback),
            "kind": (self.kind, self.title_feedback),
            "status": (self.status, self.title_feedback),
        }
        for name, (widget, target) in fields.items():
            messages = scalars.get(name, [])
            if messages:
                target.show_error("; ".join(messages))
                set_invalid(widget, True)
            elif (
                isinstance(target, FeedbackLabel)
                and target.is_error
                and name
                not in (
                    "kind",
                    "status",
                )
            ):
                target.clear_message()
                set_invalid(widget, False)
        editors: dict[str, RowList[Any]] = {
            "places": self.places,
            "participants": self.participants,
            "sources": self.sources,
            "relations": self.relations,
        }
        for name, editor in editors.items():
            general, by_row = lists[name]
            editor.show_errors(general, by_row)
        named = [n for n in FIELD_LABELS if scalars.get(n) or any(lists.get(n, ([], {})))]
        if not errors:
            self.banner.hide()
            return
        summary = ", ".join(
            QCoreApplication.translate("EventEditor", str(FIELD_LABELS[n])) for n in named
        )
        text = self.tr("Not saved: please correct %1.").replace("%1", summary or "the event")
        if other:
            text += " " + "; ".join(other)
        self._show_banner(text)
        first = self._first_widget(named)
        if first is not None:
            first.setFocus()

    def _first_widget(self, named: list[str]) -> QWidget | None:
        order: list[tuple[str, QWidget | None]] = [
            ("title", self.title),
            ("start", self.start.edit),
            ("end", self.end.edit),
            ("trip", self.trip.combo),
            ("tags", self.tags),
            ("summary", self.summary),
            ("places", self._first_row_input(self.places)),
            ("participants", self._first_row_input(self.participants)),
            ("sources", self._first_row_input(self.sources)),
            ("relations", self._first_row_input(self.relations)),
        ]
        return next((widget for name, widget in order if name in named), None)

    @staticmethod
    def _first_row_input(editor: RowList[Any]) -> QWidget | None:
        rows = editor.rows()
        for row in rows:
            if row.message.is_error:
                first: QWidget = row.inputs()[0]
                return first
        return editor.add_button
