from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "safecities.cities"
    verbose_name = _("Safe-city learning")

    def ready(self):
        from safecities.cities.emails import queue_meeting_notices
        from safecities.mailing import outbox

        outbox.register(queue_meeting_notices)
