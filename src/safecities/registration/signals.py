"""Signals the registration app sends, for apps above it (the back-office's audit trail,
the bilateral meetings of safe-city learning)."""

from django.dispatch import Signal

# Sent inside the event's lock when people are confirmed from the waiting list, with
# ``event`` and ``promoted`` (the registrations, already confirmed). Receivers must be quick.
promoted = Signal()

# Sent inside the event's lock when registrations are cancelled, with ``event`` and
# ``cancelled`` (the registrations, already cancelled). Receivers must be quick.
cancelled = Signal()

# Sent inside the event's lock when a registration's personal data has been erased, with
# ``event``, ``registration`` (already erased) and ``origin`` (who asked: a
# ``privacy.DataRequest.Origin``). The back-office notes it in the audit trail.
erased = Signal()
