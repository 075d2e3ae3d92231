"""Exports are written whole or not at all; formats are told from names and contents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

import pytest

from timeline_app.core.filters import EventFilter
from timeline_app.core.io import csv_format
from timeline_app.core.io.exporting import ExportError, export_events
from timeline_app.core.io.formats import Format, detect
from timeline_app.core.io.importing import import_paths
from timeline_app.core.store import Store


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(
    seeded: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "timeline.csv"
    target.write_text("the previous export\n", encoding="utf-8")

    def half_then_fail(session: object, handle: IO[str], flt: EventFilter | None = None) -> int:
        handle.write("id,title\n1,half\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_format, "write_csv", half_then_fail)
    with pytest.raises(ExportError, match="No space left on device"):
        export_events(seeded, target, Format.CSV)
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_exporting_into_a_missing_folder_says_so(seeded: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"the folder .* does not exist"):
        export_events(seeded, tmp_path / "nowhere" / "out.json", Format.JSON)
    with pytest.raises(ExportError, match="is a folder"):
        export_events(seeded, tmp_path, Format.JSON)


def test_a_filtered_json_export_imports_as_its_own_timeline(seeded: Store, tmp_path: Path) -> None:
    path = tmp_path / "china.json"
    assert export_events(seeded, path, Format.JSON, EventFilter(countries=("CN",))) == 5
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "diplomatic-timeline"
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        import_paths(copy, [path])
        assert [row.title for row in copy.list_events()] == [
            row.title for row in seeded.list_events(EventFilter(countries=("CN",)))
        ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("export.txt", "\ufefftitle,start\nA,2023\n", Format.CSV),
        ("calendar.dat", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Format.ICS),
        ("timeline", '  {"format": "diplomatic-timeline"}', Format.JSON),
        ("travels", "<?xml version='1.0'?><trips/>", Format.HISTORIAN),
        ("notes.txt", "nothing to see", None),
    ],
)
def test_formats_are_told_by_name_else_by_content(
    tmp_path: Path, name: str, content: str, expected: Format | None
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect(path) is expected
