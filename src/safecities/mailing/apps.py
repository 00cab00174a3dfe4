from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    name = "safecities.mailing"
    verbose_name = _("Mailing")

    def ready(self):
        from safecities.mailing import personal_data as mail_data
        from safecities.privacy import personal_data, retention

        personal_data.register(mail_data.provider)
        retention.register_sweep(mail_data.body_sweep)
