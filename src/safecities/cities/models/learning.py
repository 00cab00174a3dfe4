"""Requests to learn: one city asks another for a study visit, mentoring or documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safecities.cities.models.profiles import City
from safecities.practices.models import Practice


class LearningRequest(models.Model):
    """Tracked from open to done; shown on both cities' pages; organisers see them all."""

    class Kind(models.TextChoices):
        STUDY_VISIT = "study_visit", _("A study visit")
        MENTORING = "mentoring", _("Mentoring")
        DOCUMENTS = "documents", _("Documents")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        AGREED = "agreed", _("Agreed")
        DONE = "done", _("Done")

    from_city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="requests_made",
                                  verbose_name=_("asking city"))
    to_city = models.ForeignKey(City, on_delete=models.CASCADE,
                                related_name="requests_received", verbose_name=_("asked city"))
    practice = models.ForeignKey(Practice, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("practice"))
    kind = models.CharField(_("what is asked"), max_length=12, choices=Kind.choices)
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    reply = models.TextField(_("reply"), max_length=3000, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("asked by"))
    is_demo = models.BooleanField(_("demonstration request"), default=False, editable=False)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("request to learn")
        verbose_name_plural = _("requests to learn")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~models.Q(from_city=models.F("to_city")),
                                              name="learning_request_between_two_cities")]

    def __str__(self) -> str:
        return f"{self.from_city} → {self.to_city}: {self.get_kind_display()}"
