from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "safecities.registration"
    verbose_name = _("Registration")

    def ready(self):
        from safecities.mailing import outbox
        from safecities.registration.emails import (
            queue_pending_notices,
            queue_pending_reconfirmations,
        )

        outbox.register(queue_pending_notices)
        outbox.register(queue_pending_reconfirmations)
