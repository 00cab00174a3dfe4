from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from safecities.registration.models import Registration

_field = Registration._meta.get_field


def _consent_label():
    return format_html(
        _("I have read the <a href=\"{}\">privacy notice</a> and agree that the organisers "
          "keep these details to run the exchange."),
        reverse_lazy("events:privacy"),
    )


class RegistrationForm(forms.Form):
    """The short public form; the JSON API validates its input with the same form."""

    name = forms.CharField(label=_("Full name"), max_length=_field("name").max_length,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"), max_length=_field("email").max_length,
        help_text=_("We send your confirmation and your private link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(label=_("Organisation"),
                                   max_length=_field("organisation").max_length,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    position = forms.CharField(label=_("Position"), max_length=_field("position").max_length,
                               widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    city = forms.CharField(label=_("City"), max_length=_field("city").max_length,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    country = forms.CharField(label=_("Country"), max_length=_field("country").max_length,
                              widget=forms.TextInput(attrs={"autocomplete": "country-name"}))
    consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "consent":
                field.error_messages["required"] = _("Please enter your %(field)s.") % {
                    "field": str(field.label).lower()
                }
            field.error_messages.setdefault(
                "max_length", _("Please shorten this to %(limit_value)d characters or fewer.")
            )

    def clean(self):
        data = super().clean()
        for name in ("name", "organisation", "position", "city", "country"):
            value = data.get(name)
            if value is not None and any(ch in value for ch in "\x00\r\n"):
                self.add_error(name, _("Please use a single line of text."))
        return data
