"""The back-office's account addresses of before, kept so that old links and bookmarks
lead to the one sign-in's pages (``safecities.accounts``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse


def verify(request):
    query = urlencode({"next": request.GET["next"]}) if request.GET.get("next") else ""
    return redirect(reverse("accounts:verify") + ("?" + query if query else ""))


def account(request):
    return redirect("accounts:two_factor")
