from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safecities.backoffice.models import Announcement, Role
from safecities.events.models import Event, Venue
from safecities.languages.content import translation_field_name, translations_form
from safecities.plaintext import SingleLineField, SingleLineModelForm
from safecities.registration.models import Question, Registration

_field = Registration._meta.get_field


class DetailsForm(forms.Form):
    """An organiser's correction of a registrant's details."""

    name = SingleLineField(label=_("Full name"), max_length=_field("name").max_length)
    email = forms.EmailField(label=_("Email"), max_length=_field("email").max_length)
    organisation = SingleLineField(label=_("Organisation"),
                                   max_length=_field("organisation").max_length)
    position = SingleLineField(label=_("Position"), max_length=_field("position").max_length)
    city = SingleLineField(label=_("City"), max_length=_field("city").max_length)
    country = SingleLineField(label=_("Country"), max_length=_field("country").max_length)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Please enter the %(field)s.") % {
                "field": str(field.label).lower()}


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Please write the note.")})


class QuestionForm(SingleLineModelForm):
    choices_text = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["label", "key", "kind", "required", "help_text", "order", "detail_choice"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean_key(self):
        key = self.cleaned_data["key"]
        taken = Question.objects.filter(event=self.instance.event, key=key).exclude(
            pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another question of this event has this key."))
        return key

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in (data.get("choices_text") or "").splitlines()
                   if line.strip()]
        if data.get("kind") in Question.CHOICE_KINDS and len(options) < 2:
            self.add_error("choices_text", _("Give at least two options, one per line."))
        if len(set(options)) != len(options):
            self.add_error("choices_text", _("Each option must be different."))
        self.instance.choices = options if data.get("kind") in Question.CHOICE_KINDS else []
        detail_choice = data.get("detail_choice") or ""
        if detail_choice and (data.get("kind") != Question.Kind.SINGLE_CHOICE
                              or detail_choice not in options):
            self.add_error("detail_choice", _("Write one of the options of a single choice "
                                              "here, exactly as above, or leave it empty."))
        return data


class AnnouncementForm(forms.Form):
    segment = forms.ChoiceField(label=_("Recipients"), choices=Announcement.Segment.choices,
                                widget=forms.RadioSelect)
    subject = SingleLineField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. {name}, {organisation}, {reference} and {link} (their private "
                    "page) are replaced for each recipient."),
    )

    def __init__(self, *args, default_language: str = settings.LANGUAGE_CODE, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.default_language = default_language
        self.fields["subject"].label = _("Subject in %(language)s") % {
            "language": names[default_language]}
        self.fields["body"].label = _("Message in %(language)s") % {
            "language": names[default_language]}
        self.other_languages = [code for code, _name in settings.LANGUAGES
                                if code != default_language]
        for code in self.other_languages:
            self.fields[f"subject_{code}"] = SingleLineField(
                label=_("Subject in %(language)s") % {"language": names[code]},
                max_length=150, required=False)
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Message in %(language)s") % {"language": names[code]},
                max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def clean(self):
        data = super().clean()
        for code in self.other_languages:
            subject, body = data.get(f"subject_{code}", ""), data.get(f"body_{code}", "")
            if subject and not body:
                self.add_error(f"body_{code}", _("Write the message too, or leave the subject "
                                                 "in this language empty."))
            elif body and not subject:
                self.add_error(f"subject_{code}", _("Write the subject too, or leave the "
                                                    "message in this language empty."))
        return data

    def translations(self) -> dict[str, tuple[str, str]]:
        """The other languages written in: language → (subject, body)."""
        return {code: (self.cleaned_data[f"subject_{code}"], self.cleaned_data[f"body_{code}"])
                for code in self.other_languages
                if self.cleaned_data.get(f"subject_{code}") and self.cleaned_data.get(
                    f"body_{code}")}

    @property
    def translations_given(self) -> bool:
        """Whether the other languages were written in (their section then stays open)."""
        return any(self.data.get(f"{kind}_{code}") for code in self.other_languages
                   for kind in ("subject", "body"))

    def main_fields(self):
        return [self[name] for name in ("segment", "subject", "body")]

    def language_fields(self):
        return [(self[f"subject_{code}"], self[f"body_{code}"]) for code in self.other_languages]


class RoleForm(forms.Form):
    username = SingleLineField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ReconfirmationForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Answer by"), help_text=_("Date and time, e.g. 2014-11-25 18:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ErasureConfirmForm(forms.Form):
    """Erasing a registrant, step one: the organiser types the reference (the right
    person) and ticks that it cannot be undone; step two asks once more."""

    reference = SingleLineField(
        label=_("Type the registration's reference to confirm"), max_length=16,
        error_messages={"required": _("Please type the reference shown above.")})
    confirm = forms.BooleanField(
        label=_("I understand that this person's data will be erased for good and cannot be "
                "brought back."),
        error_messages={"required": _("Please tick this box to confirm the erasure.")})

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_reference(self) -> str:
        value = self.cleaned_data["reference"].strip().upper()
        if value != self.expected.upper():
            raise forms.ValidationError(_("This is not this registration's reference (%(ref)s)."),
                                        params={"ref": self.expected})
        return value


_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _EventSettingsBase(SingleLineModelForm):
    """The event's public details and registration settings (times in the event's own time
    zone: the view activates it)."""

    class Meta:
        model = Event
        fields = ["title", "tagline", "description", "venue", "starts_on", "ends_on",
                  "cost_note", "capacity", "registration_opens_at", "registration_closes_at"]
        widgets = {"starts_on": _DATE, "ends_on": _DATE, "registration_opens_at": _DATETIME,
                   "registration_closes_at": _DATETIME}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.order_by("name", "city")
        for name in ("registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def main_fields(self):
        return [self[name] for name in self._meta.fields]

    def language_fields(self):
        """The translated texts, by language: ``[(name, [bound fields], has errors)]``."""
        rows = []
        for code, name in settings.LANGUAGES:
            fields = [self[translation_field_name(field, code)]
                      for field in Event.TRANSLATED_FIELDS]
            rows.append((name, fields, any(field.errors for field in fields)))
        return rows


EventSettingsForm = translations_form(Event, base=_EventSettingsBase)
