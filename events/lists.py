"""An event's registrations and attendance as a list that finds and acts (common/lists.py).

A session has no registrations of its own: everyone admitted to the cohort is expected, so
its list holds the expected people and acts only on attendance (and mail and export).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from audit.services import audit_record_bulk
from common.csvexport import Cell
from common.lists import (
    BulkAction,
    Column,
    Export,
    ListDefinition,
    ListFilterSet,
    SortFilter,
    export_actions,
)
from events.models import Event, EventRegistration, RegistrationStatus
from events.selectors import registration_list
from events.services import registrations as services
from programmes.forms.lists import ChosenMessageForm
from programmes.models import Municipality

ATTENDED_CHOICES = (("yes", gettext_lazy("Attended")), ("no", gettext_lazy("Did not attend")))


class RegistrationFilters(ListFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Municipality"),
        queryset=Municipality.objects.none(),
        method="filter_municipality",
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Registration"), choices=RegistrationStatus.choices
    )
    attended = django_filters.ChoiceFilter(
        label=gettext_lazy("Attended"), choices=ATTENDED_CHOICES, method="filter_attended"
    )
    sort = SortFilter(
        label=gettext_lazy("Sort by"),
        fields=(
            ("person__full_name", "name"),
            ("home_name", "municipality"),
            ("registered_at", "registered"),
            ("attended", "attended"),
        ),
        field_labels={
            "person__full_name": gettext_lazy("Name"),
            "home_name": gettext_lazy("Municipality"),
            "registered_at": gettext_lazy("Registered"),
            "attended": gettext_lazy("Attended"),
        },
    )

    def __init__(self, data: QueryDict | None, queryset: QuerySet[Any], *, event: Event) -> None:
        super().__init__(data, queryset=queryset)
        self.filters["municipality"].queryset = Municipality.objects.filter(
            pk__in=queryset.values("home_id")
        ).order_by("name")
        if event.is_session:
            # Everyone on a session's list is expected; nobody registers or waits.
            del self.filters["status"]

    # The rows carry registration_list's annotations, which the stubs do not know.
    def filter_municipality(
        self, queryset: QuerySet[Any], name: str, value: Municipality
    ) -> QuerySet[Any]:
        return queryset.filter(home_id=value.pk)

    def filter_attended(
        self, queryset: QuerySet[EventRegistration], name: str, value: str
    ) -> QuerySet[EventRegistration]:
        return queryset.filter(attended=value == "yes")


def _people(count: int) -> str:
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


Run = Callable[..., int]


def _action(
    key: str,
    label: str | Promise,
    describe: Callable[[int], str],
    done: Callable[[int], str],
    run: Run,
    event: Event,
    **extra: Any,
) -> BulkAction[EventRegistration]:
    """A bulk action that calls ``run`` on the chosen registrations and says ``done``."""

    def act(*, rows: Sequence[EventRegistration], actor: User, data: dict[str, Any]) -> str:
        count = run(event=event, registration_ids=[row.pk for row in rows], actor=actor, **data)
        return done(count)

    return BulkAction(key=key, label=label, describe=describe, run=act, **extra)


def _attendance_actions(event: Event) -> list[BulkAction[EventRegistration]]:
    def mark(attended: bool) -> Run:
        def run(**kwargs: Any) -> int:
            return services.registrations_mark_attended(attended=attended, **kwargs)

        return run

    return [
        _action(
            "attended",
            gettext_lazy("Mark as attended"),
            lambda count: _("Mark %(people)s as attended") % {"people": _people(count)},
            lambda count: _("Marked as attended: %(people)s.") % {"people": _people(count)},
            mark(True),
            event,
        ),
        _action(
            "absent",
            gettext_lazy("Mark as not attended"),
            lambda count: _("Mark %(people)s as not attended") % {"people": _people(count)},
            lambda count: _("Marked as not attended: %(people)s.") % {"people": _people(count)},
            mark(False),
            event,
        ),
    ]


def _registration_actions(event: Event) -> list[BulkAction[EventRegistration]]:
    return [
        _action(
            "promote",
            gettext_lazy("Give a place from the waiting list"),
            lambda count: (
                _("Move %(people)s from the waiting list to a place; each is emailed")
                % {"people": _people(count)}
            ),
            lambda count: _("Moved to a place: %(people)s.") % {"people": _people(count)},
            services.registrations_promote,
            event,
        ),
        _action(
            "cancel",
            gettext_lazy("Cancel the registration"),
            lambda count: (
                _(
                    "Cancel the registrations of %(people)s; the places freed go to the first "
                    "on the waiting list"
                )
                % {"people": _people(count)}
            ),
            lambda count: _("Cancelled: %(people)s.") % {"people": _people(count)},
            services.registrations_cancel,
            event,
        ),
    ]


def _email_action(event: Event) -> BulkAction[EventRegistration]:
    return _action(
        "email",
        gettext_lazy("Email them"),
        lambda count: _("Email %(people)s") % {"people": _people(count)},
        lambda count: (
            ngettext(
                "The message was sent to %(count)d person.",
                "The message was sent to %(count)d people.",
                count,
            )
            % {"count": count}
        ),
        services.registrations_email,
        event,
        form_class=ChosenMessageForm,
    )


def _export(event: Event) -> Export[EventRegistration]:
    def record(*, actor: User, rows: Sequence[EventRegistration]) -> None:
        audit_record_bulk(
            actor=actor, action="event.export", objects=rows, summary=f"{event.title} ({event.pk})"
        )

    def cells(row: Any) -> Sequence[Cell]:
        return [
            row.person.full_name,
            row.person.email,
            row.home_name or "",
            row.workplace,
            row.get_status_display(),
            row.attended,
            row.registered_at,
        ]

    return Export(
        filename=slugify(f"{event.title} {event.starts_at:%Y-%m-%d}") or f"event-{event.pk}",
        header=[
            gettext_lazy("Name"),
            gettext_lazy("Email"),
            gettext_lazy("Municipality"),
            gettext_lazy("Workplace"),
            gettext_lazy("Registration"),
            gettext_lazy("Attended"),
            gettext_lazy("Registered"),
        ],
        row=cells,
        record=record,
    )


def registrations_list(*, event: Event) -> ListDefinition[EventRegistration]:
    """The event's registrations for its coordinators: a session's expected people only."""
    rows = registration_list(event)
    columns = [
        Column(gettext_lazy("Name"), "name"),
        Column(gettext_lazy("Municipality"), "municipality"),
        Column(gettext_lazy("Workplace")),
    ]
    actions = _attendance_actions(event)
    if event.is_session:
        rows = rows.filter(status=RegistrationStatus.REGISTERED)
    else:
        columns += [
            Column(gettext_lazy("Registration")),
            Column(gettext_lazy("Registered"), "registered"),
        ]
        actions += _registration_actions(event)
    columns.append(Column(gettext_lazy("Attended"), "attended"))
    return ListDefinition(
        filters=lambda data: RegistrationFilters(data, rows, event=event),
        columns=columns,
        url=reverse("events:event_attendance", args=[event.pk]),
        name_of=lambda row: row.person.full_name or row.person.email,
        table_template="events/_registrations_table.html",
        empty_text=gettext_lazy("Nobody has registered yet."),
        actions=[*actions, _email_action(event), *export_actions()],
        bulk_url=reverse("events:event_attendance_bulk", args=[event.pk]),
        export=_export(event),
    )
