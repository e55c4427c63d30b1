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
