"""Django's own messages that people read here, copied into our catalogue.

Django has no isiZulu catalogue, so a form error such as "This field is required." would
stay English for a zu reader. Listing those messages here (never called: ``gettext_noop``
and unevaluated lazy plurals only mark them) makes ``makemessages`` put them into every
catalogue of ours, which Django consults before its own (``LOCALE_PATHS``). The French and
Portuguese translators may take Django's wording (django/conf/locale/<lang>/…/django.po).

Only what people can meet on the site is listed: form and validation errors, the names of
months and days used by our date formats, file sizes and yes/no, and the sign-in and
password messages. tests/languages/test_django_messages.py checks that every message
still exists in Django, so an upgrade that rewords one is noticed.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# Form fields, validators and model forms.
FORMS = (
    gettext_noop('Enter a valid value.'),
    gettext_noop('Enter a valid URL.'),
    gettext_noop('Enter a valid integer.'),
    gettext_noop('Enter a valid email address.'),
    gettext_noop('Ensure this value is %(limit_value)s (it is %(show_value)s).'),
    gettext_noop('Ensure this value is less than or equal to %(limit_value)s.'),
    gettext_noop('Ensure this value is greater than or equal to %(limit_value)s.'),
    ngettext_lazy(
        'Ensure this value has at least %(limit_value)d character (it has %(show_value)d).',
        'Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).',
        "n"),
    ngettext_lazy(
        'Ensure this value has at most %(limit_value)d character (it has %(show_value)d).',
        'Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).',
        "n"),
    gettext_noop('Enter a number.'),
    gettext_noop(
        'File extension “%(extension)s” is not allowed. '
        'Allowed extensions are: %(allowed_extensions)s.'),
    gettext_noop('Null characters are not allowed.'),
    gettext_noop('and'),
    gettext_noop('%(model_name)s with this %(field_labels)s already exists.'),
    gettext_noop('This field is required.'),
    gettext_noop('Enter a whole number.'),
    gettext_noop('Enter a valid date.'),
    gettext_noop('Enter a valid time.'),
    gettext_noop('Enter a valid date/time.'),
    gettext_noop('No file was submitted. Check the encoding type on the form.'),
    gettext_noop('No file was submitted.'),
    gettext_noop('The submitted file is empty.'),
    ngettext_lazy(
        'Ensure this filename has at most %(max)d character (it has %(length)d).',
        'Ensure this filename has at most %(max)d characters (it has %(length)d).',
        "n"),
    gettext_noop('Please either submit a file or check the clear checkbox, not both.'),
    gettext_noop('Select a valid choice. %(value)s is not one of the available choices.'),
    gettext_noop('Enter a list of values.'),
    gettext_noop('Enter a complete value.'),
    gettext_noop('Select a valid choice. That choice is not one of the available choices.'),
    gettext_noop('“%(pk)s” is not a valid value.'),
    gettext_noop('Clear'),
    gettext_noop('Currently'),
    gettext_noop('Change'),
    gettext_noop('Yes'),
    gettext_noop('No'),
)

# Month and day names (date formats F, M, l and D).
DATES = (
    gettext_noop('Monday'),
    gettext_noop('Tuesday'),
    gettext_noop('Wednesday'),
    gettext_noop('Thursday'),
    gettext_noop('Friday'),
    gettext_noop('Saturday'),
    gettext_noop('Sunday'),
    gettext_noop('Mon'),
    gettext_noop('Tue'),
    gettext_noop('Wed'),
    gettext_noop('Thu'),
    gettext_noop('Fri'),
    gettext_noop('Sat'),
    gettext_noop('Sun'),
    gettext_noop('January'),
    gettext_noop('February'),
    gettext_noop('March'),
    gettext_noop('April'),
    gettext_noop('May'),
    gettext_noop('June'),
    gettext_noop('July'),
    gettext_noop('August'),
    gettext_noop('September'),
    gettext_noop('October'),
    gettext_noop('November'),
    gettext_noop('December'),
    gettext_noop('jan'),
    gettext_noop('feb'),
    gettext_noop('mar'),
    gettext_noop('apr'),
    gettext_noop('may'),
    gettext_noop('jun'),
    gettext_noop('jul'),
    gettext_noop('aug'),
    gettext_noop('sep'),
    gettext_noop('oct'),
    gettext_noop('nov'),
    gettext_noop('dec'),
)

# Template filters: yesno, filesizeformat.
TEMPLATE_FILTERS = (
    gettext_noop('yes,no,maybe'),
    ngettext_lazy(
        '%(size)d byte',
        '%(size)d bytes',
        "n"),
    gettext_noop('%s KB'),
    gettext_noop('%s MB'),
    gettext_noop('%s GB'),
)

# Sign-in, passwords and the user's attributes named in password errors.
SIGN_IN = (
    gettext_noop('The two password fields didn’t match.'),
    gettext_noop('Password'),
    gettext_noop('Password confirmation'),
    gettext_noop('Enter the same password as before, for verification.'),
    gettext_noop(
        'Please enter a correct %(username)s and password. '
        'Note that both fields may be case-sensitive.'),
    gettext_noop('This account is inactive.'),
    gettext_noop('Email'),
    gettext_noop('New password'),
    gettext_noop('New password confirmation'),
    gettext_noop('Your old password was entered incorrectly. Please enter it again.'),
    gettext_noop('Old password'),
    ngettext_lazy(
        'This password is too short. It must contain at least %d character.',
        'This password is too short. It must contain at least %d characters.',
        "n"),
    ngettext_lazy(
        'Your password must contain at least %(min_length)d character.',
        'Your password must contain at least %(min_length)d characters.',
        "n"),
    gettext_noop('The password is too similar to the %(verbose_name)s.'),
    gettext_noop('Your password can’t be too similar to your other personal information.'),
    gettext_noop('This password is too common.'),
    gettext_noop('Your password can’t be a commonly used password.'),
    gettext_noop('This password is entirely numeric.'),
    gettext_noop('Your password can’t be entirely numeric.'),
    gettext_noop('username'),
    gettext_noop('first name'),
    gettext_noop('last name'),
    gettext_noop('email address'),
)
