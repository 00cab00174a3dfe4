from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safecities.backoffice import permissions
from safecities.backoffice.forms import ReconfirmationForm
from safecities.backoffice.permissions import event_view
from safecities.registration import reconfirmation as rules
from safecities.registration.errors import RegistrationError
from safecities.registration.models import ReconfirmationRequest


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.RECONFIRM)
def reconfirmation(request, event):
    """Ask everyone confirmed "are you still coming?" and follow the answers."""
    form = ReconfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deadline: datetime = form.cleaned_data["deadline"]
        if timezone.is_naive(deadline):
            deadline = timezone.make_aware(deadline, event.tz)
        if deadline <= timezone.now():
            form.add_error("deadline", _("Choose a time in the future."))
        else:
            asked = rules.ask(event=event, deadline=deadline, asked_by=request.user)
            messages.success(request, ngettext(
                "%(count)d confirmed participant is asked.",
                "%(count)d confirmed participants are asked.",
                asked.reconfirmations.count()) % {"count": asked.reconfirmations.count()})
            return redirect("backoffice:reconfirmation", event.slug)
    rounds = (ReconfirmationRequest.objects.filter(event=event).select_related("asked_by")
              .annotate(asked=Count("reconfirmations"),
                        yes=Count("reconfirmations", filter=Q(reconfirmations__answer="yes")),
                        no=Count("reconfirmations", filter=Q(reconfirmations__answer="no")),
                        silent=Count("reconfirmations", filter=Q(reconfirmations__answer=""))))
    return render(request, "backoffice/reconfirmation.html", {
        "event": event, "tab": "reconfirmation", "form": form, "rounds": rounds,
        "now": timezone.now(),
    }, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.RECONFIRM)
def release(request, event, pk: int):
    """Release the places of those who did not answer: first the preview, then the action."""
    asked = get_object_or_404(ReconfirmationRequest.objects.select_related("event"),
                              event=event, pk=pk)
    if request.method == "POST":
        try:
            done = rules.release_non_responders(request=asked)
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _(
                "%(released)d places released; %(promoted)d people confirmed from the waiting "
                "list.") % {"released": len(done.released), "promoted": len(done.promoted)})
        return redirect("backoffice:reconfirmation", event.slug)
    plan = rules.release_plan(request=asked)
    return render(request, "backoffice/reconfirmation_release.html", {
        "event": event, "tab": "reconfirmation", "asked": asked, "plan": plan,
        "too_early": timezone.now() < asked.deadline,
    })
