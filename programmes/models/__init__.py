from __future__ import annotations

from .accounts import Gender, User, UserManager
from .core import (
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

__all__ = [
    "AdmissionRule",
    "Cohort",
    "Enrolment",
    "EnrolmentStatus",
    "Gender",
    "MeetingPreference",
    "Membership",
    "Municipality",
    "Programme",
    "ProgrammeKind",
    "Role",
    "User",
    "UserManager",
]

from .audit import AuditEvent
from .delivery import Delivery
from .fees import FeeLine, InvoiceBasis, InvoiceStatus

__all__ += ["AuditEvent", "Delivery", "FeeLine", "InvoiceBasis", "InvoiceStatus"]

from .retention import (
    PersonAnonymisation,
    RecordKind,
    RetentionAction,
    RetentionDecision,
    RetentionRun,
    RetentionTrigger,
)

__all__ += [
    "PersonAnonymisation",
    "RecordKind",
    "RetentionAction",
    "RetentionDecision",
    "RetentionRun",
    "RetentionTrigger",
]

from .enrolment import (
    ApprovalStage,
    ConsentRequest,
    ImportBatch,
    Nomination,
    StageDecision,
    WorkArea,
)

__all__ += [
    "ApprovalStage",
    "ConsentRequest",
    "ImportBatch",
    "Nomination",
    "StageDecision",
    "WorkArea",
]

from .consortium import AgreementPeriod
from .events import Audience, Event, EventKind, EventRegistration, RegistrationStatus
from .messages import CohortMessage, MessageAudience
from .resources import Resource

__all__ += [
    "AgreementPeriod",
    "Audience",
    "CohortMessage",
    "Event",
    "EventKind",
    "EventRegistration",
    "MessageAudience",
    "RegistrationStatus",
    "Resource",
]

from .feedback import AccessibilityReport  # noqa: E402

__all__ += ["AccessibilityReport"]
