"""How the library meets the one permission rule: a practice belongs to the event of the
call it answers (its organisers manage it, its reviewers review it); a practice of a
standing call, or of none, belongs to the library as a whole — the organisers and
reviewers of any exchange may then act on it."""

from __future__ import annotations

from safecities.accounts.roles import EVENT, Scope


def scope(practice) -> Scope | None:
    from safecities.practices.models import Call

    if practice.call_id is None:
        return None
    event_id = Call.objects.filter(pk=practice.call_id).values_list("event_id", flat=True).first()
    return Scope(EVENT, event_id) if event_id else None
