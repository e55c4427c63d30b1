"""Resources: the coordinator adds files (checked, stored under a random name) and links."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from common.uploads import upload_check
from events.models import Event, Resource
from programmes.models import Cohort, Programme


def _validate_cohort(programme: Programme, cohort: Cohort | None) -> None:
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError({"cohort": _("The cohort belongs to another programme.")})


@transaction.atomic
def resource_add(
    *,
    programme: Programme,
    title: str,
    uploaded_by: User,
    cohort: Cohort | None = None,
    description: str = "",
    upload: UploadedFile | None = None,
    url: str = "",
    event: Event | None = None,
) -> Resource:
    """A file or a link (exactly one) for the programme, one of its cohorts or one event."""
    _validate_cohort(programme, cohort)
    if event is not None and (
        event.programme_id != programme.pk
        or event.cohort_id != (cohort.pk if cohort is not None else None)
    ):
        raise ValidationError(_("The material belongs to another programme or cohort."))
    if bool(upload) == bool(url):
        raise ValidationError(_("Give either a file or a link."))
    if url and not url.lower().startswith("https://"):
        raise ValidationError({"url": _("The link must start with https://.")})
    resource = Resource(
        programme=programme,
        cohort=cohort,
        event=event,
        title=title.strip(),
        description=description.strip(),
        url=url,
        uploaded_by=uploaded_by,
    )
    if upload is not None:
        try:
            checked = upload_check(upload)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from None
        resource.original_name = checked.original_name
        resource.content_type = checked.file_type.content_type
        resource.size = len(checked.data)
        resource.file.save(checked.stored_name, ContentFile(checked.data), save=False)
    resource.save()
    audit_record(actor=uploaded_by, action="resource.add", target=resource, summary=resource.title)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor: User) -> None:
    stored = resource.file.name if resource.file else ""
    storage = resource.file.storage if resource.file else None
    audit_record(actor=actor, action="resource.delete", target=resource, summary=resource.title)
    resource.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))
