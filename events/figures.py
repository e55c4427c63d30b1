"""An event's figures by municipality, gender and age group, with small groups hidden.

Small groups are hidden by the same rule as the yearly reports' (common/small_groups.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import Gender
from common.small_groups import suppress_small
from events.models import Event, RegistrationStatus
from programmes.models import AgeGroup

Cell = int | str


@dataclass(frozen=True)
class StatisticsTable:
    key: str
    title: str
    heading: str
    # (label, registered, attended), the cells already suppressed.
    rows: list[tuple[str, Cell, Cell]]


def _table(
    key: str, title: str, heading: str, counts: dict[str, tuple[int, int]]
) -> StatisticsTable:
    registered = suppress_small({label: pair[0] for label, pair in counts.items()})
    attended = suppress_small({label: pair[1] for label, pair in counts.items()})
    return StatisticsTable(
        key=key,
        title=title,
        heading=heading,
        rows=[(label, registered[label], attended[label]) for label in counts],
    )


def event_statistics(event: Event) -> list[StatisticsTable]:
    """Registered and attended by municipality, gender and age group (three queries)."""
    registrations = event.registrations.filter(status=RegistrationStatus.REGISTERED)
    not_stated = str(_("Not stated"))

    def counted(field: str, labels: dict[str, str]) -> dict[str, tuple[int, int]]:
        rows = registrations.values(field).annotate(
            registered=Count("pk"), attended=Count("pk", filter=Q(attended=True))
        )
        counts = dict.fromkeys(labels.values(), (0, 0))
        counts[not_stated] = (0, 0)
        for row in rows:
            # Values are compared as text: the municipality is an id, the others are codes.
            label = labels.get(str(row[field] or ""), not_stated)
            registered, attended = counts[label]
            counts[label] = (registered + row["registered"], attended + row["attended"])
        return counts

    municipalities = {
        str(pk): name for pk, name in event.open_municipalities.values_list("pk", "name")
    }
    by_municipality = counted("municipality", municipalities)
    return [
        _table("municipality", _("By municipality"), _("Municipality"), by_municipality),
        _table(
            "gender",
            _("By gender"),
            _("Gender"),
            counted("gender", {value: str(label) for value, label in Gender.choices}),
        ),
        _table(
            "age_group",
            _("By age group"),
            _("Age group"),
            counted("age_group", {value: str(label) for value, label in AgeGroup.choices}),
        ),
    ]
