from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from safecities.accounts.permissions import signed_in
from safecities.documents.rendering import pdf_response, render_pdf
from safecities.events.models import Event
from safecities.privacy.export import export_document
from safecities.privacy.models import DataRequest
from safecities.ratelimit import rates
from safecities.registration import personal_data, reconfirmation, services
from safecities.registration.certificates import (
    certificate_available,
    certificates_pdf,
    letter_date,
)
from safecities.registration.errors import RegistrationError
from safecities.registration.forms import (
    AddressForm,
    ErasureForm,
    LanguageForm,
    RegistrationForm,
)
from safecities.registration.models import Reconfirmation, Registration
from safecities.registration.queries import event_questions, occupancy, waitlist_position


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.registrations, method="POST", group="registrations")
def register(request, slug: str):
    event = get_object_or_404(Event.objects.published().select_related("venue"), slug=slug)
    form = RegistrationForm(request.POST or None, questions=event_questions(event))
    closed_reason = None
    try:
        services.check_registration_window(event, timezone.now())
    except RegistrationError as error:
        closed_reason = str(error)
    if request.method == "POST" and closed_reason is None and form.is_valid():
        try:
            outcome = services.register(event=event, language=translation.get_language(),
                                        answers=form.answers(), **form.details())
        except RegistrationError as error:
            closed_reason = str(error)
        else:
            if not outcome.created:
                # Never the existing registration itself: its link goes to its own address.
                return render(request, "registration/already_registered.html",
                              {"event": event})
            return redirect(outcome.registration.get_absolute_url() + "?new=1")
    status = 200
    if request.method == "POST":
        status = 409 if closed_reason else 400
    return render(request, "registration/register.html", {
        "event": event,
        "form": form,
        "closed_reason": closed_reason,
        "occupancy": occupancy(event),
    }, status=status)


def _registration(token: str) -> Registration:
    # An erased registration has a new token nobody knows; the filter is the backstop.
    return get_object_or_404(Registration.objects.select_related("event__venue"), token=token,
                             erased_at__isnull=True)


@never_cache
@require_safe
def manage(request, token: str):
    registration = _registration(token)
    return render(request, "registration/manage.html", {
        "registration": registration,
        "event": registration.event,
        "position": waitlist_position(registration),
        "certificate": certificate_available(registration),
        "open_reconfirmation": _open_reconfirmation(registration),
        "just_registered": request.GET.get("new") == "1",
        "just_cancelled": request.GET.get("cancelled") == "1",
        "language_form": LanguageForm(initial={"language": registration.written_language}),
        "language_changed": request.GET.get("language") == "1",
    })


@never_cache
@require_safe
def letter(request, token: str):
    registration = _registration(token)
    if registration.status != Registration.Status.CONFIRMED:
        return HttpResponseForbidden(render(request, "registration/letter_forbidden.html", {
            "registration": registration, "event": registration.event,
        }).content)
    with translation.override(registration.written_language):
        content = render_pdf("registration/letter.html", {
            "registration": registration,
            "event": registration.event,
            "issued_on": letter_date(registration),
        })
    return pdf_response(content, f"invitation-{registration.reference}.pdf", private=True)


@never_cache
@require_POST
def change_language(request, token: str):
    """The language of the participant's emails and documents (a form on the private page).
    The page itself follows the visitor's language, like every page."""
    registration = _registration(token)
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return render(request, "registration/manage.html", {
            "registration": registration, "event": registration.event,
            "position": waitlist_position(registration),
            "certificate": certificate_available(registration),
            "open_reconfirmation": _open_reconfirmation(registration),
            "language_form": form,
        }, status=400)
    services.change_language(registration=registration, language=form.cleaned_data["language"])
    return redirect(registration.get_absolute_url() + "?language=1")


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    registration = _registration(token)
    if request.method == "POST":
        services.cancel(registration=registration)
        return redirect(registration.get_absolute_url() + "?cancelled=1")
    return render(request, "registration/cancel.html", {
        "registration": registration, "event": registration.event,
    })


@never_cache
@require_safe
def certificate(request, token: str):
    registration = _registration(token)
    if not certificate_available(registration):
        return HttpResponseForbidden(render(request, "registration/certificate_forbidden.html", {
            "registration": registration, "event": registration.event,
        }).content)
    with translation.override(registration.written_language):
        content = certificates_pdf(registration.event, [registration])
    return pdf_response(content, f"certificate-{registration.reference}.pdf", private=True)


def _open_reconfirmation(registration: Registration) -> Reconfirmation | None:
    """The latest unanswered "are you still coming?" for a confirmed registration."""
    if registration.status != Registration.Status.CONFIRMED:
        return None
    return (Reconfirmation.objects.filter(registration=registration, answer="")
            .select_related("request").order_by("-request__asked_at").first())


@never_cache
@require_http_methods(["GET", "POST"])
def reconfirm(request, token: str):
    """Are you still coming? Yes keeps the place; no cancels it (the next in line gets it)."""
    registration = _registration(token)
    pending = _open_reconfirmation(registration)
    error = None
    if request.method == "POST" and pending is not None:
        answer = request.POST.get("answer")
        if answer in Reconfirmation.Reply.values:
            try:
                reconfirmation.reply(reconfirmation=pending, answer=answer)
            except RegistrationError as failure:
                error = str(failure)
            else:
                return redirect(registration.get_absolute_url()
                                + ("?cancelled=1" if answer == "no" else "?reconfirmed=1"))
        else:
            error = _("Please choose yes or no.")
    return render(request, "registration/reconfirm.html", {
        "registration": registration, "event": registration.event,
        "pending": pending, "error": error,
    }, status=400 if error else 200)


@csrf_exempt  # one-click unsubscribe from a mail program (RFC 8058): the token is the secret
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Stop announcements; the registration and its status emails stay."""
    registration = _registration(token)
    if request.method == "POST":
        services.unsubscribe_from_announcements(registration=registration)
    return render(request, "registration/unsubscribe.html", {
        "registration": registration, "event": registration.event,
        "done": registration.announcements_opted_out_at is not None,
    })


@never_cache
@require_safe
def data(request, token: str):
    """ "Download my data", readable: every app's part, as the JSON export has it."""
    registration = _registration(token)
    sections = personal_data.export_registration(registration=registration)
    return render(request, "registration/data.html", {
        "registration": registration, "event": registration.event, "sections": sections,
    })


@never_cache
@require_safe
def data_json(request, token: str):
    """ "Download my data" as a file: JSON with stable keys (docs/api.md)."""
    registration = _registration(token)
    sections = personal_data.export_registration(registration=registration)
    response = JsonResponse(export_document(sections), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="my-data-{registration.reference}.json"')
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def erase(request, token: str):
    """ "Delete my data": a page that says what goes and what stays, and asks to confirm."""
    registration = _registration(token)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase_registration(registration=registration,
                                         origin=DataRequest.Origin.PERSON)
        return redirect("privacy:erased")
    return render(request, "registration/erase.html", {
        "registration": registration, "event": registration.event, "form": form,
        "will_cancel": registration.is_live and not personal_data.has_ended(
            registration.event, timezone.now()),
    }, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["POST"])
@ratelimit(key="ip", rate=rates.enquiries, method="POST", group="data-links")
def send_link(request, token: str):
    """From the private page: send a link to this registration's address that opens
    everything held under the address."""
    registration = _registration(token)
    personal_data.send_address_link(address=registration.email,
                                    language=translation.get_language())
    return render(request, "registration/address_link_sent.html", {
        "registration": registration, "event": registration.event,
        "link_hours": settings.PRIVACY_ADDRESS_LINK_HOURS,
    })


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.enquiries, method="POST", group="data-links")
def address_request(request):
    """Anyone: "send a link to my address". The answer is the same whether or not the site
    holds anything under it, so the page reveals nothing about an address."""
    form = AddressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data.send_address_link(address=form.cleaned_data["email"],
                                        language=translation.get_language())
        return render(request, "registration/address_link_sent.html", {
            "link_hours": settings.PRIVACY_ADDRESS_LINK_HOURS})
    return render(request, "registration/address_request.html", {"form": form},
                  status=400 if form.errors else 200)


def _person_of_link(secret: str):
    person = personal_data.person_of_link(secret)
    if person is None:
        raise Http404("unknown or expired link")
    return person


@never_cache
@require_safe
def address_data(request, secret: str):
    """Everything held under the address the link was sent to, readable."""
    person = _person_of_link(secret)
    sections = personal_data.export_person(person=person, origin=DataRequest.Origin.ADDRESS)
    return render(request, "registration/address_data.html", {
        "secret": secret, "sections": sections, "holds_anything": bool(person),
    })


@never_cache
@require_safe
def address_data_json(request, secret: str):
    person = _person_of_link(secret)
    sections = personal_data.export_person(person=person, origin=DataRequest.Origin.ADDRESS)
    response = JsonResponse(export_document(sections), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def address_erase(request, secret: str):
    """Delete everything held under the address, after a confirmation."""
    person = _person_of_link(secret)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase_person(person=person, origin=DataRequest.Origin.ADDRESS)
        return redirect("privacy:erased")
    now = timezone.now()
    live = [registration for registration in Registration.objects.filter(
        pk__in=person.registrations, erased_at__isnull=True).select_related("event")
        .order_by("id") if registration.is_live
        and not personal_data.has_ended(registration.event, now)]
    return render(request, "registration/address_erase.html", {
        "secret": secret, "form": form, "to_cancel": live, "holds_anything": bool(person),
    }, status=400 if form.errors else 200)


@never_cache
@require_safe
@signed_in
def account_data(request):
    """An account's "Download my data", readable: the account and what hangs off it."""
    sections = personal_data.export_person(
        person=personal_data.person_of_account(request.user), origin=DataRequest.Origin.ACCOUNT)
    return render(request, "registration/account_data.html", {"sections": sections})


@never_cache
@require_safe
@signed_in
def account_data_json(request):
    sections = personal_data.export_person(
        person=personal_data.person_of_account(request.user), origin=DataRequest.Origin.ACCOUNT)
    response = JsonResponse(export_document(sections), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-account-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@signed_in
def account_erase(request):
    """An account's "Delete my data": the account stops working and names nobody; what the
    person wrote for others keeps its content, without their name."""
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data.erase_person(person=personal_data.person_of_account(request.user),
                                   origin=DataRequest.Origin.ACCOUNT)
        logout(request)
        return redirect("privacy:erased")
    return render(request, "registration/account_erase.html", {"form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["POST"])
@signed_in
@ratelimit(key="ip", rate=rates.enquiries, method="POST", group="data-links")
def account_send_link(request):
    """From the account page: a link to everything under the account's address."""
    if request.user.email:
        personal_data.send_address_link(address=request.user.email,
                                        language=translation.get_language())
    return render(request, "registration/address_link_sent.html", {
        "link_hours": settings.PRIVACY_ADDRESS_LINK_HOURS})
