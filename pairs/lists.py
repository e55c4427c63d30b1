"""The cohort's pairs as a list that finds and acts (common/lists.py): how each is doing.

Figures and names only, as on the page before: never a pair's notes, reflections or the
comments of their fit answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse
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
from programmes.lists import message_action
from programmes.models import Cohort, Municipality

from .models import Pair
from .selectors import cohort_health_pairs, fit_label, pairs_needing_attention

ATTENTION_CHOICES = (("1", gettext_lazy("Needs attention")),)
FIT_CHOICES = (("no", gettext_lazy("A member says it does not work")),)


class PairFilters(ListFilterSet):
    search_fields = (
        "mentor__person__full_name",
        "mentor__person__email",
        "adept__person__full_name",
        "adept__person__email",
    )

    municipality = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Municipality"),
        queryset=Municipality.objects.none(),
        method="filter_municipality",
    )
    attention = django_filters.ChoiceFilter(
        label=gettext_lazy("Attention"), choices=ATTENTION_CHOICES, method="filter_attention"
    )
    fit = django_filters.ChoiceFilter(
        label=gettext_lazy("Does the pair work?"), choices=FIT_CHOICES, method="filter_fit"
    )
    sort = SortFilter(
        label=gettext_lazy("Sort by"),
        fields=(
            ("adept__person__full_name", "adept"),
            ("mentor__person__full_name", "mentor"),
            ("held", "held"),
            ("last_held", "last_meeting"),
            ("nudges_since", "reminders"),
        ),
        field_labels={
            "adept__person__full_name": gettext_lazy("Adept"),
            "mentor__person__full_name": gettext_lazy("Mentor"),
            "held": gettext_lazy("Meetings held"),
            "last_held": gettext_lazy("Last meeting"),
            "nudges_since": gettext_lazy("Reminders"),
        },
    )

    def __init__(self, data: QueryDict | None, queryset: QuerySet[Pair]) -> None:
        super().__init__(data, queryset=queryset)
        self.filters["municipality"].queryset = Municipality.objects.filter(
            Q(pk__in=queryset.values("mentor__municipality_id"))
            | Q(pk__in=queryset.values("adept__municipality_id"))
        ).order_by("name")

    def filter_municipality(
        self, queryset: QuerySet[Pair], name: str, value: Municipality
    ) -> QuerySet[Pair]:
        return queryset.filter(Q(mentor__municipality=value) | Q(adept__municipality=value))

    # The rows carry cohort_health_pairs' annotations, which the stubs do not know.
    def filter_attention(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return pairs_needing_attention(queryset)

    def filter_fit(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(fit_no=True)


def _pairs(count: int) -> str:
    return ngettext("%(count)d pair", "%(count)d pairs", count) % {"count": count}


def _email_action(cohort: Cohort) -> BulkAction[Pair]:
    return message_action(
        cohort,
        people=lambda rows: [
            member.person for pair in rows for member in (pair.mentor, pair.adept)
        ],
        label=gettext_lazy("Email both members"),
        describe=lambda count: _("Email both members of %(pairs)s") % {"pairs": _pairs(count)},
    )


def _export(cohort: Cohort) -> Export[Pair]:
    def record(*, actor: User, rows: Sequence[Pair]) -> None:
        audit_record_bulk(actor=actor, action="pair.export", objects=rows, summary=cohort.name)

    def cells(pair: Any) -> Sequence[Cell]:
        agreement = getattr(pair, "agreement", None)
        return [
            pair.mentor.person.full_name,
            pair.mentor.person.email,
            pair.mentor.municipality.name,
            pair.adept.person.full_name,
            pair.adept.person.email,
            pair.adept.municipality.name,
            pair.held,
            pair.planned_ahead,
            pair.last_held,
            bool(agreement and agreement.is_confirmed),
            fit_label(pair),
            pair.nudges_since,
            pair.needs_attention,
        ]

    return Export(
        filename=slugify(f"{_('pairs')} {cohort.name}"),
        header=[
            gettext_lazy("Mentor"),
            gettext_lazy("Mentor's email"),
            gettext_lazy("Mentor's municipality"),
            gettext_lazy("Adept"),
            gettext_lazy("Adept's email"),
            gettext_lazy("Adept's municipality"),
            gettext_lazy("Meetings held"),
            gettext_lazy("Meetings planned"),
            gettext_lazy("Last meeting"),
            gettext_lazy("Agreement confirmed"),
            gettext_lazy("Does the pair work?"),
            gettext_lazy("Reminders"),
            gettext_lazy("Needs attention"),
        ],
        row=cells,
        record=record,
    )


def pairs_list(*, cohort: Cohort) -> ListDefinition[Pair]:
    """The cohort's active pairs with their figures, for its coordinators."""
    rows = cohort_health_pairs(cohort)
    return ListDefinition(
        filters=lambda data: PairFilters(data, rows),
        columns=[
            Column(gettext_lazy("Pair"), "adept"),
            Column(gettext_lazy("Meetings held"), "held"),
            Column(gettext_lazy("Last meeting"), "last_meeting"),
            Column(gettext_lazy("Agreement")),
            Column(gettext_lazy("Does the pair work?")),
            Column(gettext_lazy("Status"), "reminders"),
        ],
        url=reverse("pairs:cohort_health", args=[cohort.pk]),
        name_of=lambda pair: f"{pair.mentor.person.full_name} & {pair.adept.person.full_name}",
        table_template="pairs/_health_table.html",
        empty_text=gettext_lazy("No pairs yet."),
        actions=[_email_action(cohort), *export_actions()],
        bulk_url=reverse("pairs:cohort_health_bulk", args=[cohort.pk]),
        export=_export(cohort),
    )
