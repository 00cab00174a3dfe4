from django.contrib import admin

from safecities.practices.models import (
    Characteristic,
    InterventionType,
    Practice,
    Setting,
    TargetGroup,
    Theme,
)


@admin.register(Characteristic, Theme, InterventionType, TargetGroup, Setting)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position"]
    search_fields = ["code", "label"]


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "country", "status"]
    list_filter = ["status", "characteristics"]
    search_fields = ["title", "summary", "city"]
    prepopulated_fields = {"slug": ["title"]}
