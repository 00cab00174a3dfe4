from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def rate_limited(request, exception=None) -> HttpResponse:
    """The 429 answer: JSON for the API, a page for people."""
    message = _("Too many requests from your network. Please wait a minute and try again.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": message, "code": "rate_limited"}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response
