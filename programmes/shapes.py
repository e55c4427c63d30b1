"""Programme shapes: the settings of the five kinds of programme the seeds describe.

"New programme" offers them as starting points. A shape only pre-fills the form; the
coordinator changes whatever they like before saving, and nothing refers back to the shape.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from programmes.models import (
    AdmissionRule,
    CohortFormat,
    ConsentRule,
    ParticipantKind,
    ProgrammeKind,
)

NO_FEE = Decimal("0")
CONSORTIUM_FEE_SEK = Decimal("9800")


@dataclass(frozen=True)
class Shape:
    """A named set of programme settings, with the lists and first cohort that go with it."""

    key: str
    name: Promise
    # Shown in the picker: who it is for and how it runs, in a sentence or two.
    summary: Promise
    # The programme's own settings, by Programme field name.
    settings: dict[str, Any]
    approval_stages: tuple[Promise, ...] = ()
    work_areas: tuple[Promise, ...] = ()
    cohort_format: str = CohortFormat.PAIRS
    group_size: int = 4
    mentor_places: int = 20
    adept_places: int = 20
    # How long a cohort of this shape runs, in months.
    cohort_months: int = 12
    example: Promise | None = None

    def initial(self) -> dict[str, Any]:
        """The programme form's initial values, texts translated into the current language."""
        values = {
            name: str(value) if isinstance(value, Promise) else value
            for name, value in self.settings.items()
        }
        values["cohort_format"] = self.cohort_format
        values["approval_stages"] = "\n".join(str(stage) for stage in self.approval_stages)
        values["work_areas"] = "\n".join(str(area) for area in self.work_areas)
        return values


# Common work areas of a municipality, for programmes that match across them.
MUNICIPAL_WORK_AREAS = (
    _("Preschool and school"),
    _("Social services"),
    _("Elderly care and disability support"),
    _("Technical services and urban planning"),
    _("Culture and leisure"),
    _("Administration and support functions"),
)

SHAPES: tuple[Shape, ...] = (
    Shape(
        key="consortium_pairs",
        name=_("Mentor programme for managers across municipalities"),
        summary=_(
            "A year with a mentor from another municipality in the consortium. Pairs meet "
            "about once a month; kickoff, half-year meeting and closing for everyone. Each "
            "municipality pays a fee per participant."
        ),
        example=_("As the consortium of Håbo, Enköping, Knivsta, Upplands Väsby and Östhammar"),
        settings={
            "kind": ProgrammeKind.MENTOR,
            "description": _(
                "A year-long mentor programme for managers. The adept gets an experienced "
                "manager from another municipality as mentor; the pair meets about once a "
                "month, in person or digitally, and reflects on leadership together."
            ),
            "admission_rule": AdmissionRule.SELECTION,
            "mentor_from_other_municipality": True,
            "fee_sek": CONSORTIUM_FEE_SEK,
            "mentor_fee_sek": CONSORTIUM_FEE_SEK,
            "fee_includes": _("The leader profile used for matching"),
            "planned_meetings": 10,
            "meeting_minutes": 90,
            "nomination_guidance": "",
            "adept_kind": ParticipantKind.MANAGER,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.BY_KIND,
            "asks_work_area": True,
            "asks_languages": True,
            "asks_wants": False,
        },
        work_areas=MUNICIPAL_WORK_AREAS,
        cohort_format=CohortFormat.PAIRS,
        mentor_places=20,
        adept_places=20,
        cohort_months=12,
    ),
    Shape(
        key="nominated_talent",
        name=_("Talent programme with nomination"),
        summary=_(
            "For employees whom both they and others see as good leaders. The nearest "
            "manager nominates with a motivation; the management group and then the "
            "executive group decide. 10–15 places, 5–6 sessions over half a year."
        ),
        example=_("As Ledartalang in Norrtälje"),
        settings={
            "kind": ProgrammeKind.TALENT,
            "description": _(
                "Prepares employees for a coming manager role, so that they take it on with "
                "confidence and commitment: the formal responsibilities of a manager, values, "
                "dilemmas and the joy of work. The aim is that three in four participants "
                "hold a manager post within two years."
            ),
            "admission_rule": AdmissionRule.NOMINATION,
            "mentor_from_other_municipality": False,
            "fee_sek": NO_FEE,
            "mentor_fee_sek": NO_FEE,
            "fee_includes": "",
            "planned_meetings": 6,
            "meeting_minutes": 180,
            "nomination_guidance": _(
                "Nominate an employee whom both they themselves and others see as a good "
                "leader, based on your employee dialogues. Write a motivation: what you have "
                "seen in their work and why you believe they will take on a manager role. "
                "You take part in the decision as the manager who later recruits."
            ),
            "adept_kind": ParticipantKind.EMPLOYEE,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.BY_KIND,
            "asks_work_area": False,
            "asks_languages": False,
            "asks_wants": False,
        },
        approval_stages=(
            _("The administration's management group"),
            _("The municipal group's executive management"),
        ),
        cohort_format=CohortFormat.SESSIONS,
        mentor_places=0,
        adept_places=15,
        cohort_months=6,
    ),
    Shape(
        key="open_career",
        name=_("Open career programme"),
        summary=_(
            "Open to every employee curious about how to grow within the municipality; "
            "first come, first served once the nearest manager agrees. 30–40 places, "
            "3 sessions over 3 months."
        ),
        example=_("As Egen karriär in Norrtälje"),
        settings={
            "kind": ProgrammeKind.CAREER,
            "description": _(
                "For everyone who is curious about how they can develop within the "
                "municipality: career paths and one's own driving forces. The programme "
                "runs on working time, so the nearest manager must agree."
            ),
            "admission_rule": AdmissionRule.OPEN,
            "mentor_from_other_municipality": False,
            "fee_sek": NO_FEE,
            "mentor_fee_sek": NO_FEE,
            "fee_includes": "",
            "planned_meetings": 3,
            "meeting_minutes": 180,
            "nomination_guidance": "",
            "adept_kind": ParticipantKind.EMPLOYEE,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.ALWAYS,
            "asks_work_area": False,
            "asks_languages": False,
            "asks_wants": False,
        },
        cohort_format=CohortFormat.SESSIONS,
        mentor_places=0,
        adept_places=40,
        cohort_months=3,
    ),
    Shape(
        key="student_mentoring",
        name=_("Mentoring for students"),
        summary=_(
            "High-school students apply for a personal mentor among the municipality's "
            "managers, a role model who shows the many careers a municipality offers. "
            "No manager consent and no work area for the students."
        ),
        example=_("As Norrköping's programme for students with a multicultural background"),
        settings={
            "kind": ProgrammeKind.YOUTH,
            "description": _(
                "Students get a personal mentor who works as a manager in the municipality: "
                "a role model who shows how many different professions there are in a "
                "municipality and the chances of a career within it."
            ),
            "admission_rule": AdmissionRule.SELECTION,
            "mentor_from_other_municipality": False,
            "fee_sek": NO_FEE,
            "mentor_fee_sek": NO_FEE,
            "fee_includes": "",
            "planned_meetings": 6,
            "meeting_minutes": 60,
            "nomination_guidance": "",
            "adept_kind": ParticipantKind.STUDENT,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.NEVER,
            "asks_work_area": False,
            "asks_languages": True,
            "asks_wants": True,
        },
        cohort_format=CohortFormat.PAIRS,
        mentor_places=15,
        adept_places=15,
        cohort_months=10,
    ),
    Shape(
        key="leadership_sessions",
        name=_("Leadership programme with sessions"),
        summary=_(
            "A group of managers meets for sessions on themes over some months, with a "
            "kickoff; no mentors. The nearest manager agrees to the time."
        ),
        example=_("As Örebro's “Det personliga ledarskapet” or Kungsbackaledaren"),
        settings={
            "kind": ProgrammeKind.LEADERSHIP,
            "description": _(
                "A leadership programme for managers: to lead in change, create dialogue, "
                "build relationships and participation. The group meets for a session about "
                "once a month and shares experience between sessions."
            ),
            "admission_rule": AdmissionRule.SELECTION,
            "mentor_from_other_municipality": False,
            "fee_sek": NO_FEE,
            "mentor_fee_sek": NO_FEE,
            "fee_includes": "",
            "planned_meetings": 8,
            "meeting_minutes": 180,
            "nomination_guidance": "",
            "adept_kind": ParticipantKind.MANAGER,
            "mentor_kind": ParticipantKind.MANAGER,
            "manager_consent": ConsentRule.BY_KIND,
            "asks_work_area": False,
            "asks_languages": False,
            "asks_wants": False,
        },
        cohort_format=CohortFormat.SESSIONS,
        mentor_places=0,
        adept_places=20,
        cohort_months=8,
    ),
)

SHAPES_BY_KEY: dict[str, Shape] = {shape.key: shape for shape in SHAPES}
# The picker's choice for a programme that starts from the defaults.
START_BLANK = "blank"
MONTHS_PER_YEAR = 12


def shape_for(key: str | None) -> Shape | None:
    """The shape of ``key``; None for "start blank" or a key that names no shape."""
    return SHAPES_BY_KEY.get(key or "")


def _months_later(day: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after ``day``'s month (``day`` is a first)."""
    index = day.year * MONTHS_PER_YEAR + day.month - 1 + months
    return datetime.date(index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1, 1)


def first_cohort_initial(shape: Shape, *, today: datetime.date) -> dict[str, Any]:
    """The new-cohort form's suggestion for a programme made from ``shape``.

    It starts on the first of next month and runs as long as the shape's programmes do.
    """
    starts_on = _months_later(today.replace(day=1), 1)
    ends_on = _months_later(starts_on, shape.cohort_months) - datetime.timedelta(days=1)
    name = (
        f"{starts_on.year}/{(starts_on.year + 1) % 100:02d}"
        if ends_on.year > starts_on.year
        else str(starts_on.year)
    )
    return {
        "name": name,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "format": shape.cohort_format,
        "group_size": shape.group_size,
        "mentor_places": shape.mentor_places,
        "adept_places": shape.adept_places,
    }
