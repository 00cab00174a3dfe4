from django.apps import AppConfig
from django.conf.locale import LANG_INFO

# What Django's LANG_INFO would say about isiZulu if it had it: the switcher shows each
# language under its own name (``name_local``).
# Its English name is the one in settings.LANGUAGES, so that our catalogues translate it.
ZULU = {"bidi": False, "code": "zu", "name": "isiZulu", "name_local": "isiZulu"}


class LanguagesConfig(AppConfig):
    name = "safecities.languages"
    label = "languages"

    def ready(self) -> None:
        LANG_INFO.setdefault("zu", ZULU)
