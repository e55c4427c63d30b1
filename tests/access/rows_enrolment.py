from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.utils import timezone

from programmes.models import ConsentRequest, EnrolmentStatus, ImportBatch, Nomination, Role
from programmes.services.enrolment import consent_link
from tests.factories import EnrolmentFactory, UserFactory
from tests.world import World

from .table import NOT_ALLOWED, OK, REDIRECT, STAFF, Row, expect, only


def _open_cohort(world: World) -> dict[str, Any]:
    cohort = world.cohort
    cohort.applications_open_on = timezone.localdate() - datetime.timedelta(days=1)
    cohort.applications_close_on = timezone.localdate() + datetime.timedelta(days=10)
    cohort.save()
    return {"pk": cohort.pk}


def _consent_token(world: World) -> dict[str, Any]:
    enrolment = EnrolmentFactory(
        cohort=world.cohort, status=EnrolmentStatus.APPLIED, municipality=world.municipality_a
    )
    consent = ConsentRequest.objects.create(
        enrolment=enrolment,
        manager_name="Maja",
        manager_email="maja@example.se",
        nonce=secrets.token_hex(16),
        asked_at=timezone.now(),
    )
    return {"token": consent_link(consent=consent).rstrip("/").rsplit("/", 1)[1]}


def _nomination(world: World) -> dict[str, Any]:
    enrolment = EnrolmentFactory(
        person=UserFactory(),
        cohort=world.cohort,
        status=EnrolmentStatus.APPLIED,
        municipality=world.municipality_a,
    )
    nomination = Nomination.objects.create(
        enrolment=enrolment, nominated_by=world.manager, motivation="Bra ledare."
    )
    return {"pk": nomination.pk}


def _nomination_of_outsider(world: World) -> dict[str, Any]:
    enrolment = EnrolmentFactory(
        person=world.outsider,
        cohort=world.cohort,
        status=EnrolmentStatus.APPLIED,
        municipality=world.municipality_a,
    )
    nomination = Nomination.objects.create(
        enrolment=enrolment, nominated_by=world.manager, motivation="Bra ledare."
    )
    return {"pk": nomination.pk}


def _import_batch(world: World) -> dict[str, Any]:
    batch = ImportBatch.objects.create(
        cohort=world.cohort, uploaded_by=world.coordinator, role=Role.MENTOR, filename="a.csv"
    )
    return {"pk": batch.pk}


ALL_SIGNED_IN = expect(OK)

ROWS = [
    Row(
        "programmes:apply",
        ALL_SIGNED_IN,
        kwargs=_open_cohort,
        why="Anyone signed in may apply to a cohort with an application window.",
    ),
    Row("programmes:my_applications", ALL_SIGNED_IN),
    Row(
        "programmes:application_withdraw",
        only("adept"),
        kwargs=lambda w: {"pk": w.adept_enrolment.pk},
        why="Only the applicant withdraws their own application.",
    ),
    Row(
        "programmes:consent_answer",
        expect(OK, anonymous=OK),
        kwargs=_consent_token,
        why="The manager has no account; the signed link is the permission.",
    ),
    Row(
        "programmes:cohort_applications",
        only("contact_a", "contact_b", *STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
        why="Contacts see their own municipality's applications; coordinators decide.",
    ),
    Row(
        "programmes:application_decide",
        expect(NOT_ALLOWED),
        kwargs=lambda w: {"pk": w.other_adept_enrolment.pk},
    ),
    Row(
        "programmes:application_decide",
        only(*STAFF, status=REDIRECT),
        kwargs=lambda w: {"pk": w.other_adept_enrolment.pk},
        method="post",
        data=lambda w: {"decision": "decline", "reason": "Test"},
    ),
    Row(
        "programmes:cohort_applications_bulk",
        expect(NOT_ALLOWED),
        kwargs=lambda w: {"pk": w.cohort.pk},
    ),
    Row(
        "programmes:cohort_applications_bulk",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
        method="post",
        data=lambda w: {"action": "export_csv", "scope": "all", "query": ""},
        why="Only the cohort's coordinators act on its applications; contacts read them.",
    ),
    Row(
        "programmes:cohort_participants",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
        why="The whole cohort's participants are for the people who run it.",
    ),
    Row(
        "programmes:cohort_participants_bulk",
        expect(NOT_ALLOWED),
        kwargs=lambda w: {"pk": w.cohort.pk},
    ),
    Row(
        "programmes:cohort_participants_bulk",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
        method="post",
        data=lambda w: {"action": "export_xlsx", "scope": "all", "query": ""},
    ),
    Row("programmes:work_areas", only(*STAFF), kwargs=lambda w: {"pk": w.programme.pk}),
    Row("programmes:nomination_settings", only(*STAFF), kwargs=lambda w: {"pk": w.programme.pk}),
    Row(
        "programmes:nominate",
        ALL_SIGNED_IN,
        kwargs=_open_cohort,
        why="Any signed-in manager may nominate; the page says when a programme does not.",
    ),
    Row("programmes:my_nominations", ALL_SIGNED_IN),
    Row(
        "programmes:nomination_detail",
        only("manager", *STAFF),
        kwargs=_nomination,
        why="The nominating manager, the nominee and the programme's coordinators.",
    ),
    Row(
        "programmes:nomination_accept",
        only("outsider"),
        kwargs=_nomination_of_outsider,
        why="Only the nominee accepts and answers the questions for statistics.",
    ),
    Row("programmes:import_upload", only(*STAFF), kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "programmes:import_preview",
        only("coordinator"),
        kwargs=_import_batch,
        why="Only the coordinator who uploaded the file confirms it.",
    ),
]
