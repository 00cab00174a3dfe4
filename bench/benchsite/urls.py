from django.urls import include, path

from benchsite import views

urlpatterns = [
    path("bench/baseline/", views.baseline),
    path("", include("safecities.urls")),
]

handler404 = "safecities.errorpages.not_found"
handler500 = "safecities.errorpages.server_error"
