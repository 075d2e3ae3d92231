"""How long printing takes: a 1,000-event chronology (goal: under 3 s) and a 10,000-event
timeline over several pages (goal: under 5 s), each written as a PDF.

    uv run python benchmarks/print_bench.py [--events N] [--timeline-events N] [--repeat R]
        [--pages-wide W] [--lanes kind|country|actor|trip|none] [--only chronology|timeline]
        [--keep FOLDER]

The chronology: a temporary database of N made-up events (places, three participants, sources
with long URLs, every seventh summary long). The timeline: a synthetic archive of N events
(``benchmarks/synthetic.py``: 1860 to 2030, uncertain dates, every kind and status), drawn
``--pages-wide`` pages wide (4 by default) with lanes by ``--lanes`` (kind by default: 12 lanes,
twenty-odd pages; by country it is some seventy pages). Each figure is the best wall-clock and
CPU time of R runs of the whole of ``write_pdf``: reading the events, laying out, painting and
writing the file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHRONOLOGY_GOAL = 3.0
TIMELINE_GOAL = 5.0


def timed(write: Callable[[], int], repeat: int) -> tuple[float, float, int]:
    """Best wall-clock and CPU seconds of ``repeat`` runs, and the pages written."""
    walls, cpus, pages = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        pages = write()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), pages


def report(
    what: str, target: Path, figures: tuple[float, float, int], goal: float, repeat: int
) -> bool:
    best, cpu, pages = figures
    size = target.stat().st_size / 1e6
    verdict = "ok" if best < goal else "TOO SLOW"
    print(
        f"{what}: {pages} pages, {size:.1f} MB; best of {repeat}: {best:.2f} s wall, "
        f"{cpu:.2f} s CPU (goal < {goal:.0f} s: {verdict})"
    )
    return best < goal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000, help="chronology events")
    parser.add_argument("--timeline-events", type=int, default=10_000)
    parser.add_argument("--pages-wide", type=int, default=4)
    parser.add_argument(
        "--lanes", default="kind", choices=("actor", "country", "trip", "kind", "none")
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("chronology", "timeline"))
    parser.add_argument("--keep", type=Path, help="also keep the PDFs in this folder")
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from benchmarks.synthetic import build
    from tests.helpers.synthetic import fill
    from timeline_app.core.printing import PrintJob, PrintLayout
    from timeline_app.core.store import Store
    from timeline_app.gui.printing.output import write_pdf

    app = QGuiApplication([sys.argv[0]])
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        out = args.keep or Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "chronology"):
            with Store.open(Path(folder) / "chronology.sqlite3") as store:
                started = time.perf_counter()
                fill(store, args.events)
                made = time.perf_counter() - started
                print(f"database: {args.events} events made in {made:.1f} s")
                target = out / "chronology.pdf"
                figures = timed(lambda: write_pdf(store, PrintJob(), target), args.repeat)
            ok &= report(
                f"chronology PDF, {args.events} events",
                target,
                figures,
                CHRONOLOGY_GOAL,
                args.repeat,
            )
        if args.only in (None, "timeline"):
            path = Path(folder) / "timeline.sqlite3"
            started = time.perf_counter()
            build(path, args.timeline_events)
            made = time.perf_counter() - started
            print(f"database: {args.timeline_events} events made in {made:.1f} s")
            job = PrintJob(
                layout=PrintLayout.TIMELINE, pages_wide=args.pages_wide, lane_grouping=args.lanes
            )
            target = out / "timeline.pdf"
            with Store.open(path) as store:
                figures = timed(lambda: write_pdf(store, job, target), args.repeat)
            ok &= report(
                f"timeline PDF, {args.timeline_events} events, {args.pages_wide} pages wide, "
                f"lanes by {args.lanes}",
                target,
                figures,
                TIMELINE_GOAL,
                args.repeat,
            )
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
