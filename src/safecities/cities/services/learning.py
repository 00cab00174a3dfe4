"""Requests to learn: a city asks another for a study visit, mentoring or documents.

A request moves forward only: open → answered → agreed → done (steps may be skipped).
Only the asked city answers (its approved contacts, or an organiser): the asking city
cannot agree to its own request or overwrite the reply; it follows the request and is
told of every step. Each step is emailed to the other city's approved contacts (or, if it
has none, to the organisers, so no request goes unseen), queued in the same transaction
as the change.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from safecities.cities.errors import LearningRequestError, NotAllowed
from safecities.cities.models import City, LearningRequest
from safecities.cities.queries import approved_contacts, may_edit
from safecities.mailing.services import RenderedEmail, queue_rendered, render_email
from safecities.practices.models import Practice
from safecities.privacy.personal_data import mail_key

Status = LearningRequest.Status
ORDER = [Status.OPEN, Status.ANSWERED, Status.AGREED, Status.DONE]


def _recipients(city: City) -> list[tuple[int, str]]:
    """(user id, address) of whoever answers for the city: its contacts, else the site's
    administrators."""
    people = [(c.user_id, c.user.email) for c in approved_contacts(city).select_related("user")
              if c.user.email]
    if people:
        return people
    return list(get_user_model().objects.filter(is_superuser=True, is_active=True)
                .exclude(email="").values_list("pk", "email"))


def _message(request: LearningRequest, *, to_city: City, template: str, by) -> RenderedEmail | None:
    recipients = _recipients(to_city)
    if not recipients:
        return None
    writers = [request.requested_by_id, getattr(by, "pk", None)]
    return render_email(
        to=[address for _pk, address in recipients], template=f"cities/email/{template}",
        about=[mail_key("user", pk) for pk in dict.fromkeys(
            [pk for pk, _address in recipients] + writers) if pk is not None],
        context={"request": request, "by": by,
                 "request_url": settings.SITE_URL + reverse("cities:learning_request",
                                                            args=[request.pk]),
                 "from_url": settings.SITE_URL + request.from_city.get_absolute_url()},
        reply_to=[by.email] if getattr(by, "email", "") else None,
    )


def ask_to_learn(*, from_city: City, to_city: City, kind: str, message: str, by,
                 practice: Practice | None = None) -> LearningRequest:
    """A representative of ``from_city`` (an approved contact, or an organiser) asks
    ``to_city`` for a study visit, mentoring or documents, optionally about one practice.
    The asked city's contacts are emailed."""
    if not may_edit(by, from_city):
        raise NotAllowed(_("Only a representative of the asking city can ask."))
    if from_city.pk == to_city.pk:
        raise LearningRequestError(_("A city cannot ask itself."))
    if kind not in LearningRequest.Kind.values:
        raise LearningRequestError(_("Choose a study visit, mentoring or documents."))
    if not message.strip():
        raise LearningRequestError(_("Please write a short message."))
    with transaction.atomic():
        request = LearningRequest.objects.create(
            from_city=from_city, to_city=to_city, kind=kind, message=message.strip(),
            practice=practice, requested_by=by if by.is_authenticated else None)
        email = _message(request, to_city=to_city, template="learning_request", by=by)
        if email is not None:
            queue_rendered(email)
    return request


def _is_contact(user, city: City) -> bool:
    return approved_contacts(city).filter(user=user).exists()


def may_follow(user, request: LearningRequest) -> bool:
    """Contacts of either city and organisers see the request and its messages."""
    return may_edit(user, request.to_city) or may_edit(user, request.from_city)


def may_answer(user, request: LearningRequest) -> bool:
    """Only the asked city answers: its contacts (and organisers) move it on and reply."""
    return may_edit(user, request.to_city)


def set_status(*, request: LearningRequest, status: str, by, reply: str = "") -> LearningRequest:
    """Move a request forward (never back), with an optional reply. Only the asked city's
    contacts or organisers may (``may_answer``); the other city's contacts are emailed."""
    if not may_answer(by, request):
        raise NotAllowed(_("Only the asked city answers this request."))
    if status not in Status.values:
        raise LearningRequestError(_("Unknown status."))
    with transaction.atomic():
        request = LearningRequest.objects.select_for_update().get(pk=request.pk)
        if ORDER.index(Status(status)) < ORDER.index(Status(request.status)):
            raise LearningRequestError(_("A request moves forward only: it is already %(status)s.")
                                       % {"status": request.get_status_display().lower()})
        changed = status != request.status or (reply.strip() and reply.strip() != request.reply)
        if not changed:
            return request
        request.status = status
        if reply.strip():
            request.reply = reply.strip()
        request.save(update_fields=["status", "reply", "updated_at"])
        is_asked = _is_contact(by, request.to_city)
        is_asking = _is_contact(by, request.from_city)
        if is_asked and not is_asking:
            notify = [request.from_city]
        elif is_asking and not is_asked:
            notify = [request.to_city]
        else:  # an organiser, or a contact of both cities
            notify = [request.from_city, request.to_city]
        for city in notify:
            email = _message(request, to_city=city, template="learning_status", by=by)
            if email is not None:
                queue_rendered(email)
    return request
