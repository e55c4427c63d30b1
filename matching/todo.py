"""The start page's to-dos of matching: leader profiles not yet filled in (programmes.todo)."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from programmes.access import Roles
from programmes.models import Enrolment
from programmes.todo import Todo, cohort_name, coordinated_cohorts, running_cohorts, todos_by_cohort

from .selectors import unfinished_before_matching


def todos(user: User, roles: Roles) -> Iterable[Todo]:
    if roles.coordinator or roles.administrator:
        yield from todos_by_cohort(
            unfinished_before_matching(
                Enrolment.objects.filter(cohort__in=coordinated_cohorts(user, roles))
            ),
            label=_("Leader profiles not finished before matching"),
            url_name="matching:profile_status",
        )
    if roles.participant:
        own = unfinished_before_matching(
            Enrolment.objects.filter(person=user, cohort__in=running_cohorts())
        ).values_list("pk", "cohort__programme__name", "cohort__name")
        for pk, programme, cohort in own:
            yield Todo(
                label=_("Fill in your leader profile"),
                count=1,
                url=reverse("matching:profile", args=[pk]),
                detail=cohort_name(programme, cohort),
            )
