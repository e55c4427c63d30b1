"""An event's figures by municipality, gender and age group, with small groups hidden.

The rule is the reports' (reports/tables.py, suppress_small): a group of one to four
people is shown as "<5", and when only one group is hidden the next smallest is
hidden too, so that it cannot be worked out from the total. events may not import
reports (.importlinter), so the rule is repeated here and a test holds the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import Gender
from events.models import AgeGroup, Event, RegistrationStatus

SMALLEST_GROUP = 5
SUPPRESSED = "<5"

Cell = int | str


def suppress_small(counts: dict[str, int]) -> dict[str, Cell]:
    hidden = {label for label, count in counts.items() if 0 < count < SMALLEST_GROUP}
    if len(hidden) == 1:
        visible = sorted(
            (count, label) for label, count in counts.items() if label not in hidden and count
        )
        if visible:
            hidden.add(visible[0][1])
    return {label: SUPPRESSED if label in hidden else count for label, count in counts.items()}


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
