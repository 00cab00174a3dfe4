from django.contrib import admin

from safecities.backoffice.models import Announcement, EventRole


@admin.register(EventRole)
class EventRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "event", "granted_at"]
    list_filter = ["role", "event"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Read only: announcements are written and sent from the back-office."""

    list_display = ["subject", "event", "segment", "sent_by", "sent_at"]
    list_filter = ["event"]
    readonly_fields = ["event", "subject", "body", "segment", "segment_description", "sent_by",
                       "sent_at"]

    def has_add_permission(self, request):
        return False
