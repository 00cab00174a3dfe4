"""The organisers' admin for the library: vocabularies, calls, practices, reviews.

Workflow decisions (assigning reviewers, publishing) happen on the organisers' pages at
/organisers/practices/, which call the services; here, status and label are read-only,
and saving a published practice writes it to the search index again.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from safecities.practices.models import (
    BaselineFigure,
    Call,
    Characteristic,
    Decision,
    InterventionType,
    Outcome,
    Partner,
    Practice,
    PracticeVersion,
    Profile,
    Review,
    Setting,
    TargetGroup,
    Theme,
)
from safecities.practices.records import with_record
from safecities.practices.search.index import index_practice, rebuild
from safecities.practices.services import publication


@admin.register(Characteristic, Theme, InterventionType, TargetGroup, Setting)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "position"]
    search_fields = ["code", "label"]


class BaselineInline(admin.TabularInline):
    model = BaselineFigure
    extra = 0


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    readonly_fields = ["agreed_strength", "agreed_effect"]


@admin.action(description=_("Rebuild the search index from the published practices"))
def rebuild_index(modeladmin, request, queryset):
    count = rebuild()
    modeladmin.message_user(request, _("%(n)d published practices indexed.") % {"n": count},
                            messages.SUCCESS)


@admin.action(description=_("Withdraw the selected practices from the public library"))
def withdraw_practices(modeladmin, request, queryset):
    withdrawn = 0
    for practice in queryset.filter(status=Practice.Status.PUBLISHED):
        publication.withdraw(practice=practice)
        withdrawn += 1
    modeladmin.message_user(request, _("%(n)d practices withdrawn.") % {"n": withdrawn},
                            messages.SUCCESS)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "country", "status", "label", "is_demo", "published_at"]
    list_filter = ["status", "label", "is_demo", "characteristics", "country", "language"]
    search_fields = ["title", "summary", "city"]
    readonly_fields = ["status", "label", "evidence_strength", "review_round", "submitted_at",
                       "published_at", "update_of"]
    filter_horizontal = ["settings", "intervention_types", "target_groups", "characteristics",
                         "themes"]
    inlines = [BaselineInline, PartnerInline, OutcomeInline]
    actions = [rebuild_index, withdraw_practices]
    raw_id_fields = ["contributor", "translation_of"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        practice = form.instance
        if practice.status == Practice.Status.PUBLISHED:
            index_practice(with_record(Practice.objects.filter(pk=practice.pk)).get())


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "opens_at", "deadline"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["practice", "round", "reviewer", "submitted_at"]
    list_filter = ["submitted_at"]
    readonly_fields = [f.name for f in Review._meta.fields]

    def has_add_permission(self, request):
        return False  # reviewers are assigned on the organisers' page (the service checks)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["practice", "round", "kind", "decided_by", "decided_at"]
    readonly_fields = [f.name for f in Decision._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PracticeVersion)
class PracticeVersionAdmin(admin.ModelAdmin):
    list_display = ["practice", "number", "published_at"]
    readonly_fields = [f.name for f in PracticeVersion._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "city", "country", "email_verified_at"]
    search_fields = ["user__username", "city", "organisation"]
