from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from safecities.privacy.models import DataRequest
from safecities.registration import personal_data, services
from safecities.registration.models import Question, Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read and cancel; places are only ever changed by the registration services."""

    list_display = ["reference", "name", "email", "organisation", "country", "status",
                    "registered_at", "event"]
    list_filter = ["event", "status"]
    search_fields = ["reference", "name", "email", "organisation"]
    list_select_related = ["event"]
    ordering = ["event", "id"]
    actions = ["cancel_selected"]
    # The email is the key of "one live registration per person": not edited here.
    readonly_fields = ["event", "reference", "status", "email", "registered_at", "consented_at",
                       "confirmed_at", "cancelled_at", "language"]
    fields = ["event", "reference", "status", "name", "email", "organisation", "position",
              "city", "country", "language", "registered_at", "consented_at", "confirmed_at",
              "cancelled_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cancel the selected registrations (promotes the next in line)"))
    def cancel_selected(self, request, queryset):
        count = 0
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            services.cancel(registration=registration)
            count += 1
        self.message_user(request, _("%(count)d registrations cancelled.") % {"count": count})


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "kind", "required", "order", "event"]
    list_filter = ["event", "kind"]


# Accounts are erased, never deleted: deleting the row would take the reviews, summaries
# and figures the person wrote for others with it, and leave the messages sent to them.
# Erasure (``erase_person``) keeps that work, naming nobody, and removes the rest.
account_model = get_user_model()
if admin.site.is_registered(account_model):
    admin.site.unregister(account_model)


@admin.register(account_model)
class AccountAdmin(UserAdmin):
    actions = ["erase_selected"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Erase the selected accounts' personal data (cannot be undone)"))
    def erase_selected(self, request, queryset):
        count = 0
        for user in queryset.exclude(pk=request.user.pk):
            personal_data.erase_person(person=personal_data.person_of_account(user),
                                       origin=DataRequest.Origin.ORGANISER)
            count += 1
        self.message_user(request, ngettext("%(n)d account erased.",
                                            "%(n)d accounts erased.", count) % {"n": count})
