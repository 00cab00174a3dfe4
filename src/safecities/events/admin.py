from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from safecities.events.models import Enquiry, Event, Venue
from safecities.languages.content import translation_fieldsets, translations_form
from safecities.privacy.models import DataRequest
from safecities.privacy.personal_data import Person
from safecities.registration.personal_data import erase_person
from safecities.registration.queries import occupancy
from safecities.registration.services import set_capacity


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = translations_form(Event)
    list_display = ["title", "starts_on", "ends_on", "capacity", "places", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "tagline", "host", "description", "default_language",
                           "is_published"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "timezone", "venue"]}),
        (_("Places and registration"), {"fields": [
            "capacity", "registration_opens_at", "registration_closes_at", "cost_note",
            "contact_email",
        ]}),
    ]

    def get_fieldsets(self, request, obj=None):
        return [*super().get_fieldsets(request, obj), *translation_fieldsets(Event)]

    @admin.display(description=_("confirmed / waiting"))
    def places(self, event):
        counts = occupancy(event)
        return f"{counts.confirmed} / {counts.waitlisted}"

    def save_model(self, request, obj, form, change):
        """Capacity changes go through the registration engine, which promotes in order."""
        if change and "capacity" in form.changed_data:
            new_capacity = obj.capacity
            obj.capacity = form.initial["capacity"]
            super().save_model(request, obj, form, change)
            promoted = set_capacity(event=obj, capacity=new_capacity)
            if promoted:
                self.message_user(request, _("%(count)d people were confirmed from the waiting "
                                             "list.") % {"count": len(promoted)})
        else:
            super().save_model(request, obj, form, change)


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ["subject", "name", "email", "event", "created_at"]
    list_filter = ["event"]
    search_fields = ["subject", "name", "email", "message"]
    readonly_fields = ["event", "name", "email", "subject", "message", "created_at"]
    actions = ["erase_selected"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting the row would leave the messages about it: erasure removes both.
        return False

    @admin.action(description=_("Erase the selected questions and the messages about them"))
    def erase_selected(self, request, queryset):
        count = 0
        for pk in queryset.values_list("pk", flat=True):
            erase_person(person=Person(enquiries=frozenset({pk})),
                         origin=DataRequest.Origin.ORGANISER)
            count += 1
        self.message_user(request, ngettext("%(n)d question erased.",
                                            "%(n)d questions erased.", count) % {"n": count})
