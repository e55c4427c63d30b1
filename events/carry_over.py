"""What the next year takes over from events: the cohort's event plan and documents.

Fields are copied generically, every concrete field but the keys, the dates and the
timestamps, so a field added to Event or Resource later is carried along too. Nothing about
people comes along: no registrations, no invitees, no attendance.
"""

from __future__ import annotations

import posixpath
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from events.models import Event, Resource
from programmes.copying import CopyContext
from programmes.models import Cohort, Programme

# Set for the copy, not taken over: keys, the dates that move, when a row was made, and a
# cancellation (this year's kickoff was cancelled; next year's is planned as usual).
EVENT_SET_APART = {
    "id",
    "programme",
    "cohort",
    "starts_at",
    "ends_at",
    "created_at",
    "updated_at",
    "cancelled_at",
    "cancellation_note",
}
RESOURCE_SET_APART = {"id", "programme", "cohort", "file", "uploaded_by", "created_at"}


def _carried_fields(model: type[models.Model], set_apart: set[str]) -> dict[str, str]:
    """Field name → attribute to read, of every concrete field the copy takes over."""
    return {
        field.name: field.attname
        for field in model._meta.concrete_fields
        if field.name not in set_apart
    }


def _people_field(field: models.Field[Any, Any]) -> bool:
    return field.related_model is User


def copy_cohort(*, source: Cohort, target: Cohort, copy: CopyContext) -> list[str]:
    events = _copy_events(source=source, target=target, copy=copy)
    documents = _copy_resources(
        Resource.objects.filter(cohort=source),
        programme=target.programme,
        cohort=target,
        events=events,
        copy=copy,
    )
    copied = []
    if events:
        copied.append(
            ngettext("%(count)d event", "%(count)d events", len(events)) % {"count": len(events)}
        )
    if documents:
        copied.append(
            ngettext("%(count)d document or link", "%(count)d documents and links", documents)
            % {"count": documents}
        )
    return copied


def copy_programme(*, source: Programme, target: Programme, copy: CopyContext) -> list[str]:
    """The documents for every cohort of the programme, e.g. the mentor book."""
    documents = _copy_resources(
        Resource.objects.filter(programme=source, cohort__isnull=True),
        programme=target,
        cohort=None,
        events={},
        copy=copy,
    )
    if not documents:
        return []
    return [
        ngettext(
            "%(count)d document or link for every cohort",
            "%(count)d documents and links for every cohort",
            documents,
        )
        % {"count": documents}
    ]


def _copy_events(*, source: Cohort, target: Cohort, copy: CopyContext) -> dict[int, Event]:
    """The cohort's events moved by the offset; old event id → new event."""
    fields = _carried_fields(Event, EVENT_SET_APART)
    # Many-to-many fields other than people, e.g. the municipalities an open event is for.
    m2m = [field for field in Event._meta.many_to_many if not _people_field(field)]
    copies: dict[int, Event] = {}
    for event in Event.objects.filter(cohort=source).prefetch_related(*(f.name for f in m2m)):
        new = Event(
            programme=target.programme,
            cohort=target,
            starts_at=copy.shift_datetime(event.starts_at),
            ends_at=copy.shift_datetime(event.ends_at),
            **{attname: getattr(event, attname) for attname in fields.values()},
        )
        new.full_clean(validate_unique=False)
        new.save()
        for field in m2m:
            getattr(new, field.name).set(getattr(event, field.name).all())
        copies[event.pk] = new
    return copies


def _copy_resources(
    resources: models.QuerySet[Resource],
    *,
    programme: Programme,
    cohort: Cohort | None,
    events: dict[int, Event],
    copy: CopyContext,
) -> int:
    fields = _carried_fields(Resource, RESOURCE_SET_APART)
    # A document of an event goes with the event's copy; one of an event left behind stays
    # with the cohort or programme.
    event_links = [
        field.attname
        for field in Resource._meta.concrete_fields
        if field.is_relation and field.related_model is Event
    ]
    count = 0
    for resource in resources.order_by("created_at", "pk"):
        values = {attname: getattr(resource, attname) for attname in fields.values()}
        for attname in event_links:
            old = values.get(attname)
            values[attname] = events[old].pk if old in events else None
        new = Resource(
            programme=programme,
            cohort=cohort,
            uploaded_by=copy.actor,
            created_at=timezone.now(),
            **values,
        )
        if resource.file:
            new.file.name = _file_copy(resource, copy=copy)
        new.save()
        count += 1
    return count


def _file_copy(resource: Resource, *, copy: CopyContext) -> str:
    """The stored file written again under a new name, so each copy can be deleted alone."""
    storage: Storage = resource.file.storage
    try:
        with storage.open(resource.file.name, "rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        raise ValidationError(
            _(
                "The file of the document “%(title)s” is missing from the storage, so it "
                "cannot be copied. Upload it again or remove the document, then copy."
            )
            % {"title": resource.title}
        ) from None
    folder, old_name = posixpath.split(resource.file.name)
    extension = posixpath.splitext(old_name)[1]
    written = storage.save(
        posixpath.join(folder, f"{uuid.uuid4().hex}{extension}"), ContentFile(data)
    )
    copy.on_rollback(lambda: storage.delete(written))
    return written
