"""A light load generator: raw HTTP/1.1 over asyncio streams, one connection per request.

It shares the machine's cores with the server, so it does as little as it can: every
request is encoded before the clock starts, a response is read to EOF (gunicorn's sync
workers close the connection after each answer) and only its status line is parsed.
``concurrency`` clients each send their next request as soon as the previous one is
answered (a closed loop), so at most ``concurrency`` requests are in flight.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

HOST = "127.0.0.1"  # the benchmarks only ever talk to this machine
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Response:
    status: int  # 0 when no HTTP answer came back (see ``error``)
    latency: float  # seconds from connecting to the end of the answer
    head: bytes = b""
    body: bytes = b""
    error: str = ""


@dataclass
class LoadRun:
    """What one burst of requests measured."""

    responses: list[Response]
    elapsed: float  # wall seconds from the first connection to the last answer
    client_cpu: float  # CPU seconds this (client) process used meanwhile
    machine_busy: float  # share of all cores busy meanwhile, 0..1
    not_sent: int = 0  # requests skipped because the time limit was reached
    # CPU seconds used meanwhile by the server's processes ("server", "database"), by
    # this client, and by everything else on the machine ("others": not our load).
    cpu: dict[str, float] = field(default_factory=dict)
    outcomes: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for response in self.responses:
            self.outcomes[response.status or response.error] += 1

    @property
    def ok(self) -> int:
        return sum(1 for r in self.responses if 200 <= r.status < 300)

    @property
    def rate(self) -> float:
        """Successful (2xx) answers per second."""
        return self.ok / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile of the latency of every answered request, in ms."""
        latencies = sorted(r.latency for r in self.responses if r.status)
        if not latencies:
            return math.nan
        rank = max(math.ceil(p / 100 * len(latencies)), 1)
        return latencies[rank - 1] * 1000

    @property
    def failures(self) -> dict[str, int]:
        """Non-2xx answers by status, and requests that got no answer by error."""
        return {
            str(key): count for key, count in sorted(self.outcomes.items(), key=str)
            if not (isinstance(key, int) and 200 <= key < 300)
        }


    def describe(self, name: str) -> str:
        """Rate, latencies, failures and where the CPU went, on three lines."""
        failures = ", ".join(f"{k}: {v}" for k, v in self.failures.items()) or "none"
        skipped = f", {self.not_sent} not sent (time limit)" if self.not_sent else ""
        cores = ", ".join(f"{part} {seconds / self.elapsed:.2f}"
                          for part, seconds in self.cpu.items())
        server_side = sum(seconds for part, seconds in self.cpu.items()
                          if part not in ("client", "others"))
        return (
            f"{name:<14}{self.ok:>5} ok in {self.elapsed:6.2f} s  {self.rate:7.1f}/s   "
            f"p50 {self.percentile_ms(50):6.1f} ms  p95 {self.percentile_ms(95):6.1f} ms  "
            f"p99 {self.percentile_ms(99):6.1f} ms\n"
            f"{'':<14}errors/non-2xx: {failures}{skipped}\n"
            f"{'':<14}CPU in cores: {cores} (machine busy {self.machine_busy:.0%} of "
            f"{os.cpu_count()}); server-side CPU per answer "
            f"{server_side / max(self.ok, 1) * 1000:.2f} ms"
        )


def encode(method: str, path: str, port: int, *, body: bytes = b"",
           headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _exchange(port: int, raw: bytes, timeout: float) -> Response:
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(HOST, port)
            try:
                writer.write(raw)
                data = await reader.read()  # to EOF: the server closes after answering
            finally:
                writer.close()
    except (OSError, TimeoutError) as error:
        return Response(0, time.perf_counter() - start, error=type(error).__name__)
    latency = time.perf_counter() - start
    head, _, body = data.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return Response(0, latency, head, body, error="BadResponse")
    return Response(status, latency, head, body)


async def _fire(port: int, requests: list[bytes], concurrency: int, timeout: float,
                max_seconds: float) -> tuple[list[Response], int]:
    answered: list[Response] = []
    queue = iter(requests)
    stop_at = time.monotonic() + max_seconds
    not_sent = 0

    async def client() -> None:
        nonlocal not_sent
        for raw in queue:
            if time.monotonic() > stop_at:
                not_sent += 1
                continue
            answered.append(await _exchange(port, raw, timeout))

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return answered, not_sent


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies over all cores, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # user … steal; guest time is already counted in user
    return total - idle, total


def fire(port: int, requests: list[bytes], *, concurrency: int, timeout: float = 30,
         max_seconds: float = 120,
         server_cpu: Callable[[], dict[str, float]] | None = None) -> LoadRun:
    """Send every request (for at most ``max_seconds``) and measure the answers.

    ``server_cpu`` returns the CPU seconds the server's processes have used so far, by
    part; with it the run also says how much CPU went to whom.
    """
    parts0 = server_cpu() if server_cpu else {}
    busy0, total0 = cpu_ticks()
    cpu0 = time.process_time()
    start = time.perf_counter()
    answered, not_sent = asyncio.run(
        _fire(port, requests, concurrency, timeout, max_seconds))
    elapsed = time.perf_counter() - start
    client = time.process_time() - cpu0
    busy1, total1 = cpu_ticks()
    parts1 = server_cpu() if server_cpu else {}
    busy = (busy1 - busy0) / (total1 - total0) if total1 > total0 else math.nan
    cpu = {part: parts1[part] - parts0.get(part, 0.0) for part in parts1}
    cpu["client"] = client
    cpu["others"] = max((busy1 - busy0) / TICKS - sum(cpu.values()), 0.0)
    return LoadRun(answered, elapsed, client, busy, not_sent, cpu)
