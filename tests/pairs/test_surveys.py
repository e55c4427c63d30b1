"""Surveys: the builder's question kinds, pulse surveys sent now or on a day, preview and test
send, answers of every kind, results with NPS, anonymity and the CSV export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery
from notifications.services import deliveries_send
from pairs.models import (
    Answer,
    Audience,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    SurveyKind,
)
from pairs.services.evaluation import evaluation_answer, pulse_create
from pairs.services.notify import EVALUATION_INVITE, SURVEY_TEST
from pairs.services.sweep import sweep_run
from pairs.surveys import question_results
from programmes.models import Role
from tests.factories import EnrolmentFactory
from tests.todos import find, todos_on_start_page
from tests.world import World

pytestmark = pytest.mark.django_db

OPTIONS = "Varje månad\nVarannan månad\nMer sällan"


def _pulse(world: World, *, open_from: datetime.date | None = None) -> Questionnaire:
    survey = Questionnaire.objects.create(
        cohort=world.cohort, kind=SurveyKind.PULSE, title="Halvtid", open_from=open_from
    )
    for position, (kind, text, options) in enumerate(
        [
            (QuestionKind.SCALE, "Hur går det?", ""),
            (QuestionKind.SINGLE, "Hur ofta ses ni?", OPTIONS),
            (QuestionKind.MULTIPLE, "Vad pratar ni om?", "Ledarskap\nKarriär\nStress"),
            (QuestionKind.NPS, "Skulle du rekommendera programmet?", ""),
            (QuestionKind.TEXT, "Något mer?", ""),
        ],
        start=1,
    ):
        Question.objects.create(
            questionnaire=survey,
            audience=Audience.BOTH,
            kind=kind,
            text=text,
            options=options,
            position=position,
        )
    return survey


def _questions(survey: Questionnaire) -> dict[str, Question]:
    return {question.kind: question for question in survey.questions.all()}


def _adepts(world: World, count: int) -> list:
    return [
        EnrolmentFactory(
            cohort=world.cohort, role=Role.ADEPT, municipality=world.municipality_a
        ).person
        for _n in range(count)
    ]


def _builder(world: World, survey: Questionnaire, client_for):
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    return client, reverse("pairs:survey_edit", kwargs={"pk": survey.pk})


def _add(client, url: str, kind: str, text: str, options: str = "", audience: str = "both"):
    return client.post(
        url,
        {
            "add_question": "1",
            "new-audience": audience,
            "new-kind": kind,
            "new-text": text,
            "new-options": options,
        },
    )


# The builder ----------------------------------------------------------------------


def test_a_new_pulse_survey_starts_with_three_questions_for_everyone_and_is_not_sent(
    world: World, client_for
) -> None:
    client = client_for("coordinator")
    response = client.post(reverse("pairs:pulse_create", kwargs={"pk": world.cohort.pk}))
    survey = Questionnaire.objects.get(cohort=world.cohort, kind=SurveyKind.PULSE)
    assert response.url == reverse("pairs:survey_edit", kwargs={"pk": survey.pk})
    kinds = list(survey.questions.values_list("kind", "audience"))
    assert kinds == [("scale", "both"), ("nps", "both"), ("text", "both")]
    assert survey.opens_on is None and not survey.is_open()
    assert sweep_run().evaluations == 0


def test_the_builder_adds_each_kind_in_order_with_choice_options_one_per_line(
    world: World, client_for
) -> None:
    survey = pulse_create(cohort=world.cohort, actor=world.coordinator)
    survey.questions.all().delete()
    client, url = _builder(world, survey, client_for)
    _add(client, url, "single", "Hur ofta ses ni?", " Varje månad \n\nMer sällan\n")
    _add(client, url, "multiple", "Vad pratar ni om?", "Ledarskap\nKarriär\nStress", "adept")
    _add(client, url, "nps", "Rekommendera?", "ignoreras")
    _add(client, url, "scale", "Hur går det?", audience="mentor")
    rows = list(survey.questions.values_list("kind", "audience", "options", "position"))
    assert rows == [
        ("single", "both", "Varje månad\nMer sällan", 1),
        ("multiple", "adept", "Ledarskap\nKarriär\nStress", 2),
        ("nps", "both", "", 3),
        ("scale", "mentor", "", 4),
    ]
    last = survey.questions.get(position=4)
    client.post(reverse("pairs:question_move", kwargs={"pk": last.pk}), {"direction": "up"})
    assert list(survey.questions.values_list("kind", flat=True)) == [
        "single",
        "multiple",
        "scale",
        "nps",
    ]


@pytest.mark.parametrize(
    ("kind", "text", "options", "message"),
    [
        ("single", "Hur ofta?", "Bara ett", "Write at least two options, one per line."),
        ("multiple", "Vad?", "Samma\nSamma", "Each option must be different from the others."),
        ("single", "   ", "A\nB", "This field is required."),
        ("ranking", "Rangordna", "", "Select a valid choice."),
    ],
)
def test_a_bad_question_gets_a_clear_message_and_nothing_is_added(
    world: World, client_for, kind: str, text: str, options: str, message: str
) -> None:
    survey = _pulse(world)
    client, url = _builder(world, survey, client_for)
    before = survey.questions.count()
    response = _add(client, url, kind, text, options)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert survey.questions.count() == before


def test_a_closing_day_before_the_first_is_refused(world: World, client_for) -> None:
    survey = _pulse(world)
    client, url = _builder(world, survey, client_for)
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "q-title": "Halvtid",
            "q-open_from": (today + datetime.timedelta(days=5)).isoformat(),
            "q-open_until": (today + datetime.timedelta(days=2)).isoformat(),
            "q-send_reminder": "on",
        },
    )
    assert "The survey must close on or after its first day." in response.content.decode()
    survey.refresh_from_db()
    assert survey.open_from is None and survey.open_until is None


def test_questions_cannot_change_once_someone_has_answered(world: World, client_for) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    evaluation_answer(questionnaire=survey, person=world.adept, answers={})
    client, url = _builder(world, survey, client_for)
    question = survey.questions.first()
    assert question is not None
    client.post(reverse("pairs:question_remove", kwargs={"pk": question.pk}))
    _add(client, url, "scale", "En till?")
    assert survey.questions.count() == 5


# Preview and test send ----------------------------------------------------------------


def test_the_preview_shows_each_role_its_own_questions_and_cannot_be_sent(
    world: World, client_for
) -> None:
    survey = _pulse(world)
    Question.objects.create(
        questionnaire=survey, audience=Audience.MENTOR, kind="text", text="Bara mentorer?"
    )
    client, _url = _builder(world, survey, client_for)
    adept = client.get(
        reverse("pairs:survey_preview", kwargs={"pk": survey.pk, "role": "adept"})
    ).content.decode()
    mentor = client.get(
        reverse("pairs:survey_preview", kwargs={"pk": survey.pk, "role": "mentor"})
    ).content.decode()
    assert "Preview: the survey as a participant (Adept) sees it." in adept
    assert "Hur ofta ses ni?" in adept and "Varannan månad" in adept
    assert "Bara mentorer?" not in adept and "Bara mentorer?" in mentor
    assert "disabled>Send my answers" in adept
    bad = reverse("pairs:survey_preview", kwargs={"pk": survey.pk, "role": "chef"})
    assert client.get(bad).status_code == 404
    assert not Response.objects.exists()


def test_a_test_send_reaches_only_the_coordinator_each_time_before_the_survey_opens(
    world: World, client_for, outbox
) -> None:
    survey = _pulse(world)
    client, _url = _builder(world, survey, client_for)
    send = reverse("pairs:survey_test_send", kwargs={"pk": survey.pk})
    client.post(send)
    client.post(send)
    deliveries_send()
    assert [m.to for m in outbox] == [[world.coordinator.email]] * 2
    body = outbox[0].body
    assert reverse("pairs:evaluation_answer", kwargs={"pk": survey.pk}) in body
    assert Delivery.objects.filter(kind=SURVEY_TEST).count() == 2
    assert not Delivery.objects.filter(kind=EVALUATION_INVITE).exists()


# Sending ----------------------------------------------------------------------------


def test_send_now_opens_the_survey_and_invites_every_participant_once(
    world: World, client_for, outbox
) -> None:
    survey = _pulse(world)
    client, _url = _builder(world, survey, client_for)
    response = client.post(reverse("pairs:survey_send_now", kwargs={"pk": survey.pk}))
    survey.refresh_from_db()
    assert survey.open_from == timezone.localdate() and survey.is_open()
    assert "4 invitations are being sent" in client.get(response.url).content.decode()
    deliveries_send()
    invited = sorted(m.to[0] for m in outbox)
    assert invited == sorted(
        p.email for p in (world.adept, world.mentor, world.other_adept, world.other_mentor)
    )
    # In each participant's own language: Swedish unless they chose otherwise.
    assert "Hur går det? En kort enkät för 2026/27" in outbox[0].subject
    # The sweep finds them invited already.
    assert sweep_run().evaluations == 0
    assert len(outbox) == 4


def test_a_survey_without_questions_is_not_sent(world: World, client_for) -> None:
    survey = Questionnaire.objects.create(cohort=world.cohort, kind=SurveyKind.PULSE)
    client, _url = _builder(world, survey, client_for)
    response = client.post(reverse("pairs:survey_send_now", kwargs={"pk": survey.pk}))
    assert "Add a question before sending the survey." in client.get(response.url).content.decode()
    survey.refresh_from_db()
    assert survey.open_from is None
    assert not Delivery.objects.exists()


def test_a_survey_on_a_chosen_day_is_sent_by_the_sweep_from_that_day_once_then_reminded(
    world: World, outbox
) -> None:
    today = timezone.localdate()
    survey = _pulse(world, open_from=today + datetime.timedelta(days=3))
    now = timezone.now()
    assert sweep_run(now=now).evaluations == 0
    # The day comes.
    Questionnaire.objects.filter(pk=survey.pk).update(open_from=today)
    survey.refresh_from_db()
    assert sweep_run(now=now).evaluations == 4
    assert sweep_run(now=now).evaluations == 0
    evaluation_answer(questionnaire=survey, person=world.adept, answers={})
    assert sweep_run(now=now + datetime.timedelta(days=8)).evaluation_reminders == 3
    assert sweep_run(now=now + datetime.timedelta(days=9)).evaluation_reminders == 0
    assert world.adept.email not in {m.to[0] for m in outbox[4:]}


def test_a_survey_without_reminders_reminds_nobody(world: World) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    survey.send_reminder = False
    survey.save()
    now = timezone.now()
    assert sweep_run(now=now).evaluations == 4
    assert sweep_run(now=now + datetime.timedelta(days=8)).evaluation_reminders == 0


def test_a_closed_survey_is_not_sent(world: World) -> None:
    today = timezone.localdate()
    _pulse(world, open_from=today - datetime.timedelta(days=10))
    Questionnaire.objects.update(open_until=today - datetime.timedelta(days=1))
    assert sweep_run().evaluations == 0


# Answering --------------------------------------------------------------------------


def test_a_participant_answers_every_kind_from_the_pair_page_and_it_goes_away(
    world: World, client_for
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    q = _questions(survey)
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    pair_page = reverse("pairs:pair_detail", kwargs={"pk": world.pair.pk})
    answer_url = reverse("pairs:evaluation_answer", kwargs={"pk": survey.pk})
    assert answer_url in client.get(pair_page).content.decode()
    (todo,) = find(todos_on_start_page(client), "Answer the survey: Halvtid")
    assert todo.url == answer_url
    response = client.post(
        answer_url,
        {
            f"q{q['scale'].pk}": "4",
            f"q{q['single'].pk}": "1",
            f"q{q['multiple'].pk}": ["0", "2"],
            f"q{q['nps'].pk}": "9",
            f"q{q['text'].pk}": "Bra samtal",
        },
    )
    assert response.status_code == 302
    stored = {
        answer.question.kind: (answer.scale, answer.score, answer.choices, answer.text)
        for answer in Answer.objects.select_related("question")
    }
    assert stored == {
        "scale": (4, None, [], ""),
        "single": (None, None, [1], ""),
        "multiple": (None, None, [0, 2], ""),
        "nps": (None, 9, [], ""),
        "text": (None, None, [], "Bra samtal"),
    }
    assert answer_url not in client.get(pair_page).content.decode()
    assert find(todos_on_start_page(client), "Answer the survey: Halvtid") == []


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("nps", 11, "0 till 10"),
        ("nps", -1, "0 till 10"),
        ("single", 3, "Välj bland alternativen"),
        ("single", [0, 1], "Välj bland alternativen"),
        ("multiple", [0, 0], "Välj bland alternativen"),
        ("multiple", [5], "Välj bland alternativen"),
        ("scale", 0, "1 till 5"),
    ],
)
def test_an_answer_outside_its_question_is_refused_and_nothing_is_stored(
    world: World, kind: str, value: object, message: str
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    question = _questions(survey)[kind]
    with pytest.raises(ValidationError, match=message):
        evaluation_answer(
            questionnaire=survey,
            person=world.adept,
            answers={question.pk: value},  # type: ignore[dict-item]
        )
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_posted_option_that_does_not_exist_is_refused_on_the_page(
    world: World, client_for
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    single = _questions(survey)["single"]
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:evaluation_answer", kwargs={"pk": survey.pk})
    response = client.post(url, {f"q{single.pk}": "7"})
    assert "Select a valid choice." in response.content.decode()
    assert not Response.objects.exists()


def test_a_survey_not_yet_open_cannot_be_answered(world: World, client_for) -> None:
    survey = _pulse(world)
    client = client_for("adept")
    client.cookies["mentorship_language"] = "en"
    url = reverse("pairs:evaluation_answer", kwargs={"pk": survey.pk})
    assert "The survey is not open yet." in client.get(url).content.decode()
    response = client.post(url, {f"q{_questions(survey)['scale'].pk}": "3"})
    assert "The survey is closed." in response.content.decode()
    assert not Response.objects.exists()


# Results ----------------------------------------------------------------------------


def _five_answer(world: World, survey: Questionnaire) -> None:
    q = _questions(survey)
    people = [world.adept, world.other_adept, *_adepts(world, 3)]
    for person, (scale, single, multiple, nps, text) in zip(
        people,
        [
            (5, 0, [0], 10, "Mer tid"),
            (4, 0, [0, 1], 10, "Fler träffar"),
            (4, 1, [1], 9, ""),
            (3, 0, [], 7, "Bra"),
            (2, 2, [0, 2], 3, "Allt"),
        ],
        strict=True,
    ):
        evaluation_answer(
            questionnaire=survey,
            person=person,
            answers={
                q["scale"].pk: scale,
                q["single"].pk: single,
                q["multiple"].pk: multiple,
                q["nps"].pk: nps,
                q["text"].pk: text,
            },
        )


def test_results_give_the_mean_the_choice_shares_and_the_nps(world: World) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    _five_answer(world, survey)
    results = {result.kind: result for result in question_results(survey)}
    assert results["scale"].average == pytest.approx(3.6)
    assert results["scale"].distribution == [(1, 0), (2, 1), (3, 1), (4, 2), (5, 1)]
    assert [(o.label, o.count, o.percent) for o in results["single"].options] == [
        ("Varje månad", 3, 60),
        ("Varannan månad", 1, 20),
        ("Mer sällan", 1, 20),
    ]
    # Four chose something; one left it empty.
    assert [(o.count, o.percent) for o in results["multiple"].options] == [
        (3, 75),
        (2, 50),
        (1, 25),
    ]
    nps = results["nps"]
    assert (nps.promoters, nps.passives, nps.detractors) == (3, 1, 1)
    assert nps.nps == 40
    assert results["text"].texts == ["Allt", "Bra", "Fler träffar", "Mer tid"]


def test_results_page_shows_the_nps_and_hides_a_group_under_five(world: World, client_for) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    Question.objects.create(
        questionnaire=survey, audience=Audience.MENTOR, kind="nps", text="Mentorernas NPS?"
    )
    _five_answer(world, survey)
    evaluation_answer(questionnaire=survey, person=world.mentor, answers={})
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    body = client.get(reverse("pairs:survey_results", kwargs={"pk": survey.pk})).content.decode()
    assert "NPS 40" in body
    assert "3 would recommend it (9–10), 1 are neutral (7–8), 1 would not (0–6)." in body
    mentors = body[body.index("Mentorernas NPS?") :]
    assert "Fewer than five have answered" in mentors[:400]
    for person in (world.adept, world.other_adept, world.mentor):
        assert person.full_name not in body


def test_with_four_respondents_nothing_of_the_answers_is_shown(world: World) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    q = _questions(survey)
    for person in [world.adept, world.other_adept, *_adepts(world, 2)]:
        evaluation_answer(
            questionnaire=survey, person=person, answers={q["nps"].pk: 10, q["text"].pk: "Hej"}
        )
    results = question_results(survey)
    assert all(result.hidden for result in results)
    assert all(result.nps is None and not result.texts and not result.options for result in results)


def test_the_csv_holds_the_aggregated_results_with_the_same_anonymity(
    world: World, client_for
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    Question.objects.create(
        questionnaire=survey, audience=Audience.MENTOR, kind="scale", text="=Mentorer?"
    )
    _five_answer(world, survey)
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    response = client.get(reverse("pairs:survey_results_csv", kwargs={"pk": survey.pk}))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Question", "Asked of", "Kind"]
    lines = {(row[0], row[5]): row for row in rows[1:]}
    assert lines[("Skulle du rekommendera programmet?", "NPS")][6] == "40"
    assert lines[("Hur ofta ses ni?", "Varje månad")][6:] == ["3", "60"]
    assert lines[("Hur går det?", "Average")][6] == "3,60"
    # The mentors' question: nobody answered, so it is hidden; its text cannot run as a formula.
    assert lines[("'=Mentorer?", "Fewer than five have answered")][6] == "<5"
    for person in (world.adept, world.other_adept):
        assert person.full_name not in response.content.decode()
        assert person.email not in response.content.decode()


# Access -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_coordinator", "adept", "contact_a", "administrator"])
def test_only_the_programmes_coordinators_build_send_and_read_a_survey(
    world: World, client_for, persona: str
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    client = client_for(persona)
    pk = {"pk": survey.pk}
    for name in ("pairs:survey_edit", "pairs:survey_results", "pairs:survey_results_csv"):
        assert client.get(reverse(name, kwargs=pk)).status_code == 404
    preview = reverse("pairs:survey_preview", kwargs={**pk, "role": "adept"})
    assert client.get(preview).status_code == 404
    for name in ("pairs:survey_send_now", "pairs:survey_test_send"):
        assert client.post(reverse(name, kwargs=pk)).status_code == 404
    question = survey.questions.first()
    assert question is not None
    assert (
        client.post(reverse("pairs:question_remove", kwargs={"pk": question.pk})).status_code == 404
    )
    assert survey.questions.count() == 5
    assert not Delivery.objects.exists()


def test_the_survey_list_shows_the_cohorts_surveys_with_their_answers(
    world: World, client_for
) -> None:
    _pulse(world, open_from=timezone.localdate())
    evaluation = Questionnaire.objects.create(cohort=world.cohort)
    client = client_for("coordinator")
    client.cookies["mentorship_language"] = "en"
    body = client.get(reverse("pairs:survey_list", kwargs={"pk": world.cohort.pk})).content.decode()
    assert "Halvtid" in body and "End-of-year evaluation" in body
    assert reverse("pairs:survey_results", kwargs={"pk": evaluation.pk}) in body
    assert "Write the end-of-year evaluation" not in body
    other = client_for("other_coordinator")
    assert (
        other.get(reverse("pairs:survey_list", kwargs={"pk": world.cohort.pk})).status_code == 404
    )


def test_the_results_page_costs_the_same_queries_for_more_answers(
    world: World, client_for, django_assert_max_num_queries
) -> None:
    survey = _pulse(world, open_from=timezone.localdate())
    _five_answer(world, survey)
    client = client_for("coordinator")
    url = reverse("pairs:survey_results", kwargs={"pk": survey.pk})
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for person in _adepts(world, 10):
        evaluation_answer(
            questionnaire=survey, person=person, answers={_questions(survey)["nps"].pk: 8}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
