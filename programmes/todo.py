"""The start page's to-do list: what waits for the signed-in person, gathered from every app.

Each installed app may have a ``todo`` module with a function
``todos(user: User, roles: Roles) -> Iterable[Todo]``. The programmes app cannot import
the apps above it, so it finds those modules by name through the app registry, as it does
``carry_over`` and ``setup_steps``. Each app answers in a fixed number of aggregate queries,
however many cohorts or rows there are: the start page is opened more than any other.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import Count, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.models import Delivery
from programmes import access
from programmes.access import Roles
from programmes.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Nomination,
)
from programmes.selectors.enrolment import next_stages


class Priority(IntEnum):
    """The order of the list: what is late first, then what waits for a decision."""

    URGENT = 0
    DECIDE = 1
    NOTE = 2


@dataclass(frozen=True)
class Todo:
    """One line of the to-do list: how many things of a kind wait, and where to do them."""

    label: str
    count: int
    url: str
    priority: Priority = Priority.DECIDE
    # Which programme and cohort, a stage or a date: what tells two like lines apart.
    detail: str = ""

    @property
    def is_urgent(self) -> bool:
        return self.priority == Priority.URGENT


# Discovery -----------------------------------------------------------------------


def todo_modules() -> list[ModuleType]:
    """The ``todo`` module of every installed app that has one, in app order."""
    return [
        importlib.import_module(f"{config.name}.todo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "todo")
    ]


def todos_for(user: User, roles: Roles) -> list[Todo]:
    """Every app's to-dos for ``user`` that have something waiting, the most pressing first."""
    found = [
        todo
        for module in todo_modules()
        if hasattr(module, "todos")
        for todo in module.todos(user, roles)
        if todo.count > 0
    ]
    # sorted() is stable: within a priority the apps keep their order.
    return sorted(found, key=lambda todo: todo.priority)


# Helpers for the apps' todo modules ----------------------------------------------


def running_cohorts(cohorts: QuerySet[Cohort] | None = None) -> QuerySet[Cohort]:
    """The cohorts (of ``cohorts``, else all) that still have work: not yet ended."""
    return (Cohort.objects.all() if cohorts is None else cohorts).filter(
        ends_on__gte=timezone.localdate()
    )


def coordinated_cohorts(user: User, roles: Roles) -> QuerySet[Cohort]:
    """The running cohorts a coordinator decides in (an administrator: every one)."""
    if not (roles.coordinator or roles.administrator):
        return Cohort.objects.none()
    return running_cohorts(access.cohorts_for_coordinator(user))


def cohort_url(url_name: str, cohort_id: int, query: Mapping[str, Any] | None = None) -> str:
    """A cohort's page, filtered by the lists' plain GET parameters."""
    url = reverse(url_name, args=[cohort_id])
    return f"{url}?{urlencode(query)}" if query else url


def todos_by_cohort(
    rows: QuerySet[Any],
    *,
    label: str,
    url_name: str,
    query: Mapping[str, Any] | None = None,
    anchor: str = "",
    priority: Priority = Priority.DECIDE,
    cohort: str = "cohort",
    count: str = "pk",
    by: GroupBy | None = None,
) -> list[Todo]:
    """One to-do per cohort (and per ``by``) from ``rows``, counted in one grouped query.

    ``cohort`` is the path from the rows to their cohort and ``count`` what is counted, once
    each. With ``by``, each group's link adds its id as ``by.param`` and ``label`` may name
    the group as ``%(name)s``; otherwise the name goes before the cohort's in the detail.
    """
    fields = [cohort, f"{cohort}__name", f"{cohort}__programme__name"]
    if by is not None:
        fields += [by.id, by.name]
    grouped = (
        rows.order_by()
        .values(*fields)
        .annotate(todo_count=Count(count, distinct=True))
        .order_by(f"{cohort}__programme__name", f"{cohort}__starts_on", cohort, *fields[3:])
    )
    found = []
    for row in grouped:
        detail = cohort_name(row[f"{cohort}__programme__name"], row[f"{cohort}__name"])
        text, params = label, dict(query or {})
        if by is not None:
            params[by.param] = row[by.id]
            if "%(name)s" in label:
                text = label % {"name": row[by.name]}
            else:
                detail = f"{row[by.name]} · {detail}"
        found.append(
            Todo(
                label=text,
                count=row["todo_count"],
                url=cohort_url(url_name, row[cohort], params) + anchor,
                priority=priority,
                detail=detail,
            )
        )
    return found


@dataclass(frozen=True)
class GroupBy:
    """A second grouping of :func:`todos_by_cohort`: the id and name fields, and the link's
    parameter that filters the list by it."""

    id: str
    name: str
    param: str


def own_todos(rows: QuerySet[Any], *, cohort: str, label: str, url_name: str) -> list[Todo]:
    """One to-do for each of the person's own ``rows`` (their enrolments, their nominations),
    done on the row's own page ``url_name``; ``cohort`` is the path to the row's cohort."""
    named = rows.values_list("pk", f"{cohort}__programme__name", f"{cohort}__name")
    return [
        Todo(
            label=label,
            count=1,
            url=reverse(url_name, args=[pk]),
            detail=cohort_name(programme, cohort_title),
        )
        for pk, programme, cohort_title in named
    ]


def cohort_name(programme: str, cohort: str) -> str:
    return f"{programme} – {cohort}"


# The programmes app's own to-dos ------------------------------------------------


def todos(user: User, roles: Roles) -> Iterable[Todo]:
    yield from _coordinator_todos(user, roles)
    yield from _contact_todos(user, roles)
    if roles.participant:  # a nominee is enrolled from the nomination on
        yield from _nominee_todos(user)


def _coordinator_todos(user: User, roles: Roles) -> Iterable[Todo]:
    if not (roles.coordinator or roles.administrator):
        return
    cohorts = coordinated_cohorts(user, roles)
    applied = Enrolment.objects.filter(cohort__in=cohorts, status=EnrolmentStatus.APPLIED)
    # A nomination is decided by its stages, an application waiting for consent not yet at all.
    yield from todos_by_cohort(
        applied.filter(nomination__isnull=True, completed_at__isnull=False),
        label=_("Applications to decide"),
        url_name="programmes:cohort_applications",
        query={"status": EnrolmentStatus.APPLIED},
    )
    yield from todos_by_cohort(
        # The same overdue consents as the applications list's ?consent=overdue.
        applied.consent_overdue(),
        label=_("Manager consents overdue"),
        url_name="programmes:cohort_applications",
        query={"consent": "overdue"},
        priority=Priority.URGENT,
    )
    yield from _stage_todos(applied)
    yield from todos_by_cohort(
        Delivery.objects.bouncing().filter(recipient__enrolments__cohort__in=cohorts),
        cohort="recipient__enrolments__cohort",
        count="recipient",
        label=_("People whose email did not arrive"),
        url_name="programmes:cohort_detail",
        anchor="#bounces-heading",
        priority=Priority.URGENT,
    )


def _stage_todos(applied: QuerySet[Enrolment]) -> list[Todo]:
    """Nominations by the stage that decides next, one line per cohort and stage."""
    stages = next_stages()
    waiting = applied.filter(nomination__isnull=False).annotate(
        stage_id=Subquery(stages.values("pk")[:1]),
        stage_name=Subquery(stages.values("name")[:1]),
    )
    return todos_by_cohort(
        waiting.filter(stage_id__isnull=False),
        label=_("Nominations waiting for %(name)s"),
        url_name="programmes:cohort_applications",
        by=GroupBy(id="stage_id", name="stage_name", param="stage"),
    )


def _contact_todos(user: User, roles: Roles) -> Iterable[Todo]:
    """A municipality contact's own municipality's applications that wait for someone."""
    if not roles.contact:
        return
    applied = Enrolment.objects.filter(
        cohort__in=running_cohorts(),
        municipality__contacts=user,
        status=EnrolmentStatus.APPLIED,
    )
    municipality = GroupBy(id="municipality", name="municipality__name", param="municipality")
    yield from todos_by_cohort(
        applied.filter(completed_at__isnull=False),
        label=_("Applications waiting for a decision"),
        url_name="programmes:cohort_applications",
        query={"status": EnrolmentStatus.APPLIED},
        by=municipality,
        priority=Priority.NOTE,
    )
    yield from todos_by_cohort(
        applied.filter(consent__isnull=False, consent__decided_at__isnull=True),
        label=_("Applications waiting for the manager's consent"),
        url_name="programmes:cohort_applications",
        query={"consent": "waiting"},
        by=municipality,
        priority=Priority.NOTE,
    )


def _nominee_todos(user: User) -> list[Todo]:
    """A nominated person's own answer: accepting the nomination."""
    waiting = Nomination.objects.filter(
        enrolment__person=user,
        enrolment__status=EnrolmentStatus.APPLIED,
        accepted_at__isnull=True,
    )
    return own_todos(
        waiting,
        cohort="enrolment__cohort",
        label=_("Accept your nomination"),
        url_name="programmes:nomination_accept",
    )
