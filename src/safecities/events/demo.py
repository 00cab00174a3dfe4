"""The demo exchange: the facts of the public announcement of the first exchange
(eThekwini Municipality, Durban, 3–5 December 2014). The description is our own summary.
The contact address is a demonstration address in the example.org domain.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from safecities.events.models import Event, Venue

DEMO_ORGANISER = {"username": "organiser", "password": "exchange-demo-2014",
                  "email": "organiser@example.org"}

DESCRIPTION = (
    "Local government can change how safe a city feels and is. Working with communities "
    "and partners, municipalities can prevent crime and violence by tackling their causes "
    "rather than only responding to them.\n\n"
    "Under the African Forum for Urban Safety (AFUS) programme, a safe city has a low "
    "incidence of violence and crime, strong institutional capacity for prevention, high "
    "social participation, reciprocity and trust, open and accountable governance, economic "
    "equality and access to livelihoods, and social inclusion.\n\n"
    "For three days, cities show what has worked for them, discuss what has not, and take "
    "home lessons they can apply. The aim: cities that prevent violence and insecurity at "
    "their roots."
)


def load_demo() -> Event:
    """Create or refresh the demo event and organiser. Running it twice duplicates nothing."""
    with transaction.atomic():
        venue, _ = Venue.objects.update_or_create(
            name="Durban International Convention Centre",
            defaults={"address": "45 Bram Fischer Road", "city": "Durban",
                      "country": "South Africa"},
        )
        event = Event.objects.filter(slug="durban-2014").first() or Event(
            slug="durban-2014", capacity=300
        )
        event.title = "Urban Safety and Crime Prevention Learning Exchange"
        event.tagline = "Positioning the City as a Centre of Learning"
        event.host = "eThekwini Municipality"
        event.description = DESCRIPTION
        event.starts_on = date(2014, 12, 3)
        event.ends_on = date(2014, 12, 5)
        event.timezone = "Africa/Johannesburg"
        event.venue = venue
        event.contact_email = "learning-exchange@example.org"
        # The demo keeps the 2014 dates but keeps registration open so it can be tried.
        event.registration_opens_at = datetime(2014, 9, 1, tzinfo=UTC)
        event.registration_closes_at = datetime(2099, 12, 31, tzinfo=UTC)
        event.is_published = True
        event.full_clean()
        event.save()

        user_model = get_user_model()
        organiser, made = user_model.objects.get_or_create(
            username=DEMO_ORGANISER["username"],
            defaults={"email": DEMO_ORGANISER["email"], "is_staff": True, "is_superuser": True},
        )
        if made:
            organiser.set_password(DEMO_ORGANISER["password"])
            organiser.save()
        return event
