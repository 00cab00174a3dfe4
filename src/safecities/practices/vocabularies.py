"""The starting vocabularies (../shared/TAXONOMY.md). Codes are stable; labels translate.

Seeded by a data migration; organisers may add terms in the admin.
"""

from django.utils.translation import gettext_noop as _

CHARACTERISTICS = [
    ("C1", _("Low incidence of violence and crime")),
    ("C2", _("Institutional capacity for prevention")),
    ("C3", _("Social participation")),
    ("C4", _("Reciprocity and trust")),
    ("C5", _("Open and accountable urban governance")),
    ("C6", _("Economic equality and access to livelihoods")),
    ("C7", _("Social inclusion")),
]

THEMES = [
    ("interpersonal-violence", _("Interpersonal violence")),
    ("gang-firearm-violence", _("Gang and firearm violence")),
    ("gender-based-violence", _("Gender-based and intimate-partner violence")),
    ("sexual-harassment-public-space", _("Sexual harassment in public space")),
    ("robbery-burglary-vehicle-crime", _("Robbery, burglary and vehicle crime")),
    ("youth-at-risk", _("Youth at risk")),
    ("alcohol-drug-harm", _("Alcohol- and drug-related harm")),
    ("safety-public-space-transport", _("Safety in public space and transport")),
    ("informal-settlements-tenure", _("Informal settlements and tenure conflict")),
    ("fear-of-crime", _("Fear of crime")),
    ("victim-support", _("Victim support")),
    ("reoffending-reintegration", _("Reoffending and reintegration")),
    ("corruption-organised-crime", _("Corruption and organised crime")),
    ("disorder-incivilities", _("Disorder and incivilities")),
]

INTERVENTION_TYPES = [
    ("situational", _("Situational and environmental design")),
    ("social-developmental", _("Social and developmental")),
    ("community-mobilisation", _("Community mobilisation")),
    ("institutional-governance", _("Institutional and governance")),
    ("policing", _("Policing")),
    ("justice", _("Justice")),
    ("livelihoods-employment", _("Livelihoods and employment")),
    ("regulation", _("Regulation")),
    ("victim-services", _("Victim services")),
]

TARGET_GROUPS = [
    ("women-girls", _("Women and girls")),
    ("children", _("Children")),
    ("youth", _("Youth")),
    ("older-persons", _("Older persons")),
    ("persons-with-disabilities", _("Persons with disabilities")),
    ("migrants-refugees", _("Migrants and refugees")),
    ("lgbtiq", _("LGBTIQ+ people")),
    ("informal-traders", _("Informal traders")),
    ("informal-settlement-residents", _("Residents of informal settlements")),
    ("offenders", _("Offenders and ex-offenders")),
    ("victims", _("Victims")),
    ("frontline-staff", _("Frontline staff")),
    ("general-population", _("The general population")),
]

SETTINGS = [
    ("home", _("Home")),
    ("street", _("Street")),
    ("market", _("Market")),
    ("cbd", _("Central business district")),
    ("transport-node", _("Transport node")),
    ("school", _("School")),
    ("park-open-space", _("Park and open space")),
    ("night-time-economy", _("Night-time economy")),
    ("informal-settlement", _("Informal settlement")),
]
