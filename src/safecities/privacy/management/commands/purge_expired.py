from __future__ import annotations

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from safecities.privacy import retention
from safecities.privacy.personal_data import clear_write_ahead_log


def parse_now(value: str) -> datetime:
    """``2027-01-31`` (the start of that day, in the site's time zone) or an ISO date-time."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--now: {value!r} is neither a date (2027-01-31) nor a "
                               "date-time (2027-01-31T09:00:00+02:00).")
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = ("Erase the personal data whose retention period has passed (registrations, "
            "enquiries, email texts). Safe to run again: what is erased is no longer due.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="print what would be erased, and change nothing")
        parser.add_argument("--now", help="the time to apply the rule at (default: now), "
                                          "e.g. 2027-01-31 — for tests and rehearsals")

    def handle(self, *args, dry_run=False, now=None, **options):
        moment = parse_now(now) if now else timezone.now()
        found = retention.due(moment)
        if not found:
            self.stdout.write("Nothing has expired.")
        for item in found:
            if dry_run:
                self.stdout.write(f"would erase {item.count}: {item.description}")
            else:
                erased = item.erase()
                self.stdout.write(f"erased {erased}: {item.description}")
        if not dry_run and not clear_write_ahead_log():
            self.stderr.write("The SQLite write-ahead log could not be truncated (a reader "
                              "held it); the next run tries again.")
