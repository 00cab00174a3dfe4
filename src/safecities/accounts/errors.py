from django.utils.translation import gettext_lazy as _


class AccountError(Exception):
    code = "account_error"


class WrongCode(AccountError):
    code = "wrong_code"

    def __init__(self):
        super().__init__(_("That code is not right. Enter the 6 digits your app shows now, "
                           "or one of your backup codes."))


class WrongPassword(AccountError):
    code = "wrong_password"

    def __init__(self):
        super().__init__(_("That is not your password. Try again."))


class SecondFactorRequired(AccountError):
    code = "second_factor_required"

    def __init__(self):
        super().__init__(_("Your role needs two-factor authentication, so it cannot be "
                           "turned off."))
