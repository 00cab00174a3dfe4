"""The library's search with 10,000 practices: a full-text query with two facets.

Usage: ``python bench/practice_search.py [--practices 10000] [--queries 300]
[--db sqlite|postgres|both] [--workers 5]``

For each database it starts from nothing (``appserver.running_server``): migrate, then
generate N published practices in a child process (text drawn from a fixed vocabulary
with a Zipf-like spread, facets at random, seeded so every run has the same library),
build the search index, and — still before gunicorn starts, so nothing competes —
time the search service itself in-process (``practices.search.search``: count, facet
counts over the current filters, the page, its snippets) for a mix of full-text queries
each with two facets. Then gunicorn serves the site and the same searches are asked of
``GET /api/practices/`` over HTTP, one at a time (latency) and ten at a time
(throughput). Target: server-side p95 under 30 ms on each database.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
TARGET_MS = 30.0
SEED = 2014

DOMAIN = [
    "street", "lighting", "youth", "violence", "prevention", "market", "traders", "taxi", "rank",
    "women", "safety", "audit", "community", "forum", "police", "patrol", "mediation", "school",
    "sport", "apprenticeship", "library", "park", "transport", "night", "alcohol", "licence",
    "victim", "support", "shelter", "gang", "firearm", "informal", "settlement", "upgrading",
    "walkway", "council", "budget", "participation", "trust", "data", "observatory", "mentoring",
    "reintegration", "offender", "court", "restorative", "justice", "harassment", "bus",
    "station", "neighbourhood", "watch", "ward", "family", "violence", "drug", "treatment",
    "employment", "skills", "water", "toilet", "fear", "crime", "robbery", "burglary", "vehicle",
    "theft", "design", "surveillance", "camera", "trader", "association", "partnership",
    "strategy", "evaluation", "comparison", "outcome", "baseline", "reduction", "residents",
    "volunteers", "marshals", "lanterns", "murals", "football", "music", "dance", "theatre",
    "clinic",
]
QUERIES = [
    "street lighting", "youth", "violence prevention", "market traders", "women safety",
    "mediation", "police patrol", "school", "victim support", "informal settlement",
    "taxi rank", "alcohol", "community forum", "apprenticeship", "gang", "burglary",
    "restorative justice", "night transport", "budget participation", "murals",
]
COUNTRIES = ["ZA", "KE", "NG", "GH", "TZ", "UG", "RW", "ZM", "MZ", "ET", "SN", "CM",
             "CI", "ZW", "NA", "BW", "MW", "AO", "BR", "CO", "MX", "IN", "PH", "ID",
             "FR", "GB", "DE", "US", "CA", "AU"]
LABELS = ["effective", "promising", "emerging", "no_effect", "harmful", "self_reported"]
BANDS = ["under_100k", "100k_500k", "500k_1m", "1m_5m", "over_5m"]


def vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "tu", "sa", "ri", "po", "ba", "de", "gu", "ho",
                 "ji", "ze", "vu", "fa", "qi", "wo", "ye", "xa"]
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            for _ in range(4000)}
    return DOMAIN + sorted(made - set(DOMAIN))


def searches(rng: random.Random, n: int) -> list[dict[str, str]]:
    """Full-text queries, each with two facets: a characteristic and a country."""
    countries = COUNTRIES[:10]
    return [{"q": rng.choice(QUERIES), "characteristic": f"C{rng.randint(1, 7)}",
             "country": rng.choice(countries)} for _ in range(n)]


# --- The child: generate, index, time in-process -----------------------------------------


def _child(count: int, queries: int) -> dict[str, object]:
    import django

    sys.path.insert(0, str(BENCH_DIR))
    from loadgen import cpu_ticks, process_cpu_seconds

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from safecities.practices.models import (
        Characteristic,
        InterventionType,
        Practice,
        TargetGroup,
        Theme,
    )
    from safecities.practices.search import SearchQuery, search
    from safecities.practices.search.index import rebuild

    rng = random.Random(SEED)
    words = vocabulary(rng)[len(DOMAIN):]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    topic_weights = [1 / (rank + 1) for rank in range(len(DOMAIN))]

    def text(n: int, topics: list[str] = ()) -> str:
        """Filler words with a Zipf-like spread, and the practice's topic words among them."""
        drawn = rng.choices(words, weights, k=n)
        for topic in topics:
            drawn[rng.randrange(n)] = topic
        return " ".join(drawn)

    def topics() -> list[str]:
        return rng.choices(DOMAIN, topic_weights, k=rng.randint(2, 5))

    terms = {
        "characteristics": list(Characteristic.objects.values_list("id", flat=True)),
        "themes": list(Theme.objects.values_list("id", flat=True)),
        "intervention_types": list(InterventionType.objects.values_list("id", flat=True)),
        "target_groups": list(TargetGroup.objects.values_list("id", flat=True)),
    }
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        rows = []
        for i in range(count):
            about = topics()
            rows.append(Practice(
                slug=f"bench-{i}", title=text(rng.randint(3, 7), about[:2]).capitalize(),
                summary=text(25, about)[:300], city=f"City {i % 500}",
                country=rng.choices(COUNTRIES, [1 / (r + 1) for r in range(len(COUNTRIES))])[0],
                population_band=rng.choice(BANDS), status=Practice.Status.PUBLISHED,
                label=rng.choice(LABELS), evidence_strength=rng.randint(-1, 4),
                problem=text(40, about), objectives=text(20, about[:1]), mechanism=text(30),
                components=text(40, about), lessons_learned=text(50, about[1:]),
                would_do_differently=text(20), published_at=now - timedelta(minutes=i)))
        practices = Practice.objects.bulk_create(rows, batch_size=500)
        for name, ids in terms.items():
            through = getattr(Practice, name).through
            column = {"characteristics": "characteristic_id", "themes": "theme_id",
                      "intervention_types": "interventiontype_id",
                      "target_groups": "targetgroup_id"}[name]
            rows = [through(practice_id=p.pk, **{column: term})
                    for p in practices
                    for term in rng.sample(ids, rng.randint(1, 3 if name != "intervention_types"
                                                            else 2))]
            through.objects.bulk_create(rows, batch_size=2000)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    indexed = rebuild()
    index_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    asked = searches(random.Random(SEED + 1), queries)
    to_query = [SearchQuery(text=s["q"], filters={"characteristic": (s["characteristic"],),
                                                  "country": (s["country"],)})
                for s in asked]
    for query in to_query[:20]:  # warm caches and connections
        search(query)
    backend_pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend_pid = cursor.fetchone()[0]
    busy0, total0 = cpu_ticks()
    database0 = process_cpu_seconds(backend_pid) if backend_pid else 0.0
    timings, cpu, counts = [], [], []
    for query in to_query:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = search(query)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        counts.append(result.count)
    database_ms = ((process_cpu_seconds(backend_pid) - database0) * 1000 / len(to_query)
                   if backend_pid else 0.0)
    busy1, total1 = cpu_ticks()
    busy = (busy1 - busy0) / max(total1 - total0, 1)
    # The broadest case: one common word, two broad facets.
    broad = SearchQuery(text="violence", filters={"label": ("emerging",),
                                                  "population_band": ("1m_5m",)})
    broad_timings = []
    for _ in range(50):
        start = time.perf_counter()
        broad_result = search(broad)
        broad_timings.append((time.perf_counter() - start) * 1000)
    # Outside the target: a word found in about half the library, no facets; and browsing
    # the whole library (no words, no facets).
    extremes = {}
    for name, query in (("'street' alone", SearchQuery(text="street")),
                        ("no words, no facets", SearchQuery())):
        found = search(query).count
        spent = []
        for _ in range(30):
            start = time.perf_counter()
            search(query)
            spent.append((time.perf_counter() - start) * 1000)
        extremes[name] = {"count": found, "ms": spent}
    return {"vendor": connection.vendor, "extremes": extremes, "practices": indexed,
            "generate_s": generated,
            "index_s": index_seconds, "timings_ms": timings, "counts": counts,
            "cpu_ms": cpu, "database_cpu_ms": database_ms, "machine_busy": busy,
            "broad_ms": broad_timings, "broad_count": broad_result.count,
            "searches": asked}


# --- The parent: servers, HTTP, report ---------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    rank = max(math.ceil(p / 100 * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass
class SearchResult:
    db: str
    measured: dict
    http_one: object = None  # loadgen.LoadRun at concurrency 1
    http_ten: object = None  # at concurrency 10

    def targets(self) -> list[tuple[str, str, bool]]:
        import appserver

        p95 = percentile(self.measured["timings_ms"], 95)
        label = appserver.DB_LABELS[self.db]
        return [(f"search p95 server-side, {label} (< {TARGET_MS:.0f} ms)", f"{p95:.1f} ms",
                 p95 < TARGET_MS)]


def run_one(db: str, *, practices: int, queries: int, workers: int) -> SearchResult:
    import appserver
    import loadgen

    measured: dict = {}

    def prepare(env: dict[str, str]) -> None:
        child_env = {**env, "DJANGO_SETTINGS_MODULE": "safecities.settings"}
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child",
             "--practices", str(practices), "--queries", str(queries)],
            env=child_env, cwd=appserver.PROJECT_DIR, capture_output=True, text=True,
            timeout=1800, check=False)
        if out.returncode != 0:
            raise RuntimeError("generating the library failed:\n" + out.stderr[-3000:])
        measured.update(json.loads(out.stdout.strip().splitlines()[-1]))

    with appserver.running_server(db=db, workers=workers, settings_module="safecities.settings",
                                  prepare=prepare) as server:
        paths = ["/api/practices/?" + urlencode(s) for s in measured["searches"]]
        warm = [loadgen.encode("GET", p, server.port) for p in paths[:30]]
        loadgen.fire(server.port, warm, concurrency=workers)
        requests = [loadgen.encode("GET", p, server.port) for p in paths]
        one = loadgen.fire(server.port, requests, concurrency=1,
                           server_cpu=server.cpu_seconds)
        ten = loadgen.fire(server.port, requests, concurrency=10,
                           server_cpu=server.cpu_seconds)
    return SearchResult(db, measured, one, ten)


def report(result: SearchResult) -> str:
    import appserver
    import rush

    m = result.measured
    timings, counts = m["timings_ms"], m["counts"]
    label = appserver.DB_LABELS[result.db]
    return "\n".join([
        f"== Practice search on {label}: {m['practices']} published practices, "
        f"{len(timings)} full-text queries with two facets ==",
        f"generated in {m['generate_s']:.1f} s; search index built in {m['index_s']:.1f} s",
        f"results per query: median {percentile(counts, 50)}, max {max(counts)}",
        f"in-process search (count + facets + page + snippets): "
        f"p50 {percentile(timings, 50):.1f} ms  p95 {percentile(timings, 95):.1f} ms  "
        f"p99 {percentile(timings, 99):.1f} ms  max {max(timings):.1f} ms",
        f"  CPU per search: Python p50 {percentile(m['cpu_ms'], 50):.1f} ms, "
        f"p95 {percentile(m['cpu_ms'], 95):.1f} ms"
        + (f"; database backend mean {m['database_cpu_ms']:.1f} ms"
           if result.db == "postgres" else " (SQLite runs inside it)")
        + f"; machine busy {m['machine_busy']:.0%} of {os.cpu_count()} cores meanwhile",
        f"broadest case ('violence', label + population band, {m['broad_count']} results): "
        f"p50 {percentile(m['broad_ms'], 50):.1f} ms  p95 {percentile(m['broad_ms'], 95):.1f} ms",
        *(f"{name} ({x['count']} results): p50 {percentile(x['ms'], 50):.1f} ms  "
          f"p95 {percentile(x['ms'], 95):.1f} ms (no target)"
          for name, x in m["extremes"].items()),
        result.http_one.describe("HTTP, C=1"),
        result.http_ten.describe("HTTP, C=10"),
        "targets:",
        rush.format_targets(result.targets()),
    ])


def run(*, db: str = "both", practices: int = 10_000, queries: int = 300,
        workers: int | None = None) -> list[SearchResult]:
    import appserver
    import rush

    results = []
    for name in rush.databases(db):
        result = run_one(name, practices=practices, queries=queries,
                         workers=workers or appserver.DEFAULT_WORKERS)
        print(report(result) + "\n", flush=True)
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.practices, args.queries)))
        return
    sys.path.insert(0, str(BENCH_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecities.settings")
    run(db=args.db, practices=args.practices, queries=args.queries, workers=args.workers)


if __name__ == "__main__":
    main()
