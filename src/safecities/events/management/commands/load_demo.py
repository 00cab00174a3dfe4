from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from safecities.events.demo import DEMO_ORGANISER, load_demo
from safecities.practices import demo as practices_demo


class Command(BaseCommand):
    help = "Load the demo exchange and a demo organiser account (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo is not loaded in production (SAFECITIES_PRODUCTION).")
        event = load_demo()
        self.stdout.write(f"Demo event: {event.get_absolute_url()}")
        organiser = get_user_model().objects.get(username=DEMO_ORGANISER["username"])
        count = practices_demo.load_demo(organiser, event)
        self.stdout.write(f"Demo practices: {count} in the library at /practices/ "
                          f"(contributor and reviewers: {practices_demo.CONTRIBUTOR['username']}, "
                          f"{', '.join(r['username'] for r in practices_demo.REVIEWERS)}; "
                          f"password {practices_demo.DEMO_PASSWORD})")
        self.stdout.write(
            f"Demo organiser login: {DEMO_ORGANISER['username']} / {DEMO_ORGANISER['password']}"
        )
