"""Error answers in plain words: JSON under /api/, a page elsewhere."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"error": _("Not found."), "code": "not_found"}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"error": _("Something went wrong on our side. Please try again."),
                             "code": "server_error"}, status=500)
    return render(request, "500.html", status=500)
