"""Safe-city learning's part of the privacy rules: bilateral meetings.

The export shows the person's meeting profile and their meetings; of the other person in
a meeting it shows only what that person agreed to show others by opting in to meetings
(their city and their role), never their name, organisation or address, nor the message
they wrote. Erasure deletes the profile and blanks the messages of the person's meetings
(both directions: a message written to them is about them); the meetings stay, already
cancelled by the erasure's cancellation, so the other person's history stays whole.

For an account: the requests to represent a city (with the role given) are exported and
deleted; what the account entered for a city (figures, requests to learn) stays.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safecities.cities.models import CityContact, MeetingProfile, MeetingRequest
from safecities.privacy.personal_data import Person, Provider, Section, json_value


def _public_side(registration, profiles: dict[int, MeetingProfile]) -> dict[str, object]:
    profile = profiles.get(registration.pk)
    if profile is None or not profile.opted_in:
        return {"city": None, "role": None}
    return {"city": profile.city.name if profile.city else None, "role": registration.position}


def export(person: Person) -> list[Section]:
    ids = person.registrations
    profiles = Section(key="meeting_profile", title=_("Your meeting profile"), labels={
        "open_to_meetings": _("Open to meetings"), "city": _("City represented"),
        "interests": _("What you would like to discuss"), "updated_at": _("Updated"),
    }, records=[{
        "open_to_meetings": profile.opted_in,
        "city": profile.city.name if profile.city else None,
        "interests": profile.interests, "updated_at": json_value(profile.updated_at),
    } for profile in MeetingProfile.objects.filter(registration_id__in=ids)
        .select_related("city").order_by("id")])
    meetings = list(MeetingRequest.objects.filter(Q(requester_id__in=ids) | Q(invitee_id__in=ids))
                    .select_related("requester", "invitee", "slot", "table")
                    .order_by("created_at", "id"))
    others = {m.invitee_id if m.requester_id in ids else m.requester_id for m in meetings}
    other_profiles = {p.registration_id: p for p in MeetingProfile.objects.filter(
        registration_id__in=others).select_related("city")}
    records = []
    for meeting in meetings:
        asked = meeting.requester_id in ids
        other = meeting.invitee if asked else meeting.requester
        side = _public_side(other, other_profiles)
        records.append({
            "direction": "asked" if asked else "was_asked",
            "status": meeting.status,
            "other_city": side["city"], "other_role": side["role"],
            "your_message": meeting.message if asked else None,
            "asked_at": json_value(meeting.created_at),
            "answered_at": json_value(meeting.decided_at),
            "starts_at": json_value(meeting.slot.starts_at) if meeting.slot else None,
            "table": meeting.table.name if meeting.table else None,
        })
    contacts = Section(key="city_contacts", title=_("Cities you asked to represent"), labels={
        "city": _("City"), "role": _("Role"), "status": _("Status"),
        "asked_at": _("Asked"), "decided_at": _("Decided"),
    }, records=[{
        "city": contact.city.name, "role": contact.role, "status": contact.status,
        "asked_at": json_value(contact.requested_at),
        "decided_at": json_value(contact.decided_at),
    } for contact in CityContact.objects.filter(user_id__in=person.users)
        .select_related("city").order_by("requested_at", "id")])
    return [profiles, contacts, Section(key="meetings", title=_("Your bilateral meetings"), labels={
        "direction": _("You asked, or were asked"), "status": _("Status"),
        "other_city": _("The other person's city"), "other_role": _("The other person's role"),
        "your_message": _("Your message"), "asked_at": _("Asked"),
        "answered_at": _("Answered"), "starts_at": _("When"), "table": _("Table"),
    }, records=records)]


def erase(person: Person) -> int:
    ids = person.registrations
    deleted, _by_model = MeetingProfile.objects.filter(registration_id__in=ids).delete()
    # An account no longer represents a city; the figures and requests it entered stay
    # with the city, linked to an account row that names nobody (``privacy.accounts``).
    contacts, _by_model = CityContact.objects.filter(user_id__in=person.users).delete()
    deleted += contacts
    blanked = MeetingRequest.objects.filter(
        Q(requester_id__in=ids) | Q(invitee_id__in=ids)).exclude(message="").update(message="")
    return deleted + blanked


provider = Provider(name="cities", export=export, erase=erase)
