"""The pair's own space. Pairs are created by matching (pair_create) or by hand."""

from __future__ import annotations

from .evaluation import (
    MAX_DAYS_BEFORE_END,
    SCALE_MAX,
    SCALE_MIN,
    SMALLEST_REPORTED_GROUP,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from .groups import GroupMeeting, GroupReflection
from .meetings import Meeting, MeetingMode, MeetingStatus, Preparation
from .pair import (
    Agreement,
    CalendarFeed,
    FitAnswer,
    MentorGroup,
    Pair,
    PairNudge,
    PairQuerySet,
)
from .progress import RATING_MAX, RATING_MIN, Goal, GoalRating, Homework, Reflection

__all__ = [
    "MAX_DAYS_BEFORE_END",
    "RATING_MAX",
    "RATING_MIN",
    "SCALE_MAX",
    "SCALE_MIN",
    "SMALLEST_REPORTED_GROUP",
    "Agreement",
    "Answer",
    "CalendarFeed",
    "FitAnswer",
    "Goal",
    "GoalRating",
    "GroupMeeting",
    "GroupReflection",
    "Homework",
    "Meeting",
    "MeetingMode",
    "MeetingStatus",
    "MentorGroup",
    "Pair",
    "PairNudge",
    "PairQuerySet",
    "Preparation",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Reflection",
    "Response",
]
