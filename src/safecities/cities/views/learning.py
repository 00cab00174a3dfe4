"""Requests to learn: asking, following one, and the organisers' list of all of them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.accounts.capabilities import EDIT_CITY, OVERSEE_CITIES
from safecities.accounts.permissions import check, refused, requires, signed_in
from safecities.cities.errors import CitiesError, NotAllowed
from safecities.cities.forms import LearningRequestForm, LearningStatusForm
from safecities.cities.models import City, LearningRequest
from safecities.cities.queries import cities_represented_by, practices_of
from safecities.cities.services import learning as services


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def ask(request, slug: str):
    to_city = get_object_or_404(City, slug=slug)
    mine = cities_represented_by(request.user).exclude(pk=to_city.pk)
    if not mine.exists():
        return render(request, "cities/learn_not_contact.html", {"city": to_city}, status=403)
    refusal = check(request.user, EDIT_CITY, mine.first())
    if refusal is not None:  # a representative whose session lacks the second factor
        return refused(request, refusal)
    initial = {}
    if request.GET.get("practice"):
        initial["practice"] = practices_of(to_city).filter(slug=request.GET["practice"]).first()
    form = LearningRequestForm(request.POST or None, from_cities=mine,
                               practices=practices_of(to_city), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ask_to_learn(from_city=data["from_city"], to_city=to_city,
                                  kind=data["kind"], message=data["message"],
                                  practice=data["practice"], by=request.user)
        except NotAllowed as error:
            raise PermissionDenied from error
        except CitiesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request is sent. You will find it here, and "
                                        "on your city's page."))
            return redirect(to_city.get_absolute_url() + "#requests")
    return render(request, "cities/learn.html", {"city": to_city, "form": form},
                  status=400 if request.method == "POST" else 200)


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    item = get_object_or_404(
        LearningRequest.objects.select_related("from_city", "to_city", "practice",
                                               "requested_by"), pk=pk)
    if not services.may_follow(request.user, item):
        raise PermissionDenied
    may_answer = services.may_answer(request.user, item)
    if request.method == "POST" and not may_answer:
        raise PermissionDenied
    refusals = [check(request.user, EDIT_CITY, city) for city in (item.to_city, item.from_city)]
    if all(refusals):  # a representative whose session lacks the second factor
        return refused(request, refusals[0])
    form = LearningStatusForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_status(request=item, status=form.cleaned_data["status"],
                                reply=form.cleaned_data["reply"], by=request.user)
        except NotAllowed as error:
            raise PermissionDenied from error
        except CitiesError as error:
            form.add_error("status", str(error))
        else:
            messages.success(request, _("The request is updated; the other city is told."))
            return redirect("cities:learning_request", pk=item.pk)
    return render(request, "cities/learning_request.html",
                  {"item": item, "form": form, "may_answer": may_answer},
                  status=400 if form.errors else 200)


@never_cache
@requires(OVERSEE_CITIES)
@require_safe
def all_requests(request):
    """Every request between cities: the organisers' measure of what the exchange led to."""
    requests = LearningRequest.objects.select_related("from_city", "to_city", "practice")
    counts = {(row["kind"], row["status"]): row["n"] for row in
              LearningRequest.objects.values("kind", "status").annotate(n=Count("id"))}
    table = [(label, [counts.get((kind, status), 0) for status in LearningRequest.Status.values])
             for kind, label in LearningRequest.Kind.choices]
    return render(request, "cities/requests.html", {
        "requests": requests, "table": table,
        "statuses": LearningRequest.Status.choices, "total": sum(counts.values()),
    })
