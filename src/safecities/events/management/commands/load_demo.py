from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safecities.events.demo import DEMO_ORGANISER, load_demo
from safecities.programme.demo import DEMO_RAPPORTEUR, load_programme


class Command(BaseCommand):
    help = "Load the demo exchange and a demo organiser account (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo is not loaded in production (SAFECITIES_PRODUCTION).")
        event = load_demo()
        load_programme(event)
        self.stdout.write(f"Demo event: {event.get_absolute_url()}")
        self.stdout.write(
            f"Demo organiser login: {DEMO_ORGANISER['username']} / {DEMO_ORGANISER['password']}"
        )
        self.stdout.write(
            f"Demo rapporteur login: {DEMO_RAPPORTEUR['username']} / "
            f"{DEMO_RAPPORTEUR['password']} (then /events/{event.slug}/rapporteur/)"
        )
