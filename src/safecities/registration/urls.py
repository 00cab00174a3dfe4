from django.urls import path

from safecities.registration import api, views

app_name = "registration"

urlpatterns = [
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("registrations/<str:token>/", views.manage, name="manage"),
    path("registrations/<str:token>/invitation.pdf", views.letter, name="letter"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registrations/<str:token>/language/", views.change_language, name="language"),
    path("registrations/<str:token>/certificate.pdf", views.certificate, name="certificate"),
    path("registrations/<str:token>/still-coming/", views.reconfirm, name="reconfirm"),
    path("registrations/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("registrations/<str:token>/data/", views.data, name="data"),
    path("registrations/<str:token>/data.json", views.data_json, name="data_json"),
    path("registrations/<str:token>/erase/", views.erase, name="erase"),
    path("registrations/<str:token>/data/link/", views.send_link, name="send_link"),
    path("account/data/", views.account_data, name="account_data"),
    path("account/data.json", views.account_data_json, name="account_data_json"),
    path("account/data/erase/", views.account_erase, name="account_erase"),
    path("account/data/link/", views.account_send_link, name="account_send_link"),
    path("privacy/my-data/", views.address_request, name="address_request"),
    path("privacy/my-data/<str:secret>/", views.address_data, name="address_data"),
    path("privacy/my-data/<str:secret>/data.json", views.address_data_json,
         name="address_data_json"),
    path("privacy/my-data/<str:secret>/erase/", views.address_erase, name="address_erase"),
    path("api/events/<slug:slug>/registrations/", api.register, name="api_register"),
    path("api/events/<slug:slug>/questions/", api.question_list, name="api_questions"),
    path("api/registrations/<str:token>/", api.registration_detail, name="api_detail"),
    path("api/registrations/<str:token>/cancel/", api.cancel, name="api_cancel"),
    path("api/registrations/<str:token>/erase/", api.erase, name="api_erase"),
]
