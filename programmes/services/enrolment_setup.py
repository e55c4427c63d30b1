"""The coordinator's settings for enrolment: work areas and the nomination's approval stages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from programmes.models import ApprovalStage, Programme, WorkArea

NAME_MAX = 100
STAGE_NAME_MAX = 200


def list_names_clean(names: list[str], *, field: str, max_length: int) -> list[str]:
    cleaned: list[str] = []
    for name in (" ".join(n.split()) for n in names):
        if not name:
            continue
        if len(name) > max_length:
            raise ValidationError(
                {
                    field: _("“%(name)s” is longer than %(max)d characters.")
                    % {"name": name[:30], "max": max_length}
                }
            )
        if name.casefold() in {c.casefold() for c in cleaned}:
            raise ValidationError({field: _("“%(name)s” is listed twice.") % {"name": name}})
        cleaned.append(name)
    return cleaned


@transaction.atomic
def work_areas_set(*, programme: Programme, names: list[str], actor: User) -> list[WorkArea]:
    """Replaces the programme's work area list, keeping entries whose names stay."""
    cleaned = list_names_clean(names, field="names", max_length=NAME_MAX)
    if not cleaned:
        raise ValidationError({"names": _("List at least one work area.")})
    programme.work_areas.exclude(name__in=cleaned).delete()
    areas = []
    for position, name in enumerate(cleaned):
        area, _created = WorkArea.objects.update_or_create(
            programme=programme, name=name, defaults={"position": position}
        )
        areas.append(area)
    audit_record(actor=actor, action="programme.work_areas", target=programme)
    return areas


@transaction.atomic
def nomination_settings_update(
    *, programme: Programme, guidance: str, stage_names: list[str], actor: User
) -> list[ApprovalStage]:
    """Sets the guidance text and the ordered approval stages of a nomination programme."""
    cleaned = list_names_clean(stage_names, field="stages", max_length=STAGE_NAME_MAX)
    if not cleaned:
        raise ValidationError({"stages": _("List at least one approval stage.")})
    keep = set(cleaned)
    removed = programme.approval_stages.exclude(name__in=keep)
    if removed.filter(decisions__isnull=False).exists():
        raise ValidationError(
            {"stages": _("A stage that has already decided on a nomination cannot be removed.")}
        )
    removed.delete()
    stages = []
    for position, name in enumerate(cleaned):
        stage, _created = ApprovalStage.objects.update_or_create(
            programme=programme, name=name, defaults={"position": position}
        )
        stages.append(stage)
    programme.nomination_guidance = guidance.strip()
    programme.save(update_fields=["nomination_guidance"])
    audit_record(actor=actor, action="programme.nomination_settings", target=programme)
    return stages
