"""Demonstration practices for the library, written by us for the demo.

Every record is marked ``is_demo`` and the page says so. They are plausible accounts of the
kinds of practice African and other cities run; the cities are real, the practices as
described here, their figures and their people are illustrative. No figure here is a real
published statistic: baseline and outcome figures are marked "illustrative". They go through
the real workflow (draft, submit, two reviewers, decision), so their labels come from the
evidence rule like any other. Loading twice changes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from safecities.practices import vocabularies
from safecities.practices.models import (
    Call,
    Characteristic,
    Decision,
    InterventionType,
    Practice,
    Profile,
    Setting,
    TargetGroup,
    Theme,
)
from safecities.practices.services import drafting, review

DEMO_PASSWORD = "library-demo-2014"  # noqa: S105 - a published demo password
CONTRIBUTOR = {"username": "contributor@example.org", "city": "Durban", "country": "ZA"}
REVIEWERS = [
    {"username": "reviewer.one@example.org", "city": "Bulawayo", "country": "ZW"},
    {"username": "reviewer.two@example.org", "city": "Windhoek", "country": "NA"},
]
ILLUSTRATIVE = "Illustrative figure for the demonstration"

# (slug, fields, terms, partners, outcomes) — outcomes: (indicator, baseline, follow-up,
# unit, direction, reported strength, reported effect, reviewer one's, reviewer two's).
PRACTICES = [
    dict(
        slug="demo-durban-taxi-rank-marshals",
        title="Marshals and lighting at a city taxi rank",
        summary="Trained marshals, better lighting and a monthly rank forum cut robberies "
                "of commuters walking to and from a busy taxi rank after dark.",
        city="Durban", country="ZA", population_band="1m_5m",
        lead_organisation="Municipal safer-cities unit (demonstration)",
        problem="Commuters, most of them women returning from work, were robbed on the "
                "unlit walkways between the rank and the nearest streets. Traders left "
                "early, which left the walkways emptier still.",
        objectives="Fewer robberies on the walkways between 17:00 and 21:00.",
        mechanism="More capable guardians (marshals, traders who stay open) and better "
                  "sight lines make robbery riskier and harder.",
        components="- 12 marshals recruited from the taxi association\n- LED lighting on "
                   "four walkways\n- a monthly rank forum with police, traders and "
                   "commuters",
        lessons_learned="Marshals stay only when they are paid on time. Lighting without "
                        "maintenance fails within a year: budget for it from the start.",
        would_do_differently="Involve the traders from the first meeting, not the third.",
        preconditions="A taxi association willing to share responsibility; a lighting "
                      "maintenance budget.",
        community_involvement="Commuters mapped the places they avoided on a walk-through.",
        offers_study_visit=True,
        scale="neighbourhood", prevention_level="primary", main="C1",
        terms=dict(characteristics=["C4"], themes=["robbery-burglary-vehicle-crime",
                                                    "safety-public-space-transport"],
                   intervention_types=["situational", "community-mobilisation"],
                   target_groups=["women-girls", "general-population"],
                   settings=["transport-node", "street"]),
        partners=[("Taxi association", "business", "Recruits and supervises marshals"),
                  ("Local police station", "police", "Joins the forum; patrols at 18:00")],
        outcomes=[("Robberies reported on the walkways, 17:00–21:00", 96, 58, "per year",
                   "down", 2, "positive", (2, "positive"), (2, "positive"))],
    ),
    dict(
        slug="demo-cape-town-walkway-upgrading",
        title="Safe walkways in an informal settlement upgrade",
        summary="Lit, paved walkways with active frontages, planned with residents, "
                "reduced assaults on the routes people use to reach transport.",
        city="Cape Town", country="ZA", population_band="1m_5m",
        lead_organisation="Area-based upgrading programme (demonstration)",
        problem="Residents walked long, dark routes between shacks to reach the station; "
                "assaults clustered where routes narrowed and nobody could see.",
        objectives="Safer walking routes; fewer assaults on them.",
        mechanism="Natural surveillance and clear routes; small buildings along the route "
                  "bring people and activity.",
        components="Paved and lit walkways; small kiosks for traders along them; "
                   "a residents' maintenance team.",
        lessons_learned="Residents must choose the routes: the planners' map missed two "
                        "of the busiest paths.",
        preconditions="Land tenure that allows building on the routes; a long-term "
                      "maintenance agreement.",
        scale="neighbourhood", prevention_level="primary", main="C1",
        terms=dict(characteristics=["C7", "C3"], themes=["informal-settlements-tenure",
                                                          "interpersonal-violence"],
                   intervention_types=["situational"],
                   target_groups=["informal-settlement-residents"],
                   settings=["informal-settlement"]),
        partners=[("Residents' committee", "community", "Chooses routes, maintains them"),
                  ("University research unit", "research", "Evaluation with comparison "
                   "areas")],
        outcomes=[("Assaults on upgraded routes", 40, 22, "per year", "down", 3, "positive",
                   (3, "positive"), (3, "positive")),
                  ("Residents who feel safe walking after dark", 18, 41, "%", "up", 3,
                   "positive", (3, "positive"), (3, "positive"))],
    ),
    dict(
        slug="demo-nairobi-women-safety-audits",
        title="Women's safety audits in a settlement ward",
        summary="Groups of women walked their ward with officials and listed what made "
                "them feel unsafe; the ward fixed the first ten items within a year.",
        city="Nairobi", country="KE", population_band="over_5m",
        lead_organisation="Ward development committee (demonstration)",
        problem="Women avoided toilets, water points and paths after dark; their concerns "
                "did not reach the ward's plans.",
        objectives="Put women's own account of unsafe places into the ward's budget.",
        mechanism="Participation gives officials information they lack and gives women a "
                  "say, which builds trust in acting on it.",
        components="Walk-throughs with a checklist; a public meeting; a list of fixes with "
                   "names and dates.",
        lessons_learned="Publish the list of fixes and tick them off in public: that is "
                        "what brought women back for the second audit.",
        preconditions="Officials able to act on at least some findings within months.",
        scale="neighbourhood", prevention_level="primary", main="C3",
        terms=dict(characteristics=["C5", "C7"], themes=["gender-based-violence",
                                                          "sexual-harassment-public-space"],
                   intervention_types=["community-mobilisation", "institutional-governance"],
                   target_groups=["women-girls"], settings=["informal-settlement"]),
        partners=[("Women's groups", "community", "Lead the walks"),
                  ("Ward administration", "local_government", "Acts on the findings")],
        outcomes=[("Items on the audit list fixed", 0, 10, "items", "up", 1, "positive",
                   (1, "positive"), (1, "positive"))],
    ),
    dict(
        slug="demo-lagos-market-safety-committee",
        title="A market traders' safety committee",
        summary="Traders, market officials and police meet weekly to settle disputes and "
                "plan closing-time patrols in a large open market.",
        city="Lagos", country="NG", population_band="over_5m",
        lead_organisation="Market traders' association (demonstration)",
        problem="Thefts at closing time and disputes over stalls sometimes turned violent.",
        objectives="Fewer thefts and violent disputes in the market.",
        mechanism="Disputes settled early do not escalate; traders watch each other's "
                  "stalls at closing.",
        components="Weekly committee; a dispute book; paired closing-time patrols.",
        lessons_learned="The committee needs a chair the traders elect, not one officials "
                        "appoint.",
        preconditions="An organised traders' association.",
        scale="street", prevention_level="primary", main="C6",
        terms=dict(characteristics=["C4", "C1"], themes=["robbery-burglary-vehicle-crime",
                                                          "interpersonal-violence"],
                   intervention_types=["community-mobilisation", "justice"],
                   target_groups=["informal-traders"], settings=["market"]),
        partners=[("Traders' association", "community", "Chairs the committee"),
                  ("Divisional police", "police", "Attends weekly")],
        # The reviewers do not agree: the practice stays self-reported.
        outcomes=[("Thefts reported at closing time", 60, 35, "per year", "down", 2,
                   "positive", (1, "positive"), (2, "mixed"))],
    ),
    dict(
        slug="demo-kigali-safety-observatory",
        title="A municipal safety observatory",
        summary="One small team joins police, health and municipal data each month so "
                "that the city plans prevention where harm concentrates.",
        city="Kigali", country="RW", population_band="1m_5m",
        lead_organisation="City planning department (demonstration)",
        problem="Each agency saw only its own figures; prevention budgets followed habit.",
        objectives="A shared monthly picture of violence and injury by sector.",
        mechanism="Shared evidence lets departments agree where to act first.",
        components="Data-sharing agreements; a monthly bulletin; an annual safety plan.",
        lessons_learned="Agree definitions before sharing data; a data agreement signed "
                        "by heads of department outlasts staff changes.",
        preconditions="Agencies that record location and time of incidents.",
        scale="city", prevention_level="primary", main="C2",
        terms=dict(characteristics=["C5"], themes=["interpersonal-violence"],
                   intervention_types=["institutional-governance"],
                   target_groups=["general-population"], settings=["street"]),
        partners=[("National police", "police", "Shares incident data"),
                  ("District hospitals", "national_government", "Share injury data")],
        outcomes=[("Departments using the bulletin in their plans", 1, 7, "departments",
                   "up", 1, "positive", (1, "positive"), (1, "positive"))],
    ),
    dict(
        slug="demo-dar-es-salaam-apprenticeships",
        title="Apprenticeships for young people at risk",
        summary="Six-month paid apprenticeships with local firms, with mentoring, for young "
                "people referred by social workers.",
        city="Dar es Salaam", country="TZ", population_band="over_5m",
        lead_organisation="Municipal youth office (demonstration)",
        problem="Young people out of school and work were drawn into street gangs.",
        objectives="Work and income for at-risk young people; fewer arrests among them.",
        mechanism="Income, skills and a mentor raise what a young person stands to lose "
                  "from crime.",
        components="Referral; matching with a firm; a stipend; weekly mentoring.",
        lessons_learned="Mentors matter more than the trade: drop-outs fell when mentors "
                        "met apprentices weekly.",
        preconditions="Local firms willing to train; a stipend budget.",
        scale="city", prevention_level="secondary", main="C6",
        terms=dict(characteristics=["C7"], themes=["youth-at-risk", "gang-firearm-violence"],
                   intervention_types=["livelihoods-employment", "social-developmental"],
                   target_groups=["youth"], settings=["street"]),
        partners=[("Chamber of commerce", "business", "Finds host firms"),
                  ("Youth NGO", "ngo", "Mentoring")],
        outcomes=[("Arrests within a year, apprentices vs. waiting list", 21, 12,
                   "% of group", "down", 3, "positive", (3, "positive"), (3, "positive"))],
    ),
    dict(
        slug="demo-maputo-open-safety-data",
        title="Open safety data and council reporting",
        summary="The council publishes its safety budget, plans and quarterly incident "
                "figures by district, and reports on them in open sessions.",
        city="Maputo", country="MZ", population_band="1m_5m",
        lead_organisation="Municipal council secretariat (demonstration)",
        problem="Residents did not know what the city spent on safety or to what end.",
        objectives="Transparent safety spending; questions from residents in council.",
        mechanism="Accountability: what is published can be asked about.",
        components="A web page and printed notices; quarterly open sessions.",
        lessons_learned="Print it too: many residents read the notice at the district "
                        "office, not online.",
        preconditions="Political backing to publish uncomfortable figures.",
        scale="city", prevention_level="primary", main="C5",
        terms=dict(characteristics=["C2"], themes=["corruption-organised-crime",
                                                    "fear-of-crime"],
                   intervention_types=["institutional-governance"],
                   target_groups=["general-population"], settings=["cbd"]),
        partners=[("Civil-society budget group", "ngo", "Asks the questions")],
        outcomes=[("Residents' questions at open sessions", None, None, "", "up", 0,
                   "not_assessed", (0, "not_assessed"), (0, "not_assessed"))],
    ),
    dict(
        slug="demo-accra-late-licensing",
        title="Earlier closing for late-night bars",
        summary="Bars in one entertainment district closed an hour earlier; assaults at "
                "night did not change compared with a similar district.",
        city="Accra", country="GH", population_band="1m_5m",
        lead_organisation="Metropolitan licensing office (demonstration)",
        problem="Assaults clustered around bars at closing time.",
        objectives="Fewer night-time assaults in the district.",
        mechanism="Less drinking time and a more gradual closing should reduce conflict.",
        components="A by-law amendment; inspections; a hotline for residents.",
        lessons_learned="An earlier hour alone moved the crowd, not the problem: closing "
                        "times need staggered transport.",
        would_do_differently="Pair the hour with night buses and staggered closing.",
        preconditions="Enforcement capacity at night.",
        scale="neighbourhood", prevention_level="primary", main="C1",
        terms=dict(characteristics=["C2"], themes=["alcohol-drug-harm",
                                                    "interpersonal-violence"],
                   intervention_types=["regulation"], target_groups=["general-population"],
                   settings=["night-time-economy"]),
        partners=[("Bar owners' association", "business", "Agreed the hours")],
        outcomes=[("Night-time assaults vs. comparison district", 110, 108, "per year",
                   "down", 2, "no_effect", (2, "no_effect"), (2, "no_effect"))],
    ),
    dict(
        slug="demo-lusaka-ward-mediation",
        title="Trained mediators in every ward",
        summary="Volunteer mediators, trained and supervised by the council, settle "
                "neighbour and family disputes before they turn violent.",
        city="Lusaka", country="ZM", population_band="1m_5m",
        lead_organisation="City council community development (demonstration)",
        problem="Neighbour disputes over water, noise and boundaries escalated to assault.",
        objectives="Disputes settled early; fewer assaults between neighbours.",
        mechanism="A trusted third party gives both sides a way out that saves face.",
        components="Training; a ward mediation room; supervision; referral to police for "
                   "violence.",
        lessons_learned="Never mediate violence against women: refer it. Mediators need "
                        "supervision to hold that line.",
        preconditions="Respected local volunteers; a referral route to victim services.",
        scale="city", prevention_level="secondary", main="C4",
        terms=dict(characteristics=["C3"], themes=["interpersonal-violence"],
                   intervention_types=["justice"], target_groups=["general-population"],
                   settings=["home", "street"]),
        partners=[("Church and mosque councils", "community", "Propose volunteers"),
                  ("Victim support unit", "police", "Takes referrals")],
        outcomes=[("Assaults between neighbours, mediation wards vs. others", 300, 240,
                   "per year", "down", 2, "positive", (2, "positive"), (2, "positive"))],
    ),
    dict(
        slug="demo-medellin-library-parks",
        title="Library parks at cable-car stations",
        summary="Libraries with open public space built beside new cable-car stations in "
                "hillside neighbourhoods, with programmes for young people.",
        city="Medellín", country="CO", population_band="1m_5m",
        lead_organisation="City urban development company (demonstration)",
        problem="Hillside neighbourhoods were cut off from the city and from services.",
        objectives="Access, public life and fewer violent deaths in the neighbourhoods.",
        mechanism="Transport and public buildings bring the city's presence, services "
                  "and people into the neighbourhood.",
        components="Cable-car stations; library parks; youth programmes.",
        lessons_learned="Buildings alone do not change a place: the programmes inside "
                        "them do, and they need a running budget.",
        preconditions="Capital budget; commitment to run programmes for years.",
        scale="metro", prevention_level="primary", main="C7",
        terms=dict(characteristics=["C6", "C1"], themes=["youth-at-risk",
                                                          "safety-public-space-transport"],
                   intervention_types=["situational", "social-developmental"],
                   target_groups=["youth", "informal-settlement-residents"],
                   settings=["park-open-space", "transport-node"]),
        partners=[("Metro company", "business", "Runs the cable car")],
        outcomes=[("Violent deaths, served vs. comparison neighbourhoods", None, None,
                   "per year", "down", 2, "mixed", (2, "mixed"), (2, "mixed"))],
    ),
    dict(
        slug="demo-kampala-youth-curfew",
        title="Night sweeps and a curfew for under-18s",
        summary="Police sweeps enforcing a night curfew on young people; complaints of "
                "abuse rose and trust in police fell in the sweep areas.",
        city="Kampala", country="UG", population_band="1m_5m",
        lead_organisation="Division urban authority (demonstration)",
        problem="Residents blamed street youth for thefts at night.",
        objectives="Fewer young people on the streets at night; fewer thefts.",
        mechanism="Removal: fewer potential offenders in public space.",
        components="Nightly sweeps; holding overnight; release to parents.",
        lessons_learned="Sweeps criminalised young people who worked at night and turned "
                        "residents against the police. We stopped them after a year.",
        would_do_differently="Start from youth outreach and night-time work permits.",
        preconditions="None we would recommend: this record shows what not to do.",
        scale="neighbourhood", prevention_level="secondary", main="C1",
        terms=dict(characteristics=["C4"], themes=["youth-at-risk",
                                                    "disorder-incivilities"],
                   intervention_types=["policing", "regulation"], target_groups=["youth"],
                   settings=["street", "night-time-economy"]),
        partners=[("Division police", "police", "Ran the sweeps")],
        outcomes=[("Residents who trust the police, sweep vs. other parishes", 44, 31, "%",
                   "up", 2, "negative", (2, "negative"), (2, "negative"))],
    ),
    dict(
        slug="demo-dakar-participatory-safety-budget",
        title="A participatory budget for neighbourhood safety",
        summary="Each neighbourhood council votes on how to spend a small safety budget; "
                "residents chose lighting, youth sport and a women's shelter.",
        city="Dakar", country="SN", population_band="1m_5m",
        lead_organisation="City council (demonstration)",
        problem="Safety spending was decided far from the people it was for.",
        objectives="Residents decide part of the safety budget; spending matches needs.",
        mechanism="People who decide are more likely to use, protect and trust the result.",
        components="Neighbourhood assemblies; a vote; public tracking of each project.",
        lessons_learned="Set aside a share for groups who rarely come to assemblies, or "
                        "the loudest voices decide.",
        preconditions="A ring-fenced budget line; neutral facilitation.",
        scale="city", prevention_level="primary", main="C3",
        terms=dict(characteristics=["C5"], themes=["fear-of-crime", "victim-support"],
                   intervention_types=["institutional-governance",
                                       "community-mobilisation"],
                   target_groups=["general-population", "women-girls"],
                   settings=["street", "park-open-space"]),
        partners=[("Neighbourhood councils", "community", "Run the assemblies")],
        outcomes=[("Residents who took part in an assembly", 2, 9, "%", "up", 1,
                   "positive", (1, "positive"), (1, "positive"))],
    ),
    dict(
        slug="demo-addis-ababa-victim-support-desks",
        title="Victim support desks in every sub-city",
        summary="Desks staffed by trained social workers next to police stations offer "
                "victims of violence advice, referral and follow-up.",
        city="Addis Ababa", country="ET", population_band="over_5m",
        lead_organisation="City women and social affairs bureau (demonstration)",
        problem="Victims, most of them women, did not report violence or came back "
                "without help.",
        objectives="More victims supported; more reporting; fewer repeat victimisations.",
        mechanism="Support at the point of reporting makes reporting worth it and "
                  "connects victims to protection.",
        components="Desks; referral agreements with clinics and shelters; follow-up calls.",
        lessons_learned="Follow-up calls after two weeks made the difference for repeat "
                        "victims.",
        preconditions="Shelters and clinics that accept referrals.",
        scale="city", prevention_level="tertiary", main="C7",
        terms=dict(characteristics=["C4"], themes=["victim-support",
                                                    "gender-based-violence"],
                   intervention_types=["victim-services"],
                   target_groups=["victims", "women-girls"], settings=["home"]),
        partners=[("Police stations", "police", "Host the desks"),
                  ("Women's shelter network", "ngo", "Take referrals")],
        outcomes=[("Repeat victimisation within a year", 30, 19, "% of victims", "down", 4,
                   "positive", (4, "positive"), (4, "positive"))],
    ),
]


def seed_vocabularies() -> None:
    """Write the starting vocabularies if they are missing (migration 0002 seeds them; a
    flushed database — the browser tests' — needs them again). Existing terms are kept."""
    models = {"CHARACTERISTICS": Characteristic, "THEMES": Theme,
              "INTERVENTION_TYPES": InterventionType, "TARGET_GROUPS": TargetGroup,
              "SETTINGS": Setting}
    for name, model in models.items():
        for position, (code, label) in enumerate(getattr(vocabularies, name), start=1):
            model.objects.get_or_create(code=code, defaults={"label": label,
                                                             "position": position})


def demo_accounts():
    """The demo contributor and reviewers. (The reviewers' role for the demo event is given
    by the back-office's demo, which ``load_demo`` runs first.)"""
    users = get_user_model().objects
    contributor, made = users.get_or_create(username=CONTRIBUTOR["username"],
                                            defaults={"email": CONTRIBUTOR["username"],
                                                      "first_name": "Demo contributor"})
    if made:
        contributor.set_password(DEMO_PASSWORD)
        contributor.save()
    Profile.objects.get_or_create(user=contributor, defaults={
        "city": CONTRIBUTOR["city"], "country": CONTRIBUTOR["country"]})
    reviewers = []
    for spec in REVIEWERS:
        reviewer, made = users.get_or_create(username=spec["username"],
                                             defaults={"email": spec["username"],
                                                       "first_name": "Demo reviewer"})
        if made:
            reviewer.set_password(DEMO_PASSWORD)
            reviewer.save()
        Profile.objects.get_or_create(user=reviewer, defaults={
            "city": spec["city"], "country": spec["country"]})
        reviewers.append(reviewer)
    return contributor, reviewers


def _terms(spec: dict) -> dict:
    models = {"characteristics": Characteristic, "themes": Theme,
              "intervention_types": InterventionType, "target_groups": TargetGroup,
              "settings": Setting}
    return {name: list(models[name].objects.filter(code__in=codes))
            for name, codes in spec.items()}


def _write(spec: dict, contributor, reviewers, organiser) -> None:
    spec = dict(spec)
    slug, terms, partners = spec.pop("slug"), spec.pop("terms"), spec.pop("partners")
    outcomes, main = spec.pop("outcomes"), spec.pop("main")
    practice = drafting.start_draft(contributor=contributor, title=spec.pop("title"),
                                    summary=spec.pop("summary"), city=spec.pop("city"),
                                    country=spec.pop("country"))
    Practice.objects.filter(pk=practice.pk).update(slug=slug, is_demo=True)
    practice.refresh_from_db()
    spec.update(main_characteristic=Characteristic.objects.get(code=main), runs_on=True,
                languages="English", contact_role="Programme officer",
                contact_email="practices@example.org", contact_public=True)
    drafting.save_step(
        practice=practice, user=contributor, values=spec, terms=_terms(terms),
        rows={
            "partners": [{"name": n, "kind": k, "role": r} for n, k, r in partners],
            "outcomes": [{"indicator": i, "baseline": b, "follow_up": f, "unit": u,
                          "direction": d, "design_strength": s, "effect": e,
                          "data_source": ILLUSTRATIVE}
                         for i, b, f, u, d, s, e, _r1, _r2 in outcomes],
            "baseline_figures": [{"indicator": o[0], "value": o[1], "unit": o[3],
                                  "year": 2012, "source": ILLUSTRATIVE}
                                 for o in outcomes if o[1] is not None][:1],
        })
    drafting.submit(practice=practice, user=contributor)
    stored = list(practice.outcomes.order_by("id"))
    for index, reviewer in enumerate(reviewers):
        own = review.assign_reviewer(practice=practice, reviewer=reviewer,
                                     assigned_by=organiser)
        review.submit_review(
            review=own, scores={"relevance": 4, "evidence": 3 + index, "transferability": 3,
                                "clarity": 4},
            comments={"evidence": "A demonstration review."},
            ratings={o.pk: spec_o[7 + index] for o, spec_o in zip(stored, outcomes,
                                                                   strict=True)})
    review.decide(practice=practice, kind=Decision.Kind.PUBLISH,
                  comments="Published as a demonstration record.", decided_by=organiser)


def load_demo(organiser, event=None) -> int:
    """Write the demonstration practices that are not there yet; returns how many are."""
    seed_vocabularies()
    contributor, reviewers = demo_accounts()
    existing = set(Practice.objects.filter(slug__in=[p["slug"] for p in PRACTICES])
                   .values_list("slug", flat=True))
    for spec in PRACTICES:
        if spec["slug"] not in existing:
            _write(spec, contributor, reviewers, organiser)
    Call.objects.get_or_create(slug="durban-2014-showcase", defaults={
        "event": event, "title": "Practices to showcase at the Durban exchange",
        "guidance": "Practices led or supported by local government that prevent crime "
                    "and violence at their roots. Tell us what did not work too.",
        "opens_at": "2014-09-01T00:00:00+00:00", "deadline": "2099-12-31T00:00:00+00:00"})
    return len(PRACTICES)
