import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from post_office.lockfile import FileLock, FileLocked

from safecities.mailing.delivery import deliver


class Command(BaseCommand):
    help = "Deliver queued email over SMTP until stopped; retries while SMTP is down."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")

    def handle(self, *args, once=False, **options):
        # One worker per machine: post-office would send a message twice if two ran.
        try:
            with FileLock(settings.POST_OFFICE["LOCK_FILE_NAME"] + "-worker"):
                self._work(once)
        except FileLocked as error:
            raise CommandError("Another mail worker is already running here.") from error

    def _work(self, once: bool) -> None:
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
        while True:
            close_old_connections()
            if purge_every and time.monotonic() >= next_purge:
                next_purge = time.monotonic() + purge_every
                try:
                    call_command("purge_expired", stdout=self.stdout, stderr=self.stderr)
                except Exception as error:  # mail keeps flowing; the next run tries again
                    # Only the kind of error: a database's message may quote a value.
                    self.stderr.write(f"purge_expired failed ({type(error).__name__}); "
                                      "it runs again at the next interval.")
                    close_old_connections()
            result = deliver()
            if result.queued or result.sent or result.failed or result.to_retry:
                self.stdout.write(
                    f"mail: {result.queued} written, {result.sent} sent, "
                    f"{result.failed} failed, {result.to_retry} to retry"
                )
            if once or stopping:
                return
            deadline = time.monotonic() + settings.MAIL_WORKER_INTERVAL
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
