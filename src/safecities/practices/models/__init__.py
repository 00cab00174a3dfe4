"""The good-practice library's models: vocabularies, the practice record, the workflow."""

from safecities.practices.models.practice import (
    Attachment,
    BaselineFigure,
    DesignStrength,
    Effect,
    EvidenceLabel,
    Licence,
    Outcome,
    Partner,
    PopulationBand,
    Practice,
    PracticeFacet,
    PracticeVersion,
    PreventionLevel,
    Scale,
    WrittenLanguage,
)
from safecities.practices.models.vocabulary import (
    Characteristic,
    InterventionType,
    Setting,
    TargetGroup,
    Term,
    Theme,
)
from safecities.practices.models.workflow import Call, Decision, OutcomeRating, Profile, Review

__all__ = [
    "Attachment", "BaselineFigure", "Call", "Characteristic", "Decision", "DesignStrength",
    "Effect",
    "EvidenceLabel", "InterventionType", "Licence", "Outcome", "OutcomeRating", "Partner",
    "PopulationBand", "Practice", "PracticeFacet", "PracticeVersion", "PreventionLevel",
    "Profile", "Review", "Scale", "Setting", "TargetGroup", "Term", "Theme", "WrittenLanguage",
]
