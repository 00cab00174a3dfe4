import contextlib
import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connections

from safecities.mailing.delivery import deliver

# Waits between rounds grow while the database or SMTP is away, up to this many seconds.
LONGEST_PAUSE = 60.0


class Command(BaseCommand):
    help = ("Deliver queued email over SMTP until stopped; backs off and retries while SMTP or "
            "the database is away. Several may run at once, on one machine or several.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")

    def handle(self, *args, once=False, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # The retention rule runs daily from here (at start, then every
        # PRIVACY_PURGE_INTERVAL_HOURS; 0 leaves it to cron or a timer: docs/deploy.md).
        purge_every = settings.PRIVACY_PURGE_INTERVAL_HOURS * 3600
        next_purge = time.monotonic()
        pause = settings.MAIL_WORKER_INTERVAL
        while True:
            try:
                # Drops a connection the database ended (restart, terminated backend):
                # the next query opens a fresh one.
                close_old_connections()
                if purge_every and time.monotonic() >= next_purge:
                    next_purge = time.monotonic() + purge_every
                    self._purge()
                result = deliver()
            except DatabaseError as error:
                pause = min(max(pause * 2, 1.0), LONGEST_PAUSE)
                # Only the kind of error: a database's message may quote a value.
                self.stderr.write(f"database unavailable ({type(error).__name__}); "
                                  f"trying again in {pause:.0f} s")
                self._drop_connections()
            else:
                if result.queued or result.sent or result.failed or result.to_retry:
                    self.stdout.write(
                        f"mail: {result.queued} written, {result.sent} sent, "
                        f"{result.failed} failed, {result.to_retry} to retry"
                    )
                if result.unreachable:
                    pause = min(max(pause * 2, settings.MAIL_WORKER_INTERVAL), LONGEST_PAUSE)
                    self.stderr.write(f"SMTP server unreachable; trying again in {pause:.0f} s")
                else:
                    pause = settings.MAIL_WORKER_INTERVAL
            if once or stopping:
                return
            deadline = time.monotonic() + pause
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)

    def _purge(self) -> None:
        try:
            call_command("purge_expired", stdout=self.stdout, stderr=self.stderr)
        except DatabaseError:
            raise
        except Exception as error:  # mail keeps flowing; the next run tries again
            self.stderr.write(f"purge_expired failed ({type(error).__name__}); "
                              "it runs again at the next interval.")

    @staticmethod
    def _drop_connections() -> None:
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):  # already broken: closing only forgets it
                connection.close()
