from django.apps import AppConfig


class RatelimitConfig(AppConfig):
    name = "safecities.ratelimit"
    label = "ratelimit"
    verbose_name = "Rate limits"

    def ready(self) -> None:
        from safecities.privacy import retention
        from safecities.ratelimit.counters import counter_sweep

        retention.register_sweep(counter_sweep)
