"""A cohort's applications and participants as lists that find and act (common/lists.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import django_filters
from django.db import models
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

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
from programmes.forms.lists import ChosenMessageForm, DeclineReasonForm
from programmes.models import (
    AdmissionRule,
    ApprovalStage,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Municipality,
    Role,
    StageDecision,
    consent_overdue_condition,
    consent_waiting_condition,
)
from programmes.profile_state import profile_done_condition
from programmes.selectors import enrolment as selectors
from programmes.services import enrolment_bulk
from programmes.services.messages import message_to_chosen_send

CONSENT_CHOICES = (
    ("waiting", gettext_lazy("Waiting for the manager")),
    ("overdue", gettext_lazy("Overdue: no answer after the reminders")),
)
# The day someone applied, as a column; "Applied" alone is a status.
APPLIED_ON = pgettext_lazy("date column", "Applied")
PROFILE_CHOICES = (
    ("done", gettext_lazy("Done")),
    ("missing", gettext_lazy("Not done")),
)

Row = TypeVar("Row", bound=models.Model)


class CohortFilters(ListFilterSet):
    """Filters every list of a cohort's people has: municipality and role."""

    municipality = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    role = django_filters.ChoiceFilter(label=gettext_lazy("Role"), choices=Role.choices)

    def __init__(
        self, data: QueryDict | None, queryset: QuerySet[Enrolment], *, cohort: Cohort
    ) -> None:
        super().__init__(data, queryset=queryset)
        self.cohort = cohort
        self.filters["municipality"].queryset = Municipality.objects.filter(
            pk__in=queryset.values("municipality_id")
        ).order_by("name")
        if not cohort.has_mentors:
            del self.filters["role"]


class ApplicationFilters(CohortFilters):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=EnrolmentStatus.choices
    )
    consent = django_filters.ChoiceFilter(
        label=gettext_lazy("Manager's consent"), choices=CONSENT_CHOICES, method="filter_consent"
    )
    stage = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Waiting at stage"),
        queryset=ApprovalStage.objects.none(),
        method="filter_stage",
    )
    sort = SortFilter(
        label=gettext_lazy("Sort by"),
        fields=(
            ("person__full_name", "name"),
            ("created_at", "applied"),
            ("municipality__name", "municipality"),
        ),
        field_labels={
            "person__full_name": gettext_lazy("Name"),
            "created_at": APPLIED_ON,
            "municipality__name": gettext_lazy("Municipality"),
        },
    )

    def __init__(
        self, data: QueryDict | None, queryset: QuerySet[Enrolment], *, cohort: Cohort
    ) -> None:
        super().__init__(data, queryset, cohort=cohort)
        if cohort.programme.admission_rule == AdmissionRule.NOMINATION:
            self.filters["stage"].queryset = cohort.programme.approval_stages.order_by(
                "position", "pk"
            )
        else:
            del self.filters["stage"]

    def filter_consent(
        self, queryset: QuerySet[Enrolment], name: str, value: str
    ) -> QuerySet[Enrolment]:
        if value == "overdue":
            return queryset.filter(consent_overdue_condition())
        return queryset.filter(consent_waiting_condition())

    def filter_stage(
        self, queryset: QuerySet[Enrolment], name: str, stage: ApprovalStage
    ) -> QuerySet[Enrolment]:
        """Nominations the earlier stages have approved and ``stage`` has yet to decide."""

        def decided_at(at: ApprovalStage) -> Exists:
            return Exists(
                StageDecision.objects.filter(nomination__enrolment=OuterRef("pk"), stage=at)
            )

        earlier = [
            at
            for at in self.filters["stage"].queryset
            if (at.position, at.pk) < (stage.position, stage.pk)
        ]
        queryset = queryset.filter(status=EnrolmentStatus.APPLIED, nomination__isnull=False)
        return queryset.exclude(decided_at(stage)).filter(*[decided_at(at) for at in earlier])


class ParticipantFilters(CohortFilters):
    profile = django_filters.ChoiceFilter(
        label=gettext_lazy("Leader profile"), choices=PROFILE_CHOICES, method="filter_profile"
    )
    sort = SortFilter(
        label=gettext_lazy("Sort by"),
        fields=(
            ("person__full_name", "name"),
            ("role", "role"),
            ("municipality__name", "municipality"),
        ),
        field_labels={
            "person__full_name": gettext_lazy("Name"),
            "role": gettext_lazy("Role"),
            "municipality__name": gettext_lazy("Municipality"),
        },
    )

    def __init__(
        self,
        data: QueryDict | None,
        queryset: QuerySet[Enrolment],
        *,
        cohort: Cohort,
        profile_done: Q | None,
    ) -> None:
        super().__init__(data, queryset, cohort=cohort)
        self.profile_done = profile_done
        if profile_done is None:
            del self.filters["profile"]

    def filter_profile(
        self, queryset: QuerySet[Enrolment], name: str, value: str
    ) -> QuerySet[Enrolment]:
        if self.profile_done is None:
            return queryset
        if value == "done":
            return queryset.filter(self.profile_done)
        return queryset.exclude(self.profile_done)


# Actions ---------------------------------------------------------------------------


def message_action(
    cohort: Cohort,
    *,
    people: Callable[[Sequence[Row]], list[User]],
    label: Promise,
    describe: Callable[[int], str],
) -> BulkAction[Row]:
    """ "Email" on one of the cohort's lists: a cohort message to the ``people`` of the rows."""

    def run(*, rows: Sequence[Row], actor: User, data: dict[str, Any]) -> str:
        message = message_to_chosen_send(
            cohort=cohort,
            sent_by=actor,
            people=people(rows),
            subject=data["subject"],
            body=data["body"],
        )
        return ngettext(
            "The message was sent to %(count)d person.",
            "The message was sent to %(count)d people.",
            message.recipient_count,
        ) % {"count": message.recipient_count}

    return BulkAction(
        key="email", label=label, describe=describe, run=run, form_class=ChosenMessageForm
    )


def _message_action(cohort: Cohort, noun: Callable[[int], str]) -> BulkAction[Enrolment]:
    return message_action(
        cohort,
        people=lambda rows: [row.person for row in rows],
        label=gettext_lazy("Email them"),
        describe=lambda count: _("Email %(people)s") % {"people": noun(count)},
    )


def _applicants(count: int) -> str:
    return ngettext("%(count)d applicant", "%(count)d applicants", count) % {"count": count}


def _participants(count: int) -> str:
    return ngettext("%(count)d participant", "%(count)d participants", count) % {"count": count}


def _decision_actions(cohort: Cohort) -> list[BulkAction[Enrolment]]:
    def admit(*, rows: Sequence[Enrolment], actor: User, data: dict[str, Any]) -> str:
        done = enrolment_bulk.enrolments_admit(cohort=cohort, enrolments=rows, actor=actor)
        return _("Admitted: %(people)s.") % {"people": _applicants(len(done))}

    def decline(*, rows: Sequence[Enrolment], actor: User, data: dict[str, Any]) -> str:
        done = enrolment_bulk.enrolments_decline(
            cohort=cohort, enrolments=rows, actor=actor, reason=data["reason"]
        )
        return _("Declined: %(people)s.") % {"people": _applicants(len(done))}

    def wait(*, rows: Sequence[Enrolment], actor: User, data: dict[str, Any]) -> str:
        done = enrolment_bulk.enrolments_wait(cohort=cohort, enrolments=rows, actor=actor)
        return _("On the waiting list: %(people)s.") % {"people": _applicants(len(done))}

    return [
        BulkAction(
            key="admit",
            label=gettext_lazy("Admit"),
            describe=lambda count: _("Admit %(people)s") % {"people": _applicants(count)},
            run=admit,
        ),
        BulkAction(
            key="decline",
            label=gettext_lazy("Decline with one reason"),
            describe=lambda count: _("Decline %(people)s") % {"people": _applicants(count)},
            run=decline,
            form_class=DeclineReasonForm,
        ),
        BulkAction(
            key="wait",
            label=gettext_lazy("Move to the waiting list"),
            describe=lambda count: (
                _("Move %(people)s to the waiting list") % {"people": _applicants(count)}
            ),
            run=wait,
        ),
    ]


# Exports ---------------------------------------------------------------------------


def _export(
    cohort: Cohort, name: str, header: Sequence[Any], row: Callable[[Enrolment], Sequence[Cell]]
) -> Export[Enrolment]:
    def record(*, actor: User, rows: Sequence[Enrolment]) -> None:
        audit_record_bulk(actor=actor, action="enrolment.export", objects=rows, summary=cohort.name)

    return Export(filename=slugify(f"{name} {cohort.name}"), header=header, row=row, record=record)


PERSON_HEADER = (gettext_lazy("Name"), gettext_lazy("Email"), gettext_lazy("Role"))


def _person_cells(row: Enrolment) -> list[Cell]:
    return [
        row.person.full_name,
        row.person.email,
        row.get_role_display(),
        row.municipality.name,
        row.title,
        row.department or row.school,
        row.work_area,
    ]


PLACE_HEADER = (
    gettext_lazy("Municipality"),
    gettext_lazy("Title"),
    gettext_lazy("Department or school"),
    gettext_lazy("Work area"),
)


def _application_cells(row: Enrolment) -> list[Cell]:
    return [*_person_cells(row), row.status_label(), row.created_at, row.completed_at]


def _participant_cells(row: Enrolment) -> list[Cell]:
    done = getattr(row, "profile_done", None)
    return [*_person_cells(row), "" if done is None else (_("Done") if done else _("Not done"))]


# The lists -------------------------------------------------------------------------


def applications_list(
    *, cohort: Cohort, visible: QuerySet[Enrolment], may_decide: bool
) -> ListDefinition[Enrolment]:
    """The cohort's applications ``visible`` to the user; a coordinator decides in bulk."""
    rows = selectors.applications_in(visible)
    columns = [
        Column(gettext_lazy("Name"), "name"),
        Column(gettext_lazy("Role")),
        Column(gettext_lazy("Municipality"), "municipality"),
        Column(gettext_lazy("Title and work area")),
        Column(gettext_lazy("Status")),
        Column(APPLIED_ON, "applied"),
        Column(gettext_lazy("Application complete")),
    ]
    actions: list[BulkAction[Enrolment]] = []
    if may_decide:
        columns.append(Column(gettext_lazy("Decision")))
        actions = [
            *_decision_actions(cohort),
            _message_action(cohort, _applicants),
            *export_actions(),
        ]
    return ListDefinition(
        filters=lambda data: ApplicationFilters(data, rows, cohort=cohort),
        columns=columns,
        url=reverse("programmes:cohort_applications", args=[cohort.pk]),
        name_of=lambda row: row.person.full_name,
        table_template="programmes/enrolment/_applications_table.html",
        empty_text=gettext_lazy("No applications yet."),
        actions=actions,
        bulk_url=reverse("programmes:cohort_applications_bulk", args=[cohort.pk]),
        export=_export(
            cohort,
            _("applications"),
            [
                *PERSON_HEADER,
                *PLACE_HEADER,
                _("Status"),
                APPLIED_ON,
                _("Application complete"),
            ],
            _application_cells,
        ),
    )


def participants_list(*, cohort: Cohort) -> ListDefinition[Enrolment]:
    """The cohort's admitted participants, for its coordinators."""
    profile_done = profile_done_condition(cohort)
    rows = (
        Enrolment.objects.admitted()
        .filter(cohort=cohort)
        .select_related("person", "municipality")
        .order_by("role", "person__full_name", "pk")
    )
    columns = [
        Column(gettext_lazy("Name"), "name"),
        Column(gettext_lazy("Role"), "role"),
        Column(gettext_lazy("Municipality"), "municipality"),
        Column(gettext_lazy("Title and work area")),
    ]
    if profile_done is not None:
        rows = rows.annotate(
            profile_done=Case(
                When(profile_done, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        columns.append(Column(gettext_lazy("Leader profile")))
    return ListDefinition(
        filters=lambda data: ParticipantFilters(
            data, rows, cohort=cohort, profile_done=profile_done
        ),
        columns=columns,
        url=reverse("programmes:cohort_participants", args=[cohort.pk]),
        name_of=lambda row: row.person.full_name,
        table_template="programmes/includes/_participants_table.html",
        empty_text=gettext_lazy("No one is admitted yet."),
        actions=[_message_action(cohort, _participants), *export_actions()],
        bulk_url=reverse("programmes:cohort_participants_bulk", args=[cohort.pk]),
        export=_export(
            cohort,
            _("participants"),
            [*PERSON_HEADER, *PLACE_HEADER, _("Leader profile")],
            _participant_cells,
        ),
    )
