from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from safecities.plaintext import SingleLineField
from safecities.registration.models import Question, Registration

_field = Registration._meta.get_field

DETAIL_FIELDS = ("name", "email", "organisation", "position", "city", "country")
ANSWER_PREFIX = "answer_"
YES, NO = "yes", "no"
SHORT_TEXT_LIMIT = 300
LONG_TEXT_LIMIT = 2000


def _consent_label():
    return format_html(
        _("I have read the <a href=\"{}\">privacy notice</a> and agree that the organisers "
          "keep these details to run the exchange."),
        reverse_lazy("privacy:notice"),
    )


DETAIL_SUFFIX = "_detail"


class DetailRadioSelect(forms.RadioSelect):
    """Radio buttons whose option that asks for more is marked, so that the stylesheet can
    show its text field only once it is chosen (without JavaScript; shown always where the
    browser cannot tell)."""

    def __init__(self, *args, detail_choice: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.detail_choice = detail_choice

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == self.detail_choice:
            option["attrs"]["data-asks-detail"] = "true"
        return option


def detail_field(question: Question) -> forms.Field:
    """The text field under a single choice's option that asks for more."""
    field = SingleLineField(
        max_length=SHORT_TEXT_LIMIT, required=False,
        label=_("If you chose “%(option)s”, please tell us more")
        % {"option": question.detail_choice},
    )
    field.detail_for = question
    return field


def question_field(question: Question) -> forms.Field:
    """The form field that asks ``question`` and validates its answer like any other."""
    Kind = Question.Kind
    common = {"label": question.label, "help_text": question.help_text,
              "required": question.required}
    if question.kind == Kind.SHORT_TEXT:
        field = SingleLineField(max_length=SHORT_TEXT_LIMIT, **common)
    elif question.kind == Kind.LONG_TEXT:
        field = forms.CharField(max_length=LONG_TEXT_LIMIT,
                                widget=forms.Textarea(attrs={"rows": 4}), **common)
    elif question.kind == Kind.SINGLE_CHOICE:
        widget = (DetailRadioSelect(detail_choice=question.detail_choice)
                  if question.detail_choice else forms.RadioSelect)
        field = forms.ChoiceField(choices=[(c, c) for c in question.choices],
                                  widget=widget, **common)
    elif question.kind == Kind.MULTIPLE_CHOICE:
        field = forms.MultipleChoiceField(choices=[(c, c) for c in question.choices],
                                          widget=forms.CheckboxSelectMultiple, **common)
    else:
        field = forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))],
                                  widget=forms.RadioSelect, **common)
    if question.kind in (Kind.SINGLE_CHOICE, Kind.YES_NO):
        field.error_messages["required"] = _("Please choose an answer.")
    elif question.kind == Kind.MULTIPLE_CHOICE:
        field.error_messages["required"] = _("Please choose at least one option.")
    else:
        field.error_messages["required"] = _("Please answer this question.")
    field.error_messages["invalid_choice"] = _("Please choose one of the options shown.")
    field.question = question
    return field


class RegistrationForm(forms.Form):
    """The short public form, with the event's own questions after the standard fields;
    the JSON API validates its input with the same form."""

    name = SingleLineField(label=_("Full name"), max_length=_field("name").max_length,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email"), max_length=_field("email").max_length,
        help_text=_("We send your confirmation and your private link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = SingleLineField(label=_("Organisation"),
                                   max_length=_field("organisation").max_length,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    position = SingleLineField(label=_("Position"), max_length=_field("position").max_length,
                               widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    city = SingleLineField(label=_("City"), max_length=_field("city").max_length,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    country = SingleLineField(label=_("Country"), max_length=_field("country").max_length,
                              widget=forms.TextInput(attrs={"autocomplete": "country-name"}))
    consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
    )

    def __init__(self, *args, questions: list[Question] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "consent":
                field.error_messages["required"] = _("Please enter your %(field)s.") % {
                    "field": str(field.label).lower()
                }
            field.error_messages.setdefault(
                "max_length", _("Please shorten this to %(limit_value)d characters or fewer.")
            )
        consent = self.fields.pop("consent")
        for question in questions:
            field = question_field(question)
            field.error_messages["max_length"] = self.fields["name"].error_messages["max_length"]
            self.fields[ANSWER_PREFIX + question.key] = field
            if question.kind == Question.Kind.SINGLE_CHOICE and question.detail_choice:
                self.fields[ANSWER_PREFIX + question.key + DETAIL_SUFFIX] = detail_field(question)
        self.fields["consent"] = consent

    def clean(self):
        data = super().clean()
        for name in ("name", "organisation", "position", "city", "country"):
            value = data.get(name)
            if value is not None and any(ch in value for ch in "\x00\r\n"):
                self.add_error(name, _("Please use a single line of text."))
        for name, field in self.fields.items():
            question = getattr(field, "detail_for", None)
            chosen = data.get(name.removesuffix(DETAIL_SUFFIX))
            if question is not None and chosen == question.detail_choice and not data.get(name):
                self.add_error(name, _("You chose “%(option)s”: please tell us more here.")
                               % {"option": question.detail_choice})
        return data

    def details(self) -> dict[str, object]:
        """The registration's own fields and consent, for ``services.register``."""
        return {name: self.cleaned_data[name] for name in (*DETAIL_FIELDS, "consent")}

    def answers(self) -> dict[int, list[str]]:
        """Question id → the values given (none for an unanswered optional question)."""
        answers: dict[int, list[str]] = {}
        for name, field in self.fields.items():
            question = getattr(field, "question", None)
            if question is None:
                continue
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value]
            values = [v.strip() for v in values if v and v.strip()]
            detail = self.cleaned_data.get(name + DETAIL_SUFFIX)
            if values and values[0] == question.detail_choice and detail:
                # One answer holds both, so exports and the API show the detail beside it.
                values = [f"{values[0]}: {detail.strip()}"]
            if values:
                answers[question.id] = values
        return answers



class LanguageForm(forms.Form):
    """The participant's language, changed on their private page."""

    language = forms.ChoiceField(label=_("Language of your emails and documents"),
                                 choices=Registration._meta.get_field("language").choices)


class ErasureForm(forms.Form):
    """The confirmation step of "Delete my data": erasing cannot be undone, so it is asked."""

    confirm = forms.BooleanField(
        label=_("I understand that my personal data will be erased for good and cannot be "
                "brought back."),
        error_messages={"required": _("Please tick this box to confirm that your data "
                                      "should be erased.")},
    )


class AddressForm(forms.Form):
    """The address to send a link to, opening everything held under it."""

    email = forms.EmailField(
        label=_("Your email address"), max_length=254,
        help_text=_("We send a link to this address. Only someone who can read its mailbox "
                    "can open what we hold."),
        error_messages={"required": _("Please enter the email address to send the link to."),
                        "invalid": _("Please enter an email address such as "
                                     "name@example.org.")},
    )
