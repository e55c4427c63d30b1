"""Demo data for the pair's year: pairs in the consortium's running cohort, with their year so far.

Pairs are formed here only if nobody has published pairs for the cohort yet (matching's demo
may have). The demo mentor and adept (the first of each) form a pair with a rich history:
an agreement, held and planned meetings, goals with ratings, homework and reflections.
Idempotent: everything is looked up by its natural key before it is created.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.utils import timezone

from demo.consortium import CONSORTIUM_PROGRAMME
from pairs.models import (
    Agreement,
    FitAnswer,
    Goal,
    GoalRating,
    Homework,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Pair,
    Question,
    QuestionKind,
    Questionnaire,
    Reflection,
    SurveyKind,
)
from programmes.models import Cohort, Enrolment, Role

EVALUATION_QUESTIONS = [
    (Role.ADEPT, QuestionKind.SCALE, "Hur väl har mentorskapet hjälpt dig i ditt ledarskap?"),
    (Role.ADEPT, QuestionKind.SCALE, "Hur nöjd är du med din mentor?"),
    (Role.ADEPT, QuestionKind.TEXT, "Vad tar du med dig från året?"),
    (Role.MENTOR, QuestionKind.SCALE, "Hur givande har året varit för dig som mentor?"),
    (Role.MENTOR, QuestionKind.TEXT, "Vad skulle göra programmet bättre nästa år?"),
]
GOALS = [
    ("Gå hem i tid tre dagar i veckan", [3, 4, 6]),
    ("Delegera ett ansvarsområde till en medarbetare", [2, 5]),
]
MEETING_NOTES = [
    "Vi gick igenom överenskommelsen och pratade om vad Sara vill med året.",
    "Samtal om att prioritera bort: vad händer om jag inte gör allt själv?",
    "Genomgång av en svår personalfråga och hur man förbereder samtalet.",
]


def build(*, stdout: TextIO) -> None:
    cohorts = Cohort.objects.filter(programme__name=CONSORTIUM_PROGRAMME).running()
    made = 0
    for cohort in cohorts:
        if not Pair.objects.active().filter(cohort=cohort).exists():
            made += _pair_up(cohort)
        pairs = list(
            Pair.objects.active()
            .filter(cohort=cohort)
            .select_related("mentor__person", "adept__person")
            .order_by("pk")
        )
        for index, pair in enumerate(pairs):
            _year(pair, rich=index == 0, quiet=index == len(pairs) - 1)
        _evaluation(cohort)
    stdout.write(f"pairs: {made} new pairs, meetings, goals, reflections and an evaluation")


def _pair_up(cohort: Cohort) -> int:
    """Each adept with the first free mentor from another municipality, in enrolment order.

    Only those admitted before the year started: the autumn's late admissions are left for
    the coordinator to match in the demo.
    """
    admitted = (
        Enrolment.objects.admitted()
        .filter(cohort=cohort, status_changed_at__date__lt=cohort.starts_on)
        .order_by("pk")
    )
    mentors = list(admitted.filter(role=Role.MENTOR))
    made = 0
    for adept in admitted.filter(role=Role.ADEPT):
        mentor = next((m for m in mentors if m.municipality_id != adept.municipality_id), None)
        if mentor is None:
            continue
        mentors.remove(mentor)
        Pair.objects.create(
            cohort=cohort,
            mentor=mentor,
            adept=adept,
            created_at=timezone.make_aware(
                datetime.datetime.combine(cohort.starts_on, datetime.time(9))
            ),
        )
        made += 1
    return made


def _at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _year(pair: Pair, *, rich: bool, quiet: bool) -> None:
    if pair.meetings.exists():
        return
    today = timezone.localdate()
    start = max(pair.cohort.starts_on, today - datetime.timedelta(days=120))
    held = [] if quiet else [start + datetime.timedelta(days=14 + 30 * n) for n in range(3)]
    for n, day in enumerate(d for d in held if d < today):
        Meeting.objects.create(
            pair=pair,
            starts_at=_at(day),
            minutes=90,
            mode=MeetingMode.IN_PERSON if n % 2 == 0 else MeetingMode.DIGITAL,
            place=f"{pair.mentor.municipality.name}s kommunhus" if n % 2 == 0 else "",
            link="" if n % 2 == 0 else "https://teams.microsoft.com/l/meetup-join/demo",
            status=MeetingStatus.HELD,
            held_minutes=85,
            notes=MEETING_NOTES[n % len(MEETING_NOTES)] if rich else "",
            created_by=pair.adept.person,
        )
    if quiet:
        return
    Meeting.objects.create(
        pair=pair,
        starts_at=_at(today + datetime.timedelta(days=1 if rich else 12), 10),
        minutes=90,
        mode=MeetingMode.IN_PERSON,
        place=f"{pair.mentor.municipality.name}s kommunhus",
        questions="Vad har hänt sedan sist? Vad vill du ta upp den här gången?",
        created_by=pair.mentor.person,
    )
    confirmed = _at(start + datetime.timedelta(days=14))
    Agreement.objects.get_or_create(
        pair=pair,
        defaults={
            "meeting_frequency": "En gång i månaden, 90 minuter",
            "meeting_place": "Hos mentorn, ibland digitalt",
            "confidentiality": "Det vi säger till varandra stannar mellan oss.",
            "adept_wishes": "Bli tryggare i min chefsroll och hitta balans mellan jobb och fritid.",
            "mentor_confirmed_at": confirmed,
            "adept_confirmed_at": confirmed if rich else None,
        },
    )
    for person in (pair.mentor.person, pair.adept.person):
        FitAnswer.objects.get_or_create(pair=pair, person=person, defaults={"works": True})
    if not rich:
        return
    for title, ratings in GOALS:
        goal, created = Goal.objects.get_or_create(pair=pair, title=title)
        if created:
            for n, rating in enumerate(ratings):
                GoalRating.objects.create(
                    goal=goal, rating=rating, rated_on=start + datetime.timedelta(days=14 + 30 * n)
                )
    Homework.objects.get_or_create(
        pair=pair,
        title="Skriv ner tre uppgifter som någon annan kan göra",
        defaults={"due_on": today + datetime.timedelta(days=7)},
    )
    Homework.objects.get_or_create(
        pair=pair,
        title="Läs kapitlet om svåra samtal",
        defaults={"due_on": today - datetime.timedelta(days=3), "done_at": timezone.now()},
    )
    Reflection.objects.get_or_create(
        pair=pair,
        author=pair.adept.person,
        text="Jag märker att jag säger ja till allt. Nästa gång vill jag prata om att säga nej.",
    )
    Reflection.objects.get_or_create(
        pair=pair,
        author=pair.adept.person,
        text="Bra träff! Jag delar gärna det här: det hjälpte att höra hur du gjorde.",
        defaults={"shared": True},
    )
    Reflection.objects.get_or_create(
        pair=pair,
        author=pair.mentor.person,
        text="Sara är klokare än hon tror. Jag vill utmana henne mer nästa gång.",
    )


def _evaluation(cohort: Cohort) -> None:
    questionnaire, _created = Questionnaire.objects.get_or_create(
        cohort=cohort,
        kind=SurveyKind.EVALUATION,
        defaults={
            "introduction": "Tack för året! Dina svar är anonyma och hjälper oss bli bättre."
        },
    )
    for position, (audience, kind, text) in enumerate(EVALUATION_QUESTIONS, start=1):
        Question.objects.get_or_create(
            questionnaire=questionnaire,
            text=text,
            defaults={"audience": audience, "kind": kind, "position": position},
        )
