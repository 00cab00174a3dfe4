from django.db import models


class Counter(models.Model):
    """One rate-limit counter (``counters.DatabaseCounterCache``): how many requests a key
    made in the current window, until ``expires_at`` (Unix time, seconds)."""

    key = models.CharField(max_length=255, unique=True)
    value = models.BigIntegerField()
    expires_at = models.FloatField(db_index=True)

    class Meta:
        db_table = "ratelimit_counter"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
