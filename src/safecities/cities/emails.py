def queue_meeting_notices(limit: int = 50) -> int:
    return 0
