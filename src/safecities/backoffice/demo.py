"""Demo back-office: the demo organiser's role, a door-staff account, the exchange's own
registration questions and a few dozen invented registrants (example.org addresses) so
the dashboard has something to show. Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from safecities.backoffice.models import EventRole, Role
from safecities.events.models import Event
from safecities.registration import services
from safecities.registration.models import Question, Registration

DEMO_DOOR_STAFF = {"username": "door", "password": "exchange-door-2014",
                   "email": "door@example.org"}

QUESTIONS = [
    dict(key="city-represented", label="City or municipality you represent",
         kind=Question.Kind.SHORT_TEXT, required=True, order=1),
    dict(key="days", label="Which days will you attend?", kind=Question.Kind.MULTIPLE_CHOICE,
         required=True, order=2, choices=["3 December", "4 December", "5 December"]),
    dict(key="diet", label="Dietary needs", kind=Question.Kind.SINGLE_CHOICE, order=3,
         choices=["None", "Vegetarian", "Halal", "Other (tell us below)"],
         detail_choice="Other (tell us below)"),
    dict(key="access", label="Accessibility needs", kind=Question.Kind.LONG_TEXT, order=4,
         help_text="Anything that would help you take part fully."),
    dict(key="visa-letter", label="Do you need the invitation letter for a visa?",
         kind=Question.Kind.YES_NO, required=True, order=5),
]

# Invented people and organisations; cities are real places that might send delegates.
PEOPLE = [
    ("Thandeka Mthembu", "eThekwini Municipality", "Durban", "South Africa"),
    ("Kwame Boateng", "Kumasi Metropolitan Assembly", "Kumasi", "Ghana"),
    ("Amina Mwangi", "Nairobi City County", "Nairobi", "Kenya"),
    ("Joaquim Matsinhe", "Maputo Municipal Council", "Maputo", "Mozambique"),
    ("Fatou Diallo", "Ville de Dakar", "Dakar", "Senegal"),
    ("Chipo Banda", "Lusaka City Council", "Lusaka", "Zambia"),
    ("Sipho Ndlovu", "City of Johannesburg", "Johannesburg", "South Africa"),
    ("Grace Achieng", "Kisumu County", "Kisumu", "Kenya"),
    ("Ibrahim Kamara", "Freetown City Council", "Freetown", "Sierra Leone"),
    ("Nomsa Dube", "City of Cape Town", "Cape Town", "South Africa"),
    ("Tendai Moyo", "Harare City Council", "Harare", "Zimbabwe"),
    ("Aïcha Traoré", "Mairie de Bamako", "Bamako", "Mali"),
]


def grant_demo_reviewers(event: Event, reviewers) -> None:
    for reviewer in reviewers:
        EventRole.objects.get_or_create(event=event, user=reviewer, role=Role.REVIEWER)


@transaction.atomic
def _questions_and_roles(event: Event, organiser) -> dict[str, Question]:
    EventRole.objects.get_or_create(event=event, user=organiser, role=Role.ORGANISER)
    user_model = get_user_model()
    door, made = user_model.objects.get_or_create(
        username=DEMO_DOOR_STAFF["username"], defaults={"email": DEMO_DOOR_STAFF["email"]})
    if made:
        door.set_password(DEMO_DOOR_STAFF["password"])
        door.save()
    EventRole.objects.get_or_create(event=event, user=door, role=Role.CHECKIN)
    questions = {}
    for spec in QUESTIONS:
        question, _ = Question.objects.update_or_create(event=event, key=spec["key"],
                                                        defaults=spec)
        questions[spec["key"]] = question
    return questions


def load_demo_backoffice(event: Event, organiser) -> None:
    questions = _questions_and_roles(event, organiser)
    if Registration.objects.filter(event=event).exists():
        return
    diets = ["None", "Vegetarian", "Halal", "None"]
    for n, (name, organisation, city, country) in enumerate(PEOPLE):
        services.register(
            event=event, name=name, email=f"delegate{n + 1}@example.org",
            organisation=organisation, position="Community safety officer", city=city,
            country=country, consent=True,
            answers={
                questions["city-represented"].id: [city],
                questions["days"].id: ["3 December", "4 December"] if n % 3 else
                ["3 December", "4 December", "5 December"],
                questions["diet"].id: [diets[n % 4]],
                questions["visa-letter"].id: ["yes" if country != "South Africa" else "no"],
            },
        )
