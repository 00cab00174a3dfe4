"""Every benchmark with its defaults (`make bench`): the registration rush on SQLite and
PostgreSQL with its baseline, then the event page, then the back-office at 10,000
registrations (pages and 1,000 badges), the demo programme's timetable on SQLite and
PostgreSQL, recommendations and peer matching (1,000 cities, 10,000 practices), and the
library's search (10,000 practices). Prints the machine, every figure and a PASS/MISS
line per target.

It measures and never asserts: it exits 0 when a target is missed, and 1 only when a
benchmark could not run at all. A PostgreSQL that does not answer is reported and skipped.
Every server, temporary folder and database it makes is removed on the way out.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime

import appserver
import backoffice
import event_page
import loadgen
import practice_search
import recommendations
import rush
import timetable

QUIET = 0.10  # share of the cores other processes may use before the figures are doubted


def _first_line(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10,
                              check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def _cpu_model() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory() -> str:
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    return f"{kib / 1024 / 1024:.1f} GiB"


def _postgres_version() -> str:
    if appserver.postgres_reachable() is not None:
        return "unreachable"
    with appserver.connect_postgres(appserver.PG_SERVER + "/postgres") as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def machine() -> str:
    import django
    import gunicorn

    return "\n".join([
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"cores (nproc): {os.cpu_count()}; CPU: {_cpu_model()}; memory: {_memory()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__} (sync workers), SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {_postgres_version()}",
        f"kernel: {_first_line(['uname', '-sr'])}",
    ])


def background_load(seconds: float = 2) -> float:
    """Share of all cores busy while nothing of ours runs: other people's work."""
    busy0, total0 = loadgen.cpu_ticks()
    time.sleep(seconds)
    busy1, total1 = loadgen.cpu_ticks()
    return (busy1 - busy0) / max(total1 - total0, 1)


def say_background_load() -> None:
    load = background_load()
    note = "" if load <= QUIET else (
        "  *** the machine is not quiet: other processes compete for the cores, "
        "so these figures understate the server ***")
    print(f"background load before this run: {load:.0%} of all cores{note}", flush=True)


def _timetable_postgres():
    reason = appserver.postgres_reachable()
    if reason is not None:
        print(f"PostgreSQL is unreachable ({reason}): timetable not measured there.\n")
        return []
    return timetable.run(db="postgres")


def main() -> int:
    print(machine() + "\n", flush=True)
    targets: list[tuple[str, str, bool]] = []
    failed = []
    for name, bench in (("rush", rush.run), ("event page", event_page.run),
                        ("back-office", backoffice.run),
                        ("timetable", timetable.run),
                        ("timetable on PostgreSQL", _timetable_postgres),
                        ("recommendations", recommendations.run),
                        ("practice search", practice_search.run)):
        say_background_load()
        try:
            result = bench()
        except Exception:
            traceback.print_exc()
            print(f"*** the {name} benchmark could not run (see above) ***\n", flush=True)
            failed.append(name)
            continue
        for item in result if isinstance(result, list) else [result]:
            targets += item.targets()
    print("== Summary ==")
    print(rush.format_targets(targets))
    missed = sum(1 for _, _, passed in targets if not passed)
    print(f"{len(targets) - missed} of {len(targets)} targets met"
          + (f"; could not run: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
