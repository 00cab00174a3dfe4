"""The admin site, guarded like the back-office: an account that enabled two-factor
authentication must have given its code in this session before the admin opens."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.urls import reverse

from safecities.backoffice.accounts import needs_second_factor


class OrganiserAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request, extra_context=None):
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(reverse("backoffice:login") + "?" + urlencode({"next": next_url}))
