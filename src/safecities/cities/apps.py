from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "safecities.cities"
    verbose_name = _("Safe-city learning")

    def ready(self):
        from safecities.accounts import landing as account_landing
        from safecities.accounts import roles
        from safecities.cities import landing
        from safecities.cities import personal_data as cities_data
        from safecities.cities.calendar import agenda_entries
        from safecities.cities.emails import queue_meeting_notices
        from safecities.cities.queries import representative_grants
        from safecities.mailing import outbox
        from safecities.privacy import personal_data
        from safecities.registration import agenda, signals

        roles.register_source(representative_grants)
        account_landing.register_section(landing.section)
        outbox.register(queue_meeting_notices)
        personal_data.register(cities_data.provider)
        agenda.register(agenda_entries)
        signals.cancelled.connect(_cancel_meetings, dispatch_uid="cities-cancel-meetings")


def _cancel_meetings(sender, event, cancelled, **kwargs):
    from safecities.cities.services.meetings import cancel_meetings_of

    cancel_meetings_of(registrations=cancelled)
