"""The one rule for counts of people shown in aggregate: no group small enough to point
at someone.

A group of one to four people is shown as "<5"; when only one group would be hidden, the
next smallest is hidden too, so that it cannot be worked out from the total. The yearly
reports (reports/tables.py) and an event's statistics (events/figures.py) both use it.
"""

from __future__ import annotations

SMALLEST_GROUP = 5
SUPPRESSED = "<5"


def suppress_small(counts: dict[str, int]) -> dict[str, int | str]:
    """Hides groups under five; hides one more when a lone hidden group could be subtracted out."""
    hidden = {label for label, count in counts.items() if 0 < count < SMALLEST_GROUP}
    if len(hidden) == 1:
        visible = sorted(
            (count, label) for label, count in counts.items() if label not in hidden and count
        )
        if visible:
            hidden.add(visible[0][1])
    return {label: SUPPRESSED if label in hidden else count for label, count in counts.items()}
