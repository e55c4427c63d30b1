"""Municipalities, the consortium, programmes, cohorts and who takes part: one module a subject."""

from __future__ import annotations

from programmes.models.consortium import AgreementPeriod
from programmes.models.core import (
    AdmissionRule,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    MeetingPreference,
    Membership,
    Municipality,
    Programme,
    ProgrammeKind,
    Role,
)
from programmes.models.enrolment import (
    ApprovalStage,
    ConsentRequest,
    ImportBatch,
    Nomination,
    StageDecision,
    WorkArea,
)
from programmes.models.feedback import AccessibilityReport
from programmes.models.messages import CohortMessage, MessageAudience

__all__ = [
    "AccessibilityReport",
    "AdmissionRule",
    "AgreementPeriod",
    "ApprovalStage",
    "Cohort",
    "CohortMessage",
    "ConsentRequest",
    "Enrolment",
    "EnrolmentStatus",
    "ImportBatch",
    "MeetingPreference",
    "Membership",
    "MessageAudience",
    "Municipality",
    "Nomination",
    "Programme",
    "ProgrammeKind",
    "Role",
    "StageDecision",
    "WorkArea",
]
