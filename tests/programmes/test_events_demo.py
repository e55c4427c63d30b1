"""The demo builds the seeds' events, resources and invoice bases, and can run twice."""

from __future__ import annotations

import io

import pytest

from programmes import demo, demo_running
from programmes.models import AgreementPeriod, Event, InvoiceBasis, InvoiceStatus, Resource


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
