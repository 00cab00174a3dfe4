class EventError(Exception):
    """Base of the events app's errors."""
