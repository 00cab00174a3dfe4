"""Reads of the privacy app: the data-request log."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from safecities.privacy.models import DataRequest


def requests_about(event_id: int) -> QuerySet[DataRequest]:
    """The exports and erasures that concerned one event, newest first."""
    return DataRequest.objects.filter(event_id=event_id).order_by("-at", "-id")


def totals(event_id: int) -> dict[tuple[str, str], int]:
    """How many of each kind, per origin: ``{("erasure", "person"): 3, …}``."""
    rows = (DataRequest.objects.filter(event_id=event_id).values("kind", "origin")
            .annotate(n=Count("id")).order_by())
    return {(row["kind"], row["origin"]): row["n"] for row in rows}
