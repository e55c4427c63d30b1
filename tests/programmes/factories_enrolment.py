"""Factories for applications, consent, nominations and the enrolment settings."""

from __future__ import annotations

import datetime
import secrets

import factory
import pytest
from django.utils import timezone

from programmes.models import (
    AdmissionRule,
    ApprovalStage,
    ConsentRequest,
    EnrolmentStatus,
    WorkArea,
)
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory


class OpenCohortFactory(CohortFactory):
    """A cohort whose application window is open today."""

    applications_open_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=5)
    )
    applications_close_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=20)
    )
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=400))


def open_cohort(*, rule: str = AdmissionRule.OPEN, places: int = 40, **kwargs: object):
    programme = kwargs.pop("programme", None) or ProgrammeFactory(admission_rule=rule)
    return OpenCohortFactory(
        programme=programme, adept_places=places, mentor_places=places, **kwargs
    )


class ApplicationFactory(EnrolmentFactory):
    status = EnrolmentStatus.APPLIED
    cohort = factory.SubFactory(OpenCohortFactory)


class ConsentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRequest

    enrolment = factory.SubFactory(ApplicationFactory)
    manager_name = "Maja Närmastechef"
    manager_email = factory.Sequence(lambda n: f"chef{n}@example.se")
    nonce = factory.LazyFunction(lambda: secrets.token_hex(16))
    asked_at = factory.LazyFunction(timezone.now)


class WorkAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkArea

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Verksamhet {n}")


class ApprovalStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovalStage

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Steg {n}")
    position = factory.Sequence(int)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a callable and then its on-commit work (the emails), as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Pages and emails in English, so tests read the msgids; test_*_in_swedish checks sv."""
    from django.utils import translation

    real_activate = translation.activate
    monkeypatch.setattr(translation, "activate", lambda language: real_activate("en"))
    real_activate("en")
    yield
    translation.deactivate()
