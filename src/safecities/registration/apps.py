from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "safecities.registration"
    verbose_name = _("Registration")

    def ready(self):
        from safecities.accounts import landing as account_landing
        from safecities.mailing import outbox
        from safecities.privacy import personal_data, retention
        from safecities.registration import landing
        from safecities.registration import personal_data as registration_data
        from safecities.registration.emails import (
            queue_event_changes,
            queue_pending_notices,
            queue_pending_reconfirmations,
        )

        account_landing.register_section(landing.section)
        outbox.register(queue_pending_notices)
        outbox.register(queue_pending_reconfirmations)
        outbox.register(queue_event_changes)
        personal_data.register(registration_data.provider)
        retention.register_sweep(registration_data.registration_sweep)
        retention.register_sweep(registration_data.enquiry_sweep)
