from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safecities.backoffice.models import Announcement, Role
from safecities.registration.models import Question, Registration

_field = Registration._meta.get_field


class DetailsForm(forms.Form):
    """An organiser's correction of a registrant's details."""

    name = forms.CharField(label=_("Full name"), max_length=_field("name").max_length)
    email = forms.EmailField(label=_("Email"), max_length=_field("email").max_length)
    organisation = forms.CharField(label=_("Organisation"),
                                   max_length=_field("organisation").max_length)
    position = forms.CharField(label=_("Position"), max_length=_field("position").max_length)
    city = forms.CharField(label=_("City"), max_length=_field("city").max_length)
    country = forms.CharField(label=_("Country"), max_length=_field("country").max_length)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Please enter the %(field)s.") % {
                "field": str(field.label).lower()}


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Please write the note.")})


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["label", "key", "kind", "required", "help_text", "order"]

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
        return data


class AnnouncementForm(forms.Form):
    segment = forms.ChoiceField(label=_("Recipients"), choices=Announcement.Segment.choices,
                                widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. {name}, {organisation}, {reference} and {link} (their private "
                    "page) are replaced for each recipient."),
    )


class RoleForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ReconfirmationForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Answer by"), help_text=_("Date and time, e.g. 2014-11-25 18:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
