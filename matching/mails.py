"""The matching mails a programme can shape (notifications/mail_registry.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.mail_registry import Mail, MergeField, absolute, link_field, merge_fields
from programmes.models import Enrolment
from programmes.services.mail_templates import sample_partner

PROFILE_LINK = MergeField(
    "link",
    _("Link to the leader profile"),
    lambda c: absolute(reverse("matching:profile", args=[c["enrolment"].pk])),
)
OTHER = MergeField(
    "other", _("The other person's full name"), lambda c: c["other"].person.full_name
)
OTHER_MUNICIPALITY = MergeField(
    "other_municipality",
    _("The other person's municipality"),
    lambda c: c["other"].municipality.name,
)
WHY = MergeField("why", _("Why the two were matched"), lambda c: c["why"])
PAIR_LINK = link_field("page_url", _("Link to the pair's page"))


def _profile_reminder(enrolment: Enrolment) -> dict[str, Any]:
    return {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "programme": enrolment.cohort.programme,
    }


def _published(enrolment: Enrolment) -> dict[str, Any]:
    return {
        "cohort": enrolment.cohort,
        "programme": enrolment.cohort.programme,
        "other": sample_partner(enrolment),
        "why": _("You share an interest in leading change."),
        "summary": [],
        "page_url": reverse("pairs:pair_list"),
    }


PUBLISHED_FIELDS = merge_fields(OTHER, OTHER_MUNICIPALITY, WHY, PAIR_LINK)

MAILS = (
    Mail(
        key="profile_reminder",
        label=_("Leader profile reminder"),
        template="matching_profile_reminder",
        fields=merge_fields(PROFILE_LINK),
        sample=_profile_reminder,
    ),
    Mail(
        key="pair_published_adept",
        label=_("Pair published: to the adept"),
        template="matching_pair_adept",
        fields=PUBLISHED_FIELDS,
        sample=_published,
    ),
    Mail(
        key="pair_published_mentor",
        label=_("Pair published: to the mentor"),
        template="matching_pair_mentor",
        fields=PUBLISHED_FIELDS,
        sample=_published,
    ),
)
