"""What a programme's application asks of each role, from who takes part and its switches.

One place decides it, so the application form, the service that checks it, the import and
the nomination form ask the same things of the same people.
"""

from __future__ import annotations

from dataclasses import dataclass

from programmes.models import CohortFormat, ConsentRule, ParticipantKind, Programme, Role

# The programme's settings that decide who takes part and what the application asks.
PROGRAMME_SETTINGS = (
    "adept_kind",
    "mentor_kind",
    "manager_consent",
    "asks_work_area",
    "asks_languages",
    "asks_wants",
)
PROGRAMME_CHOICE_SETTINGS = ("adept_kind", "mentor_kind", "manager_consent")


@dataclass(frozen=True)
class KindQuestions:
    """The questions that follow from who the person is."""

    asked: tuple[str, ...]
    required: tuple[str, ...]
    # What a coordinator's participant list must hold for this kind; the rest may be empty.
    required_in_import: tuple[str, ...] = ()


KIND_QUESTIONS: dict[str, KindQuestions] = {
    ParticipantKind.MANAGER: KindQuestions(
        asked=("department", "title", "years_as_manager", "development"),
        required=("department", "title", "years_as_manager"),
    ),
    ParticipantKind.EMPLOYEE: KindQuestions(
        asked=("department", "title", "development"), required=("department", "title")
    ),
    ParticipantKind.STUDENT: KindQuestions(
        asked=("school",), required=("school",), required_in_import=("school",)
    ),
    ParticipantKind.EXTERNAL: KindQuestions(
        asked=("department", "title", "development"), required=()
    ),
}
# Kinds employed by a municipality: they have a nearest manager and a work area of their own.
EMPLOYED = (ParticipantKind.MANAGER, ParticipantKind.EMPLOYEE)
# Asked of everyone, optional, used only in statistics over the whole group.
STATISTICS_FIELDS = ("gender", "age_group")
# Every enrolment field an application can fill, in the order the form shows them.
APPLICATION_FIELDS = (
    "department",
    "title",
    "school",
    "work_area",
    "years_as_manager",
    "development",
    "wants_from_mentor",
    "wished_work_area",
    "meeting_preference",
    "languages",
    "mentor_capacity",
)


# What the nominating manager tells about the nominee; the rest is the nominee's own to say.
NOMINATION_FIELDS = ("department", "title", "school", "work_area", "years_as_manager")


@dataclass(frozen=True)
class ApplicationProfile:
    role: str
    kind: str
    asked: frozenset[str]
    required: frozenset[str]
    required_in_import: frozenset[str]
    needs_consent: bool

    def asks(self, name: str) -> bool:
        return name in self.asked

    def requires(self, name: str) -> bool:
        return name in self.required


def kind_of(programme: Programme, role: str) -> str:
    return programme.adept_kind if role == Role.ADEPT else programme.mentor_kind


def needs_consent(programme: Programme, role: str) -> bool:
    if programme.manager_consent == ConsentRule.ALWAYS:
        return True
    if programme.manager_consent == ConsentRule.NEVER:
        return False
    return kind_of(programme, role) in EMPLOYED


def application_profile(
    programme: Programme,
    role: str,
    *,
    has_work_areas: bool = True,
    cohort_format: str = CohortFormat.PAIRS,
) -> ApplicationProfile:
    """What the application of ``role`` asks; a work area only when there is a list to pick,
    and a mentor's number of adepts only when the cohort forms pairs (a group's size is the
    cohort's)."""
    kind = kind_of(programme, role)
    questions = KIND_QUESTIONS[kind]
    asked = {*questions.asked, "meeting_preference"}
    required = {*questions.required, "meeting_preference"}
    if programme.asks_work_area and has_work_areas:
        asked.add("work_area")
        if kind in EMPLOYED:
            required.add("work_area")
        if role == Role.ADEPT:
            asked.add("wished_work_area")
    if programme.asks_languages:
        asked.add("languages")
    if role == Role.MENTOR:
        if cohort_format == CohortFormat.PAIRS:
            asked.add("mentor_capacity")
            required.add("mentor_capacity")
    elif programme.asks_wants or kind == ParticipantKind.STUDENT:
        asked.add("wants_from_mentor")
        required.add("wants_from_mentor")
    return ApplicationProfile(
        role=role,
        kind=kind,
        asked=frozenset(asked),
        required=frozenset(required),
        required_in_import=frozenset(questions.required_in_import),
        needs_consent=needs_consent(programme, role),
    )
