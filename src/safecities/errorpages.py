"""Error answers in plain words: JSON under /api/, a page elsewhere.

Under ``/api/`` every error is ``{"error": <plain words>, "code": <stable code>}`` and
every JSON answer says ``charset=utf-8`` (docs/api.md). The views' own errors already
have that shape; ``ApiErrors`` gives it to the answers no view wrote (a wrong method, a
malformed request, Django's own 400/403/413) so that nothing under /api/ is HTML.
"""

import json

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import csrf

API_PREFIX = "/api/"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "code": code}, status=status,
                        content_type=JSON_CONTENT_TYPE)


def _generic(status: int) -> tuple[str, str]:
    """The code and the words for an error status no view explained."""
    known = {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("unauthorized", _("Please sign in first.")),
        403: ("forbidden", _("You are not allowed to do this.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("This address does not accept that method.")),
        410: ("gone", _("This is no longer available.")),
        413: ("too_large", _("The request is too large.")),
        429: ("rate_limited",
              _("Too many requests from your network. Please wait a minute and try again.")),
    }
    if status in known:
        return known[status]
    if status >= 500:
        return "server_error", _("Something went wrong on our side. Please try again.")
    return "error", _("The request could not be answered.")


def not_found(request, exception=None):
    if is_api(request):
        return api_error(404, *_generic(404))
    return render(request, "404.html", status=404)


def server_error(request):
    if is_api(request):
        return api_error(500, *_generic(500))
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: JSON under /api/ (the reason is not told), Django's page elsewhere."""
    if is_api(request):
        return api_error(403, "csrf_failed",
                         _("The request was refused because it could not be verified "
                           "(CSRF). Please reload and try again."))
    return csrf.csrf_failure(request, reason=reason)


class ApiErrors:
    """Under /api/ only: an error answer that is not JSON becomes the JSON error of its
    status (headers such as ``Allow`` and ``Retry-After`` kept), and a JSON answer gets
    ``charset=utf-8``. Everything else passes untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api(request) or response.streaming:
            return response
        content_type = response.get("Content-Type", "")
        is_json = content_type.split(";")[0].strip().lower() == "application/json"
        if response.status_code >= 400 and not is_json:
            code, message = _generic(response.status_code)
            response.content = json.dumps({"error": message, "code": code}).encode()
            response["Content-Type"] = JSON_CONTENT_TYPE
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        elif is_json and "charset" not in content_type.lower():
            response["Content-Type"] = JSON_CONTENT_TYPE
        return response
