"""A factory for every model (factory_boy)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from safecities.backoffice.models import Announcement, AnnouncementDelivery, EventRole, Role
from safecities.events.models import Enquiry, Event, Venue
from safecities.registration.models import (
    Answer,
    CheckIn,
    Note,
    Question,
    Reconfirmation,
    ReconfirmationRequest,
    Registration,
    normalise_email,
)

PASSWORD = "a-long-test-passphrase"
# A hash every server setting can check, made with few iterations so that tests stay fast
# (the real hasher, Argon2, re-hashes it at the first sign-in).
PASSWORD_HASH = PBKDF2PasswordHasher().encode(PASSWORD, "testsalt", iterations=1000)


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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = PASSWORD_HASH


class EventRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRole

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ORGANISER


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    key = factory.Sequence(lambda n: f"question-{n}")
    label = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.SHORT_TEXT
    required = False
    choices = factory.LazyAttribute(
        lambda o: ["Vegetarian", "Halal", "None"] if o.kind in Question.CHOICE_KINDS else [])
    order = factory.Sequence(int)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    registration = factory.SubFactory(RegistrationFactory,
                                      event=factory.SelfAttribute("..question.event"))
    value = "Vegetarian"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    registration = factory.SubFactory(RegistrationFactory)
    author = factory.SubFactory(UserFactory)
    text = "Asked for a letter naming her deputy."


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    registration = factory.SubFactory(RegistrationFactory)
    checked_in_by = factory.SubFactory(UserFactory)


class ReconfirmationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReconfirmationRequest

    event = factory.SubFactory(EventFactory)
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    asked_by = factory.SubFactory(UserFactory)


class ReconfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reconfirmation

    request = factory.SubFactory(ReconfirmationRequestFactory)
    registration = factory.SubFactory(RegistrationFactory,
                                      event=factory.SelfAttribute("..request.event"))
    notice_pending = False


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    event = factory.SubFactory(EventFactory)
    subject = "Programme published"
    body = "Dear {name}, the programme is online."
    segment = Announcement.Segment.CONFIRMED
    sent_by = factory.SubFactory(UserFactory)


class AnnouncementDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnouncementDelivery

    announcement = factory.SubFactory(AnnouncementFactory)
    registration = factory.SubFactory(RegistrationFactory,
                                      event=factory.SelfAttribute("..announcement.event"))
    pending = False


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
