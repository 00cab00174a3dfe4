from django import forms
from django.utils.translation import gettext_lazy as _

from safecities.plaintext import SingleLineField


class EnquiryForm(forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Your email"), max_length=254,
                             help_text=_("The organisers reply to this address."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    subject = SingleLineField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Your question"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Please fill in %(field)s.") % {
                "field": str(field.label).lower()
            }
            field.error_messages.setdefault(
                "max_length", _("Please shorten this to %(limit_value)d characters or fewer.")
            )
