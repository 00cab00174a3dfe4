"""The timetable page of the demo programme: its weight and its server-side render time.

Usage: ``python bench/timetable.py [--requests 200] [--db sqlite|postgres] [--workers 1]``

It starts the site as `make run` does (gunicorn, production settings) with the demo
exchange and its three-day programme loaded, then for each day's timetable page:

* weighs what a browser receives (``Accept-Encoding: gzip, br``): the HTML, the
  stylesheet and the one small script, headers included — target under 50 KB;
* times N sequential GETs over one kept-alive connection (no concurrency, so the time is
  the server's work for one request plus the loopback round trip) — target: median and
  95th percentile under 50 ms.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import time
from dataclasses import dataclass

import appserver
import rush
from event_page import BROWSER_ENCODINGS, Fetched, fetch

PATHS = [f"/events/durban-2014/programme/?day=2014-12-0{day}" for day in (3, 4, 5)]
MAX_BYTES = 50 * 1024
MAX_MS = 50.0


@dataclass
class PageFigures:
    path: str
    page: Fetched
    assets: list[tuple[str, Fetched]]
    sessions: int
    times_ms: list[float]

    @property
    def total(self) -> int:
        return self.page.transferred + sum(asset.transferred for _, asset in self.assets)

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.times_ms, n=20)[-1]


@dataclass
class TimetableResult:
    db: str
    workers: int
    pages: list[PageFigures]

    def targets(self) -> list[tuple[str, str, bool]]:
        heaviest = max(page.total for page in self.pages)
        slowest_median = max(page.median for page in self.pages)
        slowest_p95 = max(page.p95 for page in self.pages)
        label = appserver.DB_LABELS[self.db]
        return [
            (f"timetable + CSS + JS < 50 KB ({label})", f"{heaviest / 1024:.1f} KB",
             heaviest < MAX_BYTES),
            (f"timetable render median < 50 ms ({label})", f"{slowest_median:.1f} ms",
             slowest_median < MAX_MS),
            (f"timetable render p95 < 50 ms ({label})", f"{slowest_p95:.1f} ms",
             slowest_p95 < MAX_MS),
        ]


def time_requests(port: int, path: str, requests: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times = []
    try:
        for _ in range(requests):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": BROWSER_ENCODINGS})
            response = conn.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
    finally:
        conn.close()
    return times


def measure(port: int, path: str, requests: int) -> PageFigures:
    plain = fetch(port, path).body.decode()
    page = fetch(port, path, BROWSER_ENCODINGS)
    assets = [(href, fetch(port, href, BROWSER_ENCODINGS)) for href in re.findall(
        r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', plain)]
    time_requests(port, path, 20)  # warm the worker
    return PageFigures(path, page, assets, plain.count('<li class="session'),
                       time_requests(port, path, requests))


def run(*, db: str = "sqlite", requests: int = 200, workers: int = 1) -> TimetableResult:
    with appserver.running_server(db=db, workers=workers, demo=True,
                                  settings_module="safecities.settings") as server:
        pages = [measure(server.port, path, requests) for path in PATHS]
    result = TimetableResult(db, workers, pages)
    print(report(result) + "\n", flush=True)
    return result


def report(result: TimetableResult) -> str:
    lines = [f"== Timetable of the demo programme on {appserver.DB_LABELS[result.db]}, "
             f"{result.workers} gunicorn worker(s), sequential requests =="]
    for page in result.pages:
        lines.append(f"{page.path}: {page.sessions} sessions")
        lines.append(f"  page {page.page.body_bytes} B body "
                     f"({page.page.encoding or 'uncompressed'}) + {page.page.head_bytes} B "
                     f"headers")
        for href, asset in page.assets:
            lines.append(f"  {href}: {asset.transferred} B "
                         f"({asset.encoding or 'uncompressed'}, headers included)")
        lines.append(f"  total {page.total} B ({page.total / 1024:.1f} KB); "
                     f"{len(page.times_ms)} GETs: median {page.median:.1f} ms, "
                     f"p95 {page.p95:.1f} ms, max {max(page.times_ms):.1f} ms")
    lines += ["targets:", rush.format_targets(result.targets())]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.db == "postgres" and (reason := appserver.postgres_reachable()) is not None:
        parser.exit(0, f"PostgreSQL is unreachable ({reason}): nothing measured.\n")
    run(db=args.db, requests=args.requests, workers=args.workers)
