from django.urls import path

from safecities.accounts import views as one_sign_in
from safecities.programme import api
from safecities.programme.views import agenda, organisers, outcomes, timetable

app_name = "programme"

EVENT = "events/<slug:slug>/"
PRIVATE = "registrations/<str:token>/"

urlpatterns = [
    path(EVENT + "programme/", timetable.timetable, name="timetable"),
    path(EVENT + "programme.ics", timetable.programme_ics, name="ics"),
    path(EVENT + "programme.pdf", timetable.programme_pdf, name="pdf"),
    path(EVENT + "programme/now/", timetable.now_and_next, name="now"),
    path(EVENT + "programme/sessions/<int:pk>/", timetable.session_detail, name="session"),
    path(EVENT + "programme/sessions/<int:pk>.ics", timetable.session_ics, name="session_ics"),
    path(EVENT + "programme/speakers/", timetable.speakers, name="speakers"),
    path(EVENT + "programme/speakers/<int:pk>/", timetable.speaker_detail, name="speaker"),
    path(EVENT + "programme/speakers/<int:pk>/photo-<str:version>.jpg", timetable.speaker_photo,
         name="speaker_photo"),
    path(EVENT + "outcomes/", outcomes.outcomes_page, name="outcomes"),
    path(EVENT + "outcomes.pdf", outcomes.outcomes_pdf, name="outcomes_pdf"),
    # The sign-in of before: the one sign-in (accounts) is at /sign-in/.
    path("rapporteurs/login/", one_sign_in.old_sign_in, name="login"),
    path("backoffice/events/<slug:slug>/programme/sessions/", organisers.session_list,
         name="sessions"),
    path("backoffice/events/<slug:slug>/programme/sessions/new/", organisers.session_edit,
         name="session_new"),
    path("backoffice/events/<slug:slug>/programme/sessions/<int:pk>/", organisers.session_edit,
         name="session_edit"),
    path("backoffice/events/<slug:slug>/programme/", organisers.programme_settings,
         name="manage"),
    path(EVENT + "rapporteur/", outcomes.rapporteur_home, name="rapporteur"),
    path(EVENT + "rapporteur/sessions/<int:pk>/", outcomes.report_session, name="report"),
    path(EVENT + "rapporteur/lessons/<int:pk>/", outcomes.edit_lesson, name="lesson"),
    path(PRIVATE + "programme/", agenda.programme, name="agenda_programme"),
    path(PRIVATE + "agenda/", agenda.agenda_page, name="agenda"),
    path(PRIVATE + "agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path(PRIVATE + "agenda/sessions/<int:pk>/", agenda.toggle_star, name="star"),
    path("api/events/<slug:slug>/programme/", api.programme, name="api"),
]
