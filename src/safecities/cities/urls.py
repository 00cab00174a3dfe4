from django.urls import path

from safecities.accounts import views as one_sign_in
from safecities.cities import api
from safecities.cities.views import assessment, compare, learning, meetings, profiles

app_name = "cities"

urlpatterns = [
    path("cities/", profiles.city_list, name="list"),
    # The sign-in of before: the one sign-in (accounts) is at /sign-in/.
    path("cities/sign-in/", one_sign_in.old_sign_in, name="sign_in"),
    path("cities/compare/", compare.compare, name="compare"),
    path("cities/requests/", learning.all_requests, name="learning_requests"),
    path("cities/requests/<int:pk>/", learning.request_detail, name="learning_request"),
    path("cities/meetings/<slug:slug>/", meetings.organiser_schedule, name="meetings_schedule"),
    path("cities/meetings/<slug:slug>/schedule.csv", meetings.schedule_csv, name="meetings_csv"),
    path("cities/meetings/<slug:slug>/tables/<int:table_id>.pdf", meetings.table_pdf,
         name="meetings_table_pdf"),
    path("cities/self-assessment/", assessment.instrument_page, name="self_assessment_doc"),
    path("cities/self-assessment-template.csv", assessment.assessment_template,
         name="assessment_template"),
    path("cities/<slug:slug>/", profiles.city_detail, name="detail"),
    path("api/cities/", api.city_list, name="api_list"),
    path("api/cities/<slug:slug>/assessment/", api.assessment, name="api_assessment"),
    path("api/cities/<slug:slug>/recommendations/", api.recommendations,
         name="api_recommendations"),
    path("cities/<slug:slug>/edit/", profiles.city_edit, name="edit"),
    path("cities/<slug:slug>/represent/", profiles.represent, name="represent"),
    path("cities/<slug:slug>/learn/", learning.ask, name="learn"),
    path("cities/<slug:slug>/self-assessment/", assessment.assessment_form, name="assessment"),
    path("cities/<slug:slug>/self-assessment/import/", assessment.assessment_import,
         name="assessment_import"),
    # Bilateral meetings, reached through the participant's private registration link.
    path("registrations/<str:token>/meetings/", meetings.meetings, name="meetings"),
    path("registrations/<str:token>/meetings.ics", meetings.agenda_ics, name="meetings_ics"),
    path("registrations/<str:token>/meetings/opt-in/", meetings.opt_in,
         name="meetings_opt_in"),
    path("registrations/<str:token>/meetings/ask/<int:profile_id>/", meetings.ask,
         name="meeting_ask"),
    path("registrations/<str:token>/meetings/<int:pk>/<str:action>/", meetings.answer,
         name="meeting_answer"),
]
