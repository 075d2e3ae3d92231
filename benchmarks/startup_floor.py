"""What a launch costs before the app does any work of its own: the floor under the first frame.

Each step runs in fresh processes (``--runs`` of them, 5 by default; the median and the fastest
are printed), with compiled bytecode, offscreen:

- the interpreter alone;
- Qt: importing QtWidgets and creating the QApplication;
- SQLAlchemy: importing its ORM and the SQLite dialect;
- the app's modules that a window's launch imports (the command line, the store and its schema,
  the main window and its features), with Qt and SQLAlchemy;
- and, for comparison, the whole launch to the first frame of a timeline of ``--size`` events
  (``timeline_bench.py``'s launch: its database must exist, or be built once by it).

The difference between the last two is what reading, laying out and painting the timeline
costs; the rest is paid whatever the size of the database.

    uv run python benchmarks/startup_floor.py
    uv run python benchmarks/startup_floor.py --runs 9 --size 10000
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import timeline_bench  # noqa: E402 - the launch and its environment, as timed there

STEPS = {
    "interpreter alone": "pass",
    "Qt: QtWidgets and a QApplication": (
        "from PySide6.QtWidgets import QApplication; app = QApplication([])"
    ),
    "SQLAlchemy: the ORM and the SQLite dialect": (
        "import sqlalchemy.orm, sqlalchemy.dialects.sqlite"
    ),
    "the app's modules of a launch (with Qt and SQLAlchemy)": (
        "import timeline_app.cli.commands, timeline_app.gui.app, timeline_app.gui.main_window; "
        "from PySide6.QtWidgets import QApplication; app = QApplication([])"
    ),
}


def timed(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=100_000, help="events of the full launch")
    args = parser.parse_args()
    rows: list[tuple[str, list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="startup-floor-") as home:
        env = timeline_bench.child_env(home)
        for code in STEPS.values():  # compile the bytecode once, as an installed app has it
            timed(code, env)
        for label, code in STEPS.items():
            rows.append((label, [timed(code, env) for _ in range(args.runs)]))
    path = timeline_bench.OUT / f"timeline-{args.size}.sqlite3"
    if path.exists():
        launch = argparse.Namespace(width=1280, height=800)
        firsts = [
            float(timeline_bench.launch_app(path, launch)["first_frame"]) for _ in range(args.runs)
        ]
        rows.append((f"the whole launch to the first frame, {args.size:,} events", firsts))
    else:
        print(f"({path.name} not built yet: run timeline_bench.py --sizes {args.size} first)")
    print(f"\nfresh processes, offscreen; median (fastest) of {args.runs} runs, in seconds\n")
    for label, times in rows:
        print(f"  {label:<62} {statistics.median(times):5.2f} ({min(times):.2f})")


if __name__ == "__main__":
    main()
