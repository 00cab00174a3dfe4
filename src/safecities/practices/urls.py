from django.urls import path

from safecities.accounts import views as one_sign_in
from safecities.practices import api, feeds
from safecities.practices.views import contribute, public, review

app_name = "practices"

urlpatterns = [
    path("practices/", public.library, name="library"),
    path("practices/evidence-labels/", public.evidence_labels, name="evidence"),
    path("practices/feed.atom", feeds.NewPractices(), name="feed"),
    path("practices/<slug:slug>/", public.practice_detail, name="detail"),
    path("practices/<slug:slug>/versions/<int:number>/", public.practice_version,
         name="version"),
    path("practices/<slug:slug>/files/<int:pk>/", public.attachment, name="attachment"),
    path("practices/<slug:slug>/propose-update/", contribute.propose_update,
         name="propose_update"),
    path("api/practices/", api.practice_list, name="api_list"),
    path("api/practices.csv", api.practice_csv, name="api_csv"),
    path("api/practices/<slug:slug>/", api.practice_detail, name="api_detail"),
    path("contribute/", contribute.dashboard, name="contribute"),
    path("contribute/sign-up/", contribute.signup, name="signup"),
    path("contribute/verify/<str:token>/", contribute.verify, name="verify"),
    # The sign-in of before: the one sign-in (accounts) is at /sign-in/.
    path("contribute/log-in/", one_sign_in.old_sign_in, name="login"),
    path("contribute/new/", contribute.start, name="start"),
    path("contribute/practices/<int:pk>/", contribute.draft, name="draft"),
    path("contribute/practices/<int:pk>/submit/", contribute.submit, name="submit"),
    path("contribute/practices/<int:pk>/attachments/", contribute.attach, name="attach"),
    path("contribute/practices/<int:pk>/attachments/<int:attachment>/remove/",
         contribute.detach, name="detach"),
    path("contribute/practices/<int:pk>/<slug:step>/", contribute.step, name="step"),
    path("review/", review.review_list, name="reviews"),
    path("review/<int:pk>/", review.review, name="review"),
    path("organisers/practices/", review.manage_list, name="manage_list"),
    path("organisers/practices/<int:pk>/", review.manage_practice, name="manage"),
]
