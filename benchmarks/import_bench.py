"""How fast imports run, and how much memory they take.

    uv run python benchmarks/import_bench.py [--sizes 10000 100000] [--formats historian csv]

For each size and format it writes a file of that many records (Office of the Historian-like
``<trips>`` XML, or CSV with participants, places and tags), then imports it into a new
database in a fresh Python process, and prints the time the import took and the process's peak
memory above what it held before the import began. Goals: 10,000 records in under 5 s,
100,000 in under 30 s, with memory that stays flat as the file grows.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

GOALS = {10_000: 5.0, 100_000: 30.0}
COUNTRIES = [
    ("france", "France"),
    ("germany", "Germany"),
    ("united-kingdom", "United Kingdom"),
    ("japan", "Japan"),
    ("china", "China"),
    ("india", "India"),
    ("brazil", "Brazil"),
    ("kazakhstan", "Kazakhstan"),
    ("uzbekistan", "Uzbekistan"),
    ("egypt", "Egypt"),
    ("kenya", "Kenya"),
    ("mexico", "Mexico"),
    ("canada", "Canada"),
    ("australia", "Australia"),
    ("holy-see", "Vatican City"),
    ("korea-south", "Korea, South"),
    ("germany-federal-republic", "Germany, Federal Republic of"),
    ("russia", "Russia"),
    ("turkey", "Turkey"),
    ("south-africa", "South Africa"),
]
CITIES = ["Capital", "Harbour City", "Old Town", "Summit Hall", "Northport", "Riverside"]
REMARKS = [
    "Met with senior officials.",
    "State visit.",
    "Attended the Summit of the Americas.",
    "Participated in a Ministerial meeting.",
    "Official visit; addressed the parliament.",
    "Private visit.",
]
KINDS = ["state_visit", "official_visit", "working_visit", "ministerial_meeting", "other"]
TAGS = ["Central Asia", "G20", "NATO", "energy", "trade", "security", "climate"]


def _people(count: int) -> list[str]:
    first = ["Anna", "Boris", "Chen", "Dana", "Emre", "Fatima", "Gustav", "Hana", "Ivo", "Jana"]
    last = ["Lindqvist", "Moreau", "Okafor", "Petrov", "Quispe", "Rahman", "Sato", "Tanaka"]
    return [
        f"{first[i % len(first)]} {last[(i // len(first)) % len(last)]} {i}" for i in range(count)
    ]


def write_historian(path: Path, count: int) -> None:
    rng = random.Random(6)
    travellers = [(f"traveller-{i}", name) for i, name in enumerate(_people(60))]
    day = {who: date(1950, 1, 1) + timedelta(days=rng.randrange(0, 300)) for who, _ in travellers}
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<trips>\n')
        for record in range(1, count + 1):
            who, name = travellers[rng.randrange(len(travellers))]
            start = day[who] + timedelta(days=rng.choice((0, 1, 1, 2, 30)))
            end = start + timedelta(days=rng.randrange(0, 4))
            day[who] = end
            key, label = COUNTRIES[rng.randrange(len(COUNTRIES))]
            locale = ", ".join(rng.sample(CITIES, rng.randrange(0, 3)))
            role = "president" if record % 5 == 0 else "secretary"
            out.write(
                f"    <trip role={quoteattr(role)} who={quoteattr(who)}>\n"
                f"        <id>{record}</id>\n        <role>{role}</role>\n"
                f"        <name>{escape(name)}</name>\n"
                f"        <start-date>{start.isoformat()}</start-date>\n"
                f"        <end-date>{end.isoformat()}</end-date>\n"
                f"        <country id={quoteattr(key)}>{escape(label)}</country>\n"
                f"        <locale>{escape(locale)}</locale>\n"
                f"        <remarks>{escape(rng.choice(REMARKS))}</remarks>\n"
                "        <created-by>bench</created-by>\n"
                "        <created-datetime>2010-02-27T14:35:48-04:00</created-datetime>\n"
                "        <last-modified-by>bench</last-modified-by>\n"
                "        <last-modified-datetime/>\n    </trip>\n"
            )
        out.write("</trips>\n")


def write_csv(path: Path, count: int) -> None:
    rng = random.Random(6)
    people = _people(300)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["id", "title", "kind", "status", "start", "end", "places", "participants", "tags"]
        )
        for record in range(1, count + 1):
            start = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 27000))
            end = start + timedelta(days=rng.randrange(0, 4))
            visitor, host = rng.sample(people, 2)
            places = "; ".join(
                f"{rng.choice(CITIES)}, {rng.choice(COUNTRIES)[1]}"
                for _ in range(rng.randrange(1, 3))
            )
            writer.writerow(
                [
                    record,
                    f"{visitor} meets {host}",
                    rng.choice(KINDS),
                    "completed",
                    start.isoformat(),
                    end.isoformat() if end != start else "",
                    places,
                    f"{visitor} (visitor); {host} (host)",
                    "; ".join(rng.sample(TAGS, rng.randrange(0, 3))),
                ]
            )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(fmt: str, source: Path, database: Path) -> dict[str, float]:
    """In this process: import ``source`` into a new database; time and peak memory."""
    from timeline_app.core.io.formats import Format
    from timeline_app.core.io.importing import import_paths
    from timeline_app.core.store import Store

    with Store.open(database) as store:
        store.count_events()  # everything loaded and warm before measuring
        before = _rss_mb()
        started = time.perf_counter()
        cpu_started = time.process_time()
        summary = import_paths(store, [source], fmt=Format(fmt))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = _rss_mb()
        events = store.count_events()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        "growth_mb": peak - before,
        "events": events,
        "added": summary.added.get("events", 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", choices=("historian", "csv"), default=None)
    parser.add_argument(
        "--child", nargs=3, metavar=("FORMAT", "SOURCE", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        fmt, source, database = args.child
        print(json.dumps(run_one(fmt, Path(source), Path(database))))
        return 0
    formats = args.formats or ["historian", "csv"]
    failed = False
    print(
        f"{'format':<10} {'records':>8} {'file MB':>8} {'import s':>9} {'CPU s':>6} "
        f"{'goal s':>7} {'peak MB':>8} {'growth MB':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for fmt in formats:
                source = Path(folder) / f"records-{size}.{'xml' if fmt == 'historian' else 'csv'}"
                (write_historian if fmt == "historian" else write_csv)(source, size)
                database = Path(folder) / f"bench-{fmt}-{size}.sqlite3"
                result = subprocess.run(
                    [sys.executable, __file__, "--child", fmt, str(source), str(database)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if result.returncode != 0:
                    print(result.stderr, file=sys.stderr)
                    return 1
                figures = json.loads(result.stdout)
                goal = GOALS.get(size)
                late = goal is not None and figures["seconds"] > goal
                failed |= late or figures["added"] != size
                print(
                    f"{fmt:<10} {size:>8} {source.stat().st_size / 1e6:>8.1f} "
                    f"{figures['seconds']:>9.2f} {figures['cpu']:>6.2f} {goal or '':>7} "
                    f"{figures['peak_mb']:>8.0f} "
                    f"{figures['growth_mb']:>10.0f}{'  SLOW' if late else ''}"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
