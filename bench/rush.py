"""The registration rush: N registrations at concurrency C at one event of capacity 300.

Usage: ``python bench/rush.py [-n 2000] [--concurrency 100] [--db sqlite|postgres|both]
[--workers 5] [--mail-worker]``

For each database it starts the site as `make run` does (gunicorn, production settings,
plus the bench-only baseline view from ``bench/benchsite``), fires N registrations with
distinct emails at ``POST /api/events/rush/registrations/``, checks that capacity held
(through the API and directly in the database), then fires N requests at the baseline
view (one insert in one transaction) on the same server and database, and prints the
rates, the latencies and the targets. It measures; it never fails on a missed target.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from dataclasses import dataclass

import appserver
import loadgen

CAPACITY = 300
WARMUP = 100  # requests of each kind sent before measuring, to a separate event
REGISTRATIONS_PER_SECOND = 400
P99_MS = 250
RATIO = 0.5


@dataclass
class CapacityCheck:
    api_confirmed: int
    api_waitlisted: int
    rows: int
    confirmed_rows: int
    last_confirmed_id: int | None
    first_waiting_id: int | None
    answered_confirmed: int  # 2xx answers that said "confirmed"
    created: int  # 201 answers
    expected: int

    @property
    def order_kept(self) -> bool:
        return (self.first_waiting_id is None or self.last_confirmed_id is None
                or self.last_confirmed_id < self.first_waiting_id)

    @property
    def held(self) -> bool:
        waiting = self.expected - CAPACITY
        return (self.api_confirmed == CAPACITY and self.api_waitlisted == waiting
                and self.confirmed_rows == CAPACITY and self.rows == self.expected
                and self.created == self.expected and self.answered_confirmed == CAPACITY
                and self.order_kept)

    def lines(self) -> list[str]:
        return [
            f"API: confirmed {self.api_confirmed} (want {CAPACITY}), waitlisted "
            f"{self.api_waitlisted} (want {self.expected - CAPACITY})",
            f"database: {self.rows} rows (want {self.expected}), {self.confirmed_rows} "
            f"confirmed; last confirmed id {self.last_confirmed_id} < first waiting id "
            f"{self.first_waiting_id}: {'yes' if self.order_kept else 'NO'}",
            f"answers: {self.created} × 201 (want {self.expected}), "
            f"{self.answered_confirmed} said confirmed (want {CAPACITY})",
        ]


@dataclass
class RushResult:
    db: str
    n: int
    concurrency: int
    workers: int
    registrations: loadgen.LoadRun
    baseline: loadgen.LoadRun
    capacity: CapacityCheck
    mail_worker: bool = False
    ratelimit: str = "off"

    @property
    def ratio(self) -> float:
        return self.registrations.rate / self.baseline.rate if self.baseline.rate else 0.0

    def targets(self) -> list[tuple[str, str, bool]]:
        label = appserver.DB_LABELS[self.db]
        reg = self.registrations
        return [
            (f"{label}: registrations/s ≥ {REGISTRATIONS_PER_SECOND}", f"{reg.rate:.0f}/s",
             reg.rate >= REGISTRATIONS_PER_SECOND),
            (f"{label}: p99 < {P99_MS} ms at C={self.concurrency}",
             f"{reg.percentile_ms(99):.0f} ms", reg.percentile_ms(99) < P99_MS),
            (f"{label}: registration/baseline ≥ {RATIO}", f"{self.ratio:.2f}",
             self.ratio >= RATIO),
            (f"{label}: capacity held", "yes" if self.capacity.held else "NO",
             self.capacity.held),
        ]


def registration_body(i: int, prefix: str) -> bytes:
    return json.dumps({
        "name": f"Participant {i}",
        "email": f"{prefix}{i:05d}@bench.example.org",
        "organisation": "City of Durban",
        "position": "Community safety officer",
        "city": "Durban",
        "country": "South Africa",
        "consent": True,
    }).encode()


def posts(port: int, path: str, n: int, prefix: str) -> list[bytes]:
    headers = {"Content-Type": "application/json"}
    return [loadgen.encode("POST", path, port, body=registration_body(i, prefix),
                           headers=headers) for i in range(n)]


def _rows_sqlite(database_url: str) -> list[tuple[int, str]]:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT r.id, r.status FROM registration_registration r "
            "JOIN events_event e ON e.id = r.event_id WHERE e.slug = 'rush'").fetchall()


def _rows_postgres(database_url: str) -> list[tuple[int, str]]:
    with appserver.connect_postgres(database_url) as conn:
        return conn.execute(
            "SELECT r.id, r.status FROM registration_registration r "
            "JOIN events_event e ON e.id = r.event_id WHERE e.slug = 'rush'").fetchall()


def check_capacity(server: appserver.Server, run: loadgen.LoadRun, n: int) -> CapacityCheck:
    event = server.get_json("/api/events/rush/")
    rows = (_rows_sqlite if server.db == "sqlite" else _rows_postgres)(server.database_url)
    confirmed = [i for i, status in rows if status == "confirmed"]
    waiting = [i for i, status in rows if status == "waitlisted"]
    return CapacityCheck(
        api_confirmed=event["confirmed"],
        api_waitlisted=event["waitlisted"],
        rows=len(rows),
        confirmed_rows=len(confirmed),
        last_confirmed_id=max(confirmed, default=None),
        first_waiting_id=min(waiting, default=None),
        answered_confirmed=sum(1 for r in run.responses
                               if r.status in (200, 201) and b'"status": "confirmed"' in r.body),
        created=sum(1 for r in run.responses if r.status == 201),
        expected=n,
    )


def run_one(db: str, *, n: int, concurrency: int, workers: int,
            mail_worker: bool = False, ratelimit: str = "off") -> RushResult:
    # With a rate (e.g. "1000000/m": counted, never refused) every registration also
    # counts in the shared rate-limit counters, as in production.
    with appserver.running_server(db=db, workers=workers, mail_worker=mail_worker,
                                  events={"rush": CAPACITY, "warmup": 100_000},
                                  extra_env={"RATELIMIT_REGISTRATIONS": ratelimit}) as server:
        # Warm every worker's imports, connections and caches on another event.
        loadgen.fire(server.port, posts(server.port, "/api/events/warmup/registrations/",
                                        WARMUP, "warm"), concurrency=10)
        loadgen.fire(server.port, posts(server.port, "/bench/baseline/", WARMUP, "warm"),
                     concurrency=10)
        registrations = loadgen.fire(
            server.port, posts(server.port, "/api/events/rush/registrations/", n, "p"),
            concurrency=concurrency, server_cpu=server.cpu_seconds)
        capacity = check_capacity(server, registrations, n)
        baseline = loadgen.fire(server.port, posts(server.port, "/bench/baseline/", n, "b"),
                                concurrency=concurrency, server_cpu=server.cpu_seconds)
    return RushResult(db, n, concurrency, workers, registrations, baseline, capacity,
                      mail_worker, ratelimit)


def format_targets(targets: list[tuple[str, str, bool]]) -> str:
    return "\n".join(f"  {'PASS' if passed else 'MISS'}  {name:<46}{value:>10}"
                     for name, value, passed in targets)


def report(result: RushResult) -> str:
    label = appserver.DB_LABELS[result.db]
    lines = [
        f"== Registration rush on {label}: N={result.n}, C={result.concurrency}, "
        f"capacity {CAPACITY}, {result.workers} gunicorn workers"
        f"{' + the mail worker' if result.mail_worker else ''}"
        f"{', rate limit ' + result.ratelimit if result.ratelimit != 'off' else ''} ==",
        result.registrations.describe("registrations"),
        result.baseline.describe("baseline"),
        f"ratio registration/baseline: {result.ratio:.2f}",
        "capacity held: " + ("yes" if result.capacity.held else "NO"),
        *("  " + line for line in result.capacity.lines()),
        "targets:",
        format_targets(result.targets()),
    ]
    return "\n".join(lines)


def databases(choice: str) -> list[str]:
    wanted = ["sqlite", "postgres"] if choice == "both" else [choice]
    if "postgres" in wanted:
        reason = appserver.postgres_reachable()
        if reason is not None:
            print(f"*** PostgreSQL at {appserver.PG_SERVER} is unreachable ({reason}): "
                  "the PostgreSQL rush was NOT run. ***", flush=True)
            wanted.remove("postgres")
    return wanted


def run(*, db: str = "both", n: int = 2000, concurrency: int = 100,
        workers: int = appserver.DEFAULT_WORKERS, mail_worker: bool = False,
        ratelimit: str = "off") -> list[RushResult]:
    results = []
    for name in databases(db):
        result = run_one(name, n=n, concurrency=concurrency, workers=workers,
                         mail_worker=mail_worker, ratelimit=ratelimit)
        print(report(result) + "\n", flush=True)
        results.append(result)
    return results


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--n", type=int, default=2000, help="registrations to send (> 300)")
    parser.add_argument("--concurrency", "-c", type=int, default=100)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--workers", type=int, default=appserver.DEFAULT_WORKERS,
                        help="gunicorn workers (default 2 × cores + 1, as make run)")
    parser.add_argument("--mail-worker", action="store_true",
                        help="run the mail worker beside gunicorn, as make run does")
    parser.add_argument("--ratelimit", default="off",
                        help="RATELIMIT_REGISTRATIONS for the server, e.g. 1000000/m to count "
                             "every registration in the shared counters without refusing")
    args = parser.parse_args()
    if args.n <= CAPACITY:
        parser.error(f"--n must exceed the capacity ({CAPACITY}) to fill the waiting list")
    return args


if __name__ == "__main__":
    args = arguments()
    run(db=args.db, n=args.n, concurrency=args.concurrency, workers=args.workers,
        mail_worker=args.mail_worker, ratelimit=args.ratelimit)
