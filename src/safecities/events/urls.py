from django.urls import path

from safecities.events import api, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/invitation.pdf", views.invitation_pdf, name="invitation"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/contact/", views.enquiry, name="enquiry"),
    path("events/<slug:slug>/contact/sent/", views.enquiry_sent, name="enquiry_sent"),
    path("api/events/", api.event_list, name="api_list"),
    path("api/events/<slug:slug>/", api.event_detail, name="api_detail"),
]
