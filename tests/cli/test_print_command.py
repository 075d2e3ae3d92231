"""``timeline-app print`` as a user (or a script on a server with no display) runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.pdf import page_sizes_pt, page_texts, squeezed
from timeline_app.cli.errors import CliError
from timeline_app.cli.main import build_parser, main
from timeline_app.cli.print_command import job_from_args
from timeline_app.core.printing import Orientation, Paper, PrintLayout, RangeMode
from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store
from timeline_app.core.vocabulary import Kind


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process, as on a server: no display, no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "timeline_app.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def seed_db(tmp_path: Path) -> Path:
    path = tmp_path / "seed.sqlite3"
    with Store.open(path) as store:
        load_seed(store)
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_prints_a_chronology_pdf_without_a_display(seed_db: Path, out_dir: Path) -> None:
    out = out_dir / "chronology.pdf"
    result = run("print", "--db", str(seed_db), "--layout", "chronology", "--out", str(out))
    assert result.returncode == 0, result.stderr
    texts = page_texts(out)
    assert result.stdout.strip() == f"Wrote {out} ({len(texts)} pages)."
    assert set(page_sizes_pt(out)) == {(842, 595)}  # A4 landscape by default
    assert "Lukashenko's state visit to China" in " ".join(texts)
    assert list(out_dir.iterdir()) == [out]


def test_dates_filters_paper_and_orientation_are_applied(seed_db: Path, out_dir: Path) -> None:
    out = out_dir / "april.pdf"
    result = run(
        "--db",
        str(seed_db),
        "print",
        "--layout=chronology",
        f"--out={out}",
        "--from",
        "April 2023",
        "--to",
        "30 April 2023",
        "--kind",
        "state_visit",
        "--paper",
        "letter",
        "--orientation",
        "portrait",
    )
    assert result.returncode == 0, result.stderr
    assert set(page_sizes_pt(out)) == {(612, 792)}
    text = " ".join(page_texts(out))
    assert "1–30 Apr 2023" in text  # the range asked for, in the header
    assert "Filter: Kind: State visit" in text
    assert squeezed("Macron's state visit to China") in squeezed(text)
    assert "Lukashenko" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paper", "B5"], "--paper: 'B5' is not a paper size this app prints on; choose one of"),
        (["--pages-wide", "0"], "--pages-wide: the number of pages wide must be between 1 and 50"),
        (["--from", "31 Feb 2023"], "--from: 31 February 2023 does not exist"),
        (["--to", "2020", "--from", "2023"], "--to: 2020 is before --from (2023)"),
    ],
)
def test_bad_options_are_refused_in_one_line_with_status_2(
    seed_db: Path,
    out_dir: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = out_dir / "bad.pdf"
    status = main(
        ["print", "--db", str(seed_db), "--layout", "chronology", "--out", str(out), *args]
    )
    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith(f"timeline-app: error: {message}")
    assert len(error.strip().splitlines()) == 1
    assert list(out_dir.iterdir()) == []


def test_prints_a_timeline_pdf_without_a_display(seed_db: Path, out_dir: Path) -> None:
    out = out_dir / "timeline.pdf"
    result = run(
        "print",
        "--db",
        str(seed_db),
        "--layout",
        "timeline",
        "--out",
        str(out),
        "--pages-wide",
        "2",
    )
    assert result.returncode == 0, result.stderr
    texts = page_texts(out)
    assert result.stdout.strip() == f"Wrote {out} (2 pages)."
    assert set(page_sizes_pt(out)) == {(842, 595)}
    for number, text in enumerate(texts, start=1):
        assert text.startswith("Timeline 8 Mar 2022 – 26 Apr 2023")
        assert f"Page {number} of 2" in text
        assert "Visiting actor" in text and "Emmanuel Macron" in text
        assert "Planned Confirmed Ongoing Completed Postponed Cancelled" in text
    assert list(out_dir.iterdir()) == [out]


def test_the_timeline_lanes_and_scale_are_options(seed_db: Path, out_dir: Path) -> None:
    out = out_dir / "kinds.pdf"
    args = ["print", "--db", str(seed_db), "--layout", "timeline", "--out", str(out)]
    result = run(*args, "--lanes", "kind", "--days-per-cm", "30")
    assert result.returncode == 0, result.stderr
    assert "(1 page)" in result.stdout
    text = page_texts(out)[0]
    assert "Kind" in text and "State visit" in text and "Phone call" in text
    assert "Emmanuel Macron" not in text
    result = run(*args, "--days-per-cm", "0.1")
    assert result.returncode == 2
    assert "pages across, more than the 50" in result.stderr
    assert list(out_dir.iterdir()) == [out]


def test_an_output_that_cannot_be_written_is_refused(
    seed_db: Path, out_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("not a folder")
    for out, message in (
        (out_dir / "missing" / "x.pdf", "the folder"),
        (a_file / "x.pdf", "is not a folder"),
        (out_dir, "is a folder, not a file name"),
    ):
        status = main(["print", "--db", str(seed_db), "--layout", "chronology", "--out", str(out)])
        assert status == 2, out
        error = capsys.readouterr().err
        assert "--out: " in error
        assert message in error
    assert list(out_dir.iterdir()) == []


def test_nothing_to_print_is_status_1_and_leaves_an_old_file_alone(
    seed_db: Path, out_dir: Path
) -> None:
    out = out_dir / "report.pdf"
    out.write_bytes(b"last week's report")
    result = run(
        "print",
        "--db",
        str(seed_db),
        "--layout",
        "chronology",
        "--out",
        str(out),
        "--from",
        "1990",
        "--to",
        "1991",
    )
    assert result.returncode == 1
    assert result.stderr == (
        "timeline-app: error: nothing to print: no event between 1 Jan 1990 and 31 Dec 1991\n"
    )
    assert out.read_bytes() == b"last week's report"
    assert list(out_dir.iterdir()) == [out]


def test_a_missing_database_is_refused(out_dir: Path, tmp_path: Path) -> None:
    assert (
        main(
            [
                "print",
                "--db",
                str(tmp_path / "none.sqlite3"),
                "--layout",
                "chronology",
                "--out",
                str(out_dir / "x.pdf"),
            ]
        )
        == 2
    )
    assert list(out_dir.iterdir()) == []


def test_options_become_a_print_job() -> None:
    args = build_parser().parse_args(
        [
            "print",
            "--layout",
            "timeline",
            "--out",
            "x.pdf",
            "--from",
            "early April 2023",
            "--kind",
            "state_visit",
            "--paper",
            "A3",
            "--orientation",
            "portrait",
            "--pages-wide",
            "4",
            "--title",
            "Macron in China",
        ]
    )
    job = job_from_args(args)
    assert (job.layout, job.paper, job.orientation, job.pages_wide, job.title) == (
        PrintLayout.TIMELINE,
        Paper.A3,
        Orientation.PORTRAIT,
        4,
        "Macron in China",
    )
    assert (job.range_mode, job.date_from, job.date_to) == (
        RangeMode.DATES,
        date(2023, 4, 1),
        None,
    )
    assert job.filter.kinds == frozenset({Kind.STATE_VISIT})
    assert job.filter.date_from is None  # the dates are the range, not a second filter


def test_a_paper_size_error_names_the_option_without_qt() -> None:
    args = build_parser().parse_args(
        ["print", "--layout", "chronology", "--out", "x.pdf", "--paper", "Tabloid"]
    )
    with pytest.raises(CliError, match=r"^--paper: 'Tabloid'") as caught:
        job_from_args(args)
    assert caught.value.status == 2
