"""The demo programme of the Durban exchange (3–5 December 2014), written by us.

Every person and practice below is invented for the demonstration (the cities are real
places; what is said of them is not a record of their work). The programme follows the
announcement's shape: an opening plenary by the host city, showcases grouped by the seven
characteristics of a safe city, site visits in Durban, workshops on partnerships with
communities, and a closing session on lessons and commitments. It is saved through the
timetable's rules (``services.timetable.save_session``), so it cannot contain a clash.
Loading it twice changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from safecities.events.models import Event
from safecities.practices.models import Characteristic, Practice
from safecities.programme.models import (
    Commitment,
    Day,
    Lesson,
    Programme,
    Room,
    Session,
    Speaker,
)
from safecities.programme.services import outcomes, timetable

DEMO_RAPPORTEUR = {"username": "rapporteur", "password": "exchange-demo-2014",
                   "email": "rapporteur@example.org", "first_name": "Lindiwe",
                   "last_name": "Ngcobo"}

DAYS = [
    (date(2014, 12, 3), "Opening and showcases"),
    (date(2014, 12, 4), "Site visits and showcases"),
    (date(2014, 12, 5), "Partnerships, lessons and commitments"),
]

# name, seats, accessibility
ROOMS = [
    ("Hall 1", 400, "Step-free entrance from the main foyer; hearing loop; "
                    "interpretation booths (French, Portuguese)."),
    ("Room 11", 80, "Step-free via the lift beside the north foyer; hearing loop."),
    ("Room 12", 80, "Step-free via the lift beside the north foyer."),
    ("Room 13", 40, "Step-free via the lift beside the north foyer; movable seating."),
    ("North Foyer", 500, "Step-free; seating along the windows."),
]

# key: name, organisation, city, country, biography
SPEAKERS = {
    "host": ("Nomsa Khumalo", "eThekwini Municipality", "Durban", "South Africa",
             "Heads the municipality's safer-cities programme and has worked on "
             "community safety in Durban for fifteen years."),
    "afus": ("Jean-Pierre Mbeki Ondo", "African Forum for Urban Safety", "Libreville",
             "Gabon", "Coordinates the forum's peer learning between African cities."),
    "chair1": ("Thabo Mahlangu", "eThekwini Municipality", "Durban", "South Africa",
               "Manages partnerships in the municipal safety unit."),
    "lusaka": ("Mwila Banda", "Lusaka City Council", "Lusaka", "Zambia",
               "Runs the council's ward safety committees."),
    "accra": ("Ama Owusu", "Accra Metropolitan Assembly", "Accra", "Ghana",
              "Set up the assembly's municipal safety unit."),
    "maputo": ("Ana Cossa", "Municipality of Maputo", "Maputo", "Mozambique",
               "Works on neighbourhood mediation and conflict resolution."),
    "nairobi": ("Wanjiru Kamau", "Nairobi City County", "Nairobi", "Kenya",
                "Leads youth programmes in the county's informal settlements."),
    "kigali": ("Eric Habimana", "City of Kigali", "Kigali", "Rwanda",
               "Publishes the city's safety data and council decisions."),
    "dar": ("Neema Mushi", "Dar es Salaam City Council", "Dar es Salaam", "Tanzania",
            "Organises women's safety audits with residents."),
    "windhoek": ("Petrus Shikongo", "City of Windhoek", "Windhoek", "Namibia",
                 "Links employment programmes with violence prevention."),
    "abidjan": ("Awa Kone", "District of Abidjan", "Abidjan", "Côte d'Ivoire",
                "Works with neighbourhood councils and the police."),
    "researcher": ("Sizwe Dube", "University researcher", "Durban", "South Africa",
                   "Studies how cities evaluate crime-prevention programmes."),
    "traders": ("Zodwa Mthembu", "Market traders' association", "Durban", "South Africa",
                "Represents informal traders in the inner city."),
    "police": ("Rajesh Naidoo", "Metropolitan police", "Durban", "South Africa",
               "Leads community policing in the inner city."),
    "forum": ("Bongani Cele", "Community safety forum", "Inanda", "South Africa",
              "Chairs a community safety forum north of Durban."),
    "youth": ("Lerato Molefe", "Youth organisation", "Durban", "South Africa",
              "Runs sport and mentoring for young people after school."),
}

# The practices the sessions showcase: records of the library's demo (practices/demo.py,
# loaded first by load_demo). Should the library's demo be absent, a short record with
# the same title is made so the programme still links somewhere.
# slug: title, summary, city, country (ISO), characteristic codes
PRACTICES = {
    "demo-lagos-market-safety-committee": (
        "A market traders' safety committee",
        "Traders, the market authority and the police plan safety in a busy market together.",
        "Lagos", "NG", ["C6", "C1"]),
    "demo-dakar-participatory-safety-budget": (
        "A participatory budget for neighbourhood safety",
        "Residents choose and follow up the safety works their neighbourhood pays for.",
        "Dakar", "SN", ["C3"]),
    "demo-kigali-safety-observatory": (
        "A municipal safety observatory",
        "A small team gathers the city's safety figures and guides prevention.",
        "Kigali", "RW", ["C2"]),
    "demo-lusaka-ward-mediation": (
        "Trained mediators in every ward",
        "Trained volunteers settle disputes between neighbours before they turn violent.",
        "Lusaka", "ZM", ["C4"]),
    "demo-maputo-open-safety-data": (
        "Open safety data and council reporting",
        "The city publishes its safety figures, budgets and decisions in plain language.",
        "Maputo", "MZ", ["C5"]),
    "demo-medellin-library-parks": (
        "Library parks at cable-car stations",
        "Libraries, parks and activities for young people beside new transport links.",
        "Medellín", "CO", ["C7", "C1"]),
    "demo-nairobi-women-safety-audits": (
        "Women's safety audits in a settlement ward",
        "Women walk their neighbourhood with officials and map what makes them feel unsafe.",
        "Nairobi", "KE", ["C3", "C7"]),
    "demo-dar-es-salaam-apprenticeships": (
        "Apprenticeships for young people at risk",
        "Apprenticeships with mentoring for young people leaving school.",
        "Dar es Salaam", "TZ", ["C6"]),
    "demo-durban-taxi-rank-marshals": (
        "Marshals and lighting at a city taxi rank",
        "Marshals, lighting and a shared incident log at a busy taxi rank.",
        "Durban", "ZA", ["C1", "C4"]),
}

BREAK = Session.Type.BREAK
NETWORKING = Session.Type.NETWORKING

# day (1-3), start, end, title, type, room or None, place, chair, speakers, practices,
# characteristics, shares_room, abstract. A title is unique within its day (it is the
# session's key when the demo is loaded again).
SESSIONS = [
    (1, "08:00", "09:00", "Registration and coffee", BREAK, "North Foyer", "", None, [], [],
     [], True, "Collect your badge and meet the other delegations."),
    (1, "09:00", "10:30", "Opening plenary: the city as a centre of learning",
     Session.Type.PLENARY, "Hall 1", "", "chair1", ["host", "afus"], [],
     ["C1", "C2", "C3", "C4", "C5", "C6", "C7"], False,
     "eThekwini Municipality opens the exchange. Why a city should lead crime and "
     "violence prevention with its communities and partners, what the seven "
     "characteristics of a safe city ask of local government, and how the three days "
     "are organised so that every delegation leaves with lessons it can apply."),
    (1, "10:30", "11:00", "Morning tea", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (1, "11:00", "12:30", "Showcase C1: fewer victims of violence and crime",
     Session.Type.SHOWCASE, "Hall 1", "", "researcher", ["traders", "nairobi"],
     ["demo-lagos-market-safety-committee", "demo-medellin-library-parks"], ["C1"], False,
     "Two cities show how they reduced violence where it concentrates: in a busy "
     "market and among young people after school. What changed, how they know, and "
     "what it cost."),
    (1, "11:00", "12:30", "Showcase C2: building the city's capacity for prevention",
     Session.Type.SHOWCASE, "Room 11", "", "chair1", ["accra"],
     ["demo-kigali-safety-observatory"], ["C2"], False,
     "A municipal safety unit with a handful of staff: where it sits, what it "
     "coordinates, and how a local strategy keeps prevention going after elections."),
    (1, "12:30", "13:30", "Lunch", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (1, "13:30", "15:00", "Showcase C3: residents who take part",
     Session.Type.SHOWCASE, "Room 11", "", "afus", ["lusaka", "dar"],
     ["demo-dakar-participatory-safety-budget", "demo-nairobi-women-safety-audits"], ["C3"], False,
     "Ward committees and women's safety audits: two ways of giving residents a real "
     "say in what the city does about safety."),
    (1, "13:30", "15:00", "Showcase C4: reciprocity and trust",
     Session.Type.SHOWCASE, "Room 12", "", "host", ["maputo", "abidjan"],
     ["demo-lusaka-ward-mediation", "demo-durban-taxi-rank-marshals"], ["C4"], False,
     "Mediation between neighbours and regular meetings with the police: building the "
     "trust that makes people report, cooperate and intervene."),
    (1, "15:00", "15:30", "Afternoon tea", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (1, "15:30", "17:00", "Panel: what makes prevention last", Session.Type.PANEL,
     "Hall 1", "", "researcher", ["host", "accra", "lusaka"], [], ["C2", "C5"], False,
     "Budgets, staff turnover and political cycles: what kept the showcased practices "
     "alive, and what almost ended them."),
    (1, "17:30", "19:00", "Welcome reception", NETWORKING, "North Foyer", "", None, [], [],
     [], True, "Meet the delegations. Light refreshments."),
    (2, "08:30", "12:30", "Site visit: Warwick Junction markets", Session.Type.SITE_VISIT,
     None, "Warwick Junction; the bus leaves the main entrance at 08:30", "traders",
     ["police"], ["demo-lagos-market-safety-committee"], ["C1", "C6"], False,
     "Walk the markets with traders and officers who plan their safety together. "
     "Comfortable shoes; the route has steps and a few steep ramps."),
    (2, "08:30", "12:30", "Site visit: a community safety forum in Inanda",
     Session.Type.SITE_VISIT, None, "Inanda; the bus leaves the main entrance at 08:30",
     "forum", [], [], ["C3", "C4"], False,
     "Meet members of a community safety forum and hear how they work with the police "
     "and the municipality. The venue is step-free."),
    (2, "08:30", "12:30", "Site visit: safe public space on the beachfront",
     Session.Type.SITE_VISIT, None, "Beachfront promenade; meet at the main entrance",
     "youth", [], [], ["C1", "C7"], False,
     "How lighting, design and activities keep a public space used and safe, day and "
     "night. The promenade is flat and step-free."),
    (2, "12:30", "13:30", "Lunch", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (2, "13:30", "15:00", "Showcase C5: open and accountable governance",
     Session.Type.SHOWCASE, "Room 11", "", "afus", ["kigali", "abidjan"],
     ["demo-maputo-open-safety-data", "demo-durban-taxi-rank-marshals"], ["C5"], False,
     "Publishing safety figures and council decisions, and answering for them in "
     "public: what it takes and what it changes."),
    (2, "13:30", "15:00", "Showcase C6: livelihoods and economic equality",
     Session.Type.SHOWCASE, "Room 12", "", "chair1", ["windhoek", "traders"],
     ["demo-dar-es-salaam-apprenticeships", "demo-lagos-market-safety-committee"], ["C6"], False,
     "Jobs, trading rights and fair rules as prevention: two cities on linking "
     "livelihoods with safety."),
    (2, "15:00", "15:30", "Tea", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (2, "15:30", "17:00", "Showcase C7: social inclusion", Session.Type.SHOWCASE,
     "Room 11", "", "host", ["nairobi", "dar", "youth"],
     ["demo-medellin-library-parks", "demo-nairobi-women-safety-audits"], ["C7"], False,
     "Young people, women and residents of informal settlements: making sure the "
     "people most exposed to violence are included in what the city does."),
    (2, "15:30", "17:00", "What we saw: reporting back from the site visits",
     Session.Type.WORKSHOP, "Room 12", "", "researcher", ["police", "forum"], [],
     ["C3", "C4"], False,
     "Each visit group shares what it saw and what it would take home."),
    (3, "09:00", "10:30", "Workshop: partnering with communities",
     Session.Type.WORKSHOP, "Room 11", "", "forum", ["lusaka", "maputo"],
     ["demo-dakar-participatory-safety-budget", "demo-lusaka-ward-mediation"], ["C3", "C4"], False,
     "In small groups: who are the city's partners in a neighbourhood, what each can "
     "offer, and how to agree roles that last."),
    (3, "09:00", "10:30", "Workshop: partnerships with traders, faith groups and youth",
     Session.Type.WORKSHOP, "Room 12", "", "youth", ["traders", "windhoek"], [],
     ["C3", "C6", "C7"], False,
     "Practical agreements with groups the city does not usually plan with."),
    (3, "10:30", "11:00", "Tea", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (3, "11:00", "12:30", "Workshop: from practice to a local plan", Session.Type.WORKSHOP,
     "Room 13", "", "accra", ["researcher", "kigali"], [], ["C2", "C5"], False,
     "Each delegation drafts the first steps of a local crime-prevention plan using "
     "what it learned this week."),
    (3, "11:00", "12:30", "Peer meetings between cities", NETWORKING, "North Foyer", "",
     None, [], [], [], True,
     "Book a table with a city you want to learn from."),
    (3, "12:30", "13:30", "Lunch", BREAK, "North Foyer", "", None, [], [], [], True, ""),
    (3, "13:30", "15:30", "Closing plenary: lessons learned and commitments",
     Session.Type.PLENARY, "Hall 1", "", "host", ["afus", "chair1"], [],
     ["C1", "C2", "C3", "C4", "C5", "C6", "C7"], False,
     "The rapporteurs present the lessons drawn in each session. Cities state what they "
     "commit to do in the coming year. eThekwini Municipality closes the exchange."),
    (3, "15:30", "16:00", "Farewell coffee", BREAK, "North Foyer", "", None, [], [], [],
     True, ""),
]

SUMMARIES = {
    "Showcase C1: fewer victims of violence and crime": (
        "Both practices began by **finding where violence concentrates** (a market, the "
        "hours after school) and then brought the people who spend time there into the "
        "plan.\n\n- The market's shared incident log made problems visible within weeks.\n"
        "- The after-school clubs depend on a few trusted adults; keeping them is the "
        "main cost."),
    "Showcase C3: residents who take part": (
        "Participation worked when residents saw the city **act on what they said**. "
        "Both cities report back publicly on every priority raised."),
    "Closing plenary: lessons learned and commitments": (
        "Rapporteurs presented the lessons below; twelve cities stated commitments."),
}

# session title, statement, explanation, characteristic codes, practice slugs, proposer
LESSONS = [
    ("Showcase C1: fewer victims of violence and crime",
     "Start where violence concentrates, with the people who are there every day.",
     "Traders and young people knew the places and hours of risk before any data did.",
     ["C1", "C3"], ["demo-lagos-market-safety-committee", "demo-medellin-library-parks"],
     "Zodwa Mthembu, market traders' association"),
    ("Showcase C2: building the city's capacity for prevention",
     "A small, permanent safety unit outlasts a large, temporary programme.",
     "Staff who stay build relationships across departments; a strategy adopted by "
     "council survives changes of leadership.",
     ["C2"], ["demo-kigali-safety-observatory"], "Accra Metropolitan Assembly"),
    ("Showcase C3: residents who take part",
     "Report back on every priority residents raise, even when the answer is no.",
     "Participation fades when people do not see what happened to their ideas.",
     ["C3", "C5"], ["demo-dakar-participatory-safety-budget", "demo-nairobi-women-safety-audits"],
     "Lusaka City Council and Dar es Salaam City Council"),
    ("Showcase C4: reciprocity and trust",
     "Trust is built in small, regular meetings, not in campaigns.",
     "Monthly meetings with the same police commander did more than any launch event.",
     ["C4"], ["demo-durban-taxi-rank-marshals", "demo-lusaka-ward-mediation"],
     "Awa Kone, District of Abidjan"),
    ("Showcase C6: livelihoods and economic equality",
     "Fair trading rules are a prevention measure.",
     "Clear, stable rules for informal traders reduced conflict with officials and "
     "between traders.",
     ["C6", "C5"], ["demo-lagos-market-safety-committee"], "City of Windhoek"),
    ("Showcase C7: social inclusion",
     "Design prevention with the people most exposed to violence, not only for them.",
     "Women's audits and youth clubs found risks that officials had not seen.",
     ["C7", "C3"], ["demo-nairobi-women-safety-audits", "demo-medellin-library-parks"],
     "Wanjiru Kamau, Nairobi City County"),
]

# city, country, statement, characteristic codes
COMMITMENTS = [
    ("Lusaka", "Zambia", "Report back in public, twice a year, on every priority raised by "
     "the ward safety committees.", ["C3", "C5"]),
    ("Accra", "Ghana", "Put the local crime-prevention strategy to the assembly for "
     "adoption within the year.", ["C2"]),
    ("Maputo", "Mozambique", "Train mediators in two more neighbourhoods.", ["C4"]),
    ("Durban", "South Africa", "Extend the traders' shared incident log to a second "
     "market.", ["C1", "C6"]),
]

INTRODUCTION = (
    "For three days in December 2014, cities from across Africa met in Durban to show "
    "what has worked for them in preventing crime and violence, and to learn from each "
    "other.\n\n"
    "This report gathers the lessons the rapporteurs drew in each session, grouped by the "
    "seven characteristics of a safe city, and the commitments the cities made. *It is "
    "demonstration content written for this site.*"
)


def _moment(event: Event, day: int, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(DAYS[day - 1][0], datetime.min.time(),
                            tzinfo=event.tz).replace(hour=hour, minute=minute)


def load_programme(event: Event) -> None:
    """Create or refresh the demo programme and its outcomes for ``event``."""
    with transaction.atomic():
        characteristics = {c.code: c for c in Characteristic.objects.all()}
        practices = _practices(characteristics)
        for day, title in DAYS:
            Day.objects.update_or_create(event=event, date=day, defaults={"title": title})
        rooms = {}
        for position, (name, seats, access) in enumerate(ROOMS):
            rooms[name], _ = Room.objects.update_or_create(
                event=event, name=name,
                defaults={"capacity": seats, "accessibility": access, "position": position})
        people = {}
        for key, (name, organisation, city, country, bio) in SPEAKERS.items():
            people[key], _ = Speaker.objects.update_or_create(
                event=event, name=name, defaults={"organisation": organisation, "city": city,
                                                  "country": country, "biography": bio})
        wanted = {(DAYS[row[0] - 1][0], row[3]) for row in SESSIONS}
        for session in Session.objects.filter(event=event).select_related("event"):
            if (session.day, session.title) not in wanted:
                session.delete()
        saved = {}
        for (day, start, end, title, kind, room, place, chair, speakers, showcased, codes,
             shares, abstract) in SESSIONS:
            midnight = _moment(event, day, "00:00")
            session = Session.objects.filter(
                event=event, title=title, starts_at__gte=midnight,
                starts_at__lt=midnight + timedelta(days=1)).first() or Session(
                event=event, title=title)
            session.starts_at = _moment(event, day, start)
            session.type = kind
            session.ends_at = _moment(event, day, end)
            session.room = rooms[room] if room else None
            session.location = place
            session.chair = people[chair] if chair else None
            session.shares_room = shares
            session.abstract = abstract
            saved[title] = timetable.save_session(
                session=session, speakers=[people[key] for key in speakers],
                practices=[practices[slug] for slug in showcased],
                characteristics=[characteristics[code] for code in codes])
        _outcomes(event, saved, characteristics, practices)


def _practices(characteristics: dict[str, Characteristic]) -> dict[str, Practice]:
    """The demo practices the sessions showcase. Created once; never overwritten, so the
    library's own (richer) record of them wins.
    """
    found = {}
    for slug, (title, summary, city, country, codes) in PRACTICES.items():
        practice, created = Practice.objects.get_or_create(slug=slug, defaults={
            "title": title, "summary": summary, "city": city, "country": country,
            "status": Practice.Status.PUBLISHED})
        if created:
            practice.characteristics.set([characteristics[code] for code in codes])
        found[slug] = practice
    return found


def _outcomes(event: Event, sessions: dict[str, Session],
              characteristics: dict[str, Characteristic],
              practices: dict[str, Practice]) -> None:
    user_model = get_user_model()
    rapporteur, made = user_model.objects.get_or_create(
        username=DEMO_RAPPORTEUR["username"],
        defaults={key: DEMO_RAPPORTEUR[key] for key in ("email", "first_name", "last_name")})
    if made:
        rapporteur.set_password(DEMO_RAPPORTEUR["password"])
        rapporteur.save()
    for session in sessions.values():
        if session.type not in Session.ROOM_SHARING_TYPES:
            outcomes.assign_rapporteur(session=session, user=rapporteur)
    for title, summary in SUMMARIES.items():
        outcomes.write_summary(session=sessions[title], user=rapporteur, summary=summary)
    for position, (title, statement, explanation, codes, slugs, proposer) in enumerate(LESSONS):
        lesson = Lesson.objects.filter(session=sessions[title], statement=statement).first() \
            or Lesson(session=sessions[title], statement=statement)
        lesson.explanation = explanation
        lesson.proposed_by = proposer
        lesson.position = position
        outcomes.save_lesson(lesson=lesson, user=rapporteur,
                             characteristics=[characteristics[code] for code in codes],
                             practices=[practices[slug] for slug in slugs])
    closing = sessions["Closing plenary: lessons learned and commitments"]
    for city, country, statement, codes in COMMITMENTS:
        commitment = Commitment.objects.filter(event=event, city=city,
                                               statement=statement).first() or Commitment(
            event=event, city=city, statement=statement)
        commitment.country = country
        commitment.session = closing
        outcomes.save_commitment(commitment=commitment, user=rapporteur,
                                 characteristics=[characteristics[code] for code in codes])
    Programme.objects.update_or_create(event=event, defaults={
        "is_published": True, "outcomes_introduction": INTRODUCTION,
        "outcomes_published": True})
