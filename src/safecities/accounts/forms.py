from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """One sign-in for every account: organisers and door staff by user name, contributors,
    reviewers and city representatives by their email address (which is their user name)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That user name or email address and password do not match. "
                           "Check both and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name or email address")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app (or a backup code)"), max_length=16,
        error_messages={"required": _("Enter the 6 digits your app shows now.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autocapitalize": "none"}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "").strip()


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to confirm.")})
