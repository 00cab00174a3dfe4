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


# --- The good-practice library -------------------------------------------------------------

from django.contrib.auth import get_user_model  # noqa: E402

from safecities.practices import models as practices  # noqa: E402


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.LazyAttribute(lambda o: o.username)
    first_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.django.Password("a-long-test-password")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Profile

    user = factory.SubFactory(UserFactory)
    organisation = "City of Example"
    city = "Lusaka"
    country = "ZM"
    email_verified_at = factory.LazyFunction(timezone.now)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Call

    slug = factory.Sequence(lambda n: f"call-{n}")
    title = factory.Sequence(lambda n: f"Call for practices {n}")
    guidance = "Practices that prevent violence at its roots."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class PracticeFactory(factory.django.DjangoModelFactory):
    """A draft by default; pass ``status="published"`` (and index it) for a public one."""

    class Meta:
        model = practices.Practice

    slug = factory.Sequence(lambda n: f"practice-{n}")
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "Street lighting and safety walks in a busy neighbourhood."
    city = "Durban"
    country = "ZA"
    population_band = practices.PopulationBand.FROM_1M
    lead_organisation = "eThekwini Municipality"
    problem = "Robberies at night on the way home from the taxi rank."
    objectives = "Fewer robberies."
    mechanism = "More people see and are seen."
    components = "Lights, walks, a forum."
    lessons_learned = "Start with the people who walk there."
    preconditions = "A working lights maintenance team."
    status = practices.Practice.Status.DRAFT
    contributor = factory.SubFactory(UserFactory)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == practices.Practice.Status.PUBLISHED else None)


class BaselineFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.BaselineFigure

    practice = factory.SubFactory(PracticeFactory)
    indicator = "Robberies reported"
    value = 120
    unit = "per year"
    year = 2012
    source = "Police station records"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Partner

    practice = factory.SubFactory(PracticeFactory)
    name = "Ward safety forum"
    kind = practices.Partner.Kind.COMMUNITY
    role = "Walks every evening"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Outcome

    practice = factory.SubFactory(PracticeFactory)
    indicator = factory.Sequence(lambda n: f"Robberies reported {n}")
    baseline = 120
    follow_up = 80
    unit = "per year"
    data_source = "Police station records"
    design_strength = practices.DesignStrength.E1
    effect = practices.Effect.POSITIVE


class PracticeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.PracticeVersion

    practice = factory.SubFactory(PracticeFactory, status="published")
    number = factory.Sequence(lambda n: n + 1)
    published_at = factory.LazyFunction(timezone.now)
    record = factory.LazyAttribute(lambda o: {"title": o.practice.title})


class PracticeFacetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.PracticeFacet

    practice = factory.SubFactory(PracticeFactory, status="published")
    dimension = "country"
    value = "ZA"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Review

    practice = factory.SubFactory(PracticeFactory, status="in_review", review_round=1)
    round = factory.LazyAttribute(lambda o: o.practice.review_round)
    reviewer = factory.SubFactory(UserFactory)


class OutcomeRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.OutcomeRating

    review = factory.SubFactory(ReviewFactory)
    outcome = factory.SubFactory(OutcomeFactory,
                                 practice=factory.SelfAttribute("..review.practice"))
    design_strength = practices.DesignStrength.E2
    effect = practices.Effect.POSITIVE


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = practices.Decision

    practice = factory.SubFactory(PracticeFactory)
    round = 1
    kind = practices.Decision.Kind.CHANGES
    comments = "Please add the data source of the outcome."
