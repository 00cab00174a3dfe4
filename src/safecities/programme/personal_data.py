"""The programme's part of the privacy rules: the sessions a participant starred."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.programme.models import AgendaPick


def export(person: Person) -> list[Section]:
    picks = (AgendaPick.objects.filter(registration_id__in=person.registrations)
             .select_related("session").order_by("session__starts_at", "id"))
    return [Section(key="agenda", title=_("Sessions on your agenda"), labels={
        "session": _("Session"), "starts_at": _("Starts"), "added_at": _("Added"),
    }, records=[{
        "session": pick.session.title, "starts_at": json_value(pick.session.starts_at),
        "added_at": json_value(pick.picked_at),
    } for pick in picks])]


def erase(person: Person) -> int:
    deleted, _by_model = AgendaPick.objects.filter(
        registration_id__in=person.registrations).delete()
    return deleted


provider = Provider(name="programme", export=export, erase=erase)
