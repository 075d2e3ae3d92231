"""The filter editor: actor, country, kind, status, tag, dates typed as text, sources.

Fields that take names take several, separated by ";". A field is read when it is committed
(Enter, or leaving it); a value that cannot be read (a date, a country) is marked on its field,
with the reason beside it, and the filter does not change until it is fixed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from timeline_app.core import countries
from timeline_app.core.dates import DateParseError, Language, UncertainDate, parse_date
from timeline_app.core.filter_chips import format_day
from timeline_app.core.filters import EventFilter
from timeline_app.core.records import ActorInfo
from timeline_app.core.vocabulary import Kind, Status
from timeline_app.gui.search.completion import FoldingCompleter, join_values, split_values

EDITOR_STYLE = """
QLineEdit[invalid="true"] { border: 2px solid #b3261e; }
QLabel#filterEditorMessage { color: #b3261e; }
"""


_SOURCES_DATA: dict[bool | None, str] = {None: "any", True: "with", False: "without"}


class ChoiceButton(QToolButton):
    """A button whose menu holds one checkable entry per member of a vocabulary."""

    changed = Signal()

    def __init__(
        self,
        members: Sequence[StrEnum],
        labels: dict[StrEnum, str],
        any_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.any_text = any_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.entries: dict[StrEnum, QAction] = {}
        for member in members:
            action = menu.addAction(labels[member])
            action.setCheckable(True)
            action.setData(member.value)
            action.toggled.connect(self._toggled)
            self.entries[member] = action
        self.setMenu(menu)
        self._quiet = False
        self._show()

    def checked(self) -> frozenset[Any]:
        return frozenset(m for m, action in self.entries.items() if action.isChecked())

    def set_checked(self, members: frozenset[Any]) -> None:
        self._quiet = True
        for member, action in self.entries.items():
            action.setChecked(member in members)
        self._quiet = False
        self._show()

    def _toggled(self, _on: bool) -> None:
        self._show()
        if not self._quiet:
            self.changed.emit()

    def _show(self) -> None:
        chosen = [a.text() for a in self.entries.values() if a.isChecked()]
        self.setText("; ".join(chosen) if chosen else self.any_text)


class FilterEditor(QWidget):
    """Edits every field of an :class:`EventFilter` but the search text (the search field's);
    emits ``filterChanged(EventFilter)`` when a committed change makes a new, valid filter."""

    filterChanged = Signal(object)  # EventFilter

    def __init__(self, parent: QWidget | None = None, *, lang: Language = "en") -> None:
        super().__init__(parent)
        self.setObjectName("filterEditor")
        self.setStyleSheet(EDITOR_STYLE)
        self.lang: Language = lang
        self._filter = EventFilter()

        self.actor = self._line("filterActor", self.tr("Actor"), self.tr("name or alias; …"))
        self.actor_completer = FoldingCompleter(self.actor)
        self.actor.setCompleter(self.actor_completer)
        self.country = self._line("filterCountry", self.tr("Country"), self.tr("name or code; …"))
        self.country_completer = FoldingCompleter(self.country)
        self.country_completer.set_entries_later(_country_entries)
        self.country.setCompleter(self.country_completer)
        self.kind = ChoiceButton(list(Kind), {k: k.label for k in Kind}, self.tr("Any kind"), self)
        self.kind.setObjectName("filterKind")
        self.kind.setAccessibleName(self.tr("Kind"))
        self.status = ChoiceButton(
            list(Status), {s: s.label for s in Status}, self.tr("Any status"), self
        )
        self.status.setObjectName("filterStatus")
        self.status.setAccessibleName(self.tr("Status"))
        self.tag = self._line("filterTag", self.tr("Tag"), self.tr("tag; …"))
        self.tag_completer = FoldingCompleter(self.tag)
        self.tag.setCompleter(self.tag_completer)
        self.date_from = self._line("filterFrom", self.tr("From"), self.tr("e.g. March 2023"))
        self.date_to = self._line("filterTo", self.tr("To"), self.tr("e.g. early April 2023"))
        self.sources = QComboBox(self)
        self.sources.setObjectName("filterSources")
        self.sources.setAccessibleName(self.tr("Sources"))
        # Item data as plain strings, mapped to None, True and False below.
        self.sources.addItem(self.tr("With or without sources"), "any")
        self.sources.addItem(self.tr("With sources"), "with")
        self.sources.addItem(self.tr("Without sources"), "without")
        self.message = QLabel(self)
        self.message.setObjectName("filterEditorMessage")
        self.message.setWordWrap(True)

        form = QFormLayout(self)
        for text, field in (
            (self.tr("&Actor:"), self.actor),
            (self.tr("&Country:"), self.country),
            (self.tr("&Kind:"), self.kind),
            (self.tr("&Status:"), self.status),
            (self.tr("&Tag:"), self.tag),
            (self.tr("&From:"), self.date_from),
            (self.tr("T&o:"), self.date_to),
            (self.tr("So&urces:"), self.sources),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.message)

        for line in (self.actor, self.country, self.tag, self.date_from, self.date_to):
            line.editingFinished.connect(self.commit)
        self.kind.changed.connect(self.commit)
        self.status.changed.connect(self.commit)
        self.sources.currentIndexChanged.connect(self.commit)
        self._quiet = False

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        return line

    # -- what the window hands over ----------------------------------------------------------

    def set_choices(self, actors: Sequence[ActorInfo], tags: Sequence[str]) -> None:
        """The names to complete: actors with their aliases (an alias inserts the actor's own
        name), and tags."""
        entries: list[tuple[str, str]] = []
        for actor in actors:
            entries.append((actor.name, actor.name))
            entries.extend((f"{alias.name} ({actor.name})", actor.name) for alias in actor.aliases)
        self.actor_completer.set_entries(sorted(entries, key=lambda e: e[0].casefold()))
        self.tag_completer.set_entries([(tag, tag) for tag in tags])

    @property
    def current_filter(self) -> EventFilter:
        return self._filter

    def set_filter(self, flt: EventFilter) -> None:
        """Show ``flt`` in the fields (emits nothing; clears any marked field)."""
        self._filter = flt
        self._quiet = True
        self.actor.setText(join_values(flt.actors))
        self.country.setText(join_values(countries.name(c, self.lang) for c in flt.countries))
        self.kind.set_checked(flt.kinds)
        self.status.set_checked(flt.statuses)
        self.tag.setText(join_values(flt.tags))
        self.date_from.setText(format_day(flt.date_from, self.lang) if flt.date_from else "")
        self.date_to.setText(format_day(flt.date_to, self.lang) if flt.date_to else "")
        self.sources.setCurrentIndex(self.sources.findData(_SOURCES_DATA[flt.has_sources]))
        self._quiet = False
        for line in (self.country, self.date_from, self.date_to):
            self._mark(line, "")
        self.message.clear()

    # -- reading the fields ------------------------------------------------------------------

    def _mark(self, line: QLineEdit, problem: str) -> None:
        line.setProperty("invalid", bool(problem))
        line.setToolTip(problem)
        line.setAccessibleDescription(problem)
        line.style().unpolish(line)
        line.style().polish(line)

    def _date(self, line: QLineEdit, problems: list[str]) -> UncertainDate | None:
        text = line.text().strip()
        if not text:
            self._mark(line, "")
            return None
        try:
            value = parse_date(text)
        except DateParseError as error:
            problem = f"{line.accessibleName()}: {error}"
            self._mark(line, problem)
            problems.append(problem)
            return None
        self._mark(line, "")
        return value

    def _countries(self, problems: list[str]) -> tuple[str, ...]:
        codes: list[str] = []
        unknown: list[str] = []
        for text in split_values(self.country.text()):
            found = countries.find(text)
            if found is None:
                unknown.append(text)
            elif found.code not in codes:
                codes.append(found.code)
        problem = ""
        if unknown:
            problem = self.tr("Country: not a known country: %1").replace("%1", ", ".join(unknown))
            problems.append(problem)
        self._mark(self.country, problem)
        return tuple(codes)

    def commit(self) -> None:
        """Read every field; emit the new filter if all are readable and it changed."""
        if self._quiet:
            return
        problems: list[str] = []
        start = self._date(self.date_from, problems)
        end = self._date(self.date_to, problems)
        if start is not None and end is not None and end.latest < start.earliest:
            problem = self.tr("To: %1 is before From (%2)").replace("%1", end.format(self.lang))
            problem = problem.replace("%2", start.format(self.lang))
            self._mark(self.date_to, problem)
            problems.append(problem)
        codes = self._countries(problems)
        self.message.setText("\n".join(problems))
        if problems:
            return
        has_sources = {data: value for value, data in _SOURCES_DATA.items()}.get(
            str(self.sources.currentData())
        )
        candidate = dataclasses.replace(
            self._filter,
            actors=split_values(self.actor.text()),
            countries=codes,
            kinds=self.kind.checked(),
            statuses=self.status.checked(),
            tags=split_values(self.tag.text()),
            date_from=_day(start, first=True),
            date_to=_day(end, first=False),
            has_sources=has_sources,
        )
        if candidate != self._filter:
            self._filter = candidate
            self.filterChanged.emit(candidate)


def _day(value: UncertainDate | None, *, first: bool) -> date | None:
    if value is None:
        return None
    return value.earliest if first else value.latest


def _country_entries() -> list[tuple[str, str]]:
    """Every country's English and French names (loading them takes a moment)."""
    names = {name for c in countries.all_countries().values() for name in (c.name_en, c.name_fr)}
    return [(name, name) for name in sorted(names, key=str.casefold)]
