"""Municipalities, the consortium, programmes, cohorts and who takes part: one module a subject."""

from __future__ import annotations

from programmes.models.consortium import AgreementPeriod
from programmes.models.core import (
    CONSENT_OVERDUE_AFTER,
    AdmissionRule,
    Cohort,
    CohortFormat,
    Enrolment,
    EnrolmentStatus,
    MeetingPreference,
    Membership,
    Municipality,
    Programme,
    ProgrammeKind,
    Role,
    consent_overdue_condition,
    consent_waiting_condition,
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
from programmes.models.participants import (
    AGE_GROUPS,
    OLDEST_GROUP,
    AgeGroup,
    ConsentRule,
    ParticipantKind,
    age_group_for,
)

__all__ = [
    "AGE_GROUPS",
    "CONSENT_OVERDUE_AFTER",
    "OLDEST_GROUP",
    "AccessibilityReport",
    "AdmissionRule",
    "AgeGroup",
    "AgreementPeriod",
    "ApprovalStage",
    "Cohort",
    "CohortFormat",
    "CohortMessage",
    "ConsentRequest",
    "ConsentRule",
    "Enrolment",
    "EnrolmentStatus",
    "ImportBatch",
    "MeetingPreference",
    "Membership",
    "MessageAudience",
    "Municipality",
    "Nomination",
    "ParticipantKind",
    "Programme",
    "ProgrammeKind",
    "Role",
    "StageDecision",
    "WorkArea",
    "age_group_for",
    "consent_overdue_condition",
    "consent_waiting_condition",
]
