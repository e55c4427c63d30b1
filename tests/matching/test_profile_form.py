"""The participant's leader profile posted as a whole: every answer saved at once, or none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from matching.models import ProfileAnswer
from matching.services.profile import AnswerGiven, profile_answers_save
from programmes.models import Enrolment

from .factories import NEEDS, Profiled

pytestmark = pytest.mark.django_db


def _answers(enrolment: Enrolment) -> dict[int, tuple[int | None, list[str], str]]:
    return {
        a.question_id: (a.scale_value, a.choices, a.text)
        for a in ProfileAnswer.objects.filter(enrolment=enrolment)
    }


def _client(adept: Enrolment, language: str = "sv") -> Client:
    client = Client()
    client.force_login(adept.person)
    client.cookies["mentorship_language"] = language
    return client


def _post(profiled: Profiled, **changes: object) -> dict[str, object]:
    first, second = profiled.scale_questions
    data: dict[str, object] = {
        f"q{first.pk}": "5",
        f"q{second.pk}": "2",
        f"q{profiled.needs_question.pk}": [NEEDS[2], NEEDS[3]],
        f"q{profiled.text_question.pk}": "  Jag leder en skola.  ",
    }
    data.update(changes)
    return data


def test_a_good_post_saves_every_answer_at_once(profiled: Profiled) -> None:
    adept = profiled.adepts[0]
    ProfileAnswer.objects.filter(enrolment=adept).delete()
    url = reverse("matching:profile", kwargs={"pk": adept.pk})
    response = _client(adept).post(url, _post(profiled), follow=True)
    first, second = profiled.scale_questions
    assert _answers(adept) == {
        first.pk: (5, [], ""),
        second.pk: (2, [], ""),
        profiled.needs_question.pk: (None, [NEEDS[2], NEEDS[3]], ""),
        profiled.text_question.pk: (None, [], "Jag leder en skola."),
    }
    page = response.content.decode()
    assert "Din ledarprofil sparades." in page
    assert "3 av 3 obligatoriska svar" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("scale", "9", "Svara på skalan från 1 till 5."),
        ("scale", "fyra", "Svara på skalan från 1 till 5."),
        ("needs", ["Ekonomi", "Golf"], "Välj bland de alternativ som finns."),
    ],
    ids=["scale-out-of-range", "scale-not-a-number", "option-not-offered"],
)
def test_a_bad_answer_saves_none_of_the_others_and_says_which_is_wrong(
    profiled: Profiled, field: str, value: object, message: str
) -> None:
    adept = profiled.adepts[0]
    before = _answers(adept)
    question = profiled.scale_questions[1] if field == "scale" else profiled.needs_question
    url = reverse("matching:profile", kwargs={"pk": adept.pk})
    response = _client(adept).post(url, _post(profiled, **{f"q{question.pk}": value}))
    assert response.status_code == 200
    assert _answers(adept) == before
    page = response.content.decode()
    assert "Ingenting sparades. Rätta svaren som är markerade nedan." in page
    status = page.split(f'id="status-q{question.pk}"', 1)[1].split("</div>", 1)[0]
    assert message in status
    # What the participant wrote stays on the page for them to correct and post again.
    assert "Jag leder en skola." in page


def test_the_message_is_in_the_participants_language(profiled: Profiled) -> None:
    adept = profiled.adepts[0]
    question = profiled.scale_questions[0]
    url = reverse("matching:profile", kwargs={"pk": adept.pk})
    page = _client(adept, "en").post(url, _post(profiled, **{f"q{question.pk}": "0"}))
    assert "Answer on the scale from 1 to 5." in page.content.decode()
    assert "Nothing was saved." in page.content.decode()


def test_one_answer_saved_through_htmx_leaves_the_others_alone(profiled: Profiled) -> None:
    adept = profiled.adepts[0]
    before = _answers(adept)
    question = profiled.scale_questions[0]
    url = reverse("matching:profile_answer", kwargs={"pk": adept.pk, "question_pk": question.pk})
    # htmx posts the page's whole form; only the question that changed is saved.
    response = _client(adept).post(url, _post(profiled, **{f"q{question.pk}": "3"}))
    assert response.status_code == 200
    after = _answers(adept)
    assert after.pop(question.pk) == (3, [], "")
    before.pop(question.pk)
    assert after == before


def test_the_service_stores_nothing_when_a_later_answer_is_refused(profiled: Profiled) -> None:
    adept = profiled.adepts[0]
    before = _answers(adept)
    first, second = profiled.scale_questions
    with pytest.raises(ValidationError) as refusal:
        profile_answers_save(
            enrolment=adept,
            answers=[
                AnswerGiven(question=first, scale_value=5),
                AnswerGiven(question=profiled.text_question, text="Ny text"),
                AnswerGiven(question=second, scale_value=7),
            ],
        )
    assert refusal.value.messages == [f"{second.text}: Svara på skalan från 1 till 5."]
    assert _answers(adept) == before


def test_an_adept_cannot_post_another_persons_profile(
    profiled: Profiled, client_for: Callable[[str], Client]
) -> None:
    adept, other = profiled.adepts[0], profiled.adepts[1]
    before = _answers(other)
    url = reverse("matching:profile", kwargs={"pk": other.pk})
    response = _client(adept).post(url, _post(profiled))
    assert response.status_code == 404
    assert _answers(other) == before
