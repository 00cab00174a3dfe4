from django.urls import path

from safecities.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.home, name="home"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
    path("account/two-factor/backup-codes/", views.backup_codes, name="backup_codes"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere,
         name="sign_out_everywhere"),
    path("password-reset/", views.PasswordResetView.as_view(), name="reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="reset_sent"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="reset_confirm"),
    path("password-reset/done/", views.PasswordResetDoneView.as_view(), name="reset_done"),
]
