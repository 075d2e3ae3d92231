"""Timeline view benchmark: launch to first frame, frame times at every zoom, peak memory.

    uv run python benchmarks/timeline_bench.py [--sizes 10000,100000,1000000]

Builds (once, cached in benchmarks/out/) synthetic databases of each size, then for each:
- launches the application as a user does (``timeline-app --db FILE``: the command line, the
  QApplication, opening the database, the main window), offscreen and with fresh settings, and
  reports the time from the process's start to the first painted frame of the timeline that
  shows events (median of --launches runs), with where that time went, and the CPU time spent
  by then: by the main thread, and by all threads (the command line reads the database in a
  thread while the main thread imports: the two differ by what ran beside the main thread);
- in another fresh process, lets the timeline view alone idle after its first frame (at most
  SETTLE_S: it packs lanes and reads titles ahead meanwhile), then paints it while panning and
  zooming at each zoom level (decades, years, quarters, months, weeks, days) and reports the
  median and 95th percentile frame time, and the peak resident memory of that process
  (``--frames 0``: launches only).
Goals at 100,000 events: first frame <= 1.0 s, p95 frame <= 16 ms at every level, peak memory
<= 400 MB; and frame times that do not grow with the database (10k and 1M side by side).
"""

from __future__ import annotations

# A launch's child process runs this file before the app: it imports only what the app imports
# anyway (argparse, json, os, sys, time, pathlib) at the top; what the parent alone needs is
# imported where it is used, so that the launch measured is the app's, not the harness's.
import argparse
import importlib.machinery
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
LEVELS = (  # name, pixels per day
    ("decades", 0.02),
    ("years", 0.15),
    ("quarters", 0.5),
    ("months", 3.0),
    ("weeks", 10.0),
    ("days", 40.0),
)
GOALS = {"first_frame": 1.0, "p95_ms": 16.0, "rss_mb": 400.0}
SETTLE_S = 3.0  # idle time after the first frame, at most, before panning starts


def database(size: int, rebuild: bool) -> tuple[Path, float | None]:
    path = OUT / f"timeline-{size}.sqlite3"
    if path.exists() and not rebuild:
        return path, None
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import build

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build(path, size)
    return path, time.perf_counter() - started


def child_env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app runs from compiled bytecode
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # Fresh settings and data folders: no saved window state, the user's own files untouched.
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
    return env


def run_child(
    path: Path, args: argparse.Namespace, *extra: str, cache: str | None = None
) -> dict[str, Any]:
    """A fresh process running one of the child modes below; its JSON report, with
    ``first_frame``: the seconds from before the process started to its first painted frame.
    ``cache``: the user's cache folder, kept between launches (by default a new, empty one)."""
    import subprocess  # the parent's alone
    import tempfile

    command = [sys.executable, str(Path(__file__).resolve()), *extra, str(path)]
    command += ["--width", str(args.width), "--height", str(args.height)]
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as home:
        env = child_env(home)
        if cache is not None:
            env["XDG_CACHE_HOME"] = cache
        launched = time.time()
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{result.stderr}")
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    report["first_frame"] = float(report["first_frame_at"]) - launched
    for part in ("imports", "open", "load", "paint"):
        if f"{part}_at" in report:
            report[part] = float(report[f"{part}_at"]) - launched
    return report


def launch_app(
    path: Path, args: argparse.Namespace, cache: str | None = None, *, keep: bool = False
) -> dict[str, Any]:
    """One launch; with ``keep``, it runs on after its first frame until the timeline is kept
    for the next launch in ``cache`` (``core.timeline_cache``), as it is a moment after a start."""
    report = run_child(path, args, *(["--wait-kept"] if keep else []), "--child-app", cache=cache)
    # the phases, as durations: each ends where the next begins
    report["paint"] = report["first_frame"] - report["load"]
    report["load"] -= report["open"]
    report["open"] -= report["imports"]
    return report


def paint_view(path: Path, args: argparse.Namespace, grouping: str) -> dict[str, Any]:
    return run_child(path, args, "--grouping", grouping, "--frames", str(args.frames), "--child")


# -- the child process ---------------------------------------------------------------------------


def shows_events(view: Any) -> bool:
    """The view has painted a frame with events in it (marks, clusters or density bands)."""
    frame = view.last_frame()
    return frame is not None and bool(frame.items or frame.clusters or frame.bands)


class _AfterImport:  # a meta path finder (importlib.abc would cost the child 18 ms to import)
    """Calls ``hooks[name](module)`` once the module ``name`` is imported: the app's modules are
    patched for timing without being imported before the app itself imports them."""

    def __init__(self, hooks: dict[str, Callable[[Any], None]]) -> None:
        self.hooks = hooks

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        hook = self.hooks.pop(name, None)
        if hook is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        real_exec = loader.exec_module

        def exec_module(module: Any) -> None:
            real_exec(module)
            hook(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def app_child(args: argparse.Namespace) -> None:
    """``timeline-app --db FILE`` as a user starts it; the event loop is replaced by one that
    stops at the first painted frame of the timeline with events, and reports when it came.
    Nothing of the app is imported before it imports it itself (the order matters: the
    command line starts reading the timeline before it imports Qt and SQLAlchemy)."""
    import resource

    launched = time.time()
    marks: dict[str, float] = {}

    def patch_store(module: Any) -> None:
        store_class = module.Store
        real_open = store_class.open.__func__

        def timed_open(cls: type, *a: Any, **k: Any) -> Any:
            marks.setdefault("imports_at", time.time())
            try:
                return real_open(cls, *a, **k)
            finally:
                marks.setdefault("open_at", time.time())

        store_class.open = classmethod(timed_open)

    def run_until_first_frame(app: Any) -> int:
        marks["load_at"] = time.time()  # the window is built and shown: the loop starts
        from timeline_app.gui.main_window import MainWindow
        from timeline_app.gui.timeline.view import TimelineView

        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        assert windows, "no main window"
        view = windows[0].timeline
        window_size = windows[0].size()
        real_paint = TimelineView.paintEvent

        def timed_paint(self: TimelineView, event: Any) -> None:
            real_paint(self, event)
            if self is view and shows_events(view) and "first_frame_at" not in marks:
                marks["first_frame_at"] = time.time()  # the moment the frame is painted: what
                marks["cpu_main"] = time.thread_time()  # runs after it does not count
                marks["cpu_process"] = time.process_time()

        TimelineView.paintEvent = timed_paint  # type: ignore[method-assign]
        while "first_frame_at" not in marks:
            app.processEvents()
        scene = view.scene()
        report = {
            **marks,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "events": len(scene or []),
            "lanes": len(scene.lanes) if scene is not None else 0,
            "window": f"{window_size.width()}x{window_size.height()}",
        }
        if args.wait_kept:  # the timeline is kept for the next start once the view is idle
            from timeline_app.core import timeline_cache

            kept = timeline_cache.cache_file(Path(args.child_app))

            def written() -> bool:  # by this launch
                return kept.exists() and kept.stat().st_mtime >= launched

            until = time.time() + 60
            while not written() and time.time() < until:
                app.processEvents()
                time.sleep(0.001)
            report["kept"] = written()
        print(json.dumps(report))
        return 0

    def patch_qt(module: Any) -> None:
        module.QApplication.exec = run_until_first_frame

    sys.meta_path.insert(
        0,
        _AfterImport({"timeline_app.core.store": patch_store, "PySide6.QtWidgets": patch_qt}),
    )
    from timeline_app.cli import main as cli  # the command line's own imports

    raise SystemExit(cli.main(["--db", args.child_app]))


def child(args: argparse.Namespace) -> None:
    """The timeline view alone, at the given size: reading, first paint, then frame times."""
    import resource

    from PySide6.QtWidgets import QApplication

    from timeline_app.core.store import Store
    from timeline_app.core.timeline import LaneGrouping
    from timeline_app.gui.timeline.view import TimelineView

    app = QApplication([sys.argv[0]])
    imported = time.time()
    store = Store.open(args.child)
    opened = time.time()
    view = TimelineView(lang="en")
    view.resize(args.width, args.height)
    view.set_grouping(LaneGrouping(args.grouping))
    view.set_store(store)
    view.show()
    while not shows_events(view):
        app.processEvents()
    painted = time.time()
    scene = view.scene()
    report: dict[str, object] = {
        "first_frame_at": painted,
        "view_load": painted - opened,
        "view_open": opened - imported,
        "events": len(scene or []),
        "lanes": len(scene.lanes) if scene is not None else 0,
    }

    # A user looks at the first frame for a moment before panning: the view spends that idle
    # time reading the titles and packing the lanes ahead (at most SETTLE_S here; how long it
    # took is reported).
    def idle_work() -> bool:
        return scene is not None and (scene.index.titles_pending or scene.packing_pending)

    settle_end = time.time() + SETTLE_S
    while idle_work() and time.time() < settle_end:
        app.processEvents()
    report["titles_read_s"] = time.time() - painted
    report["titles_pending"] = idle_work()
    if args.frames:
        report["levels"] = frame_times(view, args.frames)
    report["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if scene is not None:
        report["index_mb"] = scene.index.nbytes() / 1e6
    print(json.dumps(report))


def frame_times(view: object, frames: int) -> dict[str, dict[str, object]]:
    import random
    import statistics

    from timeline_app.gui.timeline.view import TimelineView

    assert isinstance(view, TimelineView)
    scene = view.scene()
    assert scene is not None
    rng = random.Random(7)
    results: dict[str, dict[str, object]] = {}
    width = view.viewport().width()
    index = scene.index
    for name, ppd in LEVELS:
        times: list[float] = []
        cpu: list[float] = []
        drawn: list[int] = []
        layout = scene.layout(ppd)
        pans = max(frames * 3 // 4, 1)
        step = width * 0.25 / ppd
        for k in range(frames):
            if k % 10 == 0:  # from time to time, jump to a random event and its lane
                position = rng.randrange(len(index))
                lane = scene.lanes_of(position)[0]
                start = index.first[position] - width / 2 / ppd
                y = max(layout.lane_top(lane) - 100, 0)
            if k < pans:  # pan a quarter screen per frame, sometimes scroll down a row too
                state = {"grouping": view.grouping().value, "ppd": ppd, "start": start}
                state["y"] = y + (k % 5) * 24
                start += step
                view.restore_view_state(state)
            elif k % 2:  # then zoom in and out around the level
                view.zoom_in()
            else:
                view.zoom_out()
            began, began_cpu = time.perf_counter(), time.thread_time()
            view.viewport().repaint()
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.thread_time() - began_cpu) * 1000)
            frame = view.last_frame()
            if frame is not None:
                drawn.append(len(frame.items) + len(frame.clusters) + len(frame.bands))
        times.sort()
        cpu.sort()
        unit = view._renderer.axis.choose(ppd).scale
        results[name] = {
            "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
            "max_ms": times[-1],
            "cpu_median_ms": statistics.median(cpu),
            "cpu_p95_ms": cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))],
            "axis": f"{unit.unit.value} x{unit.step}",
            "marks": statistics.median(drawn) if drawn else 0,
        }
    return results


# -- the report ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--grouping",
        default="actor,none",
        help="lane groupings to pan and zoom in (actor, country, trip, kind, none); the first "
        "is also the one timed at launch",
    )
    parser.add_argument(
        "--frames", type=int, default=40, help="frames per zoom level (0: launches only)"
    )
    parser.add_argument(
        "--launches", type=int, default=3, help="launches timed per size (0: frame times only)"
    )
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the databases")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-app", help=argparse.SUPPRESS)
    parser.add_argument("--wait-kept", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_app:
        app_child(args)
        return
    if args.child:
        child(args)
        return
    import statistics  # the parent's alone (see the imports at the top)
    import tempfile

    sizes = [int(text.replace("_", "")) for text in args.sizes.split(",") if text.strip()]
    paths = {}
    for size in sizes:
        path, built = database(size, args.rebuild)
        paths[size] = path
        if built is not None:
            print(f"built {path.relative_to(ROOT)} in {built:.1f} s")
    groupings = [name.strip() for name in args.grouping.split(",") if name.strip()]
    painted_groupings = groupings if args.frames else []  # --frames 0: launches only
    if args.launches:
        launch_app(paths[min(sizes)], args)  # warm-up: compiled bytecode, disk cache
    reports: dict[int, dict[str, Any]] = {}
    for size in sizes:
        full: dict[str, Any] = {}
        with tempfile.TemporaryDirectory(prefix="timeline-bench-cache-") as cache:
            # Launches with nothing kept from the last run (the first one after the database
            # changed), the last of them keeping its timeline; then launches that take it.
            cold = [launch_app(paths[size], args) for _ in range(args.launches - 1)]
            if args.launches:
                cold.append(launch_app(paths[size], args, cache, keep=True))
                if not cold[-1].get("kept"):
                    raise SystemExit("the launch did not keep its timeline for the next one")
            launches = [launch_app(paths[size], args, cache) for _ in range(args.launches)]
        if cold:
            full["cold_first_frame"] = statistics.median(float(r["first_frame"]) for r in cold)
            full["cold_launches"] = [float(r["first_frame"]) for r in cold]
            full["cold_cpu_main"] = statistics.median(float(r["cpu_main"]) for r in cold)
        if launches:
            for part in ("first_frame", "imports", "open", "load", "paint", "cpu_main"):
                full[part] = statistics.median(float(r[part]) for r in launches)
            full["cpu_process"] = statistics.median(float(r["cpu_process"]) for r in launches)
            full["launches"] = [float(r["first_frame"]) for r in launches]
            full["app_rss_mb"] = max(float(r["rss_mb"]) for r in launches)
        full["by_grouping"] = {}
        full["rss_mb"] = 0.0
        for grouping in painted_groupings:
            painted = paint_view(paths[size], args, grouping)
            full["by_grouping"][grouping] = painted["levels"]
            full["rss_mb"] = max(full["rss_mb"], float(painted["rss_mb"]))
            if grouping == groupings[0]:
                for key in ("view_load", "lanes", "index_mb", "events", "titles_read_s"):
                    full[key] = painted[key]
                if painted["titles_pending"]:  # not all done by the time panning began
                    full["titles_read_s"] = f"> {painted['titles_read_s']:.2f}"
        reports[size] = full
    print_report(reports, args, painted_groupings)


def print_report(
    reports: dict[int, dict[str, Any]], args: argparse.Namespace, groupings: list[str]
) -> None:
    sizes = sorted(reports)
    print(
        "\nLaunch: `timeline-app --db FILE`, offscreen, fresh settings (lanes by actor); "
        f"frames: the timeline view alone, {args.width}x{args.height}"
    )
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
    header = f"{'':34}" + "".join(f"{size:>18,}" for size in sizes)
    print(header)
    rows = [
        ("launch to first frame (s)", "first_frame", "{:.2f}"),
        ("  (the timeline kept from the last run)", "", ""),
        ("  start, imports, QApplication", "imports", "{:.2f}"),
        ("  open the database", "open", "{:.2f}"),
        ("  main window, read and lay out", "load", "{:.2f}"),
        ("  to the first painted frame", "paint", "{:.2f}"),
        ("  fastest and slowest launch", "launches", "{}"),
        ("  CPU to it: main thread (s)", "cpu_main", "{:.2f}"),
        ("  CPU to it: all threads (s)", "cpu_process", "{:.2f}"),
        ("  peak memory at launch (MB)", "app_rss_mb", "{:.0f}"),
        ("first launch after a change (s)", "cold_first_frame", "{:.2f}"),
        ("  (nothing kept: the events are read)", "", ""),
        ("  fastest and slowest launch", "cold_launches", "{}"),
        ("  CPU to it: main thread (s)", "cold_cpu_main", "{:.2f}"),
        ("view alone: read to first frame", "view_load", "{:.2f}"),
        ("  then titles, lanes ahead, idle (s)", "titles_read_s", "{:.2f}"),
        ("lanes", "lanes", "{:,}"),
        ("index (MB)", "index_mb", "{:.1f}"),
        ("peak memory, RSS (MB)", "rss_mb", "{:.0f}"),
    ]
    for label, key, form in rows:
        if not key:
            print(label)
            continue
        cells = []
        for size in sizes:
            value = reports[size].get(key, 0)
            if isinstance(value, list):
                cells.append(f"{min(value):.2f} - {max(value):.2f}")
            elif isinstance(value, str):
                cells.append(value)
            else:
                cells.append(form.format(value))
        print(f"{label:34}" + "".join(f"{cell:>18}" for cell in cells))
    for grouping in groupings:
        for title, median, p95 in (
            ("wall clock", "median_ms", "p95_ms"),
            ("CPU of the painting thread", "cpu_median_ms", "cpu_p95_ms"),
        ):
            print(
                f"\nframe time by {grouping}, {title}: median / p95 in ms (marks drawn), "
                "panning and zooming"
            )
            for name, _ in LEVELS:
                cells = []
                for size in sizes:
                    level = reports[size]["by_grouping"][grouping][name]
                    cells.append(f"{level[median]:.1f} / {level[p95]:.1f} ({level['marks']:.0f})")
                axis = reports[sizes[0]]["by_grouping"][grouping][name]["axis"]
                print(f"  {name:9} {axis:19}" + "".join(f"{cell:>18}" for cell in cells))
    if 100_000 in reports:
        report = reports[100_000]
        levels = [
            level for by_level in report["by_grouping"].values() for level in by_level.values()
        ]
        worst = max((level["p95_ms"] for level in levels), default=float("nan"))
        worst_cpu = max((level["cpu_p95_ms"] for level in levels), default=float("nan"))
        print(
            "\ngoals at 100,000: first frame {:.2f} s (<= {}; {:.2f} s after a change), worst "
            "p95 {:.1f} ms wall, {:.1f} ms CPU (<= {}), peak memory {:.0f} MB (<= {})".format(
                report.get("first_frame", float("nan")),
                GOALS["first_frame"],
                report.get("cold_first_frame", float("nan")),
                worst,
                worst_cpu,
                GOALS["p95_ms"],
                report["rss_mb"],
                GOALS["rss_mb"],
            )
        )


if __name__ == "__main__":
    main()
