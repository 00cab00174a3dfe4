from django.contrib import admin

from safecities.privacy.models import DataRequest, NoticeVersion


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    """The whole site's data-request log (an event's organisers see theirs in the
    back-office), read-only: it is a record."""

    list_display = ["at", "kind", "origin", "event"]
    list_filter = ["kind", "origin", "event"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NoticeVersion)
class NoticeVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "first_shown_at"]
    readonly_fields = ["version", "text", "first_shown_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
