"""The consortium's data, one module a subject."""

from __future__ import annotations

from .accounts import (
    Gender,
    User,
    UserManager,
)
from .audit import (
    AuditEvent,
)
from .consortium import (
    AgreementPeriod,
)
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
from .delivery import (
    Delivery,
    DeliveryStatus,
)
from .enrolment import (
    ApprovalStage,
    ConsentRequest,
    ImportBatch,
    Nomination,
    StageDecision,
    WorkArea,
)
from .events import (
    Audience,
    Event,
    EventKind,
    EventRegistration,
    RegistrationStatus,
)
from .feedback import (
    AccessibilityReport,
)
from .fees import (
    FeeLine,
    InvoiceBasis,
    InvoiceStatus,
)
from .messages import (
    CohortMessage,
    MessageAudience,
)
from .resources import (
    Resource,
)
from .retention import (
    PersonAnonymisation,
    RecordKind,
    RetentionAction,
    RetentionDecision,
    RetentionRun,
    RetentionTrigger,
)

__all__ = [
    "AccessibilityReport",
    "AdmissionRule",
    "AgreementPeriod",
    "ApprovalStage",
    "Audience",
    "AuditEvent",
    "Cohort",
    "CohortMessage",
    "ConsentRequest",
    "Delivery",
    "DeliveryStatus",
    "Enrolment",
    "EnrolmentStatus",
    "Event",
    "EventKind",
    "EventRegistration",
    "FeeLine",
    "Gender",
    "ImportBatch",
    "InvoiceBasis",
    "InvoiceStatus",
    "MeetingPreference",
    "Membership",
    "MessageAudience",
    "Municipality",
    "Nomination",
    "PersonAnonymisation",
    "Programme",
    "ProgrammeKind",
    "RecordKind",
    "RegistrationStatus",
    "Resource",
    "RetentionAction",
    "RetentionDecision",
    "RetentionRun",
    "RetentionTrigger",
    "Role",
    "StageDecision",
    "User",
    "UserManager",
    "WorkArea",
]
