"""What a user waits for when a filter is applied in the window, at 100,000 events.

Run: ``uv run python benchmarks/window_filter_bench.py [--size N] [--runs R]``

Opens the main window (offscreen, 1280x800) on a copy of the search benchmark's synthetic
database (``benchmarks/out/search-N.sqlite3``: people with other spellings of their names, real
cities, sources, tags; built once by ``search_bench.py``'s generator when missing), lets it
settle, then applies filters one after another as the filter
bar does (``MainWindow.set_filter``) and times each until the timeline has painted the filtered
events, and until the table holds its rows. Each filter is followed by going back to everything
(the view keeps the scenes of the last filters while the database does not change). Prints the
median and slowest of ``--runs`` rounds, wall clock, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    source = OUT / f"search-{args.size}.sqlite3"
    if not source.exists():
        from benchmarks.search_bench import build

        OUT.mkdir(parents=True, exist_ok=True)
        print(f"Building {args.size:,} events in {source} (once) ...")
        build(source, args.size)

    from timeline_app.core.filters import EventFilter
    from timeline_app.core.store import Store
    from timeline_app.core.vocabulary import Kind, Status
    from timeline_app.gui.app import create_application
    from timeline_app.gui.main_window import MainWindow

    app = create_application([])
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / source.name
    shutil.copy(source, path)
    store = Store.open(path)
    window = MainWindow(store, restore_state=False)
    window.resize(1280, 800)
    window.show()

    def settle(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()

    def apply(flt: EventFilter) -> tuple[float, float]:
        """Milliseconds until the filtered timeline is painted, and until the table is filled."""
        started = time.perf_counter()
        window.set_filter(flt)
        window.timeline.repaint()  # the first frame of the filtered timeline
        painted = time.perf_counter()
        while not window._table_loaded:  # the table fills after that frame
            app.processEvents()
        return (painted - started) * 1000, (time.perf_counter() - started) * 1000

    settle(4.0)
    filters = {
        "country CN": EventFilter(countries=("CN",)),
        "kind state visit + completed": EventFilter(
            kinds=frozenset({Kind.STATE_VISIT}), statuses=frozenset({Status.COMPLETED})
        ),
        "search 'Kiev' (also Kyiv)": EventFilter(text="Kiev"),
        "tag sanctions + has sources": EventFilter(tags=("sanctions",), has_sources=True),
        "has no sources": EventFilter(has_sources=False),
    }
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in filters}
    back: list[tuple[float, float]] = []
    shown: dict[str, int] = {}
    for _ in range(args.runs):
        for label, flt in filters.items():
            times[label].append(apply(flt))
            shown[label] = window.model.rowCount()
            settle(0.3)
            back.append(apply(EventFilter()))
            settle(0.3)
    print(f"Applying a filter in the window, {store.count_events():,} events ({args.runs} rounds)")
    print(f"  {'':<40} {'':>8}   timeline painted   table filled")
    columns = ("median", "slowest") * 2
    print(f"  {'filter':<40} {'events':>8} " + " ".join(f"{c:>8}" for c in columns))

    def line(label: str, events: int, measured: list[tuple[float, float]]) -> None:
        painted = [m[0] for m in measured]
        filled = [m[1] for m in measured]
        print(
            f"  {label:<40} {events:>8,} {statistics.median(painted):8.0f} {max(painted):8.0f}"
            f" {statistics.median(filled):8.0f} {max(filled):8.0f}"
        )

    for label, measured in times.items():
        line(label, shown[label], measured)
    line("back to everything (kept scene)", store.count_events(), back)
    print("  (milliseconds, wall clock)")
    window.close()
    store.close()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
