"""The organisers' admin for safe-city learning: the instrument, cities and their contacts,
requests to learn, and meetings. Rules go through the services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from safecities.cities.errors import CitiesError
from safecities.cities.models import (
    City,
    CityContact,
    Indicator,
    IndicatorDefinition,
    IndicatorValue,
    InstrumentVersion,
    LearningRequest,
    MeetingProfile,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from safecities.cities.services import instrument as instrument_services
from safecities.cities.services import meetings as meeting_services
from safecities.cities.services import profiles as profile_services


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


class CityContactInline(admin.TabularInline):
    model = CityContact
    fk_name = "city"
    extra = 0
    fields = ["user", "role", "status", "requested_at", "decided_at", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]
    autocomplete_fields = ["user"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "population_band", "offers_study_visits",
                    "offers_mentoring"]
    list_filter = ["region", "population_band", "offers_study_visits", "offers_mentoring"]
    search_fields = ["name", "other_names", "country"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    raw_id_fields = ["practices"]
    inlines = [CityContactInline]


@admin.register(CityContact)
class CityContactAdmin(admin.ModelAdmin):
    """Organisers decide who represents which city; the person is told by email."""

    list_display = ["user", "city", "role", "status", "requested_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "user__email", "city__name"]
    list_select_related = ["user", "city"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]
    actions = ["approve", "decline"]

    def _decide(self, request, queryset, approve: bool):
        for contact in queryset.select_related("user", "city"):
            profile_services.decide_contact(contact=contact, approve=approve, by=request.user)
        self.message_user(request, _("%(count)d decided; each person is told by email.")
                          % {"count": queryset.count()})

    @admin.action(description=_("Approve the selected people as city contacts"))
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        self._decide(request, queryset, False)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    """Read here; values change through the self-assessment form or the CSV import, which
    keep the stored scores in step."""

    list_display = ["city", "indicator", "year", "value", "source", "is_demo", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["indicator__characteristic", "year", "is_demo"]
    search_fields = ["city__name", "source"]
    list_select_related = ["city", "indicator"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LearningRequest)
class LearningRequestAdmin(admin.ModelAdmin):
    list_display = ["from_city", "to_city", "kind", "practice", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["from_city__name", "to_city__name", "message"]
    list_select_related = ["from_city", "to_city", "practice"]
    readonly_fields = ["from_city", "to_city", "practice", "kind", "message", "requested_by",
                       "created_at", "updated_at", "status", "reply"]

    def has_add_permission(self, request):
        return False


@admin.register(MeetingSlot)
class MeetingSlotAdmin(admin.ModelAdmin):
    """The times set aside for bilateral meetings (breaks, lunches)."""

    list_display = ["label", "starts_at", "ends_at", "event"]
    list_filter = ["event"]
    ordering = ["event", "starts_at"]


@admin.register(MeetingTable)
class MeetingTableAdmin(admin.ModelAdmin):
    """The tables of the meeting area: one meeting per table and slot."""

    list_display = ["name", "position", "event"]
    list_filter = ["event"]
    list_editable = ["position"]


@admin.register(MeetingProfile)
class MeetingProfileAdmin(admin.ModelAdmin):
    list_display = ["registration", "city", "interests", "opted_in"]
    list_filter = ["opted_in", "registration__event"]
    list_select_related = ["registration", "city"]
    readonly_fields = ["registration"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    """Every request and meeting; bookings change only through the meeting services."""

    list_display = ["requester", "invitee", "status", "slot", "table", "created_at", "event"]
    list_filter = ["event", "status"]
    list_select_related = ["requester", "invitee", "slot", "table", "event"]
    readonly_fields = ["event", "requester", "invitee", "message", "status", "slot", "table",
                       "created_at", "decided_at"]
    actions = ["cancel_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cancel the selected meetings (frees their slot and table)"))
    def cancel_selected(self, request, queryset):
        count = 0
        for meeting in queryset.filter(status__in=meeting_services.LIVE):
            meeting_services.cancel(meeting=meeting, by=None)
            count += 1
        self.message_user(request, _("%(count)d meetings cancelled; both people are told.")
                          % {"count": count})
