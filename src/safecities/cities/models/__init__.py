"""The cities app's models, by concept: the instrument, profiles and values, requests to
learn, and bilateral meetings."""

from safecities.cities.models.instrument import (
    Indicator,
    IndicatorDefinition,
    InstrumentVersion,
)
from safecities.cities.models.learning import LearningRequest
from safecities.cities.models.meetings import (
    MeetingBooking,
    MeetingProfile,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from safecities.cities.models.profiles import (
    City,
    CityContact,
    CurrentScore,
    IndicatorValue,
    band_of,
)

__all__ = [
    "City",
    "CityContact",
    "CurrentScore",
    "Indicator",
    "IndicatorDefinition",
    "IndicatorValue",
    "InstrumentVersion",
    "LearningRequest",
    "MeetingBooking",
    "MeetingProfile",
    "MeetingRequest",
    "MeetingSlot",
    "MeetingTable",
    "band_of",
]
