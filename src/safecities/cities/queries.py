"""Reusable reads: the current instrument, a city's assessment and history, who may edit."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from safecities.accounts.capabilities import EDIT_CITY, REPRESENTATIVE
from safecities.accounts.permissions import holds
from safecities.accounts.roles import CITY, Grant, Scope
from safecities.cities import scoring
from safecities.cities.models import (
    City,
    CityContact,
    IndicatorDefinition,
    IndicatorValue,
    InstrumentVersion,
    MeetingProfile,
    MeetingRequest,
)
from safecities.practices.models import Characteristic, Practice
from safecities.registration.models import Registration


@dataclass(frozen=True)
class Instrument:
    """One version of the instrument, read once: its definitions and the characteristics."""

    version: InstrumentVersion
    definitions: tuple[IndicatorDefinition, ...]
    characteristics: tuple[Characteristic, ...]

    @property
    def number(self) -> int:
        return self.version.number

    def rules(self) -> list[scoring.IndicatorRule]:
        return [d.rule(d.indicator.characteristic.code) for d in self.definitions]

    def definition(self, code: str) -> IndicatorDefinition | None:
        return next((d for d in self.definitions if d.indicator.code == code), None)

    def grouped(self) -> list[tuple[Characteristic, list[IndicatorDefinition]]]:
        """The definitions by characteristic, C1 to C7."""
        return [(c, [d for d in self.definitions if d.indicator.characteristic_id == c.pk])
                for c in self.characteristics]

    def assess(self, observations, year: int | None = None) -> scoring.Assessment:
        return scoring.assess(self.rules(), observations, year=year, version=self.number,
                              characteristics=[c.code for c in self.characteristics])


def instrument_of(version: InstrumentVersion) -> Instrument:
    definitions = tuple(
        IndicatorDefinition.objects.filter(version=version)
        .select_related("indicator__characteristic").order_by("indicator__position", "id")
    )
    return Instrument(version=version, definitions=definitions,
                      characteristics=tuple(Characteristic.objects.order_by("position", "code")))


def current_version() -> InstrumentVersion:
    """The latest published version: it scores every assessment."""
    return InstrumentVersion.objects.published().order_by("-number").first()


def current_instrument() -> Instrument:
    return instrument_of(current_version())


def observations_of(city: City) -> list[scoring.Observation]:
    rows = IndicatorValue.objects.filter(city=city).values_list(
        "indicator__code", "value", "year", "source", "link", "note", "is_demo")
    return [scoring.Observation(code=code, value=value, year=year, source=source, link=link,
                                note=note, is_demo=is_demo)
            for code, value, year, source, link, note, is_demo in rows]


def assessment_of(city: City, *, year: int | None = None,
                  instrument: Instrument | None = None) -> scoring.Assessment:
    """The city's assessment as of ``year`` (default: its latest year with a value)."""
    instrument = instrument or current_instrument()
    return instrument.assess(observations_of(city), year=year)


def history_of(city: City, *, instrument: Instrument | None = None,
               observations: list[scoring.Observation] | None = None
               ) -> list[scoring.Assessment]:
    """One assessment per year in which the city entered a value, oldest first."""
    instrument = instrument or current_instrument()
    observations = observations_of(city) if observations is None else observations
    return [instrument.assess(observations, year=year)
            for year in scoring.assessment_years(observations)]


def approved_contacts(city: City) -> QuerySet[CityContact]:
    return CityContact.objects.filter(city=city, status=CityContact.Status.APPROVED)


def may_edit(user, city: City) -> bool:
    """The city's representatives (approved contacts) and the site's administrators may
    edit its profile and values: the roles of the one permission rule's ``cities.edit``
    (the pages in front check the second factor too)."""
    return holds(user, EDIT_CITY, city)


def representative_grants(user):
    """The role source registered with the rule: an approved contact represents its city."""
    for city_id in CityContact.objects.filter(
            user=user, status=CityContact.Status.APPROVED).order_by().values_list(
                "city_id", flat=True):
        yield Grant(REPRESENTATIVE, Scope(CITY, city_id))


def cities_represented_by(user) -> QuerySet[City]:
    if not user.is_authenticated:
        return City.objects.none()
    return City.objects.filter(contact_rows__user=user,
                               contact_rows__status=CityContact.Status.APPROVED)


def practices_of(city: City) -> QuerySet[Practice]:
    """The city's published practices in the library: those whose city (or one of the
    city's other names) and country match, and those linked to it by hand."""
    names = Q()
    for name in city.names:
        names |= Q(city__iexact=name)
    return (Practice.objects.filter(status=Practice.Status.PUBLISHED)
            .filter((Q(country__iexact=city.country) & names) | Q(pk__in=city.practices.all()))
            .select_related("main_characteristic").order_by("title"))


# --- Meetings --------------------------------------------------------------------------------


def open_to_meetings(event_id: int, *, exclude: int | None = None) -> QuerySet[MeetingProfile]:
    """Confirmed participants of the event who opted in to meetings."""
    profiles = (MeetingProfile.objects
                .filter(opted_in=True, registration__event_id=event_id,
                        registration__status=Registration.Status.CONFIRMED)
                .select_related("registration", "city").order_by("registration__name"))
    return profiles.exclude(registration_id=exclude) if exclude else profiles


def meetings_of(registration: Registration) -> QuerySet[MeetingRequest]:
    return (MeetingRequest.objects
            .filter(Q(requester=registration) | Q(invitee=registration))
            .select_related("requester", "invitee", "slot", "table", "event__venue")
            .order_by("slot__starts_at", "created_at", "id"))


def schedule(event_id: int) -> QuerySet[MeetingRequest]:
    """The accepted meetings of an event, by time and table."""
    return (MeetingRequest.objects
            .filter(event_id=event_id, status=MeetingRequest.Status.ACCEPTED)
            .select_related("requester", "invitee", "slot", "table")
            .order_by("slot__starts_at", "table__position", "table_id"))
