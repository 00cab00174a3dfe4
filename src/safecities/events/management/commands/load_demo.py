from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from safecities.accounts.demo import DEMO_KEY_BASE32, current_demo_code, give_demo_device
from safecities.backoffice.demo import (
    DEMO_DOOR_STAFF,
    grant_demo_reviewers,
    load_demo_backoffice,
)
from safecities.cities.demo import DEMO_REPRESENTATIVE
from safecities.cities.demo import load_demo as load_cities_demo
from safecities.events.demo import DEMO_ORGANISER, load_demo
from safecities.practices import demo as practices_demo
from safecities.programme.demo import DEMO_RAPPORTEUR, load_programme


class Command(BaseCommand):
    help = "Load the demo exchange and a demo organiser account (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demo is not loaded in production (SAFECITIES_PRODUCTION).")
        event = load_demo()
        organiser = get_user_model().objects.get(username=DEMO_ORGANISER["username"])
        # The library first: the programme and the cities refer to its practices.
        _contributor, reviewers = practices_demo.demo_accounts()
        grant_demo_reviewers(event, reviewers)
        count = practices_demo.load_demo(organiser, event)
        load_demo_backoffice(event, organiser)
        load_programme(event)
        load_cities_demo(event)
        # Roles that must have a second factor get the demo authenticator.
        users = get_user_model().objects
        for username in [DEMO_ORGANISER["username"], DEMO_RAPPORTEUR["username"],
                         *(r["username"] for r in practices_demo.REVIEWERS)]:
            give_demo_device(users.get(username=username))
        self.stdout.write(f"Demo event: {event.get_absolute_url()}")
        self.stdout.write(f"Demo practices: {count} in the library at /practices/ "
                          f"(contributor and reviewers: {practices_demo.CONTRIBUTOR['username']}, "
                          f"{', '.join(r['username'] for r in practices_demo.REVIEWERS)}; "
                          f"password {practices_demo.DEMO_PASSWORD})")
        self.stdout.write(
            f"Demo organiser login: {DEMO_ORGANISER['username']} / {DEMO_ORGANISER['password']}"
            " (back-office: /backoffice/; everyone signs in at /sign-in/)"
        )
        self.stdout.write(
            f"Demo door staff login: {DEMO_DOOR_STAFF['username']} / "
            f"{DEMO_DOOR_STAFF['password']} (check-in only)"
        )
        self.stdout.write(
            f"Demo rapporteur login: {DEMO_RAPPORTEUR['username']} / "
            f"{DEMO_RAPPORTEUR['password']} (then /events/{event.slug}/rapporteur/)"
        )
        self.stdout.write(
            "Demo city representative (Durban): "
            f"{DEMO_REPRESENTATIVE['username']} / {DEMO_REPRESENTATIVE['password']}"
        )
        self.stdout.write(
            "Second factor (organiser, rapporteur, reviewers): add the key "
            f"{DEMO_KEY_BASE32} to any authenticator app, or run `safecities demo_code`. "
            f"Code now: {current_demo_code()}"
        )
