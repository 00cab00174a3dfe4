"""One sign-in for every account, the second step (a code), the account page that lists
what this person may do, two-factor set-up with backup codes, signing out (here or
everywhere) and password reset by email."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token
from django_ratelimit.decorators import ratelimit

from safecities.accounts import capabilities as caps
from safecities.accounts import landing, lockout, services
from safecities.accounts.errors import AccountError, WrongCode
from safecities.accounts.forms import CodeForm, PasswordForm, SignInForm
from safecities.accounts.permissions import has_device, is_verified, must_have_device, signed_in
from safecities.accounts.roles import grants_of
from safecities.ratelimit import rates


def safe_next(request, default: str = "accounts:home") -> str:
    """Where to go after signing in: the ``next`` asked for if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  request.is_secure()):
        return target
    return reverse(default)


def _with_next(name: str, target: str) -> str:
    from urllib.parse import urlencode

    return reverse(name) + "?" + urlencode({"next": target})


def after_password(request) -> str:
    """The step after a right password: the code, or setting up the app when the person's
    role needs one, or where they were going."""
    target = safe_next(request)
    if has_device(request.user):
        return _with_next("accounts:verify", target)
    if must_have_device(request.user):
        return _with_next("accounts:two_factor", target)
    return target


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        minutes = lockout.locked_minutes(request, username)
        if minutes:
            return self.render_to_response(
                self.get_context_data(form=self.form_class(request), locked=minutes),
                status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        lockout.record_failure(self.request, self.request.POST.get("username", ""))
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_success_url(self) -> str:
        return after_password(self.request)


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=rates.sign_in, method="POST", group="sign-in-code")
def verify(request):
    """The second step: a code from the authenticator app, or a backup code."""
    if not request.user.is_authenticated:
        return redirect("accounts:sign_in")
    if not has_device(request.user) or is_verified(request.user):
        return redirect(safe_next(request))
    form = CodeForm(request.POST or None)
    locked = lockout.locked_minutes(request, request.user.get_username())
    if request.method == "POST" and not locked and form.is_valid():
        paused = _app_paused(request.user)
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request))
        lockout.record_failure(request, request.user.get_username())
        form.add_error("token", str(WrongCode()) if not paused else _(
            "That code was not accepted. After a wrong code the app's codes are refused for a "
            "few seconds: wait a moment, then enter the code your app shows."))
    return render(request, "accounts/verify.html", {
        "form": form, "next": safe_next(request), "locked": locked,
    }, status=429 if locked and request.method == "POST" else 400 if form.errors else 200)


def _app_paused(user) -> bool:
    """django-otp refuses every code of an app for a while after a wrong one (1 s, 2 s,
    4 s…): say so, rather than call a right code wrong."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            return True
    return False


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("accounts:sign_in")


@never_cache
@require_safe
@signed_in
def home(request):
    """What this person may do, each a link: their events and roles, reviews, sessions to
    report on, their cities, their practices."""
    user = request.user
    roles = sorted({str(caps.ROLE_NAMES[g.role]) for g in grants_of(user)
                    if g.role != caps.ACCOUNT})
    return render(request, "accounts/home.html", {
        "sections": landing.sections_for(user),
        "roles": roles,
        "has_device": has_device(user),
        "verified": is_verified(user),
        "must_have_device": must_have_device(user),
        "backup_codes_left": services.backup_codes_left(user) if has_device(user) else 0,
    })


def _spaced(hex_key: str) -> str:
    """The secret as authenticator apps want it typed: base32, in groups of four."""
    secret = base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Two-factor authentication: shows whether it is on; turns it on (scan, then a code,
    then the backup codes are shown once) or off (a current code; not for roles that need
    it)."""
    user = request.user
    enabled = has_device(user)
    if enabled and not is_verified(user):
        return redirect(_with_next("accounts:verify", request.get_full_path()))
    form = CodeForm(request.POST or None)
    setup = None
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        try:
            if enabled:
                services.disable_two_factor(user=user, token=token)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:two_factor")
            device = services.confirm_two_factor(user=user, token=token)
            otp_login(request, device)
            codes = services.new_backup_codes(user=user)
            return render(request, "accounts/backup_codes.html", {
                "codes": codes, "next": safe_next(request), "first_time": True})
        except AccountError as error:
            form.add_error("token", str(error))
    if not enabled:
        device = services.start_two_factor(user=user)
        qr = segno.make(device.config_url, error="m")
        setup = {
            "qr": mark_safe(qr.svg_inline(scale=4, title=_(  # noqa: S308 - our own SVG
                "QR code for your authenticator app"))),
            "key": _spaced(device.key),
        }
    return render(request, "accounts/two_factor.html", {
        "enabled": enabled, "form": form, "setup": setup, "next": safe_next(request),
        "required": must_have_device(user),
        "backup_codes_left": services.backup_codes_left(user) if enabled else 0,
    }, status=400 if form.errors else 200)


@never_cache
@require_POST
@signed_in
def backup_codes(request):
    """New backup codes (the old ones stop working), shown once."""
    if not has_device(request.user):
        return redirect("accounts:two_factor")
    if not is_verified(request.user):
        return redirect(_with_next("accounts:verify", reverse("accounts:two_factor")))
    codes = services.new_backup_codes(user=request.user)
    return render(request, "accounts/backup_codes.html", {
        "codes": codes, "next": reverse("accounts:home"), "first_time": False})


@never_cache
@sensitive_post_parameters("password")
@signed_in
@require_http_methods(["GET", "POST"])
def sign_out_everywhere(request):
    """End every other session of this account (a lost phone, a shared computer)."""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_out_everywhere(user=request.user,
                                         password=form.cleaned_data["password"])
        except AccountError as error:
            lockout.record_failure(request, request.user.get_username())
            form.add_error("password", str(error))
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Every other session of your account is signed out."))
            return redirect("accounts:home")
    return render(request, "accounts/sign_out_everywhere.html", {"form": form},
                  status=400 if form.errors else 200)


@method_decorator(never_cache, name="dispatch")
@method_decorator(ratelimit(key="ip", rate=rates.enquiries, method="POST",
                            group="password-reset"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an address and always answers the same, whether or not an account has it:
    the link goes by email, queued like every other message."""

    template_name = "accounts/reset.html"
    success_url = reverse_lazy("accounts:reset_sent")

    def form_valid(self, form):
        services.send_password_reset(email=form.cleaned_data["email"],
                                     language=translation.get_language())
        return redirect(self.success_url)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/reset_sent.html"


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/reset_confirm.html"
    success_url = reverse_lazy("accounts:reset_done")


class PasswordResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/reset_done.html"


def old_sign_in(request):
    """The sign-in addresses of before (back-office, rapporteurs, contributors, cities)
    lead to the one sign-in, keeping where the person was going if it is on this site."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  request.is_secure()):
        return redirect(_with_next("accounts:sign_in", target), permanent=True)
    return redirect("accounts:sign_in", permanent=True)
