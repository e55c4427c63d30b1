"""Writes of the reports app: generating and storing reports, recording later appointments."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from notifications.queueing import enqueue_on_commit
from pairs.models import Pair
from programmes.models import Cohort, Enrolment, Municipality, Programme

from .figures import collect_figures
from .models import (
    Appointment,
    GeneratedReport,
    OutcomeTarget,
    ReportStatus,
    report_stalled_after,
)
from .rendering import report_pdf

logger = logging.getLogger(__name__)

# Up to this many pairs a report renders while the person waits; beyond, a task does it.
SMALL_REPORT_PAIRS = 60
# A large report's task is given this long to start before the sweep makes the report itself.
WAKE_GRACE = datetime.timedelta(minutes=1)
# Reports one sweep makes at most; the next sweep takes the rest.
SWEEP_REPORTS = 3
POST_MAX_LENGTH = 200


def report_is_small(*, cohort: Cohort) -> bool:
    return Pair.objects.filter(cohort=cohort).count() <= SMALL_REPORT_PAIRS


# The task that produces a report in a worker (reports/tasks.py).
REPORT_GENERATE_TASK = "reports.report_generate"


def report_request(
    *,
    actor: User,
    cohort: Cohort,
    municipality: Municipality | None = None,
    language: str,
) -> GeneratedReport:
    """Records the request; a small report is generated at once, a large one by a task."""
    with transaction.atomic():
        report = GeneratedReport.objects.create(
            cohort=cohort, municipality=municipality, language=language, requested_by=actor
        )
        audit_record(
            actor=actor,
            action="report.request",
            target=report,
            summary=f"{cohort} {municipality or ''}".strip(),
        )
        if not report_is_small(cohort=cohort):
            enqueue_on_commit(REPORT_GENERATE_TASK, report.pk)
            return report
    return report_generate(report_id=report.pk)


def _set_progress(report_id: int, progress: int, status: str = ReportStatus.RUNNING) -> None:
    # Saved outside any transaction, so that the polling page sees each step.
    GeneratedReport.objects.filter(pk=report_id).update(progress=progress, status=status)


def report_generate(*, report_id: int) -> GeneratedReport:
    """Collects, renders and stores the PDF, reporting progress on the way."""
    report = GeneratedReport.objects.select_related("cohort__programme", "municipality").get(
        pk=report_id
    )
    # Taken by one worker only: a task and the sweep may both have been told to make it.
    claimed = GeneratedReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.RUNNING
    )
    if not claimed:
        return report
    try:
        _set_progress(report.pk, 10)
        # In the language asked for on the form, not the requester's or the worker's.
        figures = collect_figures(
            cohort=report.cohort, municipality=report.municipality, language=report.language
        )
        _set_progress(report.pk, 40)
        rendered = report_pdf(figures, language=report.language)
        _set_progress(report.pk, 90)
    except Exception:
        logger.exception("Report %s failed", report.pk)
        _set_progress(report.pk, 100, ReportStatus.FAILED)
        report.refresh_from_db()
        return report
    report.pdf.save(report_filename(report), ContentFile(rendered.pdf), save=False)
    report.pages = rendered.pages
    report.status = ReportStatus.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.save(update_fields=["pdf", "pages", "status", "progress", "finished_at"])
    return report


def reports_pending_generate(*, limit: int = SWEEP_REPORTS) -> int:
    """The sweep's step: makes reports whose task never came (the broker was down); oldest first.

    A report waits WAKE_GRACE for its task first; one older than report_stalled_after() shows
    as failed with a button to ask again, so it is left alone here.
    """
    now = timezone.now()
    waiting = GeneratedReport.objects.filter(
        status=ReportStatus.PENDING,
        created_at__lte=now - WAKE_GRACE,
        created_at__gt=now - report_stalled_after(),
    ).order_by("created_at", "pk")
    made = 0
    for report_id in waiting.values_list("pk", flat=True)[:limit]:
        made += report_generate(report_id=report_id).is_done
    return made


def report_filename(report: GeneratedReport) -> str:
    parts = [report.cohort.programme.name, report.cohort.name]
    if report.municipality:
        parts.append(report.municipality.name)
    return slugify("-".join(parts)) + f"-{report.language}.pdf"


@transaction.atomic
def appointment_record(
    *,
    actor: User,
    enrolment: Enrolment,
    appointed_on: datetime.date,
    post: str,
    is_manager_post: bool = True,
    is_internal: bool = True,
) -> Appointment:
    post = post.strip()
    if not post:
        raise ValidationError({"post": _("Give the post.")})
    if len(post) > POST_MAX_LENGTH:
        raise ValidationError({"post": _("Keep the post under 200 characters.")})
    if appointed_on < enrolment.cohort.starts_on:
        raise ValidationError(
            {"appointed_on": _("An appointment is recorded from the cohort's start onwards.")}
        )
    if appointed_on > timezone.localdate():
        raise ValidationError({"appointed_on": _("The appointment date cannot be in the future.")})
    if Appointment.objects.filter(
        enrolment=enrolment, appointed_on=appointed_on, post=post
    ).exists():
        raise ValidationError(_("That appointment is already recorded."))
    appointment = Appointment.objects.create(
        enrolment=enrolment,
        appointed_on=appointed_on,
        post=post,
        is_manager_post=is_manager_post,
        is_internal=is_internal,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="appointment.record",
        target=enrolment,
        summary=f"{appointed_on.isoformat()}",
    )
    return appointment


@transaction.atomic
def outcome_target_set(
    *, actor: User, programme: Programme, manager_share_percent: int, within_months: int
) -> OutcomeTarget:
    if not 1 <= manager_share_percent <= 100:
        raise ValidationError(
            {"manager_share_percent": _("The target is a share between 1 and 100 %.")}
        )
    if within_months < 1:
        raise ValidationError({"within_months": _("Give at least one month.")})
    target, _created = OutcomeTarget.objects.update_or_create(
        programme=programme,
        defaults={"manager_share_percent": manager_share_percent, "within_months": within_months},
    )
    audit_record(
        actor=actor,
        action="outcome_target.set",
        target=programme,
        summary=f"{manager_share_percent} % within {within_months} months",
    )
    return target
