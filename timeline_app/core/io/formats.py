"""Which format a file is in: by its name, else by its first bytes; and what a folder holds."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from timeline_app.core.i18n import translate
from timeline_app.core.io.problems import Problem


class Format(StrEnum):
    AUTO = "auto"
    JSON = "json"
    CSV = "csv"
    ICS = "ics"
    HISTORIAN = "historian"


EXTENSIONS = {
    ".json": Format.JSON,
    ".csv": Format.CSV,
    ".tsv": Format.CSV,
    ".ics": Format.ICS,
    ".ical": Format.ICS,
    ".ifb": Format.ICS,
    ".xml": Format.HISTORIAN,
}
EXPORTS = (Format.JSON, Format.CSV, Format.ICS)
SNIFF_BYTES = 4096


def detect(path: Path) -> Format | None:
    """The format of a file: from its extension, else from how it begins."""
    by_name = EXTENSIONS.get(path.suffix.lower())
    if by_name is not None:
        return by_name
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return Format.JSON
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return Format.ICS
    if head.startswith(b"<"):
        return Format.HISTORIAN
    first_line = head.split(b"\n", 1)[0].lower()
    if b"title" in first_line and any(sep in first_line for sep in (b",", b";", b"\t")):
        return Format.CSV
    return None


def export_format(path: Path) -> Format | None:
    """The export format a file name asks for (``.json``, ``.csv``, ``.ics``)."""
    found = EXTENSIONS.get(path.suffix.lower())
    return found if found in EXPORTS else None


def expand(paths: list[Path], fmt: Format) -> tuple[list[Path], list[Problem], int]:
    """The files to import: files as given, and a folder's files of a known format.

    Returns the files, problems (a missing path, an empty folder), and how many files of a
    folder were passed over for not being of a format to import.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    passed_over = 0
    for path in paths:
        if path.is_dir():
            found = 0
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.parts[-1:]):
                    continue
                wanted = EXTENSIONS.get(child.suffix.lower())
                if wanted is not None and fmt in (Format.AUTO, wanted):
                    files.append(child)
                    found += 1
                else:
                    passed_over += 1
            if not found:
                problems.append(
                    Problem(str(path), translate("import", "the folder holds no file to import"))
                )
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append(Problem(str(path), translate("import", "not a file or a folder")))
        else:
            problems.append(Problem(str(path), translate("import", "no such file or folder")))
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), problems, passed_over
