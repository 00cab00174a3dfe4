"""The organisers' admin for safe-city learning: the instrument, cities and their contacts,
requests to learn, and meetings. Rules go through the services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from safecities.cities.errors import CitiesError
from safecities.cities.models import (
    Indicator,
    IndicatorDefinition,
    InstrumentVersion,
)
from safecities.cities.services import instrument as instrument_services


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """A new indicator gets its meaning, unit and goalposts in a draft version."""

    list_display = ["code", "characteristic", "position"]
    list_filter = ["characteristic"]
    ordering = ["position"]

    def has_delete_permission(self, request, obj=None):
        return False  # values belong to it; retire it by leaving it out of a new version


def _is_frozen(version: InstrumentVersion | None) -> bool:
    return version is not None and version.is_published


class IndicatorDefinitionInline(admin.StackedInline):
    model = IndicatorDefinition
    extra = 0
    fields = [("indicator", "name", "sdg_code"), "meaning", ("unit", "kind", "direction"),
              ("lower", "upper", "log_scale"), "goalpost_reasoning", "rubric_levels",
              "source_hint"]
    classes = ["collapse"]

    def has_change_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    """Published versions are read-only: start a draft from one, edit it, publish it."""

    list_display = ["__str__", "published_at", "indicator_count"]
    inlines = [IndicatorDefinitionInline]
    actions = ["start_draft", "publish"]
    readonly_fields = ["number", "published_at"]
    fields = ["number", "published_at", "notes"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("definitions"))

    @admin.display(description=_("indicators"), ordering="indicator_count")
    def indicator_count(self, version):
        return version.indicator_count

    def has_add_permission(self, request):
        return False  # new versions come from "start a draft"

    def has_change_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_delete_permission(request, obj)

    @admin.action(description=_("Start a new draft from the selected version"))
    def start_draft(self, request, queryset):
        for version in queryset:
            draft = instrument_services.start_draft(from_version=version)
            self.message_user(request, _("Draft version %(number)d created from version "
                                         "%(source)d.") % {"number": draft.number,
                                                          "source": version.number})

    @admin.action(description=_("Publish the selected draft (rescores every city)"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                instrument_services.publish(version=version)
            except CitiesError as error:
                self.message_user(request, str(error), level=messages.ERROR)
            else:
                self.message_user(request, _("Version %(number)d is published; every city "
                                             "has been rescored.") % {"number": version.number})
