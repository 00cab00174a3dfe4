"""Public JSON API for registrations. Documented in docs/api.md.

The same services as the HTML pages; this module only translates JSON to a service call
and the result or error back to JSON with a stable ``code``.
"""

from __future__ import annotations

import json
from datetime import UTC

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from safecities.events.api import not_found
from safecities.events.models import Event
from safecities.privacy.models import DataRequest
from safecities.ratelimit import rates
from safecities.registration import personal_data, services
from safecities.registration.errors import RegistrationError
from safecities.registration.forms import (
    ANSWER_PREFIX,
    DETAIL_SUFFIX,
    NO,
    YES,
    RegistrationForm,
)
from safecities.registration.models import Question, Registration
from safecities.registration.queries import (
    answers_by_key,
    event_questions,
    waitlist_position,
)

TEXT_FIELDS = ("name", "email", "organisation", "position", "city", "country")


_ASK = object()


def registration_document(registration: Registration, position=_ASK,
                          answers=_ASK) -> dict[str, object]:
    """The registration as JSON; ``position`` and ``answers`` when the caller knows them."""
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
        "answers": answers_by_key(registration) if answers is _ASK else answers,
    }


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status)


# A registration is two levels deep (the answers object, a list of options); anything far
# deeper is an attack on the parser, answered 400 before any other work.
MAX_JSON_DEPTH = 20


def _nesting(value: object) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar: 0)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _read_json(request) -> dict | JsonResponse:
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(413, "too_large", _("The request body is larger than 1 MB."))
    too_deep = False
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "invalid_json", _("The request body is not valid JSON."))
    except RecursionError:  # deeper than the parser can go: certainly too deep
        data, too_deep = None, True
    if too_deep or _nesting(data) > MAX_JSON_DEPTH:
        return _error(400, "too_deep", _("The request body is nested more than %(depth)d "
                                         "levels deep.") % {"depth": MAX_JSON_DEPTH})
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
    if "answers" in data and not isinstance(data["answers"], dict):
        errors["answers"] = [_("Must be an object: question key → answer.")]
    return errors


def _answers_as_form_data(answers: dict, questions: list[Question]):
    """The JSON answers as the form's fields, or the errors keyed ``answers.<key>``."""
    by_key = {question.key: question for question in questions}
    fields: dict[str, object] = {}
    errors: dict[str, list[str]] = {}
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            errors[f"answers.{key}"] = [_("This event has no question with this key.")]
            continue
        kind = question.kind
        if kind == Question.Kind.MULTIPLE_CHOICE:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                errors[f"answers.{key}"] = [_("Must be a list of options (text).")]
                continue
        elif kind == Question.Kind.YES_NO:
            if not isinstance(value, bool):
                errors[f"answers.{key}"] = [_("Must be true or false.")]
                continue
            value = YES if value else NO
        elif not isinstance(value, str):
            errors[f"answers.{key}"] = [_("Must be text.")]
            continue
        if kind == Question.Kind.SINGLE_CHOICE and question.detail_choice:
            # "Other: gluten-free", as the answer is shown back, is the option and its detail.
            choice, _colon, detail = value.partition(": ")
            if choice == question.detail_choice:
                value = choice
                fields[ANSWER_PREFIX + key + DETAIL_SUFFIX] = detail
        fields[ANSWER_PREFIX + key] = value
    return fields, errors


def _form_errors(form: RegistrationForm) -> dict[str, list[str]]:
    return {
        (f"answers.{name.removeprefix(ANSWER_PREFIX)}" if name.startswith(ANSWER_PREFIX)
         else name): list(messages)
        for name, messages in form.errors.items()
    }


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
    questions = event_questions(event)
    answer_fields, errors = _answers_as_form_data(data.pop("answers", {}), questions)
    details = {name: data[name] for name in TEXT_FIELDS if name in data}
    form = RegistrationForm(data=_form_data(details, answer_fields, data.get("consent") is True),
                            questions=questions)
    valid = form.is_valid()
    if not valid or errors:
        # A type error says more than the "required" the form reports for the same answer.
        for name, messages in _form_errors(form).items():
            errors.setdefault(name, messages)
        return JsonResponse({"errors": errors}, status=400)
    try:
        outcome = services.register(event=event, language=translation.get_language(),
                                    answers=form.answers(), **form.details())
    except RegistrationError as error:
        return _error(409, error.code, str(error))
    if not outcome.created:
        # Nothing about the existing registration: its link goes to its own address.
        return JsonResponse({"code": "already_registered", "message": _(
            "This address is already registered; we have emailed its private link to it.")})
    # Without questions there is nothing to read back.
    answers = answers_by_key(outcome.registration) if questions else {}
    return JsonResponse(
        registration_document(outcome.registration, position=outcome.position, answers=answers),
        status=201 if outcome.created else 200,
    )


def _form_data(details: dict, answer_fields: dict, consent: bool) -> QueryDict:
    """A form submission as a browser would send it (a list becomes repeated fields)."""
    data = QueryDict(mutable=True)
    for name, value in {**details, **answer_fields}.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    if consent:
        data["consent"] = "on"
    return data


def _by_token(token: str) -> Registration | None:
    return (Registration.objects.select_related("event")
            .filter(token=token, erased_at__isnull=True).first())


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


@csrf_exempt
@require_http_methods(["POST"])
def erase(request, token: str):
    """Erase the person's data (the same service as the page); the link then answers 404."""
    registration = _by_token(token)
    if registration is None:
        return not_found(_("No registration has that link."))
    personal_data.erase_registration(registration=registration, origin=DataRequest.Origin.PERSON)
    return JsonResponse({"status": "erased"})


@require_safe
def question_list(request, slug: str):
    """The event's own registration questions, so a client can ask them."""
    event = Event.objects.published().filter(slug=slug).only("id").first()
    if event is None:
        return not_found(_("No published event has that slug."))
    return JsonResponse({"results": [
        {"key": q.key, "label": q.label, "help_text": q.help_text, "kind": q.kind,
         "required": q.required,
         "options": q.choices if q.kind in Question.CHOICE_KINDS else None}
        for q in event_questions(event)
    ]})
