"""A factory for every model (factory_boy)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from safecities.backoffice.models import Announcement, AnnouncementDelivery, EventRole, Role
from safecities.cities.models import (
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
from safecities.events.models import Enquiry, Event, Venue
from safecities.practices import models as practices
from safecities.practices.models import Characteristic
from safecities.programme.models import (
    AgendaPick,
    Commitment,
    Day,
    Lesson,
    Programme,
    Rapporteur,
    Room,
    Session,
    SessionReport,
    SessionSpeaker,
    Speaker,
)
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

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.LazyAttribute(
        lambda o: o.username if "@" in o.username else f"{o.username}@example.org")
    first_name = "Thandi"
    last_name = factory.Sequence(lambda n: f"Rapporteur {n}")
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
# --- Practices (only the fields the programme relies on) -----------------------------------




def characteristic(code: str) -> Characteristic:
    """One of the seven seeded characteristics, by code (C1 … C7)."""
    return Characteristic.objects.get(code=code)


# --- Programme ------------------------------------------------------------------------
# Raw rows, for reads. The timetable rules are exercised through
# safecities.programme.services.timetable.save_session, never through these.


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("event",)

    event = factory.SubFactory(EventFactory)
    is_published = True


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Day

    event = factory.SubFactory(EventFactory)
    date = factory.LazyAttribute(lambda o: o.event.starts_on)
    title = "Opening and showcases"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 120
    accessibility = "Step-free access; hearing loop."


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    organisation = "eThekwini Municipality"
    city = "Durban"
    country = "South Africa"
    biography = "Leads the municipal safety unit."


def at(event: Event, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the event's ``day`` (1 = first day) in its time zone."""
    moment = datetime.combine(event.starts_on + timedelta(days=day - 1),
                              datetime.min.time(), tzinfo=event.tz)
    return moment.replace(hour=hour, minute=minute)


class SessionFactory(factory.django.DjangoModelFactory):
    """A session on the event's first day, 09:00–10:00 in the event's time zone."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    type = Session.Type.SHOWCASE
    abstract = "Cities show what worked."
    starts_at = factory.LazyAttribute(lambda o: at(o.event, 1, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    room = None


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory, event=factory.SelfAttribute("..session.event"))
    position = 0


class AgendaPickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaPick

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.SubFactory(SessionFactory,
                                 event=factory.SelfAttribute("..registration.event"))


class RapporteurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rapporteur

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)


class SessionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionReport

    session = factory.SubFactory(SessionFactory)
    summary = "Cities compared how they *fund* prevention."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory)
    statement = factory.Sequence(lambda n: f"Lesson {n}: involve residents from the start.")
    explanation = "Residents know where they feel unsafe."
    proposed_by = "City of Cape Town"

    @factory.post_generation
    def characteristics(self, create, extracted, **kwargs):
        if create:
            self.characteristics.set(extracted or [characteristic("C3")])


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    event = factory.SubFactory(EventFactory)
    city = "Lusaka"
    country = "Zambia"
    statement = "Adopt a municipal crime-prevention strategy within a year."


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
# --- The good-practice library -------------------------------------------------------------



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


class PublishedPracticeFactory(PracticeFactory):
    """A published practice with the context other apps read (programme, cities)."""

    class Meta:
        model = practices.Practice
        django_get_or_create = ("slug",)

    status = practices.Practice.Status.PUBLISHED
    main_characteristic = factory.LazyFunction(lambda: Characteristic.objects.get(code="C1"))
    label = "emerging"


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
