"""Sign-in (password, then the authenticator code for accounts that enabled it), sign-out
and the account page where a person turns two-factor authentication on or off."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_ratelimit.decorators import ratelimit

from safecities.backoffice import services
from safecities.backoffice.errors import WrongCode
from safecities.backoffice.forms import CodeForm
from safecities.backoffice.permissions import signed_in
from safecities.ratelimit import rates


def _next(request, default: str = "backoffice:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  request.is_secure()):
        return target
    from django.urls import reverse

    return reverse(default)


@method_decorator(ratelimit(key="ip", rate=rates.sign_in, method="POST", group="sign-in"),
                  name="dispatch")
class SignInView(LoginView):
    template_name = "backoffice/sign_in.html"
    redirect_authenticated_user = True


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.sign_in, method="POST", group="sign-in")
def verify(request):
    """The second step: the code from the authenticator app."""
    if not request.user.is_authenticated:
        return redirect("backoffice:login")
    if not user_has_device(request.user) or request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", str(WrongCode()))
    return render(request, "backoffice/verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("backoffice:login")


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def account(request):
    """Two-factor authentication: shows whether it is on; turns it on (scan, then a code) or
    off (a current code)."""
    user = request.user
    enabled = user_has_device(user)
    form = CodeForm(request.POST or None)
    setup = None
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        try:
            if enabled:
                services.disable_two_factor(user=user, token=token)
                messages.success(request, _("Two-factor authentication is off."))
            else:
                device = services.confirm_two_factor(user=user, token=token)
                otp_login(request, device)
                messages.success(request, _("Two-factor authentication is on. From now on, "
                                            "signing in asks for a code from your app."))
            return redirect("backoffice:account")
        except WrongCode as error:
            form.add_error("token", str(error))
    if not enabled:
        device = services.start_two_factor(user=user)
        qr = segno.make(device.config_url, error="m")
        setup = {
            "qr": mark_safe(qr.svg_inline(scale=4, title=_("QR code for your authenticator "  # noqa: S308 - our own SVG
                                                           "app"))),
            "key": _spaced(device.key),
        }
    return render(request, "backoffice/account.html", {
        "enabled": enabled, "form": form, "setup": setup,
    }, status=400 if form.errors else 200)


def _spaced(hex_key: str) -> str:
    """The secret as authenticator apps want it typed: base32, in groups of four."""
    import base64

    secret = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
