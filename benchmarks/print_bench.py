"""How long printing takes: a 1,000-event chronology written as a PDF (goal: under 3 s).

    uv run python benchmarks/print_bench.py [--events N] [--repeat R] [--keep FILE.pdf]

Builds a temporary database of N made-up events (places, three participants, sources with
long URLs, every seventh summary long), then times the whole of ``write_pdf``: reading the
events, laying out, painting and writing the file. Prints the best wall-clock and CPU times
of R runs. The 10,000-event timeline figure comes with the timeline layout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_SECONDS = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also keep the last PDF here")
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from tests.helpers.synthetic import fill
    from timeline_app.core.printing import PrintJob
    from timeline_app.core.store import Store
    from timeline_app.gui.printing.output import write_pdf

    app = QGuiApplication([sys.argv[0]])
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(Path(folder) / "bench.sqlite3") as store,
    ):
        started = time.perf_counter()
        fill(store, args.events)
        print(f"database: {args.events} events made in {time.perf_counter() - started:.1f} s")
        target = args.keep or Path(folder) / "chronology.pdf"
        walls, cpus, pages = [], [], 0
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            pages = write_pdf(store, PrintJob(), target)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        size = target.stat().st_size / 1e6
    best = min(walls)
    verdict = "ok" if best < GOAL_SECONDS else "TOO SLOW"
    print(
        f"chronology PDF, {args.events} events: {pages} pages, {size:.1f} MB; "
        f"best of {args.repeat}: {best:.2f} s wall, {min(cpus):.2f} s CPU "
        f"(goal < {GOAL_SECONDS:.0f} s: {verdict})"
    )
    del app
    return 0 if best < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
