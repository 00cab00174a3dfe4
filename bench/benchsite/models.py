from django.db import models


class BaselineRow(models.Model):
    """One row per baseline request: the smallest write a Django view can make."""

    label = models.CharField(max_length=254)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.label
