"""City profiles, who represents them, their indicator values and their current scores."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecities.cities.models.instrument import Indicator
from safecities.cities.regions import Region
from safecities.practices.models import PopulationBand, Practice, Theme

BAND_LIMITS = [  # (band, population below which it applies)
    (PopulationBand.UNDER_100K, 100_000),
    (PopulationBand.FROM_100K, 500_000),
    (PopulationBand.FROM_500K, 1_000_000),
    (PopulationBand.FROM_1M, 5_000_000),
]


def band_of(population: int) -> str:
    """The population band of a population (the library's bands)."""
    for band, limit in BAND_LIMITS:
        if population < limit:
            return str(band.value)
    return str(PopulationBand.OVER_5M.value)


country_code = RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter country code, e.g. ZA."))


class City(models.Model):
    """A city's profile. Organisers create it; its approved contacts keep it current."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=100)
    other_names = models.CharField(
        _("other names"), max_length=200, blank=True,
        help_text=_("Comma-separated, e.g. “eThekwini” for Durban: practices in the library "
                    "that give one of these as their city belong to this city."))
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2,
                               validators=[country_code])
    region = models.CharField(_("region"), max_length=24, choices=Region.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population: year"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    population_source = models.CharField(_("population: source"), max_length=200, blank=True)
    population_is_demo = models.BooleanField(
        _("population is invented demo data"), default=False, editable=False)
    # Set from the population when there is one (services.profiles), else chosen.
    population_band = models.CharField(_("population band"), max_length=12,
                                       choices=PopulationBand.choices, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True,
                                   blank=True, validators=[MinValueValidator(-90),
                                                           MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True,
                                    blank=True, validators=[MinValueValidator(-180),
                                                            MaxValueValidator(180)])
    safety_unit = models.CharField(
        _("municipal safety unit"), max_length=200, blank=True,
        help_text=_("The unit of the municipality that leads on safety and prevention."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("priority themes"),
        help_text=_("The problems the city most wants to learn about."))
    offers_study_visits = models.BooleanField(_("offers study visits"), default=False)
    offers_mentoring = models.BooleanField(_("offers mentoring"), default=False)
    practices = models.ManyToManyField(
        Practice, blank=True, related_name="+", verbose_name=_("other practices of the city"),
        help_text=_("Practices of this city whose city name in the library is different."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name", "country"]
        indexes = [models.Index(fields=["country", "name"], name="city_country_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The band is derived from the population whenever the population is known.
        if self.population is not None:
            self.population_band = band_of(self.population)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cities:detail", kwargs={"slug": self.slug})

    @property
    def names(self) -> list[str]:
        """Every name practices may give for this city, in lower case."""
        return [n.strip().lower() for n in [self.name, *self.other_names.split(",")]
                if n.strip()]


class CityContact(models.Model):
    """A person who asked to represent a city. Only organisers approve them."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="contact_rows",
                             verbose_name=_("city"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="city_contacts", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=150, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))

    class Meta:
        verbose_name = _("city contact")
        verbose_name_plural = _("city contacts")
        ordering = ["city", "requested_at"]
        constraints = [models.UniqueConstraint(fields=["city", "user"],
                                               name="one_contact_row_per_city_and_person")]

    def __str__(self) -> str:
        return f"{self.user} — {self.city}"


class IndicatorValue(models.Model):
    """A figure a city reported for an indicator and a year, with its source."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="values",
                             verbose_name=_("city"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values",
                                  verbose_name=_("indicator"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=300)
    link = models.URLField(_("link"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_demo = models.BooleanField(
        _("invented demo data"), default=False,
        help_text=_("Set on demonstration figures that were made up, never on real ones."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("entered by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["city", "indicator__position", "-year"]
        constraints = [models.UniqueConstraint(fields=["city", "indicator", "year"],
                                               name="one_value_per_city_indicator_year")]

    def __str__(self) -> str:
        return f"{self.city} {self.indicator.code} {self.year}: {self.value:g}"


class CurrentScore(models.Model):
    """A characteristic's score in the city's latest assessment, stored for peer matching.

    Derived, never typed: ``services.assessment`` rewrites a city's rows whenever its
    values change, and every city's when a new instrument version is published. A test
    (tests/cities/test_current_scores.py) checks that the stored rows always equal a
    fresh computation, whatever sequence of changes led to them.
    """

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="current_scores")
    characteristic = models.CharField(max_length=4)
    score = models.FloatField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    version = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["city", "characteristic"],
                                               name="one_current_score_per_characteristic")]
        indexes = [models.Index(fields=["characteristic", "score"],
                                name="current_score_lookup")]

    def __str__(self) -> str:
        return f"{self.city_id} {self.characteristic}: {self.score}"
