"""The accounts' part of the privacy rules: Django's users themselves.

Contributors, reviewers, rapporteurs, city representatives and organisers have an
account. Its row stays when the person is erased — what they wrote for others (a
published practice, a submitted review, a city's figures, a session's lessons) keeps its
content and its link to the row — but the row no longer names anyone: the user name
becomes ``erased-<id>``, the name and address are blanked, the password is made unusable
and the account inactive; authenticator devices and open sessions go; the admin's log
and the audit trail lose the name and address they copied. The apps that hang rows off
an account (roles, profiles) erase their own parts through their providers.
"""

from __future__ import annotations

from auditlog.models import LogEntry as AuditEntry
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from safecities.privacy.personal_data import Person, Provider, Section, json_value

ERASED_PREFIX = "erased-"


def _users(person: Person):
    return get_user_model().objects.filter(pk__in=person.users).order_by("id")


def export(person: Person) -> list[Section]:
    return [Section(key="account", title=_("Your account"), labels={
        "user_name": _("User name"), "first_name": _("First name"),
        "last_name": _("Last name"), "email": _("Email"), "active": _("Active"),
        "joined_at": _("Account made"), "last_signed_in_at": _("Last signed in"),
        "authenticators": _("Authenticator apps set up"),
    }, records=[{
        "user_name": user.get_username(), "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "active": user.is_active,
        "joined_at": json_value(user.date_joined), "last_signed_in_at": json_value(user.last_login),
        "authenticators": len(list(devices_for_user(user, confirmed=None))),
    } for user in _users(person) if not is_erased(user)])]


def is_erased(user) -> bool:
    return user.get_username().startswith(ERASED_PREFIX) and not user.email


def erase(person: Person) -> int:
    users = [user for user in _users(person) if not is_erased(user)]
    if not users:
        return 0
    ids = {str(user.pk) for user in users}
    for user in users:
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        setattr(user, user.USERNAME_FIELD, f"{ERASED_PREFIX}{user.pk}")
        user.first_name = user.last_name = user.email = ""
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.last_login = None
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    # Signed out everywhere: a stored session names its account by id.
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) in ids:
            session.delete()
    # What the admin's log and the audit trail copied of the account.
    user_type = ContentType.objects.get_for_model(get_user_model())
    AdminEntry.objects.filter(content_type=user_type, object_id__in=ids).update(
        object_repr="", change_message="")
    AuditEntry.objects.filter(actor_id__in=[int(pk) for pk in ids]).update(actor_email=None)
    return len(users)


def find(address: str) -> Person:
    ids = (get_user_model().objects.filter(email__iexact=address)
           .values_list("pk", flat=True))
    return Person(users=frozenset(ids))


provider = Provider(name="accounts", export=export, erase=erase, find=find)
