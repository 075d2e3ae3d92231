"""An event's change history in words: "Start: early April 2023 → 5 Apr 2023".

The history keeps each change as two snapshots of the event (``core.store.snapshot``); this
module turns their fields into text a reader understands (dates through the dates module,
vocabulary through its labels, linked records by name), never raw JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from timeline_app.core import countries
from timeline_app.core.dates import Language
from timeline_app.core.records import ChangeRecord
from timeline_app.core.store.snapshot import date_from_json
from timeline_app.core.vocabulary import Kind, RelationType, Role, Status

SUMMARY_LENGTH = 90
NOTHING = "—"

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("ChangeText", "Title"),
    "kind": QT_TRANSLATE_NOOP("ChangeText", "Kind"),
    "status": QT_TRANSLATE_NOOP("ChangeText", "Status"),
    "start": QT_TRANSLATE_NOOP("ChangeText", "Start"),
    "end": QT_TRANSLATE_NOOP("ChangeText", "End"),
    "summary": QT_TRANSLATE_NOOP("ChangeText", "Summary"),
    "trip": QT_TRANSLATE_NOOP("ChangeText", "Trip"),
    "places": QT_TRANSLATE_NOOP("ChangeText", "Places"),
    "participants": QT_TRANSLATE_NOOP("ChangeText", "Participants"),
    "sources": QT_TRANSLATE_NOOP("ChangeText", "Sources"),
    "tags": QT_TRANSLATE_NOOP("ChangeText", "Tags"),
    "relations": QT_TRANSLATE_NOOP("ChangeText", "Relations"),
    "external": QT_TRANSLATE_NOOP("ChangeText", "Imported from"),
}
ACTIONS = {
    "create": QT_TRANSLATE_NOOP("ChangeText", "Created"),
    "restore": QT_TRANSLATE_NOOP("ChangeText", "Restored"),
    "update": QT_TRANSLATE_NOOP("ChangeText", "Edited"),
    "delete": QT_TRANSLATE_NOOP("ChangeText", "Deleted"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChangeText", text)


def field_label(key: str) -> str:
    return _tr(str(FIELD_LABELS[key])) if key in FIELD_LABELS else key


def _enum_label(enum: type[Kind] | type[Status], value: object) -> str:
    try:
        return enum(str(value)).label
    except ValueError:
        return str(value)


def value_text(
    key: str,
    value: Any,
    *,
    event_id: int,
    titles: Mapping[int, str],
    lang: str = "en",
) -> str:
    """One field of a snapshot as text; ``titles`` names the other events of relations."""
    language: Language = "fr" if lang == "fr" else "en"
    if value in (None, "", [], {}):
        return NOTHING
    if key in ("start", "end"):
        date = date_from_json(value)
        return date.format(language) if date else NOTHING
    if key == "kind":
        return _enum_label(Kind, value)
    if key == "status":
        return _enum_label(Status, value)
    if key == "summary":
        text = " ".join(str(value).split())
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"
    if key == "trip":
        return str(value.get("title", NOTHING))
    if key == "places":
        return "; ".join(_place(place, language) for place in value)
    if key == "participants":
        return "; ".join(f"{item['actor']['name']} ({_role(item['role'])})" for item in value)
    if key == "sources":
        return "; ".join(_source(item["source"]) for item in value)
    if key == "tags":
        return ", ".join(str(tag) for tag in value)
    if key == "relations":
        return "; ".join(_relation(rel, event_id, titles) for rel in value)
    if key == "external":
        return "; ".join(f"{item['dataset']} #{item['record']}" for item in value)
    return str(value)


def _place(place: Mapping[str, Any], lang: str) -> str:
    country = countries.name(str(place.get("country", "")), lang)
    locality = place.get("locality") or ""
    return f"{locality}, {country}" if locality else country


def _role(role: str) -> str:
    try:
        return Role(role).label
    except ValueError:
        return role


def _source(source: Mapping[str, Any]) -> str:
    named = " — ".join(str(part) for part in (source.get("outlet"), source.get("title")) if part)
    return named or str(source.get("url", ""))


def _relation(rel: Mapping[str, Any], event_id: int, titles: Mapping[int, str]) -> str:
    try:
        kind = RelationType(rel["type"])
    except ValueError:
        return str(rel)
    outgoing = int(rel["from"]) == event_id
    other = int(rel["to"] if outgoing else rel["from"])
    title = titles.get(other) or QCoreApplication.translate(
        "ChangeText", "event %1 (deleted)"
    ).replace("%1", str(other))
    label = kind.label if outgoing else kind.inverse_label
    return f"{label} “{title}”"


def action_text(action: str) -> str:
    return _tr(str(ACTIONS.get(action, action)))


def actions(records: list[ChangeRecord]) -> dict[int, str]:
    """Each change's action, a creation after a deletion of the same event called a restore.

    ``records`` is one event's history, newest first (as ``Store.history`` gives it).
    """
    result: dict[int, str] = {}
    deleted_before = False
    for record in reversed(records):
        action = record.action
        if action == "create" and deleted_before:
            action = "restore"
        deleted_before = record.action == "delete"
        result[record.id] = action
    return result


def field_changes(
    record: ChangeRecord, *, titles: Mapping[int, str], lang: str = "en"
) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field the change touched, in the editor's order."""
    before = record.before or {}
    after = record.after or {}
    if record.action != "update":
        return []
    keys = [key for key in FIELD_LABELS if before.get(key) != after.get(key)]
    keys += sorted(
        key
        for key in (before.keys() | after.keys()) - set(FIELD_LABELS) - {"id"}
        if before.get(key) != after.get(key)
    )
    return [
        (
            field_label(key),
            value_text(key, before.get(key), event_id=record.event_id, titles=titles, lang=lang),
            value_text(key, after.get(key), event_id=record.event_id, titles=titles, lang=lang),
        )
        for key in keys
    ]


def related_ids(records: list[ChangeRecord]) -> set[int]:
    """The other events the history's relations mention (to look their titles up)."""
    ids: set[int] = set()
    for record in records:
        for state in (record.before, record.after):
            relations: list[dict[str, Any]] = (state or {}).get("relations", [])  # type: ignore[assignment]
            for rel in relations:
                ids.update((int(rel["from"]), int(rel["to"])))
    return ids
