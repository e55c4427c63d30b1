"""Who takes part in a programme, and the figures asked only for statistics."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    """Who may take a role in a programme; it decides what the application asks."""

    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Employee")
    STUDENT = "student", _("Student or young person")
    EXTERNAL = "external", _("External")


class ConsentRule(models.TextChoices):
    """Whether the nearest manager must agree before an application is complete."""

    BY_KIND = "by_kind", _("For managers and employees, not for students and external people")
    ALWAYS = "always", _("Always")
    NEVER = "never", _("Never")


# The age groups every report counts in: (lowest age, highest age, label); then the oldest.
AGE_GROUPS = ((0, 29, "–29"), (30, 39, "30–39"), (40, 49, "40–49"), (50, 59, "50–59"))
OLDEST_GROUP = "60–"


class AgeGroup(models.TextChoices):
    # The labels are the reports' own, so a stated group and a year of birth count alike.
    # No value starts with "-", which a spreadsheet could run as a formula.
    UNDER_30 = "0-29", "–29"
    FROM_30 = "30-39", "30–39"
    FROM_40 = "40-49", "40–49"
    FROM_50 = "50-59", "50–59"
    FROM_60 = "60-", "60–"


def age_group_for(*, birth_year: int, year: int) -> str:
    """The age group (a value of AgeGroup) of someone born in ``birth_year``, in ``year``."""
    age = max(year - birth_year, 0)
    for low, high, label in AGE_GROUPS:
        if low <= age <= high:
            return next(value for value, text in AgeGroup.choices if text == label)
    return AgeGroup.FROM_60
