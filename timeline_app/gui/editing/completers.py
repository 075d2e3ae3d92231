"""Completion that finds things by any of their names, in any case and without accents.

Typing "Loukachenko" offers Alexander Lukashenko (his French alias matches), "Chine" offers
China, "pekin" offers Beijing. The popup says which name matched; choosing an entry puts the
thing's own name in the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QCompleter

from timeline_app.core import countries
from timeline_app.core.countries import fold
from timeline_app.core.records import ActorInfo, EventRow, PlaceInfo, SourceInfo

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Choice:
    """One thing to offer: ``text`` goes into the field, ``names`` are what typing matches."""

    text: str
    value: Any
    detail: str = ""  # shown after the text: a title, a date, a country
    names: tuple[str, ...] = field(default=())
    shown: str = ""  # what the popup shows, when not the text itself

    def matched_name(self, needle: str) -> str | None:
        """The first of the other names that contains ``needle`` (when the text does not)."""
        if not needle or needle in fold(self.shown or self.text):
            return None
        return next((name for name in self.names if needle in fold(name)), None)

    def matches(self, needle: str) -> bool:
        return not needle or any(needle in fold(name) for name in (self.text, *self.names))

    def rank(self, needle: str) -> int:
        """0 when a name is the needle, 1 when one starts with it, 2 when one contains it."""
        folded = [fold(name) for name in (self.text, *self.names)]
        if needle in folded:
            return 0
        if any(name.startswith(needle) for name in folded):
            return 1
        return 2


class ChoiceModel(QAbstractListModel):
    def __init__(self, choices: Sequence[Choice] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)
        self.needle = ""

    def set_choices(self, choices: Iterable[Choice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        choice = self.choices[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return choice.text
        if role == Qt.ItemDataRole.DisplayRole:
            shown = choice.shown or choice.text
            matched = choice.matched_name(self.needle)
            if matched:
                shown += f"  ← {matched}"
            if choice.detail:
                shown += f"  ·  {choice.detail}"
            return shown
        if role == VALUE_ROLE:
            return choice.value
        return None


class _Filter(QSortFilterProxyModel):
    """The choices that match, the closest matches first ("Allemagne": Germany, then East
    Germany), otherwise in their own order."""

    def _model(self) -> ChoiceModel:
        model = self.sourceModel()
        assert isinstance(model, ChoiceModel)
        return model

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self._model()
        return model.choices[row].matches(model.needle)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self._model()
        first, second = model.choices[left.row()], model.choices[right.row()]
        return (first.rank(model.needle), left.row()) < (second.rank(model.needle), right.row())


class FoldingCompleter(QCompleter):
    """A completer over :class:`Choice` items that matches any name, anywhere in it."""

    def __init__(self, choices: Sequence[Choice] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = ChoiceModel(choices, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def set_choices(self, choices: Iterable[Choice]) -> None:
        self.source.set_choices(choices)

    def splitPath(self, path: str) -> list[str]:
        # Filter ourselves (any name, anywhere, accents folded); the completer's own prefix
        # filter then lets every remaining row through.
        self.source.needle = fold(" ".join(path.split()))
        self.proxy.invalidate()
        self.proxy.sort(0)
        return [""]

    def pathFromIndex(self, index: Index) -> str:
        return str(index.data(Qt.ItemDataRole.EditRole) or "")

    def matches(self, text: str) -> list[Choice]:
        needle = fold(" ".join(text.split()))
        return [choice for choice in self.source.choices if choice.matches(needle)]

    def exact(self, text: str) -> list[Choice]:
        """The choices whose text or one of whose names is exactly ``text`` (folded)."""
        wanted = fold(" ".join(text.split()))
        if not wanted:
            return []
        return [
            choice
            for choice in self.source.choices
            if any(fold(name) == wanted for name in (choice.text, *choice.names))
        ]

    def on_activated(self, slot: Callable[[QModelIndex], None]) -> None:
        """Call ``slot`` with the index of the entry the user chose (its VALUE_ROLE is the
        thing's id, which tells apart two things of the same name)."""
        self.activated[QModelIndex].connect(slot)  # type: ignore[index]  # an overload


# -- what the editors complete ---------------------------------------------------------------------


def actor_choices(actors: Iterable[ActorInfo]) -> list[Choice]:
    choices = []
    for actor in actors:
        detail = ", ".join(
            part for part in (actor.title, countries.name(actor.country_code or "")) if part
        )
        choices.append(
            Choice(actor.name, actor.id, detail, tuple(alias.name for alias in actor.aliases))
        )
    return choices


def place_choices(places: Iterable[PlaceInfo], lang: str = "en") -> list[Choice]:
    choices = []
    for place in places:
        names = [place.display(lang), *(alias.name for alias in place.aliases)]
        names.extend({countries.name(place.country_code, "fr"), place.country_code})
        text = place.locality or countries.name(place.country_code, lang)
        choices.append(Choice(text, place.id, "", tuple(names), place.display(lang)))
    return choices


@cache
def country_choices(lang: str = "en") -> tuple[Choice, ...]:
    """Every country, shown in ``lang``, found by its English or French name or its code."""
    other = "fr" if lang == "en" else "en"
    return tuple(
        Choice(country.name(lang), country.code, country.code, (country.code, country.name(other)))
        for country in sorted(countries.all_countries().values(), key=lambda c: fold(c.name(lang)))
    )


def event_choices(rows: Iterable[EventRow], lang: str = "en") -> list[Choice]:
    return [Choice(row.title, row.id, row.dates(lang)) for row in rows]


def source_choices(sources: Iterable[SourceInfo]) -> list[Choice]:
    return [
        Choice(
            source.url,
            source.id,
            " — ".join(part for part in (source.outlet, source.title) if part),
            tuple(part for part in (source.outlet, source.title) if part),
        )
        for source in sources
    ]
