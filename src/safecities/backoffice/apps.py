from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default = True
    name = "safecities.backoffice"
    verbose_name = _("Back-office")

    def ready(self):
        from safecities.accounts import landing as account_landing
        from safecities.accounts import roles
        from safecities.backoffice import audit, landing, permissions
        from safecities.backoffice import personal_data as backoffice_data
        from safecities.backoffice.emails import queue_pending_announcements
        from safecities.mailing import outbox
        from safecities.privacy import personal_data
        from safecities.registration import signals

        audit.register_models()
        roles.register_source(permissions.event_role_grants)
        roles.register_holders(permissions.event_role_holders)
        account_landing.register_section(landing.section)
        outbox.register(queue_pending_announcements)
        personal_data.register(backoffice_data.provider)
        personal_data.register_erasure_context(backoffice_data.erasure_context)
        signals.erased.connect(backoffice_data.record_erasure, dispatch_uid="audit-erasure")


class OrganiserAdminConfig(admin_apps.AdminConfig):
    """Django's admin, for site administrators only (the one permission rule)."""

    default = False
    default_site = "safecities.backoffice.adminsite.OrganiserAdminSite"
