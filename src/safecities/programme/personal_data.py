"""The programme's part of the privacy rules: the sessions a participant starred, and the
rapporteur roles of an account. Summaries and lessons a rapporteur wrote are the
exchange's outcomes: they stay, linked to an account row that names nobody once the
person is erased (``privacy.accounts``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecities.privacy.personal_data import Person, Provider, Section, json_value
from safecities.programme.models import AgendaPick, Lesson, Rapporteur, SessionReport


def export(person: Person) -> list[Section]:
    picks = (AgendaPick.objects.filter(registration_id__in=person.registrations)
             .select_related("session").order_by("session__starts_at", "id"))
    return [Section(key="agenda", title=_("Sessions on your agenda"), labels={
        "session": _("Session"), "starts_at": _("Starts"), "added_at": _("Added"),
    }, records=[{
        "session": pick.session.title, "starts_at": json_value(pick.session.starts_at),
        "added_at": json_value(pick.picked_at),
    } for pick in picks]), Section(key="rapporteur", title=_("Rapporteur"), labels={
        "event": _("Exchange"), "summaries_written": _("Session summaries written"),
        "lessons_written": _("Lessons written"),
    }, records=[{
        "event": role.event.title,
        "summaries_written": SessionReport.objects.filter(
            written_by_id=role.user_id, session__event_id=role.event_id).count(),
        "lessons_written": Lesson.objects.filter(
            written_by_id=role.user_id, session__event_id=role.event_id).count(),
    } for role in Rapporteur.objects.filter(user_id__in=person.users)
        .select_related("event").order_by("id")])]


def erase(person: Person) -> int:
    deleted, _by_model = AgendaPick.objects.filter(
        registration_id__in=person.registrations).delete()
    roles, _by_model = Rapporteur.objects.filter(user_id__in=person.users).delete()
    return deleted + roles


provider = Provider(name="programme", export=export, erase=erase)
