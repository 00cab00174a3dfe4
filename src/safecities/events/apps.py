from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "safecities.events"
    verbose_name = _("Events")

    def ready(self):
        from safecities.events import checks  # noqa: F401 (registers the system check)
        from safecities.events import personal_data as events_data
        from safecities.privacy import personal_data

        personal_data.register(events_data.provider)
