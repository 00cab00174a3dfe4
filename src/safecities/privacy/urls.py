from django.urls import path

from safecities.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("privacy/versions/<slug:version>/", views.version, name="version"),
    path("privacy/erased/", views.erased, name="erased"),
]
