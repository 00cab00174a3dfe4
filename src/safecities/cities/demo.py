"""Demo content for safe-city learning: cities with self-assessments, a few practices to
recommend, requests to learn, and bilateral meetings at the demo exchange.

Honesty rules for the demo:

* **Populations** are real census counts, with their year and source, only where we are
  sure of the figure; otherwise they are rounded, invented, and marked as such on the page.
* **Every indicator value is invented** for the demonstration (``is_demo``, source
  "Invented for the demonstration"); the pages say so beside each figure. They are shaped
  to make the recommendations interesting, not to describe the real cities.
* People are invented, with example.org addresses; practices are our own short
  descriptions, marked as demonstration entries.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from safecities.cities.models import (
    City,
    CityContact,
    LearningRequest,
    MeetingProfile,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from safecities.cities.services import meetings as meeting_services
from safecities.cities.services.assessment import ValueEntry, save_values
from safecities.events.models import Event
from safecities.practices.models import Characteristic, Practice, Theme
from safecities.practices.search.index import index_practice
from safecities.registration import services as registration_services
from safecities.registration.models import Registration

DEMO_SOURCE = "Invented for the demonstration"
DEMO_REPRESENTATIVE = {"username": "durban-safety", "password": "exchange-demo-2014",
                       "email": "durban-safety@example.org"}

# slug, name, other names, country, region, population, year, source (None: invented),
# latitude, longitude, safety unit, study visits, mentoring, priority themes
CITIES = [
    ("durban", "Durban", "eThekwini", "ZA", "southern-africa", 3_442_361, 2011,
     "Statistics South Africa, Census 2011 (eThekwini Metropolitan Municipality)",
     "-29.85870", "31.02180", "Safer Cities Unit", True, True,
     ["youth-at-risk", "informal-settlements-tenure", "safety-public-space-transport"]),
    ("cape-town", "Cape Town", "", "ZA", "southern-africa", 3_740_026, 2011,
     "Statistics South Africa, Census 2011 (City of Cape Town)",
     "-33.92490", "18.42410", "Safety and Security Directorate", True, False,
     ["gang-firearm-violence", "youth-at-risk"]),
    ("johannesburg", "Johannesburg", "", "ZA", "southern-africa", 4_434_827, 2011,
     "Statistics South Africa, Census 2011 (City of Johannesburg)",
     "-26.20410", "28.04730", "Public Safety Department", False, True,
     ["robbery-burglary-vehicle-crime", "fear-of-crime"]),
    ("nairobi", "Nairobi", "", "KE", "eastern-africa", 4_397_073, 2019,
     "Kenya National Bureau of Statistics, 2019 Population and Housing Census (Nairobi City "
     "County)", "-1.29210", "36.82190", "Safer Nairobi Initiative (demo name)", True, False,
     ["informal-settlements-tenure", "youth-at-risk"]),
    ("addis-ababa", "Addis Ababa", "", "ET", "eastern-africa", 2_739_551, 2007,
     "Central Statistical Agency of Ethiopia, 2007 Population and Housing Census",
     "9.03000", "38.74000", "Peace and Security Bureau (demo name)", False, False,
     ["safety-public-space-transport"]),
    ("kigali", "Kigali", "", "RW", "eastern-africa", 1_100_000, 2012, None,
     "-1.94410", "30.06190", "City safety committee (demo name)", True, True,
     ["fear-of-crime", "disorder-incivilities"]),
    ("lusaka", "Lusaka", "", "ZM", "eastern-africa", 1_700_000, 2010, None,
     "-15.38750", "28.32280", "", False, False,
     ["youth-at-risk", "alcohol-drug-harm"]),
    ("dar-es-salaam", "Dar es Salaam", "", "TZ", "eastern-africa", 4_300_000, 2012, None,
     "-6.79240", "39.20830", "Safer Cities programme (demo name)", False, True,
     ["informal-settlements-tenure"]),
    ("abidjan", "Abidjan", "", "CI", "western-africa", 4_700_000, 2014, None,
     "5.35990", "-4.00830", "", False, False, ["youth-at-risk"]),
    ("bogota", "Bogotá", "", "CO", "latin-america", 7_200_000, 2018, None,
     "4.71100", "-74.07210", "Secretariat for Security (demo name)", True, False,
     ["interpersonal-violence", "alcohol-drug-harm"]),
    ("glasgow", "Glasgow", "", "GB", "europe", 600_000, 2011, None,
     "55.86420", "-4.25180", "Community safety partnership (demo name)", True, True,
     ["interpersonal-violence", "gang-firearm-violence"]),
]

# Invented figures: (indicator, year, value) per city. Shaped so that each city has clear
# strengths and weaknesses; Durban is weakest on C1 and C6.
VALUES = {
    "durban": [("c1-homicide", 2022, 38), ("c1-robbery", 2022, 620),
               ("c1-safe-after-dark", 2022, 31), ("c2-strategy", 2023, 3),
               ("c2-safety-audit", 2023, 3), ("c2-prevention-budget", 2023, 1.2),
               ("c3-participation-structure", 2022, 60), ("c3-turnout", 2021, 44),
               ("c4-trust-police", 2022, 38), ("c4-reporting", 2022, 46),
               ("c5-service-satisfaction", 2022, 52), ("c5-transparency", 2023, 3),
               ("c5-bribery", 2022, 14), ("c6-gini", 2022, 0.62),
               ("c6-unemployment", 2022, 33), ("c6-youth-unemployment", 2022, 58),
               ("c6-basic-services", 2022, 78), ("c7-informal-settlements", 2022, 24),
               ("c7-neet", 2022, 34), ("c7-women-council", 2021, 42),
               # an earlier year, for the history on the chart
               ("c1-homicide", 2018, 44), ("c1-robbery", 2018, 700),
               ("c1-safe-after-dark", 2018, 27), ("c3-turnout", 2018, 50),
               ("c3-participation-structure", 2018, 50), ("c6-unemployment", 2018, 30),
               ("c6-gini", 2018, 0.63)],
    "cape-town": [("c1-homicide", 2022, 62), ("c1-robbery", 2022, 700),
                  ("c1-safe-after-dark", 2022, 35), ("c2-strategy", 2023, 4),
                  ("c2-safety-audit", 2022, 4), ("c3-turnout", 2021, 50),
                  ("c3-civic-engagement", 2022, 40), ("c4-trust-police", 2022, 35),
                  ("c4-generalised-trust", 2022, 18), ("c6-gini", 2022, 0.61),
                  ("c6-unemployment", 2022, 24), ("c6-basic-services", 2022, 88),
                  ("c7-informal-settlements", 2022, 18), ("c7-neet", 2022, 30)],
    "johannesburg": [("c1-homicide", 2022, 30), ("c1-robbery", 2022, 900),
                     ("c1-harassment", 2022, 30), ("c2-strategy", 2023, 2),
                     ("c2-safety-audit", 2021, 2), ("c3-turnout", 2021, 42),
                     ("c3-civic-engagement", 2022, 35), ("c5-bribery", 2022, 20),
                     ("c5-transparency", 2023, 3), ("c6-gini", 2022, 0.63),
                     ("c6-unemployment", 2022, 30)],
    "nairobi": [("c1-homicide", 2022, 9), ("c1-robbery", 2022, 300),
                ("c1-safe-after-dark", 2022, 45), ("c3-participation-structure", 2022, 65),
                ("c3-civic-engagement", 2022, 55), ("c4-trust-police", 2022, 30),
                ("c4-reporting", 2022, 35), ("c5-bribery", 2022, 38),
                ("c5-service-satisfaction", 2022, 40), ("c6-unemployment", 2022, 15),
                ("c6-basic-services", 2022, 60), ("c7-informal-settlements", 2022, 55),
                ("c7-neet", 2022, 25)],
    "addis-ababa": [("c1-homicide", 2021, 6), ("c1-safe-after-dark", 2021, 60),
                    ("c2-strategy", 2022, 1), ("c2-safety-audit", 2022, 1),
                    ("c4-generalised-trust", 2021, 30), ("c4-trust-police", 2021, 55),
                    ("c6-unemployment", 2021, 20), ("c6-basic-services", 2021, 70)],
    "kigali": [("c1-homicide", 2022, 2.5), ("c1-robbery", 2022, 60),
               ("c1-safe-after-dark", 2022, 85), ("c2-strategy", 2023, 3),
               ("c2-safety-audit", 2023, 3), ("c3-civic-engagement", 2022, 75),
               ("c3-participation-structure", 2022, 70), ("c4-trust-police", 2022, 85),
               ("c4-reporting", 2022, 60), ("c5-bribery", 2022, 3),
               ("c5-service-satisfaction", 2022, 75), ("c6-unemployment", 2022, 18),
               ("c6-youth-unemployment", 2022, 25), ("c6-basic-services", 2022, 65),
               ("c7-women-council", 2021, 50), ("c7-neet", 2022, 22)],
    "lusaka": [("c1-homicide", 2021, 11), ("c1-robbery", 2021, 250),
               ("c2-strategy", 2022, 1), ("c3-turnout", 2021, 60),
               ("c3-civic-engagement", 2021, 45), ("c4-trust-police", 2021, 40),
               ("c4-reporting", 2021, 40), ("c6-unemployment", 2021, 20),
               ("c6-basic-services", 2021, 55)],
    "dar-es-salaam": [("c1-homicide", 2021, 7), ("c1-safe-after-dark", 2021, 55),
                      ("c3-civic-engagement", 2021, 50), ("c3-turnout", 2020, 50),
                      ("c7-informal-settlements", 2021, 60), ("c7-neet", 2021, 30),
                      ("c7-women-council", 2020, 36)],
    "abidjan": [("c1-homicide", 2021, 10), ("c1-robbery", 2021, 400),
                ("c5-bribery", 2021, 30), ("c5-service-satisfaction", 2021, 45),
                ("c6-unemployment", 2021, 12), ("c6-youth-unemployment", 2021, 20)],
    "bogota": [("c1-homicide", 2022, 14), ("c1-robbery", 2022, 1100),
               ("c1-safe-after-dark", 2022, 40), ("c2-strategy", 2023, 4),
               ("c2-safety-audit", 2022, 4), ("c2-evaluated-programmes", 2022, 40),
               ("c3-participation-structure", 2022, 80), ("c3-civic-engagement", 2022, 60),
               ("c3-turnout", 2019, 52), ("c4-trust-police", 2022, 40),
               ("c6-gini", 2022, 0.52), ("c6-unemployment", 2022, 11)],
    "glasgow": [("c1-homicide", 2022, 1.5), ("c1-robbery", 2022, 60),
                ("c1-safe-after-dark", 2022, 70), ("c2-strategy", 2023, 4),
                ("c2-evaluated-programmes", 2022, 60), ("c3-turnout", 2022, 40),
                ("c4-generalised-trust", 2022, 45), ("c4-trust-police", 2022, 60),
                ("c5-transparency", 2023, 4), ("c5-service-satisfaction", 2022, 65),
                ("c6-gini", 2022, 0.34), ("c6-unemployment", 2022, 5),
                ("c6-youth-unemployment", 2022, 12), ("c6-basic-services", 2022, 99),
                ("c7-neet", 2022, 10), ("c7-women-council", 2022, 40)],
}

# Practices to recommend (our own short descriptions, marked as demonstration entries):
# slug, title, city, country, band, main characteristic, label, themes
PRACTICES = [
    ("demo-kigali-neighbourhood-safety-forums", "Monthly neighbourhood safety forums",
     "Kigali", "RW", "1m_5m", "C1", "promising", ["fear-of-crime"]),
    ("demo-glasgow-violence-reduction-partnership",
     "A public-health partnership against violence", "Glasgow", "GB", "500k_1m", "C1",
     "effective", ["interpersonal-violence", "gang-firearm-violence"]),
    ("demo-bogota-citizen-culture", "Citizen culture campaigns for safer streets", "Bogotá",
     "CO", "over_5m", "C1", "promising", ["interpersonal-violence", "alcohol-drug-harm"]),
    ("demo-kigali-youth-apprenticeships", "Apprenticeships for young people at risk",
     "Kigali", "RW", "1m_5m", "C6", "emerging", ["youth-at-risk"]),
    ("demo-nairobi-settlement-upgrading", "Settlement upgrading planned with residents",
     "Nairobi", "KE", "1m_5m", "C6", "emerging", ["informal-settlements-tenure"]),
    ("demo-glasgow-employment-pathways", "Employment pathways for people leaving prison",
     "Glasgow", "GB", "500k_1m", "C6", "promising", ["reoffending-reintegration"]),
    ("demo-durban-market-safety", "Safety by design in a busy market district", "Durban",
     "ZA", "1m_5m", "C1", "emerging", ["safety-public-space-transport"]),
]

PARTICIPANTS = [  # name, organisation, position, city, country, city slug, interests
    ("Thandiwe Mkhize", "eThekwini Municipality", "Safety programme manager", "Durban",
     "South Africa", "durban", "Youth violence; safer markets"),
    ("Jean-Paul Habimana", "City of Kigali", "Community safety officer", "Kigali", "Rwanda",
     "kigali", "Neighbourhood forums; trust in the police"),
    ("Wanjiru Kamau", "Nairobi City County", "Urban planner", "Nairobi", "Kenya", "nairobi",
     "Upgrading informal settlements"),
    ("Fiona MacLeod", "Glasgow community safety partnership", "Analyst", "Glasgow",
     "United Kingdom", "glasgow", "Violence as a public-health problem"),
    ("Mwila Banda", "Lusaka City Council", "Councillor", "Lusaka", "Zambia", "lusaka",
     "Alcohol-related harm"),
]


def _demo_email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("-", "") + "@example.org"


def _cities() -> dict[str, City]:
    themes = {t.code: t for t in Theme.objects.all()}
    cities = {}
    for (slug, name, other, country, region, population, year, source, lat, lon, unit,
         visits, mentoring, theme_codes) in CITIES:
        city, _created = City.objects.update_or_create(slug=slug, defaults={
            "name": name, "other_names": other, "country": country, "region": region,
            "population": population, "population_year": year,
            "population_source": source or DEMO_SOURCE, "population_is_demo": source is None,
            "latitude": lat, "longitude": lon, "safety_unit": unit,
            "offers_study_visits": visits, "offers_mentoring": mentoring,
        })
        city.themes.set([themes[c] for c in theme_codes if c in themes])
        cities[slug] = city
    return cities


def _values(cities: dict[str, City]) -> None:
    for slug, rows in VALUES.items():
        save_values(city=cities[slug], entries=[
            ValueEntry(indicator=code, year=year, value=value, source=DEMO_SOURCE,
                       note="Demonstration value, not a real statistic.", is_demo=True)
            for code, year, value in rows
        ])


def _practices() -> None:
    characteristics = {c.code: c for c in Characteristic.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    for slug, title, city, country, band, main, label, theme_codes in PRACTICES:
        practice, _created = Practice.objects.update_or_create(slug=slug, defaults={
            "title": title, "city": city, "country": country, "population_band": band,
            "summary": "A demonstration entry written for this demo site, not a real "
                       "practice record.",
            "status": Practice.Status.PUBLISHED,
            "is_demo": True,
            "main_characteristic": characteristics[main],
        })
        # The label is normally derived by the library's evidence rule; the demo sets it.
        Practice.objects.filter(pk=practice.pk).update(label=label)
        practice.label = label
        practice.characteristics.set([characteristics[main]])
        practice.themes.set([themes[c] for c in theme_codes if c in themes])
        # Published practices are always findable: put it in the library's search index.
        index_practice(practice)


def _representative(cities: dict[str, City]) -> None:
    user, made = get_user_model().objects.get_or_create(
        username=DEMO_REPRESENTATIVE["username"],
        defaults={"email": DEMO_REPRESENTATIVE["email"], "first_name": "Demo",
                  "last_name": "Representative"})
    if made:
        user.set_password(DEMO_REPRESENTATIVE["password"])
        user.save()
    CityContact.objects.get_or_create(city=cities["durban"], user=user, defaults={
        "role": "Safety programme manager (demo)", "status": CityContact.Status.APPROVED})


def _learning_requests(cities: dict[str, City]) -> None:
    for source, target, kind, status, practice, message in [
        ("durban", "glasgow", "study_visit", "agreed",
         "demo-glasgow-violence-reduction-partnership",
         "We would like to see how your partnership works with hospitals and schools."),
        ("durban", "kigali", "mentoring", "answered", "demo-kigali-neighbourhood-safety-forums",
         "Could one of your forum coordinators mentor our ward safety committees?"),
        ("lusaka", "durban", "documents", "open", "demo-durban-market-safety",
         "Please share your market safety plan and what it cost."),
        ("nairobi", "bogota", "documents", "done", None,
         "Your guide to participatory budgeting for safety, please."),
    ]:
        LearningRequest.objects.get_or_create(
            from_city=cities[source], to_city=cities[target], kind=kind,
            defaults={"status": status, "message": message, "is_demo": True,
                      "practice": Practice.objects.filter(slug=practice).first()})


def _meetings(event: Event, cities: dict[str, City]) -> None:
    tz = ZoneInfo(event.timezone)
    for day, (hour, minute, label) in [(0, (10, 30, "Tea break, day 1")),
                                       (0, (15, 0, "Afternoon break, day 1")),
                                       (1, (10, 30, "Tea break, day 2")),
                                       (2, (12, 30, "Lunch, day 3"))]:
        starts = datetime.combine(event.starts_on + timedelta(days=day), time(hour, minute),
                                  tzinfo=tz)
        MeetingSlot.objects.get_or_create(event=event, starts_at=starts, defaults={
            "label": label, "ends_at": starts + timedelta(minutes=25)})
    for n in range(1, 5):
        MeetingTable.objects.get_or_create(event=event, name=f"Table {n}",
                                           defaults={"position": n})
    people = {}
    for name, organisation, position, city, country, city_slug, interests in PARTICIPANTS:
        registration = registration_services.register(
            event=event, name=name, email=_demo_email(name), organisation=organisation,
            position=position, city=city, country=country, consent=True,
        ).registration
        if registration.status == Registration.Status.CONFIRMED:
            if not MeetingProfile.objects.filter(registration=registration).exists():
                meeting_services.opt_in(registration=registration, interests=interests,
                                        city=cities[city_slug])
            people[name.split()[0]] = registration
    if len(people) < len(PARTICIPANTS):
        return  # the demo event is full: no meetings
    for requester, invitee, answer, message in [
        ("Thandiwe", "Jean-Paul", "accept", "Could we talk about your neighbourhood forums?"),
        ("Fiona", "Thandiwe", "accept", "I would like to hear how the market project started."),
        ("Wanjiru", "Thandiwe", None, "Shall we compare notes on settlement upgrading?"),
        ("Mwila", "Jean-Paul", "decline", "A short chat about alcohol licensing?"),
    ]:
        a, b = people[requester], people[invitee]
        pair = (MeetingRequest.objects.filter(requester=a, invitee=b)
                | MeetingRequest.objects.filter(requester=b, invitee=a))
        if pair.exists():
            continue
        meeting = meeting_services.request_meeting(requester=a, invitee=b, message=message)
        if answer == "accept":
            meeting_services.accept(meeting=meeting, by=b)
        elif answer == "decline":
            meeting_services.decline(meeting=meeting, by=b)


def load_demo(event: Event | None = None) -> dict[str, City]:
    """Create or refresh the demo cities, values, practices, requests and meetings."""
    with transaction.atomic():
        cities = _cities()
        _values(cities)
        _practices()
        _representative(cities)
        _learning_requests(cities)
    if event is not None:
        _meetings(event, cities)
    return cities
