"""A factory for every model (factory_boy)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import factory
from django.utils import timezone

from safecities.events.models import Enquiry, Event, Venue
from safecities.registration.models import Registration, normalise_email


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name",)

    name = "Durban International Convention Centre"
    address = "45 Bram Fischer Road"
    city = "Durban"
    country = "South Africa"


class EventFactory(factory.django.DjangoModelFactory):
    """A published event whose registration is open now."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"exchange-{n}")
    title = factory.Sequence(lambda n: f"Learning Exchange {n}")
    tagline = "Positioning the City as a Centre of Learning"
    host = "eThekwini Municipality"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=2))
    timezone = "Africa/Johannesburg"
    venue = factory.SubFactory(VenueFactory)
    capacity = 3
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    registration_closes_at = None
    contact_email = "organisers@example.org"
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A raw row, for reads. Rules are exercised through the services, never through this."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    email_normalised = factory.LazyAttribute(lambda o: normalise_email(o.email))
    organisation = "City of Example"
    position = "Safety officer"
    city = "Lusaka"
    country = "Zambia"
    status = Registration.Status.CONFIRMED
    registered_at = factory.LazyFunction(timezone.now)
    consented_at = factory.LazyFunction(timezone.now)


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    event = factory.SubFactory(EventFactory)
    name = "Amina Phiri"
    email = "amina@example.org"
    subject = "Visa letter"
    message = "Can the letter name my deputy too?"


def person(n: int, **overrides) -> dict[str, object]:
    """The fields of the registration form for the n-th test participant."""
    return {
        "name": f"Participant {n}",
        "email": f"participant{n}@example.org",
        "organisation": "City of Example",
        "position": "Safety officer",
        "city": "Lusaka",
        "country": "Zambia",
        "consent": True,
        **overrides,
    }


DEMO_START = date(2014, 12, 3)
EPOCH = datetime(2014, 1, 1, tzinfo=UTC)
