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


# --- Safe-city learning (cities) -------------------------------------------------------------
# PracticeFactory and UserFactory are needed here; if the library's or the back-office's
# branch adds its own, keep one of each.

from django.contrib.auth import get_user_model  # noqa: E402

from safecities.cities.models import (  # noqa: E402
    City,
    CityContact,
    Indicator,
    IndicatorValue,
    LearningRequest,
    MeetingBooking,
    MeetingProfile,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from safecities.practices.models import Characteristic, Practice  # noqa: E402


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a long test password 2014")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice of the library (its rules live in the practices app)."""

    class Meta:
        model = Practice

    slug = factory.Sequence(lambda n: f"practice-{n}")
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "Street lighting designed with residents."
    city = "Durban"
    country = "ZA"
    population_band = "1m_5m"
    status = Practice.Status.PUBLISHED
    main_characteristic = factory.LazyFunction(lambda: Characteristic.objects.get(code="C1"))
    label = "emerging"


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"City {n}")
    country = "ZA"
    region = "southern-africa"
    population = 1_200_000
    population_year = 2022
    population_source = "Census 2022"
    population_band = "1m_5m"


class CityContactFactory(factory.django.DjangoModelFactory):
    """An approved contact: the person may edit the city."""

    class Meta:
        model = CityContact

    city = factory.SubFactory(CityFactory)
    user = factory.SubFactory(UserFactory)
    role = "Safety manager"
    status = CityContact.Status.APPROVED


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """A raw value. Scores are kept in step by the services: use them to change values."""

    class Meta:
        model = IndicatorValue

    city = factory.SubFactory(CityFactory)
    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="c1-homicide"))
    year = 2022
    value = 10.0
    source = "Police annual report"


class LearningRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningRequest

    from_city = factory.SubFactory(CityFactory)
    to_city = factory.SubFactory(CityFactory)
    kind = LearningRequest.Kind.STUDY_VISIT
    message = "May we visit your safety forums?"


class MeetingProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingProfile

    registration = factory.SubFactory(RegistrationFactory)
    interests = "Youth violence prevention"


class MeetingSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSlot

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Break {n}")
    starts_at = factory.Sequence(lambda n: EPOCH + timedelta(hours=n))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=30))


class MeetingTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingTable

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Table {n}")


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """A pending request. Acceptance goes through the services (slots, tables, bookings)."""

    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(EventFactory)
    requester = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    invitee = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    message = "Could we compare notes on safety audits?"


class MeetingBookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingBooking

    meeting = factory.SubFactory(MeetingRequestFactory)
    slot = factory.SubFactory(MeetingSlotFactory)
    registration = factory.SelfAttribute("meeting.requester")
