"""The back-office at 10,000 registrations: dashboard and registrant list answer times,
and the badge PDF for 1,000 participants.

Usage: ``python bench/backoffice.py [--db sqlite|postgres|both] [--requests 30]``

It starts the site as `make run` does (gunicorn, production settings) on a fresh
database, fills one event with 10,000 registrations (3,000 confirmed, 6,500 waiting, 500
cancelled; two custom questions answered; 1,500 checked in) and another with 1,000
confirmed, signs an organiser in, then asks for each page ``--requests`` times, one
request at a time as an organiser would, and fetches the 1,000 badges once. Targets:
each page under 200 ms (median and 95th percentile), the badge PDF under 60 s; the
gunicorn worker's peak memory is reported beside it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import appserver
import loadgen
import rush

REGISTRATIONS = 10_000
CONFIRMED, WAITING, CANCELLED, CHECKED_IN = 3000, 6500, 500, 1500
BADGES = 1000
PAGE_TARGET_MS = 200
BADGES_TARGET_S = 60
PAGES = {
    "dashboard": "dashboard/",
    "registrant list, first page": "registrants/",
    "registrant list, page 150": "registrants/?page=150",
    "search by name": "registrants/?q=Participant+4242",
    "filter status + answer": "registrants/?status=confirmed&answer_diet=Halal",
    "sorted by name, page 40": "registrants/?sort=name&page=40",
    "check-in search": "check-in/?q=Participant+777",
}


def populate() -> None:
    """Run inside the server's environment (a subprocess): fill the events, print a session."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from safecities.backoffice.models import EventRole, Role
    from safecities.events.models import Event
    from safecities.registration.models import Answer, CheckIn, Question, Registration

    now = timezone.now()
    organiser = get_user_model().objects.create_user("bench-organiser", "o@example.org",
                                                     secrets.token_urlsafe(12))
    countries = ["South Africa", "Kenya", "Ghana", "Zambia", "Senegal", "Mozambique", "Mali"]

    def fill(event: Event, counts: list[tuple[str, int]]) -> list[Registration]:
        EventRole.objects.create(event=event, user=organiser, role=Role.ORGANISER)
        rows, n = [], 0
        for status, count in counts:
            for _ in range(count):
                n += 1
                rows.append(Registration(
                    event=event, name=f"Participant {n}", email=f"p{n}@{event.slug}.example.org",
                    email_normalised=f"p{n}@{event.slug}.example.org",
                    organisation=f"City {n % 97}", position="Safety officer",
                    city=f"City {n % 97}", country=countries[n % len(countries)],
                    status=status, registered_at=now, consented_at=now,
                    confirmed_at=now if status == "confirmed" else None,
                    cancelled_at=now if status == "cancelled" else None,
                    notice_pending=False, notified_status=status))
        return Registration.objects.bulk_create(rows, batch_size=1000)

    main = Event.objects.get(slug="rush")
    made = fill(main, [("confirmed", CONFIRMED), ("waitlisted", WAITING),
                       ("cancelled", CANCELLED)])
    diet = Question.objects.create(event=main, key="diet", label="Dietary needs",
                                   kind="single_choice", choices=["None", "Vegetarian", "Halal"])
    days = Question.objects.create(event=main, key="days", label="Days", kind="multiple_choice",
                                   choices=["1", "2", "3"])
    answers = []
    for i, registration in enumerate(made):
        answers.append(Answer(registration=registration, question=diet,
                              value=["None", "Vegetarian", "Halal"][i % 3]))
        answers.append(Answer(registration=registration, question=days, value=str(1 + i % 3)))
    Answer.objects.bulk_create(answers, batch_size=2000)
    CheckIn.objects.bulk_create([CheckIn(registration=r, checked_in_by=organiser)
                                 for r in made[:CHECKED_IN]], batch_size=1000)
    fill(Event.objects.get(slug="badges"), [("confirmed", BADGES)])
    session = SessionStore()
    session["_auth_user_id"] = str(organiser.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = organiser.get_session_auth_hash()
    session.create()
    print(session.session_key)


@dataclass
class BackofficeResult:
    db: str
    pages: dict[str, loadgen.LoadRun]
    badges_seconds: float
    badges_status: int
    badges_bytes: int
    worker_peak_mib: float

    def targets(self) -> list[tuple[str, str, bool]]:
        label = appserver.DB_LABELS[self.db]
        found = []
        for name, run in self.pages.items():
            p95 = run.percentile_ms(95)
            found.append((f"{name} p95 < {PAGE_TARGET_MS} ms ({label})", f"{p95:.0f} ms",
                          p95 < PAGE_TARGET_MS and run.ok == len(run.responses)))
        found.append((f"badges for {BADGES} < {BADGES_TARGET_S} s ({label})",
                      f"{self.badges_seconds:.1f} s",
                      self.badges_status == 200 and self.badges_seconds < BADGES_TARGET_S))
        return found


def _worker_peak_mib(master: int) -> float:
    peak = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry.name}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master):
            peak = max(peak, int(fields.get("VmHWM", "0 kB").split()[0]))
    return peak / 1024


def run_one(db: str, *, requests: int) -> BackofficeResult:
    key = secrets.token_urlsafe(50)
    with appserver.running_server(db=db, workers=2, events={"rush": CONFIRMED, "badges": BADGES},
                                  extra_env={"SECRET_KEY": key}) as server:
        env = {**os.environ, "DATABASE_URL": server.database_url, "SECRET_KEY": key,
               "DJANGO_SETTINGS_MODULE": "safecities.settings",
               "PYTHONPATH": str(appserver.PROJECT_DIR / "src")}
        started = time.perf_counter()
        session = subprocess.run([sys.executable, __file__, "--populate"], env=env,
                                 capture_output=True, text=True, check=True,
                                 timeout=600).stdout.split()[-1]
        print(f"[{db}] {REGISTRATIONS:,} + {BADGES:,} registrations written in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        cookie = {"Cookie": f"sessionid={session}"}
        pages = {}
        for name, path in PAGES.items():
            raw = loadgen.encode("GET", f"/backoffice/events/rush/{path}", server.port,
                                 headers=cookie)
            loadgen.fire(server.port, [raw] * 3, concurrency=1)  # warm the workers
            pages[name] = loadgen.fire(server.port, [raw] * requests, concurrency=1)
        raw = loadgen.encode("GET", "/backoffice/events/badges/badges.pdf?layout=sheets",
                             server.port, headers=cookie)
        badges = loadgen.fire(server.port, [raw], concurrency=1, timeout=120)
        answer = badges.responses[0]
        return BackofficeResult(db, pages, answer.latency, answer.status, len(answer.body),
                                _worker_peak_mib(server.pid))


def report(result: BackofficeResult) -> str:
    label = appserver.DB_LABELS[result.db]
    lines = [f"== Back-office at {REGISTRATIONS:,} registrations on {label} "
             f"(one organiser, one request at a time, 2 gunicorn workers) =="]
    for name, run in result.pages.items():
        lines.append(f"{name:<32} median {run.percentile_ms(50):6.0f} ms   "
                     f"p95 {run.percentile_ms(95):6.0f} ms   ok {run.ok}/{len(run.responses)}")
    lines.append(f"badges for {BADGES} (A4 sheets): HTTP {result.badges_status}, "
                 f"{result.badges_seconds:.1f} s, {result.badges_bytes / 1024:.0f} KiB; "
                 f"peak memory of a gunicorn worker {result.worker_peak_mib:.0f} MiB")
    lines.append(rush.format_targets(result.targets()))
    return "\n".join(lines)


def run(*, db: str = "both", requests: int = 30) -> list[BackofficeResult]:
    results = []
    for name in rush.databases(db):
        result = run_one(name, requests=requests)
        print(report(result) + "\n", flush=True)
        results.append(result)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        populate()
    else:
        run(db=args.db, requests=args.requests)
