"""The demo builds the seeds' events, resources and invoice bases, and can run twice."""

from __future__ import annotations

import io

import pytest

from demo import consortium as demo
from demo import running as demo_running
from events.models import Event, Resource
from fees.models import InvoiceBasis, InvoiceStatus
from programmes.models import AgreementPeriod


@pytest.mark.django_db
def test_the_demo_builds_events_resources_and_bases_and_can_run_twice(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    demo.build(stdout=out)
    demo_running.build(stdout=out)
    demo_running.build(stdout=out)
    titles = set(Event.objects.values_list("title", flat=True))
    assert {"Seminarium i Bålsta om mentorskap", "Ledardag", "Mentordag"} <= titles
    assert Event.objects.count() == len(demo_running.EVENTS)
    assert Resource.objects.filter(title="Digital mentorbok").get().file.read().startswith(b"%PDF-")
    assert AgreementPeriod.objects.count() == 2
    statuses = set(InvoiceBasis.objects.values_list("status", flat=True))
    assert statuses == {InvoiceStatus.DRAFT, InvoiceStatus.SENT, InvoiceStatus.PAID}


@pytest.mark.django_db
def test_the_demo_gives_the_running_year_its_events_and_fees(settings, tmp_path) -> None:
    from demo import enrolment as demo_enrolment
    from programmes.models import Cohort

    settings.MEDIA_ROOT = tmp_path
    for module in (demo, demo_enrolment, demo_running):  # the order load_demo runs them in
        module.build(stdout=io.StringIO())
    running = Cohort.objects.filter(programme__name=demo.CONSORTIUM_PROGRAMME).running().get()
    # A coming year exists too (applications are open for it); it is not the one with fees.
    assert Cohort.objects.filter(programme__name=demo.CONSORTIUM_PROGRAMME).count() > 1
    # Every municipality with participants this year has its basis (the coming year's first
    # admission has one of its own).
    running_bases = InvoiceBasis.objects.filter(cohort=running)
    assert set(running_bases.values_list("municipality__name", flat=True)) == set(
        running.enrolments.values_list("municipality__name", flat=True)
    )
    cohort_events = Event.objects.exclude(cohort=None)
    assert cohort_events.exists() and set(cohort_events.values_list("cohort", flat=True)) == {
        running.pk
    }
