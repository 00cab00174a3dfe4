"""Version 1 of the self-assessment instrument, as first seeded (../shared/TAXONOMY.md).

This is the *seed*: the data migration copies it into the database, where organisers
edit later versions in the admin. Never change the meaning of version 1 here; publish a
new version instead, so that every score keeps saying which instrument it used.

Goalposts are fixed (a lower bound and an upper bound per indicator), never the minimum
and maximum of the cities in the database: a city's score must not move when another
city joins. Each carries the reasoning behind it (docs/self-assessment.md lists them).
"""

from django.utils.translation import gettext_noop as _

HIGHER = "higher"
LOWER = "lower"
NUMBER = "number"
PERCENTAGE = "percentage"
RUBRIC = "rubric"

PERCENT = _("% of people")

INDICATORS: list[dict] = [
    # --- C1 Low incidence of violence and crime -----------------------------------------
    {
        "code": "c1-homicide", "characteristic": "C1", "sdg_code": "16.1.1",
        "name": _("Intentional homicide"),
        "meaning": _("Victims of intentional homicide in the year, per 100,000 residents."),
        "unit": _("per 100,000 residents"), "kind": NUMBER, "direction": LOWER,
        "lower": 0.5, "upper": 60, "log_scale": True,
        "source_hint": _("Police statistics, UNODC, WHO mortality data"),
        "goalpost_reasoning": _(
            "0.5 is about the lowest rate recorded in large cities; rates above 60 are found "
            "only in the most violent cities in the world. Rates are skewed (most cities are "
            "low, a few very high), so the score uses log(1 + rate): a fall from 4 to 3 counts "
            "as much as a fall from 40 to about 32."),
    },
    {
        "code": "c1-violence-victims", "characteristic": "C1", "sdg_code": "16.1.3",
        "name": _("Victims of violence"),
        "meaning": _("Share of residents who were victims of physical, sexual or "
                     "psychological violence in the last 12 months."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Victimisation survey"),
        "goalpost_reasoning": _(
            "0% is the ideal; city victimisation surveys rarely find more than half of "
            "residents victimised in a year, so 50% or more scores 0."),
    },
    {
        "code": "c1-robbery", "characteristic": "C1", "sdg_code": "",
        "name": _("Robbery, including aggravated robbery"),
        "meaning": _("Robberies recorded by the police in the year, per 100,000 residents."),
        "unit": _("per 100,000 residents"), "kind": NUMBER, "direction": LOWER,
        "lower": 10, "upper": 2000, "log_scale": True,
        "source_hint": _("Police statistics"),
        "goalpost_reasoning": _(
            "Recorded robbery ranges from about 10 per 100,000 in the safest cities to around "
            "2,000 in the most affected; skewed like homicide, so scaled on log(1 + rate). "
            "Recording practices differ between police services: compare with care."),
    },
    {
        "code": "c1-safe-after-dark", "characteristic": "C1", "sdg_code": "16.1.4",
        "name": _("Feel safe walking alone after dark"),
        "meaning": _("Share of residents who feel safe walking alone around the area where "
                     "they live after dark."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("Survey (Gallup, city survey)"),
        "goalpost_reasoning": _("A share of people: the natural range, 0% to 100%."),
    },
    {
        "code": "c1-harassment", "characteristic": "C1", "sdg_code": "11.7.2",
        "name": _("Victims of harassment"),
        "meaning": _("Share of residents who were victims of physical or sexual harassment "
                     "in the last 12 months."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Survey"),
        "goalpost_reasoning": _(
            "0% is the ideal; surveys in public space seldom exceed 50% in a year."),
    },
    # --- C2 Institutional capacity for prevention ---------------------------------------
    {
        "code": "c2-strategy", "characteristic": "C2", "sdg_code": "",
        "name": _("Crime-prevention strategy"),
        "meaning": _("How far the city's crime-prevention strategy has come."),
        "unit": _("level 0–4"), "kind": RUBRIC, "direction": HIGHER,
        "lower": 0, "upper": 4, "log_scale": False,
        "rubric_levels": [_("None"), _("Draft"), _("Adopted by the council"),
                          _("Adopted and budgeted"), _("Budgeted and evaluated")],
        "source_hint": _("Municipal documents"),
        "goalpost_reasoning": _("A five-level rubric: each level adds 25 points."),
    },
    {
        "code": "c2-safety-audit", "characteristic": "C2", "sdg_code": "",
        "name": _("Local safety audit"),
        "meaning": _("Whether the city carried out a local safety audit in the last five "
                     "years, and how thorough it was."),
        "unit": _("level 0–4"), "kind": RUBRIC, "direction": HIGHER,
        "lower": 0, "upper": 4, "log_scale": False,
        "rubric_levels": [
            _("No audit in the last five years"),
            _("An audit from police data only"),
            _("Police and other administrative data (health, schools)"),
            _("Also a victimisation survey or consultation with residents"),
            _("All of that, published, and used to set the strategy's priorities"),
        ],
        "source_hint": _("Municipal documents"),
        "goalpost_reasoning": _("A five-level rubric: each level adds 25 points."),
    },
    {
        "code": "c2-prevention-budget", "characteristic": "C2", "sdg_code": "",
        "name": _("Prevention budget"),
        "meaning": _("Spending on crime and violence prevention (not policing or "
                     "enforcement) as a share of the municipality's operating budget."),
        "unit": _("% of operating budget"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 5, "log_scale": False,
        "source_hint": _("Municipal budget"),
        "goalpost_reasoning": _(
            "A judgement, not a standard: few municipalities spend more than 5% of their "
            "operating budget on prevention, so 5% or more scores 100."),
    },
    {
        "code": "c2-evaluated-programmes", "characteristic": "C2", "sdg_code": "",
        "name": _("Safety programmes with an outcome evaluation"),
        "meaning": _("Share of the city's safety programmes whose outcomes have been "
                     "evaluated."),
        "unit": _("% of programmes"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("The library's own records, municipal reports"),
        "goalpost_reasoning": _("A share: the natural range, 0% to 100%."),
    },
    # --- C3 Social participation ---------------------------------------------------------
    {
        "code": "c3-participation-structure", "characteristic": "C3", "sdg_code": "11.3.2",
        "name": _("Direct participation of civil society in planning"),
        "meaning": _("Score of the city's structures for direct civil-society participation "
                     "in urban planning and management, as in UN-Habitat's questionnaire."),
        "unit": _("score 0–100"), "kind": NUMBER, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("UN-Habitat questionnaire (SDG 11.3.2)"),
        "goalpost_reasoning": _("Already a 0–100 score: used as it is."),
    },
    {
        "code": "c3-civic-engagement", "characteristic": "C3", "sdg_code": "",
        "name": _("Attended a community meeting or joined a group"),
        "meaning": _("Share of residents who attended a community meeting or joined others "
                     "to raise an issue in the last 12 months."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("Afrobarometer, World Values Survey, city survey"),
        "goalpost_reasoning": _("A share of people: the natural range, 0% to 100%."),
    },
    {
        "code": "c3-turnout", "characteristic": "C3", "sdg_code": "",
        "name": _("Turnout in local elections"),
        "meaning": _("Votes cast in the last local election as a share of registered "
                     "voters."),
        "unit": _("% of registered voters"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 20, "upper": 80, "log_scale": False,
        "source_hint": _("Electoral commission"),
        "goalpost_reasoning": _(
            "Local turnout below 20% signals near-complete disengagement and above 80% is "
            "exceptional where voting is not compulsory; the range between carries the "
            "differences that matter."),
    },
    # --- C4 Reciprocity and trust --------------------------------------------------------
    {
        "code": "c4-generalised-trust", "characteristic": "C4", "sdg_code": "",
        "name": _("“Most people can be trusted”"),
        "meaning": _("Share of residents who say that most people can be trusted."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 70, "log_scale": False,
        "source_hint": _("World Values Survey, Afrobarometer"),
        "goalpost_reasoning": _(
            "The highest national figures in the World Values Survey are around 70%; "
            "70% or more scores 100, so the scale is not squeezed at the bottom."),
    },
    {
        "code": "c4-trust-police", "characteristic": "C4", "sdg_code": "",
        "name": _("Trust the police"),
        "meaning": _("Share of residents who trust the police somewhat or a lot."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("Afrobarometer, city survey"),
        "goalpost_reasoning": _("A share of people: the natural range, 0% to 100%."),
    },
    {
        "code": "c4-reporting", "characteristic": "C4", "sdg_code": "16.3.1",
        "name": _("Victims who reported violence to the police"),
        "meaning": _("Share of victims of violence in the last 12 months who reported it to "
                     "the police or another recognised authority."),
        "unit": _("% of victims"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("Victimisation survey"),
        "goalpost_reasoning": _("A share of victims: the natural range, 0% to 100%."),
    },
    # --- C5 Open and accountable urban governance ------------------------------------------
    {
        "code": "c5-service-satisfaction", "characteristic": "C5", "sdg_code": "16.6.2",
        "name": _("Satisfied with public services"),
        "meaning": _("Share of residents satisfied with their last experience of public "
                     "services."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("City survey"),
        "goalpost_reasoning": _("A share of people: the natural range, 0% to 100%."),
    },
    {
        "code": "c5-bribery", "characteristic": "C5", "sdg_code": "16.5.1",
        "name": _("Paid a bribe to an official"),
        "meaning": _("Share of residents who had contact with an official and paid a bribe, "
                     "or were asked for one, in the last 12 months."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Afrobarometer, city survey"),
        "goalpost_reasoning": _(
            "0% is the ideal; survey figures above 50% are rare, so 50% or more scores 0."),
    },
    {
        "code": "c5-inclusive-decisions", "characteristic": "C5", "sdg_code": "16.7.2",
        "name": _("Decision-making is inclusive and responsive"),
        "meaning": _("Share of residents who believe decision-making is inclusive and "
                     "responsive."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("City survey"),
        "goalpost_reasoning": _("A share of people: the natural range, 0% to 100%."),
    },
    {
        "code": "c5-transparency", "characteristic": "C5", "sdg_code": "",
        "name": _("Transparency"),
        "meaning": _("How many of these the municipality publishes: its budget, its audit "
                     "report, crime data, council minutes."),
        "unit": _("level 0–4"), "kind": RUBRIC, "direction": HIGHER,
        "lower": 0, "upper": 4, "log_scale": False,
        "rubric_levels": [_("None of the four"), _("One of the four"), _("Two of the four"),
                          _("Three of the four"), _("All four")],
        "source_hint": _("Municipal website"),
        "goalpost_reasoning": _("A five-level rubric: each item published adds 25 points."),
    },
    # --- C6 Economic equality and access to livelihoods ------------------------------------
    {
        "code": "c6-gini", "characteristic": "C6", "sdg_code": "",
        "name": _("Gini coefficient of income"),
        "meaning": _("Inequality of income (or consumption) between households: 0 means all "
                     "equal, 1 means one household has everything."),
        "unit": _("index 0–1"), "kind": NUMBER, "direction": LOWER,
        "lower": 0.25, "upper": 0.65, "log_scale": False,
        "source_hint": _("Household survey, World Bank"),
        "goalpost_reasoning": _(
            "The most equal societies measure about 0.25 and the most unequal cities about "
            "0.65 or more (several South African cities among them)."),
    },
    {
        "code": "c6-relative-poverty", "characteristic": "C6", "sdg_code": "10.2.1",
        "name": _("Living below half the median income"),
        "meaning": _("Share of residents living below 50% of the median income."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 40, "log_scale": False,
        "source_hint": _("Household survey"),
        "goalpost_reasoning": _(
            "Relative poverty rarely exceeds 40% even in very unequal places; 40% or more "
            "scores 0."),
    },
    {
        "code": "c6-unemployment", "characteristic": "C6", "sdg_code": "8.5.2",
        "name": _("Unemployment rate"),
        "meaning": _("Unemployed people as a share of the labour force (all ages)."),
        "unit": _("% of the labour force"), "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Labour-force survey"),
        "goalpost_reasoning": _(
            "0% is the ideal; the highest city rates (including the expanded definition) "
            "approach 50%."),
    },
    {
        "code": "c6-youth-unemployment", "characteristic": "C6", "sdg_code": "8.5.2",
        "name": _("Youth unemployment rate"),
        "meaning": _("Unemployed people aged 15–24 as a share of the labour force of that "
                     "age."),
        "unit": _("% of the youth labour force"), "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 70, "log_scale": False,
        "source_hint": _("Labour-force survey"),
        "goalpost_reasoning": _(
            "Youth rates run higher than the total; the highest recorded approach 70%."),
    },
    {
        "code": "c6-basic-services", "characteristic": "C6", "sdg_code": "1.4.1",
        "name": _("Households with basic services"),
        "meaning": _("Share of households with access to basic services (water, sanitation, "
                     "electricity, refuse removal)."),
        "unit": _("% of households"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 100, "log_scale": False,
        "source_hint": _("Census"),
        "goalpost_reasoning": _("A share of households: the natural range, 0% to 100%."),
    },
    # --- C7 Social inclusion -----------------------------------------------------------------
    {
        "code": "c7-informal-settlements", "characteristic": "C7", "sdg_code": "11.1.1",
        "name": _("Population in informal settlements"),
        "meaning": _("Share of the urban population living in slums, informal settlements or "
                     "inadequate housing."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 80, "log_scale": False,
        "source_hint": _("Census, UN-Habitat"),
        "goalpost_reasoning": _(
            "0% is the ideal; the highest urban shares recorded are around 80%."),
    },
    {
        "code": "c7-neet", "characteristic": "C7", "sdg_code": "8.6.1",
        "name": _("Youth not in education, employment or training"),
        "meaning": _("Share of people aged 15–24 not in education, employment or training."),
        "unit": _("% of people aged 15–24"), "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 60, "log_scale": False,
        "source_hint": _("Labour-force survey"),
        "goalpost_reasoning": _("0% is the ideal; the highest rates recorded approach 60%."),
    },
    {
        "code": "c7-discrimination", "characteristic": "C7", "sdg_code": "10.3.1",
        "name": _("Felt discriminated against"),
        "meaning": _("Share of residents who felt discriminated against or harassed in the "
                     "last 12 months on a ground prohibited by human-rights law."),
        "unit": PERCENT, "kind": PERCENTAGE, "direction": LOWER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Survey"),
        "goalpost_reasoning": _("0% is the ideal; 50% or more scores 0."),
    },
    {
        "code": "c7-women-council", "characteristic": "C7", "sdg_code": "5.5.1b",
        "name": _("Women's share of local council seats"),
        "meaning": _("Seats held by women in the municipal council, as a share of all seats."),
        "unit": _("% of seats"), "kind": PERCENTAGE, "direction": HIGHER,
        "lower": 0, "upper": 50, "log_scale": False,
        "source_hint": _("Electoral commission"),
        "goalpost_reasoning": _("Parity (50%) scores 100; more than parity scores 100 too."),
    },
]
