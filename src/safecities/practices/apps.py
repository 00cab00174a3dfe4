from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "safecities.practices"
    verbose_name = _("Good-practice library")

    def ready(self):
        from safecities.accounts import landing as account_landing
        from safecities.accounts import roles
        from safecities.practices import landing, permissions
        from safecities.practices import personal_data as practices_data
        from safecities.practices.models import Practice

        roles.register_scope("practices.practice", permissions.scope)
        account_landing.register_section(landing.section)
        from safecities.practices.search.index import unindex
        from safecities.privacy import personal_data

        personal_data.register(practices_data.provider)

        def remove_from_index(sender, instance, **kwargs):
            # A practice deleted anywhere (the admin, a cascade) leaves the full-text index
            # too; facet rows go with it through their foreign key.
            if instance.status == Practice.Status.PUBLISHED:
                unindex(instance.pk)

        post_delete.connect(remove_from_index, sender=Practice, weak=False,
                            dispatch_uid="practices.remove_from_index")
