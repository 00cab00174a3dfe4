"""The admin site, guarded like the back-office: an account that enabled two-factor
authentication must have given its code in this session before the admin opens."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin import AdminSite, ModelAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from safecities.backoffice.accounts import needs_second_factor
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
        return super().has_permission(request) and not needs_second_factor(request.user)

    def login(self, request, extra_context=None):
        """One sign-in page for everyone: the back-office's (password, then the code)."""
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            if needs_second_factor(request.user):
                return redirect(reverse("backoffice:verify") + "?" + urlencode({"next": next_url}))
            raise PermissionDenied  # signed in, but not staff
        return redirect(reverse("backoffice:login") + "?" + urlencode({"next": next_url}))
