"""The pair's mails a programme can shape (notifications/mail_registry.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from notifications.mail_registry import Mail, MergeField, absolute, link_field, merge_fields
from programmes.models import Enrolment, Role
from programmes.services.mail_templates import sample_partner

from .models import Meeting, MeetingMode, MentorGroup, Pair, Questionnaire, SurveyKind
from .services.check_in import GROUP_CHECK_IN, PAIR_CHECK_IN
from .services.notify import (
    EVALUATION_INVITE,
    EVALUATION_REMINDER,
    MEETING_REMINDER,
    PAIR_NUDGE,
)

PARTNER = MergeField("partner", _("The other person's full name"), lambda c: c["partner"].full_name)


def _meeting_time(format: str) -> Callable[[dict[str, Any]], str]:
    # As the default text writes it, so that the default text shows the field.
    return lambda c: formats.date_format(timezone.localtime(c["meeting"].starts_at), format)


MEETING_STARTS = MergeField(
    "meeting_starts", _("When the meeting starts"), _meeting_time("l j F Y, H:i")
)
MEETING_SHORT = MergeField(
    "meeting_short", _("When the meeting starts, in short"), _meeting_time("j F, H:i")
)
MEETING_PLACE = MergeField("place", _("Where the meeting is"), lambda c: c["meeting"].place)
PAIR_LINK = link_field("pair_url", _("Link to the pair's page"))
CLOSES_ON = MergeField("closes_on", _("The last day to answer"), lambda c: c["closes_on"])
ANSWER_LINK = link_field("answer_url", _("Link to the survey"))
# The default time of a made-up meeting: a week from now at five.
SAMPLE_MEETING_IN = datetime.timedelta(days=7)
# A made-up evaluation closes this long before its cohort ends.
SAMPLE_CLOSES_BEFORE_END = datetime.timedelta(days=14)


def _pair(enrolment: Enrolment) -> Pair:
    partner = sample_partner(enrolment)
    adept, mentor = (enrolment, partner) if enrolment.role == Role.ADEPT else (partner, enrolment)
    return Pair(pk=0, cohort=enrolment.cohort, adept=adept, mentor=mentor)


def _meeting(enrolment: Enrolment) -> dict[str, Any]:
    pair = _pair(enrolment)
    starts_at = (timezone.localtime() + SAMPLE_MEETING_IN).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    meeting = Meeting(
        pk=0,
        pair=pair,
        starts_at=starts_at,
        minutes=60,
        mode=MeetingMode.IN_PERSON,
        place="Stadshuset",
    )
    return {
        "meeting": meeting,
        "partner": pair.partner_of(enrolment.person_id).person,
        "pair_url": reverse("pairs:pair_list"),
    }


def _nudge(enrolment: Enrolment) -> dict[str, Any]:
    pair = _pair(enrolment)
    return {
        "pair": pair,
        "partner": pair.partner_of(enrolment.person_id).person,
        "pair_url": reverse("pairs:pair_list"),
    }


def _survey_sample(kind: str) -> Callable[[Enrolment], dict[str, Any]]:
    return lambda enrolment: _survey(enrolment, kind)


def _survey(enrolment: Enrolment, kind: str) -> dict[str, Any]:
    closes_on = enrolment.cohort.ends_on - SAMPLE_CLOSES_BEFORE_END
    return {
        "cohort_name": enrolment.cohort.name,
        "survey": Questionnaire(pk=0, cohort=enrolment.cohort, kind=kind, open_until=closes_on),
        "closes_on": closes_on,
        "answer_url": reverse("pairs:pair_list"),
    }


def _check_in(enrolment: Enrolment) -> dict[str, Any]:
    return {**_nudge(enrolment), "fit_url": reverse("pairs:pair_list")}


def _group_check_in(enrolment: Enrolment) -> dict[str, Any]:
    mentor = enrolment if enrolment.role == Role.MENTOR else sample_partner(enrolment)
    return {
        "group": MentorGroup(pk=0, cohort=enrolment.cohort, mentor=mentor, name="Gruppen Norr"),
        "is_mentor": enrolment.role == Role.MENTOR,
        "group_url": reverse("pairs:pair_list"),
        "cohort": enrolment.cohort,
        "programme": enrolment.cohort.programme,
    }


FIT_LINK = link_field("fit_url", _("Link to the question whether the pair works"))
PAIR_PAGE = MergeField(
    "pair_link", _("Link to the pair's page"), lambda c: absolute(str(c["pair_url"]))
)
GROUP = MergeField("group", _("The group's name"), lambda c: str(c["group"]))
GROUP_LINK = link_field("group_url", _("Link to the group's page"))

MEETING_FIELDS = merge_fields(PARTNER, MEETING_STARTS, MEETING_SHORT, MEETING_PLACE, PAIR_LINK)
EVALUATION_FIELDS = merge_fields(CLOSES_ON, ANSWER_LINK)

MAILS = (
    Mail(
        key="meeting_reminder",
        label=_("Meeting reminder"),
        template=MEETING_REMINDER,
        fields=MEETING_FIELDS,
        sample=_meeting,
    ),
    Mail(
        key="nudge",
        label=_("Nudge to a pair that has not met"),
        template=PAIR_NUDGE,
        fields=merge_fields(PARTNER, PAIR_LINK),
        sample=_nudge,
    ),
    *(
        Mail(
            key=key,
            label=label,
            template=template,
            fields=EVALUATION_FIELDS,
            sample=_survey_sample(kind),
        )
        for key, label, template, kind in (
            ("evaluation", _("Evaluation"), EVALUATION_INVITE, SurveyKind.EVALUATION),
            (
                "evaluation_reminder",
                _("Evaluation reminder"),
                EVALUATION_REMINDER,
                SurveyKind.EVALUATION,
            ),
            ("pulse_survey", _("Pulse survey"), EVALUATION_INVITE, SurveyKind.PULSE),
            (
                "pulse_survey_reminder",
                _("Pulse survey reminder"),
                EVALUATION_REMINDER,
                SurveyKind.PULSE,
            ),
        )
    ),
    Mail(
        key="mid_year_check_in",
        label=_("Mid-year check-in: does the pair work?"),
        template=PAIR_CHECK_IN,
        fields=merge_fields(PARTNER, FIT_LINK, PAIR_PAGE),
        sample=_check_in,
    ),
    Mail(
        key="group_mid_year_check_in",
        label=_("Mid-year check-in of a mentor group"),
        template=GROUP_CHECK_IN,
        fields=merge_fields(GROUP, GROUP_LINK),
        sample=_group_check_in,
    ),
)
