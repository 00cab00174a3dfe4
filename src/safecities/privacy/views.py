from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from safecities.privacy.models import NoticeVersion
from safecities.privacy.notice import current_version, notice_context


@require_safe
def notice(request):
    """The privacy notice, made from the settings in force (retention, responsible party)."""
    return render(request, "privacy/notice.html", {**notice_context(),
                                                   "version": current_version()})


@require_safe
def version(request, version: str):
    """An earlier (or the current) text of the notice, as a consent record refers to it."""
    found = get_object_or_404(NoticeVersion, version=version)
    return render(request, "privacy/version.html", {
        "version": found, "is_current": found.pk == current_version().pk,
    })


@require_safe
def erased(request):
    return render(request, "privacy/erased.html")
