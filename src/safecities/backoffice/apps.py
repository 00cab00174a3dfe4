from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default = True
    name = "safecities.backoffice"
    verbose_name = _("Back-office")

    def ready(self):
        from safecities.backoffice import audit
        from safecities.backoffice import personal_data as backoffice_data
        from safecities.backoffice.emails import queue_pending_announcements
        from safecities.mailing import outbox
        from safecities.privacy import personal_data
        from safecities.registration import signals

        audit.register_models()
        outbox.register(queue_pending_announcements)
        personal_data.register(backoffice_data.provider)
        personal_data.register_erasure_context(backoffice_data.erasure_context)
        signals.erased.connect(backoffice_data.record_erasure, dispatch_uid="audit-erasure")


class OrganiserAdminConfig(admin_apps.AdminConfig):
    """Django's admin, behind the same sign-in (and two-factor check) as the back-office."""

    default = False
    default_site = "safecities.backoffice.adminsite.OrganiserAdminSite"
