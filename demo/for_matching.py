"""Demo data for matching: the consortium's leader-profile questionnaire in Swedish, travel
times between its municipalities, and answers for the running cohort's participants.

Builds on demo/consortium.py; idempotent (natural keys: programme, dimension name,
question text, municipality pair, enrolment and question).
"""

from __future__ import annotations

import random
from typing import TextIO

from django.utils import timezone

from demo.consortium import CONSORTIUM_PROGRAMME
from matching.models import (
    Audience,
    ChoicePurpose,
    CohortMatching,
    Dimension,
    DimensionMode,
    ProfileAnswer,
    Question,
    QuestionKind,
    Questionnaire,
    TravelTime,
)
from programmes.models import Cohort, Enrolment, Municipality, Programme, Role

INTRODUCTION = (
    "Ledarprofilen hjälper oss att hitta en mentor eller adept som passar dig. Svara utifrån "
    "hur du är som chef i dag. Dina svar sparas direkt och du kan fortsätta senare. "
    "Fritextsvaren läses bara av samordnaren."
)

# (dimension, favours, statements)
DIMENSIONS = [
    (
        "Leda förändring",
        DimensionMode.SIMILAR,
        [
            "Jag tar gärna initiativ till nya arbetssätt.",
            "Jag är trygg med att leda när det är oklart vart vi är på väg.",
            "Jag involverar medarbetarna tidigt i förändringar.",
        ],
    ),
    (
        "Relationer",
        DimensionMode.SIMILAR,
        [
            "Jag lägger tid på att lära känna mina medarbetare.",
            "Jag tar svåra samtal i tid.",
            "Jag bygger nätverk utanför min egen förvaltning.",
        ],
    ),
    (
        "Struktur",
        DimensionMode.COMPLEMENT,
        [
            "Jag planerar noga och följer upp det vi bestämt.",
            "Jag har god kontroll på ekonomi och budget.",
            "Jag tycker om tydliga rutiner.",
        ],
    ),
    (
        "Reflektion",
        DimensionMode.SIMILAR,
        [
            "Jag tar mig tid att tänka över mitt eget ledarskap.",
            "Jag ber om återkoppling på hur jag leder.",
        ],
    ),
]
NEEDS_OPTIONS = [
    "Förändringsledning",
    "Kommunikation och att leda samtal",
    "Konflikthantering",
    "Ekonomi och budget",
    "Arbetsmiljö och hälsa",
    "Strategiskt tänkande",
    "Att leda chefer",
    "Balans mellan arbete och fritid",
]
AREAS_OPTIONS = [
    "Socialtjänst",
    "Skola och förskola",
    "Äldreomsorg",
    "Teknisk förvaltning",
    "Kultur och fritid",
    "Administration och stöd",
]
# Minutes one way by car between the consortium's municipalities (centre to centre).
TRAVEL_MINUTES = {
    ("0305", "0381"): 20,
    ("0305", "0330"): 35,
    ("0305", "0114"): 30,
    ("0305", "0382"): 85,
    ("0381", "0330"): 50,
    ("0381", "0114"): 45,
    ("0381", "0382"): 90,
    ("0330", "0114"): 20,
    ("0330", "0382"): 60,
    ("0114", "0382"): 80,
}


def _questionnaire(programme: Programme) -> list[Question]:
    questionnaire, _created = Questionnaire.objects.get_or_create(
        programme=programme, defaults={"introduction": INTRODUCTION}
    )
    position = 0
    questions: list[Question] = []
    for order, (name, mode, statements) in enumerate(DIMENSIONS):
        dimension, _created = Dimension.objects.get_or_create(
            questionnaire=questionnaire, name=name, defaults={"mode": mode, "position": order}
        )
        for statement in statements:
            position += 1
            question, _created = Question.objects.get_or_create(
                questionnaire=questionnaire,
                text=statement,
                defaults={"kind": QuestionKind.SCALE, "dimension": dimension, "position": position},
            )
            questions.append(question)
    extra = [
        {
            "text": "Vad vill du utveckla i ditt ledarskap? Välj högst tre.",
            "mentor_text": "Vad kan du bidra med som mentor? Välj det du har erfarenhet av.",
            "kind": QuestionKind.CHOICE,
            "purpose": ChoicePurpose.NEEDS,
            "options": "\n".join(NEEDS_OPTIONS),
        },
        {
            "text": "Inom vilka verksamheter har du arbetat som chef?",
            "kind": QuestionKind.CHOICE,
            "purpose": ChoicePurpose.INFORMATION,
            "options": "\n".join(AREAS_OPTIONS),
        },
        {
            "text": "Beskriv kort en situation som chef där du skulle ha velat ha en mentor.",
            "mentor_text": "Beskriv kort vad du själv har haft mest nytta av som chef.",
            "kind": QuestionKind.TEXT,
        },
        {
            "text": "Finns det något mer samordnaren bör veta inför matchningen?",
            "kind": QuestionKind.TEXT,
            "audience": Audience.BOTH,
        },
    ]
    for fields in extra:
        position += 1
        question, _created = Question.objects.get_or_create(
            questionnaire=questionnaire,
            text=fields.pop("text"),
            defaults={**fields, "position": position},
        )
        questions.append(question)
    return questions


def _travel_times() -> None:
    by_code = {
        m.code: m
        for m in Municipality.objects.filter(code__in={c for p in TRAVEL_MINUTES for c in p})
    }
    for (a, b), minutes in TRAVEL_MINUTES.items():
        if a not in by_code or b not in by_code:
            continue
        low, high = sorted([by_code[a], by_code[b]], key=lambda m: m.pk)
        TravelTime.objects.get_or_create(
            origin=low, destination=high, defaults={"minutes": minutes}
        )


def _answers(enrolment: Enrolment, questions: list[Question], *, finish: bool) -> None:
    rng = random.Random(f"ledarprofil-{enrolment.person.email}")
    todo = [q for q in questions if q.is_for(enrolment.role)]
    if not finish:
        # Someone who started and will come back later.
        todo = todo[: len(todo) // 2]
    for question in todo:
        defaults: dict[str, object] = {}
        if question.kind == QuestionKind.SCALE:
            defaults["scale_value"] = rng.randint(2, 5)
        elif question.kind == QuestionKind.CHOICE:
            options = question.option_list
            count = 3 if enrolment.role == Role.ADEPT else rng.randint(3, 5)
            defaults["choices"] = rng.sample(options, min(count, len(options)))
        else:
            continue
        ProfileAnswer.objects.get_or_create(
            enrolment=enrolment, question=question, defaults=defaults
        )


def build(*, stdout: TextIO) -> None:
    programme = Programme.objects.filter(name=CONSORTIUM_PROGRAMME).first()
    if programme is None:
        stdout.write("matching: no consortium programme, nothing to add")
        return
    questions = _questionnaire(programme)
    _travel_times()
    cohorts = Cohort.objects.filter(programme=programme).running()
    answered = 0
    for cohort in cohorts:
        config, _created = CohortMatching.objects.get_or_create(cohort=cohort)
        if config.profiles_opened_at is None:
            config.profiles_opened_at = timezone.now()
            config.save(update_fields=["profiles_opened_at"])
        enrolments = list(
            Enrolment.objects.admitted()
            .filter(cohort=cohort)
            .select_related("person")
            .order_by("pk")
        )
        adepts = [e for e in enrolments if e.role == Role.ADEPT]
        # The last adept has only half finished, so the coordinator has someone to remind.
        unfinished = adepts[-1].pk if adepts else None
        for enrolment in enrolments:
            _answers(enrolment, questions, finish=enrolment.pk != unfinished)
            answered += 1
    stdout.write(
        f"matching: questionnaire with {len(questions)} questions, travel times, "
        f"leader profiles for {answered} participants"
    )
