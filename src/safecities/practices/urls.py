from django.urls import path

from safecities.practices import views

app_name = "practices"

urlpatterns = [
    path("practices/<slug:slug>/", views.practice_detail, name="detail"),
]
