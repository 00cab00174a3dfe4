"""City profiles and who represents them.

Organisers create cities and approve who represents which city; an approved contact keeps
the profile current. The population band follows from the population whenever the
population is known (``City.save``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from safecities.accounts.capabilities import OVERSEE_CITIES
from safecities.accounts.permissions import holds
from safecities.cities.errors import NotAllowed
from safecities.cities.models import City, CityContact
from safecities.cities.queries import may_edit
from safecities.mailing.services import queue_rendered, render_email
from safecities.privacy.personal_data import mail_key

EDITABLE_FIELDS = ["name", "other_names", "region", "population", "population_year",
                   "population_source", "population_band", "latitude", "longitude",
                   "safety_unit", "offers_study_visits", "offers_mentoring"]


def unique_slug(name: str, country: str) -> str:
    base = slugify(name)[:70] or "city"
    slug = base
    if City.objects.filter(slug=slug).exists():
        slug = f"{base}-{country.lower()}"
    n = 2
    while City.objects.filter(slug=slug).exists():
        slug = f"{base}-{country.lower()}-{n}"
        n += 1
    return slug


def update_profile(*, city: City, by, changes: dict[str, object], themes=None) -> City:
    """Change the profile's editable fields (not its slug or country, which identify it).
    Only organisers and the city's approved contacts may; anything else is refused.
    """
    if not may_edit(by, city):
        raise NotAllowed()
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in changes.items():
            setattr(city, name, value)
        city.full_clean()
        city.save()
        if themes is not None:
            city.themes.set(themes)
    return city


def ask_to_represent(*, city: City, user, role: str) -> CityContact:
    """Record that a person asks to represent a city; organisers decide. Asking again
    after a refusal asks again; asking while approved or waiting changes nothing but the
    role."""
    with transaction.atomic():
        contact, created = CityContact.objects.get_or_create(
            city=city, user=user, defaults={"role": role.strip()})
        if not created:
            contact.role = role.strip() or contact.role
            if contact.status == CityContact.Status.DECLINED:
                contact.status = CityContact.Status.REQUESTED
                contact.decided_at = contact.decided_by = None
            contact.save()
    return contact


def decide_contact(*, contact: CityContact, approve: bool, by) -> CityContact:
    """An organiser approves or declines a person as a contact of a city; the person is
    told by email (queued with the decision)."""
    if not holds(by, OVERSEE_CITIES):
        raise NotAllowed(_("Only organisers approve who represents a city."))
    contact.status = CityContact.Status.APPROVED if approve else CityContact.Status.DECLINED
    contact.decided_at = timezone.now()
    contact.decided_by = by
    message = None
    if contact.user.email:
        message = render_email(
            to=[contact.user.email], template="cities/email/contact_decided",
            context={"contact": contact, "city": contact.city, "approved": approve,
                     "city_url": settings.SITE_URL + contact.city.get_absolute_url()},
            about=[mail_key("user", contact.user_id)])
    with transaction.atomic():
        contact.save(update_fields=["status", "decided_at", "decided_by"])
        if message is not None:
            queue_rendered(message)
    return contact
