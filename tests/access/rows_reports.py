from __future__ import annotations

from django.core.files.base import ContentFile

from reports.models import GeneratedReport, ReportStatus
from tests.world import World

from .table import Row, only

# The cohort's overview and yearly report hold every municipality's people and money.
COHORT_READERS = only("coordinator", "administrator")
# A municipality's view: its contacts, and the coordinators of programmes it belongs to.
MUNICIPALITY_A_READERS = only("contact_a", "coordinator", "administrator")


def _report(world: World, *, done: bool = False) -> GeneratedReport:
    report = GeneratedReport.objects.create(
        cohort=world.cohort,
        municipality=world.municipality_a,
        language="sv",
        requested_by=world.contact_a,
    )
    if done:
        report.pdf.save("access-table.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        report.status = ReportStatus.DONE
        report.progress = 100
        report.save()
    return report


ROWS = [
    Row(
        "reports:index",
        only("contact_a", "contact_b", "coordinator", "other_coordinator", "administrator"),
        why="Lists only what each may open; people with nothing to report on get 404.",
    ),
    Row(
        "reports:cohort_overview",
        COHORT_READERS,
        kwargs=lambda w: {"pk": w.cohort.pk},
        why="The overview shows every municipality's people and fees.",
    ),
    Row("reports:cohort_reports", COHORT_READERS, kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "reports:cohort_csv",
        COHORT_READERS,
        kwargs=lambda w: {"pk": w.cohort.pk, "table": "fees"},
    ),
    Row(
        "reports:municipality_view",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": w.municipality_a.pk},
        why="Contact B gets 404 for Håbo; coordinators see the municipalities of their consortium.",
    ),
    Row(
        "reports:municipality_reports",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": w.municipality_a.pk, "cohort_pk": w.cohort.pk},
    ),
    Row(
        "reports:municipality_csv",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": w.municipality_a.pk, "cohort_pk": w.cohort.pk, "table": "fees"},
    ),
    Row(
        "reports:report_status",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": _report(w).pk},
        why="A stored Håbo report: Håbo's contacts and the programme's coordinators.",
    ),
    Row(
        "reports:report_download",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": _report(w, done=True).pk},
    ),
    Row(
        "reports:appointment_create",
        MUNICIPALITY_A_READERS,
        kwargs=lambda w: {"pk": w.adept_enrolment.pk},
        why="The adept is from Håbo: Håbo's contact or the programme's coordinator records it.",
    ),
    Row(
        "reports:outcome_target",
        only("coordinator", "administrator"),
        kwargs=lambda w: {"pk": w.programme.pk},
        why="The programme's own coordinators set its outcome target.",
    ),
]
