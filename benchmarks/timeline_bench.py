"""Timeline view benchmark: launch to first frame, frame times at every zoom, peak memory.

    uv run python benchmarks/timeline_bench.py [--sizes 10000,100000,1000000]

Builds (once, cached in benchmarks/out/) synthetic databases of each size, then for each:
- starts fresh processes that open the database and paint the timeline view offscreen, and
  reports the time from launch to the first painted frame (median of --launches runs);
- in one of them, paints frames while panning and zooming at each zoom level (decades, years,
  quarters, months, weeks, days) and reports the median and 95th percentile frame time;
- reports the peak resident memory of that process.
Goals at 100,000 events: first frame <= 1.0 s, p95 frame <= 16 ms at every level, peak memory
<= 400 MB; and frame times that do not grow with the database (10k and 1M side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app runs from compiled bytecode
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_child(
    path: Path, args: argparse.Namespace, frames: bool, grouping: str
) -> dict[str, object]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        str(path),
        "--grouping",
        grouping,
        "--width",
        str(args.width),
        "--height",
        str(args.height),
        "--frames",
        str(args.frames if frames else 0),
    ]
    launched = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{result.stderr}")
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    report["first_frame"] = float(report["first_frame_at"]) - launched  # type: ignore[arg-type]
    return report


# -- the child process ---------------------------------------------------------------------------


def child(args: argparse.Namespace) -> None:
    import resource

    started = time.time()
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
    loaded = time.time()
    view.show()
    while view.frames_painted == 0:
        app.processEvents()
    painted = time.time()
    report: dict[str, object] = {
        "first_frame_at": painted,
        "imports": imported - started,
        "open": opened - imported,
        "load": loaded - opened,
        "paint": painted - loaded,
        "events": len(view.scene() or []),
        "lanes": len((view.scene() or None).lanes) if view.scene() else 0,  # type: ignore[union-attr]
    }
    if args.frames:
        report["levels"] = frame_times(view, args.frames)
    report["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if view.scene() is not None:
        report["index_mb"] = view.scene().index.nbytes() / 1e6  # type: ignore[union-attr]
    print(json.dumps(report))


def frame_times(view: object, frames: int) -> dict[str, dict[str, object]]:
    import random

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
    parser.add_argument("--frames", type=int, default=40, help="frames per zoom level")
    parser.add_argument("--launches", type=int, default=3, help="launches timed per size")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the databases")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    sizes = [int(text.replace("_", "")) for text in args.sizes.split(",") if text.strip()]
    paths = {}
    for size in sizes:
        path, built = database(size, args.rebuild)
        paths[size] = path
        if built is not None:
            print(f"built {path.relative_to(ROOT)} in {built:.1f} s")
    groupings = [name.strip() for name in args.grouping.split(",") if name.strip()]
    first = groupings[0]
    run_child(paths[min(sizes)], args, False, first)  # warm-up: compiled bytecode, disk cache
    reports: dict[int, dict[str, object]] = {}
    for size in sizes:
        launches = [run_child(paths[size], args, False, first) for _ in range(args.launches - 1)]
        full = run_child(paths[size], args, True, first)
        launches.append(full)
        full["first_frame"] = statistics.median(float(r["first_frame"]) for r in launches)  # type: ignore[arg-type]
        for part in ("imports", "open", "load", "paint"):
            full[part] = statistics.median(float(r[part]) for r in launches)  # type: ignore[arg-type]
        full["by_grouping"] = {first: full["levels"]}
        for grouping in groupings[1:]:
            other = run_child(paths[size], args, True, grouping)
            full["by_grouping"][grouping] = other["levels"]  # type: ignore[index]
            full["rss_mb"] = max(float(full["rss_mb"]), float(other["rss_mb"]))  # type: ignore[arg-type]
        reports[size] = full
    print_report(reports, args, groupings)


def print_report(
    reports: dict[int, dict[str, object]], args: argparse.Namespace, groupings: list[str]
) -> None:
    sizes = sorted(reports)
    print(
        f"\nTimeline view, {args.width}x{args.height} offscreen; launch grouped by {groupings[0]}"
    )
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)\n")
    header = f"{'':28}" + "".join(f"{size:>18,}" for size in sizes)
    print(header)
    rows = [
        ("launch to first frame (s)", "first_frame", "{:.2f}"),
        ("  imports + QApplication", "imports", "{:.2f}"),
        ("  open the database", "open", "{:.2f}"),
        ("  read and lay out events", "load", "{:.2f}"),
        ("  first paint", "paint", "{:.2f}"),
        ("lanes", "lanes", "{:,}"),
        ("index (MB)", "index_mb", "{:.1f}"),
        ("peak memory, RSS (MB)", "rss_mb", "{:.0f}"),
    ]
    for label, key, form in rows:
        print(f"{label:28}" + "".join(f"{form.format(reports[s].get(key, 0)):>18}" for s in sizes))
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
                    level = reports[size]["by_grouping"][grouping][name]  # type: ignore[index]
                    cells.append(f"{level[median]:.1f} / {level[p95]:.1f} ({level['marks']:.0f})")
                axis = reports[sizes[0]]["by_grouping"][grouping][name]["axis"]  # type: ignore[index]
                print(f"  {name:9} {axis:13}" + "".join(f"{cell:>18}" for cell in cells))
    if 100_000 in reports:
        report = reports[100_000]
        levels = [
            level
            for by_level in report["by_grouping"].values()  # type: ignore[attr-defined]
            for level in by_level.values()
        ]
        worst = max(level["p95_ms"] for level in levels)
        worst_cpu = max(level["cpu_p95_ms"] for level in levels)
        print(
            "\ngoals at 100,000: first frame {:.2f} s (<= {}), worst p95 {:.1f} ms wall, "
            "{:.1f} ms CPU (<= {}), peak memory {:.0f} MB (<= {})".format(
                report["first_frame"],
                GOALS["first_frame"],
                worst,
                worst_cpu,
                GOALS["p95_ms"],
                report["rss_mb"],
                GOALS["rss_mb"],
            )
        )


if __name__ == "__main__":
    main()
