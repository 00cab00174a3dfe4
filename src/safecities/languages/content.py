"""Organisers' texts in several languages: one JSON field per model.

A model with texts to translate inherits ``TranslatedContent`` and names them in
``TRANSLATED_FIELDS``. The fields themselves hold the text in the default language (the
event's); ``translations`` holds the others: ``{"fr": {"title": "…"}, "pt": {…}}``.
``instance.local.title`` is the text in the active language where the organisers wrote it,
else the default text; either way a ``LocalisedText`` that knows its language, so a page can
mark it (``lang``) and say that it fell back. Why a JSON field rather than a column per
language (django-modeltranslation): see docs/architecture.md.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LocalisedText(str):
    """A text and the language it is written in."""

    language: str
    is_fallback: bool

    def __new__(cls, text: str, language: str, is_fallback: bool) -> LocalisedText:
        value = super().__new__(cls, text)
        value.language = language
        value.is_fallback = is_fallback
        return value


class LocalContent:
    """The translated texts of one instance, in the active language."""

    def __init__(self, instance: TranslatedContent):
        self._instance = instance

    def __getattr__(self, field: str) -> LocalisedText:
        instance = self._instance
        if field not in instance.TRANSLATED_FIELDS:
            raise AttributeError(field)
        language = translation.get_language() or settings.LANGUAGE_CODE
        default = instance.content_language
        if language != default:
            translated = ((instance.translations or {}).get(language) or {}).get(field)
            if translated:
                return LocalisedText(translated, language, is_fallback=False)
        return LocalisedText(getattr(instance, field), default, is_fallback=language != default)

    @property
    def fallbacks(self) -> list[str]:
        """The texts given (not empty) but not in the active language."""
        return [field for field in self._instance.TRANSLATED_FIELDS
                if getattr(self._instance, field) and getattr(self, field).is_fallback]


class TranslatedContent(models.Model):
    TRANSLATED_FIELDS: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"), default=dict, blank=True,
        help_text=_("The texts in other languages than the default one."))

    class Meta:
        abstract = True

    @property
    def content_language(self) -> str:
        """The language the fields themselves are written in."""
        raise NotImplementedError

    @property
    def local(self) -> LocalContent:
        return LocalContent(self)


def translation_field_name(field: str, language: str) -> str:
    return f"{field}__{language}"


def translations_form(model: type[TranslatedContent], base: type[forms.ModelForm] = forms.ModelForm
                      ) -> type[forms.ModelForm]:
    """A model form with one field per translated text and language (for the admin), kept in
    ``translations``; a text left empty falls back to the default language's."""
    declared: dict[str, forms.Field] = {}
    for language, name in settings.LANGUAGES:
        for field in model.TRANSLATED_FIELDS:
            model_field = model._meta.get_field(field)
            declared[translation_field_name(field, language)] = forms.CharField(
                label=f"{model_field.verbose_name} ({name})".capitalize(),
                required=False, max_length=getattr(model_field, "max_length", None),
                widget=forms.Textarea(attrs={"rows": 3})
                if isinstance(model_field, models.TextField) else forms.TextInput)

    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        stored = self.instance.translations or {}
        for language, _name in settings.LANGUAGES:
            for field in model.TRANSLATED_FIELDS:
                self.initial.setdefault(translation_field_name(field, language),
                                        (stored.get(language) or {}).get(field, ""))

    def _post_clean(self):
        translations: dict[str, dict[str, str]] = {}
        for language, _name in settings.LANGUAGES:
            texts = {field: self.cleaned_data.get(translation_field_name(field, language),
                                                  "").strip()
                     for field in model.TRANSLATED_FIELDS}
            texts = {field: text for field, text in texts.items() if text}
            if texts:
                translations[language] = texts
        self.instance.translations = translations
        base._post_clean(self)

    meta = getattr(base, "Meta", None)
    return type(f"{model.__name__}TranslationsForm", (base,), {
        **declared, "__init__": __init__, "_post_clean": _post_clean,
        "Meta": type("Meta", (meta,) if meta else (), {"model": model} if meta else {
            "model": model, "fields": "__all__"}),
    })


def translation_fieldsets(model: type[TranslatedContent]) -> list[tuple[str, dict]]:
    """Admin fieldsets for ``translations_form``: one folded section per language (the one
    of the default language is not used while it is the default)."""
    return [(_("In %(language)s") % {"language": name}, {
        "classes": ["collapse"],
        "fields": [translation_field_name(field, language) for field in model.TRANSLATED_FIELDS],
    }) for language, name in settings.LANGUAGES]
