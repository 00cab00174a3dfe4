from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page

from safecities import health
from safecities.cities.sitemaps import CitySitemap
from safecities.events.sitemaps import EventSitemap
from safecities.practices.sitemaps import PracticeSitemap
from safecities.programme.sitemaps import ProgrammeSitemap

# Every public page a search engine should find (robots.txt names it).
SITEMAPS = {"events": EventSitemap, "programme": ProgrammeSitemap,
            "practices": PracticeSitemap, "cities": CitySitemap}

admin.site.site_header = _("SafeCities Exchange: organisers")
admin.site.site_title = _("SafeCities Exchange")

urlpatterns = [
    # For load balancers and monitors: public, no personal data (docs/deploy.md).
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", cache_page(3600)(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
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
