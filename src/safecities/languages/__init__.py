"""The site's languages: English, French, Portuguese and isiZulu.

Django knows French and Portuguese but has neither language information nor its own
catalogue for isiZulu: ``apps.LanguagesConfig`` adds the language information,
``formats/zu`` the date formats, and ``django_messages`` the messages of Django itself that
people read (form errors, month names…), so that our own catalogue translates them for
every language (docs/translation.md).
"""
