"""Forms of the cities pages. They check what a person typed and say what is wrong next to
the field; the rules themselves are in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from safecities.cities.models import City, IndicatorDefinition, LearningRequest
from safecities.cities.services.assessment import (
    FIRST_YEAR,
    ValueEntry,
    definition_errors,
    parse_number,
)
from safecities.cities.services.profiles import EDITABLE_FIELDS
from safecities.plaintext import SingleLineField, SingleLineModelForm
from safecities.practices.models import Practice, Theme


class ProfileForm(SingleLineModelForm):
    class Meta:
        model = City
        fields = [*EDITABLE_FIELDS, "themes"]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.order_by("position")
        self.fields["population_band"].help_text = _(
            "Set automatically from the population when you give one.")


class RepresentForm(forms.Form):
    role = SingleLineField(label=_("Your role in the municipality"), max_length=150,
                           error_messages={"required": _("Please say what your role is.")})


class ValueForm(forms.Form):
    """One indicator's figure on the self-assessment form (prefixed by its code)."""

    value = SingleLineField(label=_("Value"), required=False, max_length=30)
    year = forms.IntegerField(label=_("Year"), required=False)
    source = SingleLineField(label=_("Source"), required=False, max_length=300)
    link = SingleLineField(label=_("Link"), required=False, max_length=500,
                           widget=forms.URLInput)
    note = SingleLineField(label=_("Note"), required=False, max_length=500)
    remove = forms.BooleanField(label=_("Remove this figure"), required=False)

    def __init__(self, *args, definition: IndicatorDefinition, default_year: int, **kwargs):
        super().__init__(*args, prefix=definition.indicator.code, **kwargs)
        self.definition = definition
        self.default_year = default_year
        if definition.kind == IndicatorDefinition.Kind.RUBRIC:
            levels = definition.rubric_levels or [""] * 5
            self.fields["value"] = forms.ChoiceField(
                label=_("Level"), required=False,
                choices=[("", gettext("— not known —"))]
                + [(str(n), f"{n}: {gettext(text)}") for n, text in enumerate(levels)])
        self.fields["value"].widget.attrs["inputmode"] = "decimal"
        self.fields["year"].widget.attrs.update({"min": FIRST_YEAR,
                                                 "max": timezone.localdate().year})

    @property
    def code(self) -> str:
        return self.definition.indicator.code

    def clean(self):
        data = super().clean()
        if data.get("remove"):
            return data
        text = (data.get("value") or "").strip()
        if not text:
            return data
        try:
            data["number"] = parse_number(text)
        except ValueError:
            self.add_error("value", _("Enter a number, e.g. 12.5."))
        if not data.get("year"):
            self.add_error("year", _("Enter the year the figure is for."))
        if not (data.get("source") or "").strip():
            self.add_error("source", _("Say where the figure comes from (the source)."))
        entry = self.entry()
        if entry is not None:
            # The service's own checks (range, link…), shown with the form's at once.
            for field, problems in definition_errors(entry, self.definition).items():
                if field in self.fields and field not in self.errors:
                    for problem in problems:
                        self.add_error(field, problem)
        return data

    def entry(self) -> ValueEntry | None:
        """The figure to store, or None when the row was left empty (a partial save)."""
        data = self.cleaned_data
        if data.get("remove") or "number" not in data or not data.get("year"):
            return None
        return ValueEntry(indicator=self.code, year=data["year"], value=data["number"],
                          source=data.get("source") or "", link=data.get("link") or "",
                          note=data.get("note") or "")

    def removal(self) -> tuple[str, int] | None:
        data = self.cleaned_data
        if data.get("remove") and self.initial.get("year"):
            return self.code, int(self.initial["year"])
        return None


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: indicator, year, value, source, and optionally link and note "
                    "(the template has them all)."),
        error_messages={"required": _("Choose the CSV file to import.")})

    MAX_BYTES = 512 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 512 KB."))
        return upload


class LearningRequestForm(forms.Form):
    from_city = forms.ModelChoiceField(
        label=_("Your city"), queryset=City.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("What would you like?"),
                             choices=LearningRequest.Kind.choices, widget=forms.RadioSelect)
    practice = forms.ModelChoiceField(label=_("About which practice"), required=False,
                                      queryset=Practice.objects.none())
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you would like to learn and when."),
        error_messages={"required": _("Please write a short message.")})

    def __init__(self, *args, from_cities, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_city"].queryset = from_cities
        self.fields["practice"].queryset = practices
        self.fields["kind"].error_messages["required"] = _("Choose what you would like.")


class LearningStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=LearningRequest.Status.choices)
    reply = forms.CharField(label=_("Reply"), required=False, max_length=3000,
                            widget=forms.Textarea(attrs={"rows": 3}))


class MeetingOptInForm(forms.Form):
    interests = SingleLineField(
        label=_("What would you like to discuss?"), required=False, max_length=300,
        help_text=_("Others who opted in see this, with your name, organisation and city — "
                    "never your email address."))
    city = forms.ModelChoiceField(label=_("City you represent"), required=False,
                                  queryset=City.objects.order_by("name"))


class MeetingAskForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and what you would like to talk about."),
        error_messages={"required": _("Please write a short message.")})
