"""The practice record, structured after Ekblom's 5Is (intelligence, intervention,
implementation, involvement, impact) and the EMMIE questions (effect, mechanism,
moderators, implementation, economics).

A ``Practice`` row with status ``published`` is what the public sees. A contributor's
proposed update to a published practice is a separate row (``update_of`` → the published
one) that goes through review; publishing it copies its content onto the published row
(``services.publication``), so the public page stays up, with the same address,
meanwhile.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecities.practices.models.vocabulary import (
    Characteristic,
    InterventionType,
    Setting,
    TargetGroup,
    Theme,
)

country_code = RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter country code, e.g. ZA."))


class PopulationBand(models.TextChoices):
    UNDER_100K = "under_100k", _("Under 100,000")
    FROM_100K = "100k_500k", _("100,000 – 500,000")
    FROM_500K = "500k_1m", _("500,000 – 1 million")
    FROM_1M = "1m_5m", _("1 – 5 million")
    OVER_5M = "over_5m", _("Over 5 million")


class EvidenceLabel(models.TextChoices):
    """The public label. Derived by the evidence rule, never typed by a person."""

    EFFECTIVE = "effective", _("Effective")
    PROMISING = "promising", _("Promising")
    EMERGING = "emerging", _("Emerging")
    NO_EFFECT = "no_effect", _("No effect")
    HARMFUL = "harmful", _("Harmful")
    SELF_REPORTED = "self_reported", _("Self-reported")


class DesignStrength(models.IntegerChoices):
    """How strong the design behind an outcome is (adapted from the Maryland scale)."""

    E0 = 0, _("E0: documented, no outcome data")
    E1 = 1, _("E1: monitored before and after, no comparison")
    E2 = 2, _("E2: comparison area or group")
    E3 = 3, _("E3: controlled or randomised design, or several comparison sites")
    E4 = 4, _("E4: consistent with a systematic review or meta-analysis")


class Effect(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    MIXED = "mixed", _("Mixed")
    NO_EFFECT = "no_effect", _("No effect")
    NEGATIVE = "negative", _("Negative")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class WrittenLanguage(models.TextChoices):
    """The language a practice is written in: the site's four, and others of the region."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    PORTUGUESE = "pt", _("Portuguese")
    ZULU = "zu", _("isiZulu")
    ARABIC = "ar", _("Arabic")
    SWAHILI = "sw", _("Swahili")
    XHOSA = "xh", _("isiXhosa")
    AFRIKAANS = "af", _("Afrikaans")
    SPANISH = "es", _("Spanish")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")


class Scale(models.TextChoices):
    STREET = "street", _("Street")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    CITY = "city", _("City")
    METRO = "metro", _("Metropolitan area")


class PreventionLevel(models.TextChoices):
    PRIMARY = "primary", _("Primary: everyone in a place or group")
    SECONDARY = "secondary", _("Secondary: people or places at risk")
    TERTIARY = "tertiary", _("Tertiary: after harm, to stop it recurring")


class PracticeQuerySet(models.QuerySet):
    def published(self) -> PracticeQuerySet:
        return self.filter(status=Practice.Status.PUBLISHED)


def _text(label: str, help_text: str = "") -> models.TextField:
    return models.TextField(label, blank=True, help_text=help_text)


class Practice(models.Model):
    """A practice in the library. Only published practices are ever shown to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")
        # A proposed update, once published, lives on in its published practice.
        MERGED = "merged", _("Merged into the published practice")

    # --- Identity ------------------------------------------------------------------------
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300,
                               help_text=_("At most 300 characters: what was done, where, "
                                           "and what came of it."))
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2,
                               validators=[country_code])
    population_band = models.CharField(_("city population"), max_length=12,
                                       choices=PopulationBand.choices, blank=True)
    lead_organisation = models.CharField(_("lead organisation"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_public = models.BooleanField(
        _("show the contact on the public page"), default=False,
        help_text=_("Only with the contact person's consent."))
    languages = models.CharField(_("languages of the practice"), max_length=150, blank=True,
                                 help_text=_("For example: English, isiZulu."))
    # The language this record is written in (pages mark it with lang="…"; the library
    # filters by it), and the record it translates, if any.
    language = models.CharField(_("language of this record"), max_length=8,
                                choices=WrittenLanguage.choices, default=WrittenLanguage.ENGLISH)
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translated_as",
        verbose_name=_("translation of"),
        help_text=_("The record this one translates (written in another language)."))
    licence = models.CharField(_("licence of the text"), max_length=16, choices=Licence.choices,
                               default=Licence.CC_BY)
    is_demo = models.BooleanField(
        _("demonstration record"), default=False,
        help_text=_("Written to show how the library works; not a real city's account."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    contributor = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="practices",
                                    verbose_name=_("contributor"))
    call = models.ForeignKey("practices.Call", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="practices", verbose_name=_("call for practices"))
    update_of = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="updates",
                                  verbose_name=_("proposed update of"))
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0,
                                                    editable=False)

    # --- Context (intelligence) ----------------------------------------------------------
    problem = _text(_("the problem"), _("What was happening, to whom, where, and why it mattered."))
    settings = models.ManyToManyField(Setting, blank=True, related_name="practices",
                                      verbose_name=_("settings"))
    scale = models.CharField(_("scale"), max_length=16, choices=Scale.choices, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    runs_on = models.BooleanField(_("still running"), default=False)

    # --- Intervention ----------------------------------------------------------------------
    objectives = _text(_("objectives"))
    mechanism = _text(_("mechanism"), _("Why it should work: the change it sets off."))
    components = _text(_("components"), _("What was actually done, step by step."))
    intervention_types = models.ManyToManyField(InterventionType, blank=True,
                                                related_name="practices",
                                                verbose_name=_("intervention types"))
    prevention_level = models.CharField(_("prevention level"), max_length=12,
                                        choices=PreventionLevel.choices, blank=True)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="practices",
                                           verbose_name=_("target groups"))
    main_characteristic = models.ForeignKey(
        Characteristic, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("characteristic it mainly serves"))
    characteristics = models.ManyToManyField(
        Characteristic, blank=True, related_name="practices",
        verbose_name=_("characteristics it serves"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="practices",
                                    verbose_name=_("themes"))

    # --- Implementation and involvement ----------------------------------------------------
    community_involvement = _text(_("how the community took part"))
    staffing = _text(_("staff"), _("Who worked on it, and how much of their time."))
    budget_amount = models.DecimalField(_("budget"), max_digits=14, decimal_places=2,
                                        null=True, blank=True)
    budget_currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True,
                                       validators=[RegexValidator(
                                           r"^[A-Z]{3}$", _("Use the three-letter code, "
                                                            "e.g. ZAR."))])
    budget_year = models.PositiveSmallIntegerField(
        _("budget year"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    funding_sources = _text(_("funding sources"))
    enablers = _text(_("what helped"))
    barriers = _text(_("what stood in the way"))
    lessons_learned = _text(_("lessons learned"))
    would_do_differently = _text(_("what we would do differently"))
    adaptations = _text(_("adaptations made"))

    # --- Impact ------------------------------------------------------------------------------
    unintended_effects = _text(_("unintended effects"),
                               _("For example, crime displaced to the next street, or a "
                                 "benefit nobody expected."))
    costs_and_benefits = _text(_("costs and benefits"))

    # --- Transfer ------------------------------------------------------------------------------
    preconditions = _text(_("preconditions"), _("What must be in place for it to work."))
    worked_contexts = _text(_("contexts where it worked"))
    failed_contexts = _text(_("contexts where it failed or struggled"))
    transferred_to = _text(_("cities it was transferred to"))
    offers_study_visit = models.BooleanField(_("the city offers a study visit"), default=False)
    offers_mentoring = models.BooleanField(_("the city offers mentoring"), default=False)

    # --- Derived, written only by the evidence rule (services.publication) ---------------------
    # Stored for fast search facets and sorting.
    label = models.CharField(_("evidence label"), max_length=16, choices=EvidenceLabel.choices,
                             default=EvidenceLabel.SELF_REPORTED, editable=False)
    evidence_strength = models.SmallIntegerField(
        _("strongest agreed design"), default=-1, editable=False,
        help_text=_("0–4 for E0–E4; −1 while no two reviewers agree."))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True,
                                        editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title"]
        permissions = [
            ("review_practice", _("Can review practices assigned to them")),
            ("manage_practices", _("Can open calls, assign reviewers and decide on practices")),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def is_update(self) -> bool:
        return self.update_of_id is not None


class BaselineFigure(models.Model):
    """A figure describing the problem before the practice began."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE,
                                 related_name="baseline_figures")
    indicator = models.CharField(_("indicator"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("baseline figure")
        verbose_name_plural = _("baseline figures")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} {self.unit} ({self.year})"


class Partner(models.Model):
    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        POLICE = "police", _("Police")
        COMMUNITY = "community", _("Community")
        NGO = "ngo", _("Non-governmental organisation")
        BUSINESS = "business", _("Business")
        RESEARCH = "research", _("University or research")
        NATIONAL_GOVERNMENT = "national_government", _("National or provincial government")
        OTHER = "other", _("Other")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("partner"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """A measured (or not yet measured) result. ``design_strength`` and ``effect`` are the
    contributor's own account; ``agreed_strength`` and ``agreed_effect`` are what two
    reviewers agreed on, written when the practice is published (the evidence rule).
    """

    class Direction(models.TextChoices):
        DOWN = "down", _("Lower is better")
        UP = "up", _("Higher is better")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.CharField(_("indicator"), max_length=200)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=3, null=True,
                                   blank=True)
    follow_up = models.DecimalField(_("follow-up"), max_digits=16, decimal_places=3,
                                    null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices,
                                 default=Direction.DOWN)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    design_strength = models.PositiveSmallIntegerField(_("strength of design"),
                                                       choices=DesignStrength.choices,
                                                       default=DesignStrength.E0)
    effect = models.CharField(_("effect"), max_length=12, choices=Effect.choices,
                              default=Effect.NOT_ASSESSED)
    agreed_strength = models.PositiveSmallIntegerField(
        _("agreed strength of design"), choices=DesignStrength.choices, null=True, blank=True,
        editable=False)
    agreed_effect = models.CharField(_("agreed effect"), max_length=12, choices=Effect.choices,
                                     blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.indicator


class PracticeVersion(models.Model):
    """A published version of a practice, kept as the public record (JSON) it had."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    record = models.JSONField(_("record"))

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"],
                                               name="practice_version_unique")]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self) -> str:
        return f"{self.practice_id} v{self.number}"


class PracticeFacet(models.Model):
    """The search index's facet rows: one per (published practice, dimension, value).

    Derived from the practice by ``search.index`` whenever a practice is published or
    withdrawn, in the same transaction; a test proves a rebuild gives the same rows.
    Filters and facet counts read this one table, so all facet counts are one query.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "dimension", "value"],
                                               name="practice_facet_unique")]
        indexes = [models.Index(fields=["dimension", "value", "practice"],
                                name="practice_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.practice_id} {self.dimension}={self.value}"


def attachment_path(attachment: Attachment, filename: str) -> str:
    return f"practices/{attachment.practice_id}/{filename}"


class Attachment(models.Model):
    """An image or document of a practice, checked for type and size on upload
    (``services.drafting.add_attachment``), each with its own licence."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    licence = models.CharField(_("licence"), max_length=16, choices=Licence.choices,
                               default=Licence.CC_BY)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title
