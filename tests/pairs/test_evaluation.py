"""The end-of-year evaluation: written per cohort, sent before the end, answered anonymously."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from pairs.models import Answer, Question, Questionnaire, Response
from pairs.services.evaluation import evaluation_answer
from pairs.services.sweep import sweep_run
from programmes.models import Enrolment, Role
from tests.factories import EnrolmentFactory, UserFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _ending_soon(world: World, days: int = 10) -> None:
    world.cohort.ends_on = timezone.localdate() + datetime.timedelta(days=days)
    world.cohort.save()


def _questionnaire(world: World) -> tuple[Questionnaire, Question, Question, Question]:
    questionnaire = Questionnaire.objects.create(cohort=world.cohort, send_days_before_end=30)
    scale = Question.objects.create(
        questionnaire=questionnaire, audience=Role.ADEPT, kind="scale", text="Hur nöjd är du?"
    )
    text = Question.objects.create(
        questionnaire=questionnaire, audience=Role.ADEPT, kind="text", text="Vad tar du med dig?"
    )
    mentor = Question.objects.create(
        questionnaire=questionnaire, audience=Role.MENTOR, kind="scale", text="Gav det dig något?"
    )
    return questionnaire, scale, text, mentor


def test_the_coordinator_writes_the_questionnaire(world: World, client_for) -> None:
    coordinator = client_for("coordinator")
    url = reverse("pairs:questionnaire_edit", kwargs={"pk": world.cohort.pk})
    coordinator.post(url, {"q-introduction": "Tack för året!", "q-send_days_before_end": "21"})
    questionnaire = Questionnaire.objects.get(cohort=world.cohort)
    assert questionnaire.send_days_before_end == 21
    coordinator.post(
        url,
        {"add_question": "1", "new-audience": "adept", "new-kind": "scale", "new-text": "Nöjd?"},
    )
    coordinator.post(
        url,
        {"add_question": "1", "new-audience": "mentor", "new-kind": "text", "new-text": "Tips?"},
    )
    assert list(questionnaire.questions.values_list("audience", "kind", "text")) == [
        ("adept", "scale", "Nöjd?"),
        ("mentor", "text", "Tips?"),
    ]


def test_the_evaluation_is_sent_before_the_end_with_one_reminder_to_those_who_have_not_answered(
    world: World, outbox
) -> None:
    _ending_soon(world)
    questionnaire, *_questions = _questionnaire(world)
    now = timezone.now()
    first = sweep_run(now=now)
    # adept, mentor, other_adept and other_mentor are admitted.
    assert first.evaluations == 4
    assert sweep_run(now=now).evaluations == 0
    Response.objects.create(
        questionnaire=questionnaire,
        person=world.adept,
        role=Role.ADEPT,
        municipality=world.municipality_a,
    )
    assert sweep_run(now=now + datetime.timedelta(days=2)).evaluation_reminders == 0
    later = sweep_run(now=now + datetime.timedelta(days=8))
    assert later.evaluation_reminders == 3
    assert sweep_run(now=now + datetime.timedelta(days=9)).evaluation_reminders == 0
    reminded = {m.to[0] for m in outbox[4:]}
    assert world.adept.email not in reminded and world.mentor.email in reminded


def test_the_evaluation_is_not_sent_before_its_time(world: World, outbox) -> None:
    _ending_soon(world, days=60)
    _questionnaire(world)
    assert sweep_run().evaluations == 0


def test_a_participant_answers_once_and_the_answer_is_stored_without_their_name(
    world: World, client_for
) -> None:
    _ending_soon(world)
    questionnaire, scale, text, _mentor = _questionnaire(world)
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:evaluation_answer", kwargs={"pk": questionnaire.pk})
    page = client.get(url).content.decode()
    assert "Hur nöjd är du?" in page and "Gav det dig något?" not in page
    response = client.post(url, {f"q{scale.pk}": "4", f"q{text.pk}": "Modet att delegera"})
    assert response.status_code == 302
    assert Response.objects.filter(person=world.adept).count() == 1
    assert set(Answer.objects.values_list("scale", "text")) == {
        (None, "Modet att delegera"),
        (4, ""),
    }
    assert not any(f.name in ("person", "response") for f in Answer._meta.get_fields())
    again = client.post(url, {f"q{scale.pk}": "1"})
    assert "You have already answered the survey." in again.content.decode()
    assert Answer.objects.count() == 2


def test_nothing_in_an_answer_row_orders_it_against_the_responses(world: World) -> None:
    """Neither the key nor a timestamp tells which answers came with which response."""
    _ending_soon(world)
    questionnaire, scale, _text, _mentor = _questionnaire(world)
    people = [world.adept]
    for _n in range(5):
        enrolment = EnrolmentFactory(
            cohort=world.cohort, role=Role.ADEPT, municipality=world.municipality_a
        )
        people.append(enrolment.person)
    for value, person in enumerate(people, start=0):
        evaluation_answer(
            questionnaire=questionnaire, person=person, answers={scale.pk: 1 + value % 5}
        )
    keys = list(Answer.objects.values_list("pk", flat=True))
    assert all(isinstance(key, uuid.UUID) for key in keys)
    assert not any(
        isinstance(field, (models.DateField, models.DateTimeField, models.AutoField))
        for field in Answer._meta.get_fields()
    )
    assert len(set(keys)) == len(people)


def test_an_answer_after_the_evaluation_closed_is_refused(world: World, client_for) -> None:
    questionnaire, scale, _text, _mentor = _questionnaire(world)
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=400)
    world.cohort.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    world.cohort.save()
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:evaluation_answer", kwargs={"pk": questionnaire.pk})
    response = client.post(url, {f"q{scale.pk}": "5"})
    assert "The survey is closed." in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_results_are_aggregated_with_rates_per_municipality_and_hidden_under_five(
    world: World, client_for
) -> None:
    _ending_soon(world)
    questionnaire, scale, text, mentor_question = _questionnaire(world)
    adepts = [world.adept] + [
        EnrolmentFactory(
            cohort=world.cohort,
            role=Role.ADEPT,
            municipality=world.municipality_a,
            person=UserFactory(),
        ).person
        for _n in range(5)
    ]
    from pairs.services.evaluation import evaluation_answer

    for n, person in enumerate(adepts):
        evaluation_answer(
            questionnaire=questionnaire,
            person=person,
            answers={scale.pk: 3 + n % 3, text.pk: f"Svar nummer {n}"},
        )
    evaluation_answer(
        questionnaire=questionnaire, person=world.mentor, answers={mentor_question.pk: 5}
    )
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    body = client.get(
        reverse("pairs:evaluation_results", kwargs={"pk": world.cohort.pk})
    ).content.decode()
    # Håbo: the world's adept and five more, all answered.
    habo = body[
        body.index('<th scope="row">Håbo') : body.index("</tr>", body.index('<th scope="row">Håbo'))
    ]
    assert "<td>6</td><td>6</td><td>100 %</td>" in habo
    assert "Average 4.0 of 5" in body or "Average 4,0 of 5" in body
    assert "Svar nummer 0" in body and "Svar nummer 5" in body
    # One mentor answered: fewer than five, so nothing of it is shown.
    mentor_section = body[body.index("Gav det dig något?") :]
    assert "Fewer than five have answered" in mentor_section[:400]
    # Nobody's name is next to an answer.
    for person in adepts:
        assert person.full_name not in body
    assert Enrolment.objects.filter(cohort=world.cohort, role=Role.ADEPT).count() == 7


def test_a_scale_answer_outside_one_to_five_is_refused(world: World) -> None:
    from django.core.exceptions import ValidationError

    from pairs.services.evaluation import evaluation_answer

    _ending_soon(world)
    questionnaire, scale, _text, _mentor = _questionnaire(world)
    with pytest.raises(ValidationError, match="1 till 5"):
        evaluation_answer(questionnaire=questionnaire, person=world.adept, answers={scale.pk: 6})
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_send_ahead_outside_one_to_180_days_is_refused_and_nothing_changes(
    world: World, client_for
) -> None:
    questionnaire, *_questions = _questionnaire(world)
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:questionnaire_edit", kwargs={"pk": world.cohort.pk})
    for days in ("0", "181", "99999999"):
        response = client.post(url, {"q-introduction": "x", "q-send_days_before_end": days})
        assert response.status_code == 200
        assert "Ensure this value is" in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.send_days_before_end == 30 and questionnaire.introduction == ""
