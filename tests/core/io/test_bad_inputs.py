"""Bad input gets a clear message naming the file and line, and changes nothing at all."""

from __future__ import annotations

import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.db import row_counts
from timeline_app.core.io.importing import import_paths
from timeline_app.core.io.problems import ImportCancelled, ImportRejected
from timeline_app.core.store import Store

MB = 1024 * 1024
HEADER = "title,kind,status,start,end,places,participants\n"
GOOD_ROW = (
    'Blinken in Astana,official_visit,completed,2023-02-28,,"Astana, Kazakhstan",'
    "Antony Blinken (visitor)\n"
)
TRIP = (
    "<trip role='secretary' who='x'><id>{id}</id><role>secretary</role><name>A B</name>"
    "<start-date>2023-02-27</start-date><end-date>2023-02-28</end-date>"
    "<country id='kazakhstan'>Kazakhstan</country><locale>Astana</locale>"
    "<remarks>{remarks}</remarks></trip>\n"
)


def rejected(store: Store, paths: list[Path]) -> list[str]:
    """The problems an import reports, checking that it left every table as it was."""
    before = row_counts(store)
    with pytest.raises(ImportRejected) as caught:
        import_paths(store, paths)
    assert row_counts(store) == before
    return [str(problem) for problem in caught.value.problems]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_truncated_xml(seeded: Store, historian_samples: Path, tmp_path: Path) -> None:
    whole = (historian_samples / "sample-travels.xml").read_bytes()
    path = write(tmp_path / "travels.xml", whole[: len(whole) // 2])
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}:")
    assert "the XML ends too early (is the file truncated?)" in problem


def test_malformed_xml(seeded: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "trips.xml", "<trips>\n<trip><id>1</id></tripp>\n</trips>\n")
    assert rejected(seeded, [path]) == [f"{path}:2:19: not well-formed XML: mismatched tag"]


def test_a_doctype_is_refused_and_never_read(seeded: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "trips.xml",
        '<?xml version="1.0"?>\n<!DOCTYPE trips [<!ENTITY lol "lol">]>\n'
        + "<trips>"
        + TRIP.format(id=1, remarks="&lol;")
        + "</trips>",
    )
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}:2: the file declares a document type")


def test_an_external_entity_is_never_fetched(seeded: Store, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOP SECRET")
    path = write(
        tmp_path / "trips.xml",
        f'<?xml version="1.0"?>\n<!DOCTYPE trips [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        + "<trips>"
        + TRIP.format(id=1, remarks="&x;")
        + "</trips>",
    )
    problems = rejected(seeded, [path])
    assert len(problems) == 1
    assert "refused" in problems[0]
    assert not any("TOP SECRET" in event.title for event in seeded.list_events())


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "trips.xml",
            b"<?xml version='1.0' encoding='UTF-8'?>\n<trips>\n"
            + TRIP.format(id=1, remarks="Met the Pr\xe9sident.").encode("latin-1")
            + b"</trips>\n",
            ":3:",
        ),
        (
            "visits.csv",
            (HEADER + GOOD_ROW + "Visite d'\xe9t\xe9,other,,2023,,,\n").encode("cp1252"),
            ":3",
        ),
    ],
)
def test_wrong_encoding(
    seeded: Store, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = write(tmp_path / name, content)
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}{expected}")
    assert "(byte 0xE9)" in problem
    assert "UTF-8" in problem


@pytest.mark.parametrize("name", ["empty.csv", "empty.xml", "empty.json", "empty.ics", "empty"])
def test_an_empty_file(seeded: Store, tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "")
    assert rejected(seeded, [path]) == [f"{path}: the file is empty"]


def test_a_date_that_does_not_exist(seeded: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "visits.csv", HEADER + GOOD_ROW + "Ghost visit,other,,30 Feb 2023,,,\n")
    assert rejected(seeded, [path]) == [
        f"{path}:3: start: 30 February 2023 does not exist (February 2023 has 28 days)"
    ]


def test_an_end_before_the_start(seeded: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "visits.csv", HEADER + GOOD_ROW + "Backwards,other,,5 Mar 2023,1 Mar 2023,,\n"
    )
    assert rejected(seeded, [path]) == [
        f"{path}:3: end: 1 Mar 2023 is before the start (5 Mar 2023)"
    ]


def test_an_unknown_column(seeded: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "visits.csv", HEADER.replace("places", "venue") + GOOD_ROW)
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}:1: unknown column 'venue' (the columns are: id, title,")


def test_a_shifted_column(seeded: Store, tmp_path: Path) -> None:
    shifted = "Talks in Astana, Kazakhstan,official_visit,completed,2023-02-28,,,\n"
    path = write(tmp_path / "visits.csv", HEADER + GOOD_ROW + shifted + GOOD_ROW)
    assert rejected(seeded, [path]) == [
        f"{path}:3: 8 cells where the header names 7 columns: a missing or extra separator "
        "shifts the columns (quote cells that contain ',')"
    ]


def test_every_problem_of_every_file_is_listed(seeded: Store, tmp_path: Path) -> None:
    csv_path = write(
        tmp_path / "a.csv",
        HEADER + "No date,other,,,,,\n" + GOOD_ROW + "X,visit,,2023,,Atlantis,\n",
    )
    xml_path = write(tmp_path / "b.xml", "<trips>" + TRIP.format(id="one", remarks="") + "</trips>")
    assert rejected(seeded, [csv_path, xml_path]) == [
        f"{csv_path}:2: start: missing",
        f"{csv_path}:4: kind: 'visit' is not one of: state_visit, official_visit, working_visit, "
        "ministerial_meeting, summit_talks, phone_call, announcement, statement, publication, "
        "report, sanctions_measure, other; places: 'Atlantis' is not a country; write a place as "
        "'Locality, Country'",
        f"{xml_path}:1 (trip one): <id> 'one' is not a whole number",
    ]


def test_a_missing_file_and_an_unknown_format(seeded: Store, tmp_path: Path) -> None:
    odd = write(tmp_path / "notes.txt", "just some notes\n")
    assert rejected(seeded, [tmp_path / "nowhere.csv", odd]) == [
        f"{tmp_path / 'nowhere.csv'}: no such file or folder",
        f"{odd}: cannot tell the format of this file; name it .json, .csv, .ics or .xml, "
        "or say which it is (--format)",
    ]


# -- big files: streamed, in bounded memory, and refused with a clear message ---------------------


def fill(path: Path, head: str, filler: str, tail: str, size: int = 50 * MB) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        chunk = filler * (MB // len(filler))
        for _ in range(size // len(chunk)):
            out.write(chunk)
        out.write(tail)
    return path


def peak_memory(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_a_50_mb_xml_field_is_refused_in_bounded_memory(seeded: Store, tmp_path: Path) -> None:
    path = fill(
        tmp_path / "trips.xml",
        "<trips>"
        + TRIP.format(id=1, remarks="").replace("<remarks></remarks></trip>\n", "<remarks>"),
        "all work and no play ",
        "</remarks></trip></trips>",
    )
    before = row_counts(seeded)
    problems: list[str] = []

    def attempt() -> None:
        with pytest.raises(ImportRejected) as caught:
            import_paths(seeded, [path])
        problems.extend(str(problem) for problem in caught.value.problems)

    assert peak_memory(attempt) < 20 * MB
    assert problems == [f"{path}:1 (trip 1): <remarks> is longer than 20000 characters"]
    assert row_counts(seeded) == before


def test_a_50_mb_csv_with_a_quote_left_open_is_refused(seeded: Store, tmp_path: Path) -> None:
    path = fill(tmp_path / "visits.csv", HEADER + GOOD_ROW + '"Runaway', "text, text; ", "\n")
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}:")
    assert 'a cell is longer than 131072 characters: is a quote (") left open?' in problem


@pytest.mark.parametrize(
    ("name", "what"), [("big.json", "native JSON files"), ("big.ics", "calendars")]
)
def test_a_50_mb_file_read_whole_is_refused_up_front(
    seeded: Store, tmp_path: Path, name: str, what: str
) -> None:
    path = fill(tmp_path / name, "", " ", "")
    [problem] = rejected(seeded, [path])
    assert problem.startswith(f"{path}: ")
    assert "MB" in problem
    assert what in problem


# -- all or nothing --------------------------------------------------------------------------------


def test_a_bad_file_among_good_ones_imports_nothing(
    seeded: Store, historian_samples: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.csv", HEADER + GOOD_ROW + "Broken,other,,soon,,,\n")
    problems = rejected(seeded, [historian_samples, bad])
    assert problems == [
        f"{bad}:3: start: cannot read 'soon' as a date; try 2023-02-28, 28 Feb 2023, February "
        "2023, early April 2023 or c. 1995"
    ]


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(
    seeded: Store, historian_samples: Path
) -> None:
    before = row_counts(seeded)
    summary = import_paths(seeded, [historian_samples], dry_run=True)
    assert summary.dry_run
    assert summary.lines()[0].startswith("would add: 6 actors, 12 events")
    assert row_counts(seeded) == before
    import_paths(seeded, [historian_samples])
    again = import_paths(seeded, [historian_samples], dry_run=True)
    assert again.lines()[0] == "would skip: 12 events (unchanged), 1 file(s) of other formats"


def test_cancelling_part_way_leaves_the_database_as_it_was(
    seeded: Store, historian_samples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(historian_samples, folder)
    before = row_counts(seeded)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # after the first file is in

    with pytest.raises(ImportCancelled):
        import_paths(seeded, [folder], cancelled=cancelled)
    assert row_counts(seeded) == before
