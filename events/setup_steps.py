"""The events' setup step: something planned for each cohort, such as the kickoff."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Event, EventKind
from programmes.models import Cohort, CohortFormat, Programme
from programmes.setup import Phase, SettingsLink, SetupStep


def setup_steps(*, programme: Programme, cohorts: Sequence[Cohort]) -> list[SetupStep]:
    if not cohorts:
        return []
    # The cohort's own events, and the programme's shared ones during the cohort's year; a
    # cancelled event is not a plan.
    planned = list(
        Event.objects.taking_place()
        .filter(programme=programme)
        .filter(Q(cohort__in=[c.pk for c in cohorts]) | Q(cohort__isnull=True))
        .values_list("cohort_id", "starts_at")
    )
    create = reverse("events:event_create", kwargs={"programme_pk": programme.pk})
    steps = []
    for cohort in cohorts:
        has_event = any(
            cohort_id == cohort.pk
            or (
                cohort_id is None
                and cohort.starts_on <= timezone.localdate(starts_at) <= cohort.ends_on
            )
            for cohort_id, starts_at in planned
        )
        steps.append(
            SetupStep(
                key="events.planned",
                label=_("Events planned, such as the kickoff"),
                done=has_event,
                url=create,
                phase=Phase.BEFORE_THE_YEAR,
                why=_("No event is planned for the cohort yet."),
                cohort=cohort,
            )
        )
    steps.extend(_session_steps(cohorts))
    return steps


def _session_steps(cohorts: Sequence[Cohort]) -> list[SetupStep]:
    """A cohort that meets only in sessions needs its sessions planned before the year."""
    in_sessions = [cohort for cohort in cohorts if cohort.format == CohortFormat.SESSIONS]
    if not in_sessions:
        return []
    planned = set(
        Event.objects.filter(
            cohort__in=[c.pk for c in in_sessions], kind=EventKind.SESSION
        ).values_list("cohort_id", flat=True)
    )
    return [
        SetupStep(
            key="events.sessions_planned",
            label=_("The programme's sessions planned"),
            done=cohort.pk in planned,
            url=reverse("events:session_list", kwargs={"cohort_pk": cohort.pk}),
            phase=Phase.BEFORE_THE_YEAR,
            why=_("The cohort meets in sessions, and none is planned yet."),
            cohort=cohort,
        )
        for cohort in in_sessions
    ]


def settings_links(*, programme: Programme, cohort: Cohort | None) -> list[SettingsLink]:
    if cohort is not None:
        return [
            SettingsLink(
                pgettext_lazy("programme meetings", "Sessions"),
                reverse("events:session_list", kwargs={"cohort_pk": cohort.pk}),
            )
        ]
    return [
        SettingsLink(
            _("Plan an event"),
            reverse("events:event_create", kwargs={"programme_pk": programme.pk}),
        ),
        SettingsLink(_("Events"), reverse("events:event_list")),
        SettingsLink(
            _("Add a document or link"),
            reverse("events:resource_create", kwargs={"programme_pk": programme.pk}),
        ),
        SettingsLink(_("Documents and links"), reverse("events:resource_list")),
    ]
