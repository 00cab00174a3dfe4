"""Public JSON API for registrations. Documented in docs/api.md.

The same services as the HTML pages; this module only translates JSON to a service call
and the result or error back to JSON with a stable ``code``.
"""

from __future__ import annotations

import json
from datetime import UTC

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from safecities.events.api import not_found
from safecities.events.models import Event
from safecities.ratelimit import rates
from safecities.registration import services
from safecities.registration.errors import RegistrationError
from safecities.registration.forms import RegistrationForm
from safecities.registration.models import Registration
from safecities.registration.queries import waitlist_position

TEXT_FIELDS = ("name", "email", "organisation", "position", "city", "country")


_ASK = object()


def registration_document(registration: Registration, position=_ASK) -> dict[str, object]:
    """The registration as JSON; ``position`` when the caller knows it already."""
    return {
        "reference": registration.reference,
        "event": registration.event.slug,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "position": registration.position,
        "city": registration.city,
        "country": registration.country,
        "status": registration.status,
        "waitlist_position": (
            waitlist_position(registration) if position is _ASK else position
        ),
        "registered_at": registration.registered_at.astimezone(UTC).isoformat(
            timespec="microseconds"
        ),
        "manage_url": registration.get_absolute_url(),
    }


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


def _read_json(request) -> dict | JsonResponse:
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(413, "too_large", _("The request body is larger than 1 MB."))
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid_json", _("The request body is not valid JSON."))
    if not isinstance(data, dict):
        return _error(400, "invalid_json", _("The request body must be a JSON object."))
    return data


def _type_errors(data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in TEXT_FIELDS:
        if name in data and not isinstance(data[name], str):
            errors[name] = [_("Must be text.")]
    if "consent" in data and not isinstance(data["consent"], bool):
        errors["consent"] = [_("Must be true or false.")]
    return errors


@csrf_exempt
@require_POST
@ratelimit(key="ip", rate=rates.registrations, method="POST", group="registrations")
def register(request, slug: str):
    # Only the key: the service reads the event afresh under its lock.
    event = Event.objects.published().filter(slug=slug).only("id", "slug").first()
    if event is None:
        return not_found(_("No published event has that slug."))
    data = _read_json(request)
    if isinstance(data, JsonResponse):
        return data
    errors = _type_errors(data)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    form = RegistrationForm(data={**data, "consent": data.get("consent") is True})
    if not form.is_valid():
        return JsonResponse({"errors": {k: list(v) for k, v in form.errors.items()}}, status=400)
    try:
        outcome = services.register(event=event, language=translation.get_language(),
                                    **form.cleaned_data)
    except RegistrationError as error:
        return _error(409, error.code, str(error))
    return JsonResponse(registration_document(outcome.registration, position=outcome.position),
                        status=201 if outcome.created else 200)


def _by_token(token: str) -> Registration | None:
    return Registration.objects.select_related("event").filter(token=token).first()


@require_safe
def registration_detail(request, token: str):
    registration = _by_token(token)
    if registration is None:
        return not_found(_("No registration has that link."))
    return JsonResponse(registration_document(registration))


@csrf_exempt
@require_http_methods(["POST"])
def cancel(request, token: str):
    registration = _by_token(token)
    if registration is None:
        return not_found(_("No registration has that link."))
    return JsonResponse(registration_document(services.cancel(registration=registration)))
