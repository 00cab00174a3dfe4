from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from safecities.backoffice import permissions, services
from safecities.backoffice.errors import UnknownPerson
from safecities.backoffice.forms import RoleForm
from safecities.backoffice.models import EventRole
from safecities.backoffice.permissions import event_view


@never_cache
@require_http_methods(["GET", "POST"])
@event_view(permissions.TEAM)
def team(request, event):
    """Who has which role for this event; organisers add and remove people."""
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(event=event, **form.cleaned_data)
        except UnknownPerson as error:
            form.add_error("username", str(error))
        else:
            messages.success(request, _("The role is given."))
            return redirect("backoffice:team", event.slug)
    roles = EventRole.objects.filter(event=event).select_related("user").order_by(
        "role", "user__username")
    return render(request, "backoffice/team.html", {
        "event": event, "tab": "team", "form": form, "roles": roles,
    }, status=400 if form.errors else 200)


@require_POST
@event_view(permissions.TEAM)
def remove_role(request, event, pk: int):
    event_role = get_object_or_404(EventRole, event=event, pk=pk)
    services.revoke_role(event_role=event_role)
    messages.success(request, _("The role is removed."))
    return redirect("backoffice:team", event.slug)
