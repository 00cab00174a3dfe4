"""The organisers' side of the privacy rules: erasing one registrant (two steps, through the
one erasure service) and the data-request log of the event."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from safecities.backoffice import permissions
from safecities.backoffice.forms import ErasureConfirmForm
from safecities.backoffice.permissions import event_view
from safecities.privacy import queries
from safecities.privacy.models import DataRequest
from safecities.registration import personal_data
from safecities.registration.models import Registration


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.MANAGE)
def registrant_erase(request, event, reference: str):
    """Step one asks for the reference and a tick; step two (``final``) asks once more and
    then erases through ``erase_registration`` — origin: an organiser. The audit trail
    records that it happened and who did it, without the values."""
    registration = get_object_or_404(Registration, event=event, reference=reference,
                                     erased_at__isnull=True)
    form = ErasureConfirmForm(request.POST if request.method == "POST" else None,
                              expected=registration.reference)
    context = {
        "event": event, "tab": "registrants", "registration": registration, "form": form,
        "will_cancel": registration.is_live and not personal_data.has_ended(
            event, timezone.now()),
    }
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "backoffice/registrant_erase.html", context, status=400)
        if request.POST.get("final") != "yes":
            return render(request, "backoffice/registrant_erase_final.html", context)
        personal_data.erase_registration(registration=registration,
                                         origin=DataRequest.Origin.ORGANISER)
        messages.success(request, _("The registrant's personal data is erased. What remains "
                                    "is their place in the order and its status."))
        return redirect("backoffice:registrants", event.slug)
    return render(request, "backoffice/registrant_erase.html", context)


@never_cache
@require_safe
@event_view(permissions.AUDIT)
def data_requests(request, event):
    """Every export and erasure concerning this event: when, what, asked by whom (the
    person, an organiser, the retention rule) — never whose."""
    page = Paginator(queries.requests_about(event.pk), 50).get_page(request.GET.get("page"))
    totals = queries.totals(event.pk)
    return render(request, "backoffice/data_requests.html", {
        "event": event, "tab": "audit", "page": page,
        "totals": [(origin_label, totals.get((DataRequest.Kind.EXPORT, origin), 0),
                    totals.get((DataRequest.Kind.ERASURE, origin), 0))
                   for origin, origin_label in DataRequest.Origin.choices],
    })
