"""A group-mentoring cohort's report counts mentor groups and their meetings, not pairs."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pairs.models import GroupMeeting, MeetingStatus, MentorGroup
from pairs.services.pairs import pair_create
from programmes.models import CohortFormat, Role
from reports.figures import collect_figures
from reports.rendering import report_pdf
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.world import World

from .pdftext import pdf_text


def _group_year(world: World):
    cohort = CohortFactory(
        programme=world.programme, name="Grupper 2026", format=CohortFormat.GROUPS, group_size=4
    )
    municipalities = [world.municipality_a, world.municipality_b, world.municipality_c]
    for g, adepts in enumerate((3, 2)):
        mentor = EnrolmentFactory(
            cohort=cohort,
            role=Role.MENTOR,
            person=UserFactory(full_name=f"Mentor {g}"),
            municipality=municipalities[g],
        )
        for a in range(adepts):
            adept = EnrolmentFactory(
                cohort=cohort,
                role=Role.ADEPT,
                person=UserFactory(full_name=f"Adept {g}-{a}"),
                municipality=municipalities[(g + a + 1) % 3],
            )
            pair_create(mentor=mentor, adept=adept, actor=None)
    first, second = MentorGroup.objects.filter(cohort=cohort).order_by("pk")
    past = timezone.now() - datetime.timedelta(days=30)
    for group, held in ((first, 4), (second, 1)):
        for n in range(held):
            GroupMeeting.objects.create(
                group=group,
                starts_at=past + datetime.timedelta(days=n),
                minutes=120,
                held_minutes=120,
                mode="digital" if n == 0 else "in_person",
                place="Stadshuset",
                status=MeetingStatus.HELD,
            )
    return cohort


def test_a_group_cohorts_report_counts_groups_adepts_and_group_meetings(world: World) -> None:
    cohort = _group_year(world)
    figures = collect_figures(cohort=cohort, language="en")
    keys = [section.key for section in figures.sections]
    assert "groups" in keys and "pairs" not in keys
    facts = dict(next(s for s in figures.sections if s.key == "groups").facts)
    assert facts["Mentor groups formed"] == "2"
    assert facts["Adepts in groups"] == "5"
    assert facts["Group meetings held"] == "5"
    assert facts["Adepts per group (median)"] == "2.5"
    assert facts["Share of meetings held digitally"] == "40 %"
    text = pdf_text(report_pdf(figures, language="en").pdf)
    assert "Mentor groups and their meetings" in text
    assert "Meetings held per group against the plan" in text


def test_the_group_report_in_swedish_has_no_english_labels(world: World) -> None:
    cohort = _group_year(world)
    figures = collect_figures(cohort=cohort, language="sv")
    facts = dict(next(s for s in figures.sections if s.key == "groups").facts)
    assert facts["Mentorsgrupper"] == "2"
    text = pdf_text(report_pdf(figures, language="sv").pdf)
    assert "Mentor groups" not in text and "Group meetings held" not in text
