from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from safecities import health

admin.site.site_header = _("SafeCities Exchange: organisers")
admin.site.site_title = _("SafeCities Exchange")

urlpatterns = [
    # For load balancers and monitors: public, no personal data (docs/deploy.md).
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("safecities.languages.urls")),
    path("", include("safecities.accounts.urls")),
    path("", include("safecities.privacy.urls")),
    path("", include("safecities.events.urls")),
    path("", include("safecities.registration.urls")),
    path("", include("safecities.practices.urls")),
    path("backoffice/", include("safecities.backoffice.urls")),
    path("", include("safecities.programme.urls")),
    path("", include("safecities.cities.urls")),
]

handler404 = "safecities.errorpages.not_found"
handler500 = "safecities.errorpages.server_error"
