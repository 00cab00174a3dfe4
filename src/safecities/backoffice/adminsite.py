"""The admin site, guarded like the back-office: an account that enabled two-factor
authentication must have given its code in this session before the admin opens."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from safecities.backoffice.accounts import needs_second_factor


class OrganiserAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request, extra_context=None):
        """One sign-in page for everyone: the back-office's (password, then the code)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            if needs_second_factor(request.user):
                return redirect(reverse("backoffice:verify") + "?" + urlencode({"next": next_url}))
            raise PermissionDenied  # signed in, but not staff
        return redirect(reverse("backoffice:login") + "?" + urlencode({"next": next_url}))
