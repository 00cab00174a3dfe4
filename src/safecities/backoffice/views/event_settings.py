"""The event's settings: its public details and registration settings, for its organisers
(the admin is for site administrators only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from safecities.backoffice import permissions, services
from safecities.backoffice.forms import EventSettingsForm
from safecities.backoffice.permissions import event_view
from safecities.events.models import Event
from safecities.registration.queries import occupancy


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.EDIT_EVENT)
def event_settings(request, event):
    # Dates and times are read and shown in the event's own time zone.
    with timezone.override(event.tz):
        # A copy: the form changes its instance even when it refuses the changes.
        form = EventSettingsForm(request.POST or None,
                                 instance=Event.objects.get(pk=event.pk))
        if request.method == "POST" and form.is_valid():
            promoted = services.save_event_settings(event=form.instance,
                                                    capacity=form.cleaned_data["capacity"])
            messages.success(request, _("The event's settings are saved."))
            if promoted:
                messages.success(request, ngettext(
                    "%(count)d person was confirmed from the waiting list.",
                    "%(count)d people were confirmed from the waiting list.",
                    len(promoted)) % {"count": len(promoted)})
            return redirect("backoffice:event_settings", event.slug)
        return render(request, "backoffice/event_settings.html", {
            "event": event, "tab": "settings", "form": form, "counts": occupancy(event),
            "time_zone": event.timezone,
        }, status=400 if form.errors else 200)
