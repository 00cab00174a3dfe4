"""Rules of the privacy app itself: the log of data requests."""

from __future__ import annotations

from safecities.privacy.models import DataRequest


def record_request(*, kind: str, origin: str, event_id: int | None = None) -> DataRequest:
    """Log one export or erasure — kind, origin, event and time, never whose data. Called
    inside the request's own transaction, so an erasure and its log entry commit together.
    """
    return DataRequest.objects.create(kind=kind, origin=origin, event_id=event_id)
