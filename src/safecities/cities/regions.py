"""World regions (UN M49 geographic sub-regions, a few merged) and the countries in them.

A city's region is one of these. A practice in the library has only a country, so its
region is looked up here: that is how recommendations compare a practice's context
with a city's.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NORTHERN_AFRICA = "northern-africa", _("Northern Africa")
    WESTERN_AFRICA = "western-africa", _("Western Africa")
    MIDDLE_AFRICA = "middle-africa", _("Central Africa")
    EASTERN_AFRICA = "eastern-africa", _("Eastern Africa")
    SOUTHERN_AFRICA = "southern-africa", _("Southern Africa")
    LATIN_AMERICA = "latin-america", _("Latin America and the Caribbean")
    NORTHERN_AMERICA = "northern-america", _("Northern America")
    EUROPE = "europe", _("Europe")
    WESTERN_ASIA = "western-asia", _("Western Asia")
    CENTRAL_SOUTHERN_ASIA = "central-southern-asia", _("Central and Southern Asia")
    EASTERN_ASIA = "eastern-asia", _("Eastern and South-eastern Asia")
    OCEANIA = "oceania", _("Oceania")


_COUNTRIES = {
    Region.NORTHERN_AFRICA: "DZ EG LY MA SD TN EH",
    Region.WESTERN_AFRICA: "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    Region.MIDDLE_AFRICA: "AO CM CF TD CG CD GQ GA ST",
    Region.EASTERN_AFRICA: "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    Region.SOUTHERN_AFRICA: "BW SZ LS NA ZA",
    Region.LATIN_AMERICA: (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN "
        "LC VC SR TT UY VE PR AW CW GF GP MQ"),
    Region.NORTHERN_AMERICA: "CA US BM GL PM",
    Region.EUROPE: (
        "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC "
        "ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA"),
    Region.WESTERN_ASIA: "AM AZ BH CY GE IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    Region.CENTRAL_SOUTHERN_ASIA: "AF BD BT IN IR KZ KG MV NP PK LK TJ TM UZ",
    Region.EASTERN_ASIA: "BN KH CN HK ID JP KP KR LA MO MY MN MM PH SG TW TH TL VN",
    Region.OCEANIA: "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU",
}

COUNTRY_REGION: dict[str, str] = {
    country: str(region.value) for region, countries in _COUNTRIES.items()
    for country in countries.split()
}


def region_of_country(country: str) -> str:
    """The region of an ISO 3166-1 alpha-2 country code ("" when unknown)."""
    return COUNTRY_REGION.get(country.upper(), "")


def countries_in(region: str) -> list[str]:
    return sorted(c for c, r in COUNTRY_REGION.items() if r == region)
