from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "safecities.programme"
    verbose_name = _("Programme and outcomes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from safecities.accounts import landing as account_landing
        from safecities.accounts import roles
        from safecities.privacy import personal_data
        from safecities.programme import landing
        from safecities.programme import personal_data as programme_data
        from safecities.programme.services import outcomes

        personal_data.register(programme_data.provider)
        roles.register_source(outcomes.rapporteur_grants)
        account_landing.register_section(landing.section)
