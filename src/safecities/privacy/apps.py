from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "safecities.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from safecities.privacy import accounts, personal_data, retention, services

        personal_data.register(services.links_provider)
        personal_data.register(accounts.provider)
        retention.register_sweep(services.link_sweep)
