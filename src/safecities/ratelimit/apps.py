from django.apps import AppConfig


class RatelimitConfig(AppConfig):
    name = "safecities.ratelimit"
    label = "ratelimit"
    verbose_name = "Rate limits"
