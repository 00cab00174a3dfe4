from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default = True
    name = "safecities.backoffice"
    verbose_name = _("Back-office")

    def ready(self):
        from safecities.backoffice import audit
        from safecities.backoffice.emails import queue_pending_announcements
        from safecities.mailing import outbox

        audit.register_models()
        outbox.register(queue_pending_announcements)


class OrganiserAdminConfig(admin_apps.AdminConfig):
    """Django's admin, behind the same sign-in (and two-factor check) as the back-office."""

    default = False
    default_site = "safecities.backoffice.adminsite.OrganiserAdminSite"
