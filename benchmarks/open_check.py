"""What checking a database for damage costs at open: quick_check against integrity_check.

    uv run python benchmarks/open_check.py [EVENTS ...]    (default: 1000 10000 100000)

For each size it builds a database (the seed timeline, its events and their links copied until
there are EVENTS events, each with one history entry as an edit leaves), then prints the file
size and the median time of: ``PRAGMA quick_check``, ``PRAGMA integrity_check``, and the whole
``Store.open`` (which runs quick_check). Files are built in a temporary folder and removed.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from timeline_app.core.seed import load_seed
from timeline_app.core.store import Store

LINKED = ("event_place", "event_source", "event_tag", "participation")
REPEAT = 5


def build(path: Path, events: int) -> None:
    with Store.open(path) as store:
        load_seed(store)
        first = store.list_events()[0].id
        data = store.get_event(first).to_data()
        store.update_event(first, replace(data, summary=data.summary + " (edited)"))
    with closing(sqlite3.connect(path)) as connection:
        history = connection.execute(
            "SELECT before, after FROM event_change WHERE action = 'update'"
        ).fetchone()
        connection.execute("DELETE FROM event_change")
        while (count := connection.execute("SELECT count(*) FROM event").fetchone()[0]) < events:
            offset = connection.execute("SELECT max(id) FROM event").fetchone()[0]
            take = min(count, events - count)
            columns = [row[1] for row in connection.execute("PRAGMA table_info(event)")]
            others = ", ".join(c for c in columns if c != "id")
            connection.execute(
                f"INSERT INTO event (id, {others}) SELECT id + ?, {others} FROM event "
                "ORDER BY id LIMIT ?",
                (offset, take),
            )
            last = offset + take
            for table in LINKED:
                names = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
                kept = [n for n in names if n not in ("id", "event_id")]
                connection.execute(
                    f"INSERT INTO {table} (event_id, {', '.join(kept)}) "
                    f"SELECT event_id + ?, {', '.join(kept)} FROM {table} "
                    "WHERE event_id + ? > ? AND event_id + ? <= ?",
                    (offset, offset, offset, offset, last),
                )
        connection.execute(
            "INSERT INTO event_change (at, event_id, action, before, after) "
            "SELECT '2024-01-01 00:00:00', id, 'update', ?, ? FROM event",
            history,
        )
        connection.commit()
        connection.execute("VACUUM")


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pragma(path: Path, name: str) -> Callable[[], object]:
    def run() -> object:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute(f"PRAGMA {name}").fetchall()
        assert result == [("ok",)], result
        return result

    return run


def profile_open(events: int) -> None:
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        build(path, events)
        Store.open(path).close()
        cProfile.runctx("Store.open(path).close()", globals(), {"path": path}, "/tmp/open.prof")
        pstats.Stats("/tmp/open.prof").sort_stats("cumulative").print_stats(15)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000, 100000]
    print(f"{'events':>8} {'file MB':>8} {'quick_check':>12} {'integrity':>12} {'Store.open':>11}")
    for events in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.sqlite3"
            build(path, events)
            megabytes = path.stat().st_size / 1e6
            quick = median_seconds(pragma(path, "quick_check"))
            full = median_seconds(pragma(path, "integrity_check"))
            opening = median_seconds(lambda p=path: Store.open(p).close())
            print(
                f"{events:>8} {megabytes:>8.1f} {quick * 1000:>10.0f}ms {full * 1000:>10.0f}ms"
                f" {opening * 1000:>9.0f}ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
