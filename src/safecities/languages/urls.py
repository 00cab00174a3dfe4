from django.urls import path

from safecities.languages import views

urlpatterns = [
    # Django's name, so that {% url 'set_language' %} finds it.
    path("setlang/", views.switch_language, name="set_language"),
]
