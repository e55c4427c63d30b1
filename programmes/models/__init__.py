from __future__ import annotations

from .accounts import Gender, User, UserManager
from .core import (
    AdmissionRule,
    Cohort,
    Enrolment,
    EnrolmentStatus,
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
    "Membership",
    "Municipality",
    "Programme",
    "ProgrammeKind",
    "Role",
    "User",
    "UserManager",
]
