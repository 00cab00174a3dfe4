from django.urls import path

from safecities.accounts import views as one_sign_in
from safecities.backoffice.views import (
    accounts,
    announcements,
    checkin,
    dashboard,
    documents,
    event_settings,
    privacy,
    questions,
    reconfirmation,
    registrants,
    team,
)

app_name = "backoffice"

event = "events/<slug:slug>/"
registrant = event + "registrants/<str:reference>/"

urlpatterns = [
    path("", dashboard.home, name="home"),
    # The sign-in of before: the one sign-in (accounts) is at /sign-in/.
    path("sign-in/", one_sign_in.old_sign_in, name="login"),
    path("sign-in/code/", accounts.verify, name="verify"),
    path("account/", accounts.account, name="account"),
    path(event, dashboard.event_home, name="event"),
    path(event + "dashboard/", dashboard.dashboard, name="dashboard"),
    path(event + "settings/", event_settings.event_settings, name="event_settings"),
    path(event + "audit/", dashboard.audit_trail, name="audit"),
    path(event + "registrants/", registrants.registrant_list, name="registrants"),
    path(event + "registrants/actions/", registrants.registrant_actions,
         name="registrant_actions"),
    path(registrant, registrants.registrant_detail, name="registrant"),
    path(registrant + "edit/", registrants.registrant_edit, name="registrant_edit"),
    path(registrant + "notes/", registrants.registrant_note, name="registrant_note"),
    path(registrant + "erase/", privacy.registrant_erase, name="registrant_erase"),
    path(event + "data-requests/", privacy.data_requests, name="data_requests"),
    path(event + "export/", documents.export, name="export"),
    path(event + "documents/", documents.documents, name="documents"),
    path(event + "badges.pdf", documents.badges, name="badges"),
    path(event + "certificates.pdf", documents.certificates, name="certificates"),
    path(event + "check-in/", checkin.checkin_page, name="checkin"),
    path(event + "check-in/counts/", checkin.counts, name="checkin_counts"),
    path(event + "check-in/<int:pk>/", checkin.check_in, name="check_in"),
    path(event + "questions/", questions.question_list, name="questions"),
    path(event + "questions/new/", questions.question_edit, name="question_new"),
    path(event + "questions/<int:pk>/", questions.question_edit, name="question_edit"),
    path(event + "questions/<int:pk>/delete/", questions.question_delete,
         name="question_delete"),
    path(event + "announcements/", announcements.announcement_list, name="announcements"),
    path(event + "announcements/<int:pk>/", announcements.announcement_detail,
         name="announcement"),
    path(event + "reconfirmation/", reconfirmation.reconfirmation, name="reconfirmation"),
    path(event + "reconfirmation/<int:pk>/release/", reconfirmation.release,
         name="reconfirmation_release"),
    path(event + "team/", team.team, name="team"),
    path(event + "team/<int:pk>/remove/", team.remove_role, name="team_remove"),
]
