"""The event page under load, its weight, and how stale its places-left figure gets.

Usage: ``python bench/event_page.py [--requests 5000] [--seconds 30] [--concurrency 50]
[--db sqlite|postgres] [--workers 5]``

It starts the site as `make run` does (gunicorn, production settings), fires GET
/events/rush/ at concurrency C, then fetches the page once more and its stylesheet the way
a browser would (``Accept-Encoding: gzip, br``) to weigh what is transferred, and finally
registers one person and polls the page to see how long the old places-left figure is
still served (the page is cached for EVENT_PAGE_CACHE_SECONDS, 3 by default).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import re
import time
from dataclasses import dataclass

import appserver
import loadgen
import rush

PATH = "/events/rush/"
DEMO_PATH = "/events/durban-2014/"  # the demo exchange: the announcement's full text
REQUESTS_PER_SECOND = 1000
MAX_BYTES = 50 * 1024
STALE_POLL_SECONDS = 10  # how long to watch for the new places-left figure
BROWSER_ENCODINGS = "gzip, br"


@dataclass(frozen=True)
class Fetched:
    """One answer as it crossed the wire."""

    status: int
    head_bytes: int
    body_bytes: int
    encoding: str  # Content-Encoding, "" when none
    cache_control: str
    body: bytes  # as sent (compressed if encoding says so)

    @property
    def transferred(self) -> int:
        return self.head_bytes + self.body_bytes


@dataclass
class Weight:
    path: str
    page_plain: Fetched  # no Accept-Encoding
    page: Fetched  # with the browser's Accept-Encoding
    page_gzip_would_be: int  # the HTML body gzipped here (level 6), had the server done it
    stylesheet_path: str
    stylesheet: Fetched
    scripts: int  # <script> elements in the page

    @property
    def total(self) -> int:
        """Bytes a browser receives for the page and its CSS, headers included."""
        return self.page.transferred + self.stylesheet.transferred


@dataclass
class EventPageResult:
    db: str
    concurrency: int
    workers: int
    load: loadgen.LoadRun
    weights: list[Weight]
    stale_seconds: float | None  # None: the new figure never appeared
    cache_seconds: int

    def targets(self) -> list[tuple[str, str, bool]]:
        stale_ok = (self.stale_seconds is not None
                    and self.stale_seconds <= self.cache_seconds + 0.5)
        heaviest = max(w.total for w in self.weights)
        scripts = sum(w.scripts for w in self.weights)
        stale = "never updated" if self.stale_seconds is None else f"{self.stale_seconds:.1f} s"
        return [
            (f"event page: requests/s ≥ {REQUESTS_PER_SECOND}", f"{self.load.rate:.0f}/s",
             self.load.rate >= REQUESTS_PER_SECOND),
            ("event page + CSS < 50 KB transferred (heaviest)", f"{heaviest / 1024:.1f} KB",
             heaviest < MAX_BYTES),
            ("event page: no JavaScript", f"{scripts} scripts", scripts == 0),
            (f"places left stale ≤ {self.cache_seconds} s (+0.5)", stale, stale_ok),
        ]


def fetch(port: int, path: str, encodings: str | None = None) -> Fetched:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Accept-Encoding": encodings} if encodings else {"Accept-Encoding": "identity"}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()  # http.client never decompresses: these are wire bytes
        head = f"HTTP/1.1 {response.status} {response.reason}\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in response.getheaders()) + "\r\n"
        return Fetched(response.status, len(head.encode("latin-1")), len(body),
                       response.getheader("Content-Encoding", ""),
                       response.getheader("Cache-Control", ""), body)
    finally:
        conn.close()


def weigh(port: int, path: str) -> Weight:
    plain = fetch(port, path)
    page = fetch(port, path, BROWSER_ENCODINGS)
    html = plain.body.decode()
    match = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)
    if match is None:
        raise RuntimeError("the event page links no stylesheet")
    stylesheet_path = match.group(1)
    return Weight(
        path=path,
        page_plain=plain,
        page=page,
        page_gzip_would_be=len(gzip.compress(plain.body, compresslevel=6)),
        stylesheet_path=stylesheet_path,
        stylesheet=fetch(port, stylesheet_path, BROWSER_ENCODINGS),
        scripts=len(re.findall(r"<script\b", html, flags=re.IGNORECASE)),
    )


def places_left(port: int) -> int | None:
    match = re.search(rb'<span class="places">(\d+) place', fetch(port, PATH).body)
    return int(match.group(1)) if match else None


def staleness(port: int) -> float | None:
    """Register one person, then poll the page: seconds until it stops showing the old
    places-left figure (the last poll that showed it, from the registration's answer).
    """
    before = places_left(port)
    raw = rush.posts(port, "/api/events/rush/registrations/", 1, "stale")
    answered = loadgen.fire(port, raw, concurrency=1)
    if answered.ok != 1:
        raise RuntimeError(f"the staleness probe could not register: {answered.failures}")
    registered = time.monotonic()
    last_old = None
    seen_new = False
    while time.monotonic() - registered < STALE_POLL_SECONDS:
        shown = places_left(port)
        if shown == before:
            last_old = time.monotonic() - registered
        elif shown is not None:
            seen_new = True
        time.sleep(0.05)
    if not seen_new:
        return None
    return last_old or 0.0


def run(*, db: str = "sqlite", requests: int = 5000, seconds: float = 30,
        concurrency: int = 50, workers: int = appserver.DEFAULT_WORKERS) -> EventPageResult:
    with appserver.running_server(db=db, workers=workers, demo=True,
                                  settings_module="safecities.settings") as server:
        get = loadgen.encode("GET", PATH, server.port)
        loadgen.fire(server.port, [get] * 200, concurrency=10)  # warm every worker
        load = loadgen.fire(server.port, [get] * requests, concurrency=concurrency,
                            max_seconds=seconds, server_cpu=server.cpu_seconds)
        weights = [weigh(server.port, PATH), weigh(server.port, DEMO_PATH)]
        stale = staleness(server.port)
    # The server's EVENT_PAGE_CACHE_SECONDS, read back from the page's Cache-Control.
    max_age = re.search(r"max-age=(\d+)", weights[0].page.cache_control)
    cache_seconds = int(max_age.group(1)) if max_age else 0
    result = EventPageResult(db, concurrency, workers, load, weights, stale, cache_seconds)
    print(report(result) + "\n", flush=True)
    return result


def _describe(name: str, fetched: Fetched) -> str:
    encoding = fetched.encoding or "uncompressed"
    return (f"  {name:<34}{fetched.body_bytes:>7} B body ({encoding}) + {fetched.head_bytes} B "
            f"headers = {fetched.transferred} B")


def describe_weight(w: Weight) -> list[str]:
    compressed = (f"the server compressed the page ({w.page.encoding})" if w.page.encoding
                  else f"the server does not compress HTML; gzip would make the body "
                       f"{w.page_gzip_would_be} B")
    return [
        f"{w.path} as a browser fetches it (Accept-Encoding: {BROWSER_ENCODINGS}):",
        _describe("page, no Accept-Encoding", w.page_plain),
        _describe("page", w.page),
        _describe(f"stylesheet {w.stylesheet_path}", w.stylesheet),
        f"  total page + stylesheet: {w.total} B ({w.total / 1024:.1f} KB); {compressed}; "
        f"{w.scripts} <script> elements",
    ]


def report(result: EventPageResult) -> str:
    label = appserver.DB_LABELS[result.db]
    stale = ("the new figure never appeared" if result.stale_seconds is None
             else f"old figure last served {result.stale_seconds:.2f} s after the registration")
    return "\n".join([
        f"== Event page GET {PATH} on {label}: C={result.concurrency}, "
        f"{result.workers} gunicorn workers ==",
        result.load.describe("event page"),
        *(line for w in result.weights for line in describe_weight(w)),
        f"places left (cache {result.cache_seconds} s): {stale}",
        "targets:",
        rush.format_targets(result.targets()),
    ])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=5000, help="requests to send at most")
    parser.add_argument("--seconds", type=float, default=30, help="stop sending after this")
    parser.add_argument("--concurrency", "-c", type=int, default=50)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=appserver.DEFAULT_WORKERS,
                        help="gunicorn workers (default 2 × cores + 1, as make run)")
    args = parser.parse_args()
    if args.db == "postgres" and (reason := appserver.postgres_reachable()) is not None:
        parser.exit(0, f"PostgreSQL is unreachable ({reason}): nothing measured.\n")
    run(db=args.db, requests=args.requests, seconds=args.seconds,
        concurrency=args.concurrency, workers=args.workers)
