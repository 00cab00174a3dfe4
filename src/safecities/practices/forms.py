"""Forms of the library: sign-up and log-in, the guided form's steps, attachments,
reviews, organisers' assignments and decisions. (The search page's GET parameters are
read by ``queries.search_query``, shared with the API.)"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from safecities.plaintext import SingleLineField, SingleLineModelForm
from safecities.practices.models import (
    BaselineFigure,
    Decision,
    DesignStrength,
    Effect,
    Licence,
    Outcome,
    Partner,
    Practice,
    Review,
)


class SignUpForm(forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"),
                             help_text=_("We send a link to confirm it."))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput,
                               help_text=_("At least 8 characters, not only digits."))
    organisation = SingleLineField(label=_("Organisation"), max_length=200)
    city = SingleLineField(label=_("City"), max_length=100)
    country = forms.RegexField(label=_("Country code"), regex=r"^[A-Za-z]{2}$", max_length=2,
                               help_text=_("Two letters, e.g. ZA for South Africa."),
                               error_messages={"invalid": _("Use two letters, e.g. ZA.")})

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = get_user_model()(username=self.data.get("email", ""),
                                email=self.data.get("email", ""))
        password_validation.validate_password(password, user)
        return password


class LoginForm(AuthenticationForm):
    """Contributors, reviewers and organisers log in with their email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")


class StartForm(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["title", "summary", "city", "country"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}

    def clean_country(self):
        return self.cleaned_data["country"].upper()


CHECKBOXES = forms.CheckboxSelectMultiple
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rows(rows: int):
    return forms.Textarea(attrs={"rows": rows})


class IdentityStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["title", "summary", "city", "country", "population_band", "lead_organisation",
                  "contact_role", "contact_email", "contact_public", "language", "languages",
                  "licence"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}

    def clean_country(self):
        return self.cleaned_data["country"].upper()


class ContextStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["problem", "settings", "scale", "started_on", "ended_on", "runs_on"]
        widgets = {"problem": _rows(8), "settings": CHECKBOXES, "started_on": DATE,
                   "ended_on": DATE}

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date is before the start date."))
        return cleaned


class InterventionStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["objectives", "mechanism", "components", "intervention_types",
                  "prevention_level", "target_groups", "main_characteristic",
                  "characteristics", "themes"]
        widgets = {"objectives": _rows(4), "mechanism": _rows(4), "components": _rows(6),
                   "intervention_types": CHECKBOXES, "target_groups": CHECKBOXES,
                   "characteristics": CHECKBOXES, "themes": CHECKBOXES}
        help_texts = {"characteristics": _("Others it also serves.")}


class ImplementationStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["community_involvement", "staffing", "budget_amount", "budget_currency",
                  "budget_year", "funding_sources", "enablers", "barriers", "lessons_learned",
                  "would_do_differently", "adaptations"]
        widgets = {name: _rows(3) for name in ["community_involvement", "staffing",
                                               "funding_sources", "enablers", "barriers",
                                               "would_do_differently", "adaptations"]}
        widgets["lessons_learned"] = _rows(6)

    def clean_budget_currency(self):
        return self.cleaned_data["budget_currency"].upper()


class ImpactStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["unintended_effects", "costs_and_benefits"]
        widgets = {"unintended_effects": _rows(3), "costs_and_benefits": _rows(3)}


class TransferStep(SingleLineModelForm):
    class Meta:
        model = Practice
        fields = ["preconditions", "worked_contexts", "failed_contexts", "transferred_to",
                  "offers_study_visit", "offers_mentoring"]
        widgets = {name: _rows(3) for name in fields[:4]}


def _formset(model, fields):
    return inlineformset_factory(Practice, model, fields=fields, extra=1, can_delete=True)


BaselineFormSet = _formset(BaselineFigure, ["indicator", "value", "unit", "year", "source"])
PartnerFormSet = _formset(Partner, ["name", "kind", "role"])
OutcomeFormSet = _formset(Outcome, ["indicator", "baseline", "follow_up", "unit", "direction",
                                    "data_source", "design_strength", "effect"])

# step → (form of the practice's own fields, the list of rows it edits, if any)
STEP_FORMS = {
    "identity": (IdentityStep, None),
    "context": (ContextStep, ("baseline_figures", BaselineFormSet)),
    "intervention": (InterventionStep, None),
    "implementation": (ImplementationStep, ("partners", PartnerFormSet)),
    "impact": (ImpactStep, ("outcomes", OutcomeFormSet)),
    "transfer": (TransferStep, None),
}


def formset_rows(formset) -> list[dict]:
    """The rows a valid formset keeps: filled in and not marked for removal."""
    rows = []
    for form in formset.forms:
        data = dict(form.cleaned_data)
        if not data or data.pop("DELETE", False):
            continue
        data.pop(formset.fk.name, None)
        rows.append(data)
    return rows


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"),
                           help_text=_("A PNG or JPEG image, or a PDF; at most 5 MB."))
    title = SingleLineField(label=_("Title or caption"), max_length=200)
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices,
                                initial=Licence.CC_BY)


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ReviewForm(forms.Form):
    """Four scores with comments, and a proposed rating for every outcome."""

    def __init__(self, *args, outcomes: list[Outcome], **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = outcomes
        labels = {"relevance": _("Relevance"), "evidence": _("Evidence"),
                  "transferability": _("Transferability"), "clarity": _("Clarity")}
        for criterion in Review.CRITERIA:
            self.fields[criterion] = forms.TypedChoiceField(
                label=labels[criterion], choices=SCORE_CHOICES, coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = poor, 5 = excellent"))
            self.fields[f"{criterion}_comment"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": labels[criterion].lower()},
                widget=_rows(3), required=False)
        for outcome in outcomes:
            self.fields[f"strength_{outcome.pk}"] = forms.TypedChoiceField(
                label=_("Strength of design: %(indicator)s") % {"indicator": outcome.indicator},
                choices=DesignStrength.choices, coerce=int, initial=outcome.design_strength)
            self.fields[f"effect_{outcome.pk}"] = forms.ChoiceField(
                label=_("Effect: %(indicator)s") % {"indicator": outcome.indicator},
                choices=Effect.choices, initial=outcome.effect)

    def scores(self) -> dict[str, int]:
        return {c: self.cleaned_data[c] for c in Review.CRITERIA}

    def comments(self) -> dict[str, str]:
        return {c: self.cleaned_data[f"{c}_comment"] for c in Review.CRITERIA}

    def ratings(self) -> dict[int, tuple[int, str]]:
        return {o.pk: (self.cleaned_data[f"strength_{o.pk}"], self.cleaned_data[f"effect_{o.pk}"])
                for o in self.outcomes}

    def criterion_fields(self):
        return [(self[c], self[f"{c}_comment"]) for c in Review.CRITERIA]

    def outcome_fields(self):
        return [(o, self[f"strength_{o.pk}"], self[f"effect_{o.pk}"]) for o in self.outcomes]


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=Decision.Kind.choices,
                             widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments to the contributor"), widget=_rows(5),
                               required=False,
                               help_text=_("Sent by email, and shown to the contributor."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Decision.Kind.CHANGES and not cleaned.get("comments"):
            self.add_error("comments", _("Say which changes you ask for."))
        return cleaned
