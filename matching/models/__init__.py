from __future__ import annotations

from .profile import (
    Audience,
    ChoicePurpose,
    Dimension,
    DimensionMode,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
)
from .runs import (
    DEFAULT_WEIGHTS,
    CohortMatching,
    Criterion,
    Exclusion,
    ExclusionReason,
    ExclusionSource,
    MatchRun,
    PairLock,
    Proposal,
    ShortlistRank,
    TravelTime,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "Audience",
    "ChoicePurpose",
    "CohortMatching",
    "Criterion",
    "Dimension",
    "DimensionMode",
    "Exclusion",
    "ExclusionReason",
    "ExclusionSource",
    "MatchRun",
    "PairLock",
    "ProfileAnswer",
    "Proposal",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "ShortlistRank",
    "TravelTime",
]
