from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safecities.cities.demo import DEMO_REPRESENTATIVE
from safecities.cities.demo import load_demo as load_cities_demo
from safecities.events.demo import DEMO_ORGANISER, load_demo


class Command(BaseCommand):
    help = "Load the demo exchange and a demo organiser account (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo is not loaded in production (SAFECITIES_PRODUCTION).")
        event = load_demo()
        load_cities_demo(event)
        self.stdout.write(f"Demo event: {event.get_absolute_url()}")
        self.stdout.write(
            f"Demo organiser login: {DEMO_ORGANISER['username']} / {DEMO_ORGANISER['password']}"
        )
        self.stdout.write(
            "Demo city representative (Durban), at /cities/sign-in/: "
            f"{DEMO_REPRESENTATIVE['username']} / {DEMO_REPRESENTATIVE['password']}"
        )
