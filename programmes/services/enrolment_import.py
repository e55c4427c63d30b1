"""Importing participants from a file: a checked preview first, then all rows or none."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import person_invite
from audit.services import audit_record
from programmes.imports import ParsedRow, Problem, check_row, parse_rows, read_table
from programmes.models import Cohort, Enrolment, EnrolmentStatus, ImportBatch, Municipality, Role
from programmes.profiles import application_profile
from programmes.services.enrolment import person_statistics_set, places_left
from programmes.signals import enrolment_admitted

# An upload not confirmed within this time is discarded.
IMPORT_BATCH_LIFETIME = datetime.timedelta(hours=2)


def _municipality_lookup(cohort: Cohort) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name, code in Municipality.objects.filter(
        memberships__programme_id=cohort.programme_id
    ).values_list("name", "code"):
        lookup[name.lower()] = name
        lookup[code] = name
    return lookup


def _work_areas(cohort: Cohort) -> list[str]:
    return list(cohort.programme.work_areas.values_list("name", flat=True))


def _row_rules(cohort: Cohort, role: str) -> dict[str, Any]:
    """What each row is checked against besides the consortium: the role's questions, and the
    year in which a year of birth gives the age group."""
    return {
        "municipalities": _municipality_lookup(cohort),
        "work_areas": _work_areas(cohort),
        "profile": application_profile(cohort.programme, role),
        "year": cohort.starts_on.year,
    }


def _check_against_database(*, cohort: Cohort, role: str, rows: list[ParsedRow]) -> list[str]:
    """Adds per-row problems for people already enrolled; returns problems of the whole file."""
    emails = [row.values["email"] for row in rows if row.values["email"]]
    enrolled = set(
        Enrolment.objects.filter(cohort=cohort, role=role, person__email__in=emails).values_list(
            "person__email", flat=True
        )
    )
    for row in rows:
        if row.values["email"] in enrolled:
            row.problems.append(
                Problem("email", _("Already enrolled in this cohort in the same role."))
            )
    left = places_left(cohort=cohort, role=role)
    if len(rows) > left:
        people = ngettext("%(count)d person", "%(count)d people", len(rows)) % {"count": len(rows)}
        places = ngettext("%(count)d place", "%(count)d places", left) % {"count": left}
        return [
            _("The file has %(people)s but only %(places)s left for %(role)s.")
            % {"people": people, "places": places, "role": Role(role).label.lower()}
        ]
    return []


@transaction.atomic
def participants_import_prepare(
    *, cohort: Cohort, role: str, uploaded_by: User, filename: str, content: bytes
) -> tuple[ImportBatch, list[str]]:
    """Reads and checks the file and keeps it server-side for the preview; saves no people."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose mentors or adepts.")})
    ImportBatch.objects.filter(created_at__lt=timezone.now() - IMPORT_BATCH_LIFETIME).delete()
    table = read_table(name=filename, content=content)
    rows = parse_rows(table, **_row_rules(cohort, role))
    file_problems = _check_against_database(cohort=cohort, role=role, rows=rows)
    batch = ImportBatch.objects.create(
        cohort=cohort,
        uploaded_by=uploaded_by,
        role=role,
        filename=filename[:200],
        rows=[row.as_json() for row in rows],
    )
    return batch, file_problems


def import_batch_check(*, batch: ImportBatch) -> tuple[list[ParsedRow], list[str]]:
    """Checks the stored rows again against the database as it is now."""
    rules = _row_rules(batch.cohort, batch.role)
    rows = []
    seen: dict[str, int] = {}
    for stored in batch.rows:
        row = ParsedRow.from_json(stored)
        row.problems = []
        check_row(row, **rules)
        email = row.values["email"]
        if email in seen:
            row.problems.append(
                Problem("email", _("Also on row %(line)d.") % {"line": seen[email]})
            )
        seen.setdefault(email, row.line)
        rows.append(row)
    file_problems = _check_against_database(cohort=batch.cohort, role=batch.role, rows=rows)
    return rows, file_problems


@transaction.atomic
def participants_import_confirm(*, batch: ImportBatch, actor: User) -> list[Enrolment]:
    """Saves every row and invites the people, or saves nothing if any row has a problem."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=batch.cohort_id)
    batch.cohort = cohort
    rows, file_problems = import_batch_check(batch=batch)
    bad = [row for row in rows if row.problems]
    if bad or file_problems:
        raise ValidationError(
            ngettext(
                "Nothing was imported: %(count)d row has problems. Fix the file and upload it "
                "again.",
                "Nothing was imported: %(count)d rows have problems. Fix the file and upload it "
                "again.",
                len(bad),
            )
            % {"count": len(bad)}
            if bad
            else " ".join(file_problems)
        )
    municipalities = {m.name: m for m in Municipality.objects.all()}
    now = timezone.now()
    enrolments = []
    for row in rows:
        values = row.values
        person = person_invite(
            invited_by=actor,
            email=values["email"],
            full_name=values["full_name"],
            language=values["language"],
        )
        enrolment = Enrolment(
            person=person,
            cohort=cohort,
            role=batch.role,
            status=EnrolmentStatus.ADMITTED,
            municipality=municipalities[values["municipality"]],
            department=values["department"],
            title=values["title"],
            work_area=values["work_area"],
            years_as_manager=int(values["years_as_manager"] or 0),
            school=values.get("school", ""),
            age_group=values.get("age_group", ""),
            completed_at=now,
            status_changed_at=now,
        )
        enrolment.full_clean(validate_unique=False)
        enrolment.save()
        # A list's answer fills in the person's gender, never erases one they gave.
        if values.get("gender"):
            person_statistics_set(person=person, gender=values["gender"])
        enrolment_admitted.send(sender=Enrolment, enrolment=enrolment)
        enrolments.append(enrolment)
    audit_record(
        actor=actor,
        action="enrolment.import",
        target=cohort,
        summary=f"{len(enrolments)} {batch.role}s from {batch.filename}",
    )
    batch.delete()
    return enrolments
