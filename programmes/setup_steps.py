"""The programme's own setup steps: consortium, work areas, nomination stages, dates, places."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import (
    AdmissionRule,
    ApprovalStage,
    Cohort,
    Enrolment,
    Membership,
    Programme,
    WorkArea,
)
from programmes.setup import Phase, SettingsLink, SetupStep


def _programme_facts(programme: Programme) -> dict[str, bool]:
    """What the programme has, in one query."""
    of_programme = {"programme": OuterRef("pk")}
    facts = (
        Programme.objects.filter(pk=programme.pk)
        .annotate(
            has_members=Exists(Membership.objects.filter(**of_programme)),
            has_work_areas=Exists(WorkArea.objects.filter(**of_programme)),
            has_stages=Exists(ApprovalStage.objects.filter(**of_programme)),
        )
        .values("has_members", "has_work_areas", "has_stages")
        .first()
    )
    return facts or {"has_members": False, "has_work_areas": False, "has_stages": False}


def _programme_steps(programme: Programme) -> list[SetupStep]:
    facts = _programme_facts(programme)
    nominated = programme.admission_rule == AdmissionRule.NOMINATION
    steps = [
        SetupStep(
            key="programmes.members",
            label=_("Municipalities in the consortium"),
            done=facts["has_members"],
            url=reverse("programmes:membership_create", kwargs={"programme_pk": programme.pk}),
            phase=Phase.BEFORE_APPLICATIONS,
            why=_(
                "No municipality takes part in the programme yet, so an applicant has no "
                "municipality to choose."
            ),
            blocks_applications=True,
        ),
    ]
    if programme.asks_work_area:
        steps.append(
            SetupStep(
                key="programmes.work_areas",
                label=_("Work areas"),
                done=facts["has_work_areas"],
                url=reverse("programmes:work_areas", kwargs={"pk": programme.pk}),
                phase=Phase.BEFORE_APPLICATIONS,
                why=_(
                    "The application should ask for a work area, but the programme's list is "
                    "empty, so the question is left out."
                ),
            )
        )
    if nominated:
        steps.append(
            SetupStep(
                key="programmes.stages",
                label=_("Approval stages for nominations"),
                done=facts["has_stages"],
                url=reverse("programmes:nomination_settings", kwargs={"pk": programme.pk}),
                phase=Phase.BEFORE_APPLICATIONS,
                why=_(
                    "The programme takes nominations but has no approval stages, so no "
                    "manager can send a nomination."
                ),
                blocks_applications=True,
            )
        )
    steps.append(
        SetupStep(
            key="programmes.consent",
            label=(
                _("Consent: the nominating manager agrees as part of the nomination")
                if nominated
                else _("Manager consent: %(rule)s")
                % {"rule": programme.get_manager_consent_display()}
            ),
            done=True,
            url=reverse("programmes:programme_edit", kwargs={"pk": programme.pk}),
            phase=Phase.BEFORE_APPLICATIONS,
        )
    )
    return steps


def _cohort_steps(cohorts: Sequence[Cohort]) -> list[SetupStep]:
    with_participants = set(
        Enrolment.objects.filter(cohort__in=[c.pk for c in cohorts])
        .values_list("cohort_id", flat=True)
        .distinct()
    )
    steps: list[SetupStep] = []
    for cohort in cohorts:
        edit = reverse("programmes:cohort_edit", kwargs={"pk": cohort.pk})
        steps += [
            SetupStep(
                key="programmes.places",
                label=_("Dates and places"),
                done=cohort.adept_places > 0,
                url=edit,
                phase=Phase.BEFORE_APPLICATIONS,
                why=_("The cohort has no places for adepts."),
                cohort=cohort,
            ),
            SetupStep(
                key="programmes.window",
                label=_("Application window or imported participants"),
                done=cohort.applications_open_on is not None or cohort.pk in with_participants,
                url=edit,
                phase=Phase.BEFORE_APPLICATIONS,
                why=_(
                    "Nobody can apply: give the days applications open and close, or import "
                    "the participants."
                ),
                cohort=cohort,
            ),
        ]
    return steps


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    return _programme_steps(programme) + (_cohort_steps(cohorts) if cohorts else [])


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is not None:
        return [
            SettingsLink(
                _("Dates, places and application window"),
                reverse("programmes:cohort_edit", kwargs={"pk": cohort.pk}),
            )
        ]
    return [
        SettingsLink(
            _("Programme settings and fee"),
            reverse("programmes:programme_edit", kwargs={"pk": programme.pk}),
        ),
        SettingsLink(
            _("Work areas"), reverse("programmes:work_areas", kwargs={"pk": programme.pk})
        ),
        SettingsLink(
            _("Nomination settings"),
            reverse("programmes:nomination_settings", kwargs={"pk": programme.pk}),
        ),
        SettingsLink(
            _("Mail templates"),
            reverse("programmes:mail_template_list", kwargs={"pk": programme.pk}),
        ),
        SettingsLink(
            _("Consortium agreement periods"),
            reverse("programmes:consortium_detail", kwargs={"programme_pk": programme.pk}),
        ),
    ]
