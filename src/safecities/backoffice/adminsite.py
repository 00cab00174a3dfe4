"""The admin site is for site administrators only, through the one permission rule: a
superuser whose session passed the second factor. ``is_staff`` alone opens nothing."""

from __future__ import annotations

from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from safecities.accounts import capabilities as caps
from safecities.accounts.permissions import SIGN_IN, check, refused
from safecities.plaintext import SingleLineModelForm


class OrganiserAdminSite(AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin form keeps single-line text plain (``safecities.plaintext``)."""
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class.form, SingleLineModelForm):
            form = type(admin_class.form.__name__, (SingleLineModelForm, admin_class.form),
                        {"__module__": admin_class.form.__module__})
            admin_class = type(admin_class.__name__, (admin_class,),
                               {"form": form, "__module__": admin_class.__module__})
        return super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request) -> bool:
        return check(request.user, caps.ADMIN_SITE) is None

    def login(self, request, extra_context=None):
        """One sign-in page for everyone; a signed-in person without the role is told what
        is missing (a 403, never a loop back here)."""
        target = request.GET.get("next") or reverse("admin:index")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                               request.is_secure()):
            target = reverse("admin:index")
        refusal = check(request.user, caps.ADMIN_SITE)
        if refusal is None:
            return redirect(target)
        if refusal.reason == SIGN_IN:
            return redirect_to_login(target, reverse("accounts:sign_in"))
        return refused(request, refusal)
