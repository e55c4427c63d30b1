"""Writes for the consortium's core data: programmes, cohorts, municipalities, memberships."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from programmes.models import (
    ApprovalStage,
    Cohort,
    Membership,
    Municipality,
    Programme,
    WorkArea,
)
from programmes.services.enrolment_setup import NAME_MAX, STAGE_NAME_MAX, list_names_clean
from programmes.services.grants import Access, access_set
from programmes.setup import application_blockers
from programmes.shapes import shape_for


def _apply(instance: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def programme_create(
    *,
    created_by: User,
    coordinators: list[User] | None = None,
    approval_stages: Sequence[str] = (),
    work_areas: Sequence[str] = (),
    shape: str = "",
    **fields: Any,
) -> Programme:
    """A new programme with its lists; ``shape`` names the template it started from."""
    stage_names = list_names_clean(
        list(approval_stages), field="approval_stages", max_length=STAGE_NAME_MAX
    )
    area_names = list_names_clean(list(work_areas), field="work_areas", max_length=NAME_MAX)
    programme = Programme(**fields)
    programme.full_clean()
    programme.save()
    ApprovalStage.objects.bulk_create(
        ApprovalStage(programme=programme, name=name, position=position)
        for position, name in enumerate(stage_names)
    )
    WorkArea.objects.bulk_create(
        WorkArea(programme=programme, name=name, position=position)
        for position, name in enumerate(area_names)
    )
    # The person who creates a programme coordinates it unless others are named.
    access_set(
        granter=created_by,
        what=Access.COORDINATOR,
        target=programme,
        people=coordinators or [created_by],
    )
    template = shape_for(shape)
    audit_record(
        actor=created_by,
        action="programme.create",
        target=programme,
        summary=str(template.name) if template else "",
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    updated_by: User,
    coordinators: list[User] | None = None,
    **fields: Any,
) -> Programme:
    """Saves the programme; ``coordinators`` (None: unchanged) become its coordinators."""
    _apply(programme, fields)
    programme.full_clean()
    programme.save()
    if coordinators is not None:
        if not coordinators:
            raise ValidationError(_("A programme needs at least one coordinator."))
        access_set(
            granter=updated_by, what=Access.COORDINATOR, target=programme, people=coordinators
        )
    return programme


def validate_cohort_dates(
    *,
    starts_on: datetime.date,
    ends_on: datetime.date,
    applications_open_on: datetime.date | None,
    applications_close_on: datetime.date | None,
) -> None:
    errors: dict[str, str] = {}
    if ends_on <= starts_on:
        errors["ends_on"] = _("The cohort must end after it starts.")
    if (applications_open_on is None) != (applications_close_on is None):
        errors["applications_close_on"] = _(
            "Give both the first and the last day of the application window, or neither."
        )
    elif applications_open_on and applications_close_on:
        if applications_close_on < applications_open_on:
            errors["applications_close_on"] = _(
                "The application window must close on or after the day it opens."
            )
        elif applications_close_on > ends_on:
            errors["applications_close_on"] = _(
                "The application window must close before the cohort ends."
            )
    if errors:
        raise ValidationError(errors)


def validate_window_opens(
    *,
    programme: Programme,
    applications_open_on: datetime.date | None,
    applications_close_on: datetime.date | None,
    before: tuple[datetime.date | None, datetime.date | None] = (None, None),
) -> None:
    """Refuses a new or moved application window while the programme's form cannot be sent."""
    if applications_open_on is None or (applications_open_on, applications_close_on) == before:
        return
    blockers = application_blockers(programme)
    if blockers:
        raise ValidationError(
            {
                "applications_open_on": [
                    _(
                        "Applications cannot open yet, because nobody could send the form. "
                        "See the checklist on the programme page."
                    ),
                    *blockers,
                ]
            }
        )


@transaction.atomic
def cohort_create(*, programme: Programme, **fields: Any) -> Cohort:
    validate_cohort_dates(
        starts_on=fields["starts_on"],
        ends_on=fields["ends_on"],
        applications_open_on=fields.get("applications_open_on"),
        applications_close_on=fields.get("applications_close_on"),
    )
    if Cohort.objects.filter(programme=programme, name=fields["name"]).exists():
        raise ValidationError({"name": _("The programme already has a cohort with that name.")})
    validate_window_opens(
        programme=programme,
        applications_open_on=fields.get("applications_open_on"),
        applications_close_on=fields.get("applications_close_on"),
    )
    cohort = Cohort(programme=programme, **fields)
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, **fields: Any) -> Cohort:
    # From the database: a bound model form has already written its values onto `cohort`.
    window_before = (
        Cohort.objects.filter(pk=cohort.pk)
        .values_list("applications_open_on", "applications_close_on")
        .get()
    )
    _apply(cohort, fields)
    if (
        Cohort.objects.filter(programme=cohort.programme, name=cohort.name)
        .exclude(pk=cohort.pk)
        .exists()
    ):
        raise ValidationError({"name": _("The programme already has a cohort with that name.")})
    validate_cohort_dates(
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        applications_open_on=cohort.applications_open_on,
        applications_close_on=cohort.applications_close_on,
    )
    validate_window_opens(
        programme=cohort.programme,
        applications_open_on=cohort.applications_open_on,
        applications_close_on=cohort.applications_close_on,
        before=window_before,
    )
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def municipality_create(
    *, created_by: User, name: str, code: str, contacts: list[User] | None = None
) -> Municipality:
    """Adds a municipality; ``contacts`` (administrators only) become its contact persons."""
    municipality = Municipality(name=name.strip(), code=code.strip())
    municipality.full_clean()
    municipality.save()
    if contacts:
        access_set(granter=created_by, what=Access.CONTACT, target=municipality, people=contacts)
    return municipality


@transaction.atomic
def municipality_update(
    *,
    municipality: Municipality,
    updated_by: User,
    name: str,
    code: str,
    contacts: list[User] | None = None,
) -> Municipality:
    """Saves the name and code; ``contacts`` (None: unchanged) become its contact persons."""
    municipality.name = name.strip()
    municipality.code = code.strip()
    municipality.full_clean()
    municipality.save()
    if contacts is not None:
        access_set(granter=updated_by, what=Access.CONTACT, target=municipality, people=contacts)
    return municipality


def _validate_membership(
    *,
    programme: Programme,
    municipality: Municipality,
    joined_on: datetime.date,
    left_on: datetime.date | None,
    exclude_pk: int | None = None,
) -> None:
    if left_on is not None and left_on < joined_on:
        raise ValidationError({"left_on": _("A municipality cannot leave before it joins.")})
    # Two periods overlap when each starts before the other ends (open end = forever).
    others = Membership.objects.select_for_update().filter(
        programme=programme, municipality=municipality
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    overlapping = others.filter(Q(left_on__isnull=True) | Q(left_on__gte=joined_on))
    if left_on is not None:
        overlapping = overlapping.filter(joined_on__lte=left_on)
    if overlapping.exists():
        raise ValidationError(
            _("%(municipality)s is already a member of %(programme)s during that time.")
            % {"municipality": municipality.name, "programme": programme.name}
        )


@transaction.atomic
def membership_create(
    *,
    programme: Programme,
    municipality: Municipality,
    joined_on: datetime.date,
    left_on: datetime.date | None = None,
) -> Membership:
    _validate_membership(
        programme=programme, municipality=municipality, joined_on=joined_on, left_on=left_on
    )
    return Membership.objects.create(
        programme=programme, municipality=municipality, joined_on=joined_on, left_on=left_on
    )


@transaction.atomic
def membership_update(
    *, membership: Membership, joined_on: datetime.date, left_on: datetime.date | None
) -> Membership:
    _validate_membership(
        programme=membership.programme,
        municipality=membership.municipality,
        joined_on=joined_on,
        left_on=left_on,
        exclude_pk=membership.pk,
    )
    membership.joined_on = joined_on
    membership.left_on = left_on
    membership.save(update_fields=["joined_on", "left_on"])
    return membership
