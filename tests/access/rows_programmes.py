from __future__ import annotations

from typing import Any

from tests.world import World

from .table import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, STAFF, Row, expect, only

ALL_SIGNED_IN = expect(OK)
EVERYONE = expect(OK, anonymous=OK)


def _admitted_mail(w: World) -> dict[str, Any]:
    return {"pk": w.programme.pk, "key": "admitted", "language": "sv"}


ROWS = [
    Row("healthz", EVERYONE),
    Row("healthz_live", EVERYONE),
    Row("programmes:home", EVERYONE),
    Row("programmes:accessibility", EVERYONE),
    Row("accounts:profile", ALL_SIGNED_IN),
    Row("programmes:programme_list", ALL_SIGNED_IN),
    Row(
        "programmes:programme_create",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
    ),
    Row(
        "programmes:programme_create_from",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
        kwargs=lambda w: {"shape_key": "nominated_talent"},
    ),
    Row(
        "programmes:programme_detail",
        only("adept", "mentor", "other_mentor", "contact_a", "contact_b", *STAFF),
        kwargs=lambda w: {"pk": w.programme.pk},
        why="Members of the consortium, its participants and its coordinators see a programme.",
    ),
    Row("programmes:programme_edit", only(*STAFF), kwargs=lambda w: {"pk": w.programme.pk}),
    Row("programmes:mail_template_list", only(*STAFF), kwargs=lambda w: {"pk": w.programme.pk}),
    Row("programmes:mail_template_edit", only(*STAFF), kwargs=_admitted_mail),
    Row(
        "programmes:mail_template_edit",
        only(*STAFF, status=REDIRECT),
        kwargs=_admitted_mail,
        method="post",
        data=lambda w: {"subject": "Hej {first_name}", "body": "Välkommen!", "action": "save"},
    ),
    Row("programmes:mail_template_reset", expect(NOT_ALLOWED), kwargs=_admitted_mail),
    Row(
        "programmes:mail_template_reset",
        only(*STAFF, status=REDIRECT),
        kwargs=_admitted_mail,
        method="post",
    ),
    Row(
        "programmes:cohort_create", only(*STAFF), kwargs=lambda w: {"programme_pk": w.programme.pk}
    ),
    Row(
        "programmes:membership_create",
        only(*STAFF),
        kwargs=lambda w: {"programme_pk": w.programme.pk},
    ),
    Row(
        "programmes:membership_edit",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.programme.memberships.first().pk},
    ),
    Row(
        "programmes:cohort_detail",
        only("adept", "mentor", "other_mentor", "contact_a", "contact_b", *STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
    ),
    Row("programmes:cohort_edit", only(*STAFF), kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "programmes:cohort_copy",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.cohort.pk},
        why="Only the programme's coordinators (and administrators) carry a cohort over.",
    ),
    Row(
        "programmes:programme_copy",
        only(*STAFF),
        kwargs=lambda w: {"pk": w.programme.pk},
        why="Only the programme's coordinators (and administrators) copy a programme.",
    ),
    Row("programmes:municipality_list", ALL_SIGNED_IN),
    Row(
        "programmes:municipality_create",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
    ),
    Row(
        "programmes:municipality_edit",
        expect(FORBIDDEN, coordinator=OK, other_coordinator=OK, administrator=OK),
        kwargs=lambda w: {"pk": w.municipality_a.pk},
    ),
]

__all__ = ["FORBIDDEN", "OK", "REDIRECT", "ROWS"]
