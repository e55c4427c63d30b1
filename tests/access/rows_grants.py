"""The forms that grant access (programmes.services.grants), posted by every persona.

Each persona asks for the access for itself where the form lets it name a person: the
exploit of issue 13 was a coordinator naming herself contact of another consortium's
municipality. Besides the answer, the table test checks that only the granters' posts grant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from programmes.models import Municipality, Programme
from tests.world import ROLES, World

from .table import FORBIDDEN, NOT_FOUND, REDIRECT, STAFF, Grant, Row, expect, only, persona

ADMINISTRATOR = ("administrator",)
# Coordinators and administrators may use the consortium's forms; the rest are refused.
CONSORTIUM_FORM = expect(
    FORBIDDEN, coordinator=REDIRECT, other_coordinator=REDIRECT, administrator=REDIRECT
)


def _code(role: str) -> str:
    """A municipality code of the persona's own, so that each post creates one."""
    return f"99{ROLES.index(role):02d}"


def _programme_data(name: str, coordinators: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "mentor",
        "description": "",
        "admission_rule": "selection",
        "fee_sek": "9800",
        "mentor_fee_sek": "9800",
        "fee_includes": "",
        "planned_meetings": "7",
        "meeting_minutes": "90",
        "coordinators": "\n".join(coordinators),
    }


def _coordinates(programme: Programme | None, world: World, role: str) -> bool:
    return bool(programme and programme.coordinators.filter(pk=persona(world, role).pk).exists())


def _is_contact(municipality: Municipality | None, world: World, role: str) -> bool:
    return bool(municipality and municipality.contacts.filter(pk=persona(world, role).pk).exists())


def _invitee(role: str) -> str:
    return f"{role}@inbjuden.example"


def _contact_form(
    name: str,
    data: Callable[[World, str], dict[str, Any]],
    holds: Callable[[World, str], bool],
    **row: Any,
) -> Row:
    """A consortium form that can name a municipality contact: administrators only."""
    grant = Grant("municipality contact", ADMINISTRATOR, data, holds)
    return Row(name, CONSORTIUM_FORM, method="post", grant=grant, **row)


ROWS = [
    _contact_form(
        "programmes:municipality_edit",
        kwargs=lambda w: {"pk": w.municipality_c.pk},
        data=lambda w, role: {
            "name": w.municipality_c.name,
            "code": w.municipality_c.code,
            "contacts": persona(w, role).email,
        },
        holds=lambda w, role: _is_contact(w.municipality_c, w, role),
        why="Coordinators edit the name and code; only administrators name contacts.",
    ),
    _contact_form(
        "programmes:municipality_create",
        data=lambda w, role: {
            "name": f"Nykommun {role}",
            "code": _code(role),
            "contacts": persona(w, role).email,
        },
        holds=lambda w, role: _is_contact(
            Municipality.objects.filter(code=_code(role)).first(), w, role
        ),
    ),
    _contact_form(
        "programmes:person_invite",
        data=lambda w, role: {
            "full_name": "Inbjuden Person",
            "email": _invitee(role),
            "language": "sv",
            "contact_for": w.municipality_c.pk,
        },
        holds=lambda w, role: w.municipality_c.contacts.filter(email=_invitee(role)).exists(),
        why="Coordinators invite people; only administrators make the invitee a contact.",
    ),
    Row(
        "programmes:programme_edit",
        only(*STAFF, status=REDIRECT, others=NOT_FOUND),
        kwargs=lambda w: {"pk": w.programme.pk},
        method="post",
        grant=Grant(
            what="programme coordinator",
            granters=STAFF,
            data=lambda w, role: _programme_data(
                w.programme.name,
                [*w.programme.coordinators.values_list("email", flat=True), persona(w, role).email],
            ),
            holds=lambda w, role: _coordinates(w.programme, w, role),
        ),
        why="The programme's coordinators name co-coordinators; administrators any.",
    ),
    Row(
        "programmes:programme_create",
        CONSORTIUM_FORM,
        method="post",
        grant=Grant(
            what="programme coordinator",
            granters=("coordinator", "other_coordinator", "administrator"),
            data=lambda w, role: _programme_data(f"Nytt program {role}", [persona(w, role).email]),
            holds=lambda w, role: _coordinates(
                Programme.objects.filter(name=f"Nytt program {role}").first(), w, role
            ),
        ),
        why="Whoever sets up a programme names its first coordinators; it holds no data yet.",
    ),
    Row(
        "admin:accounts_user_change",
        expect(REDIRECT),
        kwargs=lambda w: {"object_id": w.outsider.pk},
        method="post",
        grant=Grant(
            what="staff and superuser",
            granters=ADMINISTRATOR,
            data=lambda w, role: {
                "email": w.outsider.email,
                "full_name": w.outsider.full_name,
                "phone": "",
                "preferred_language": "sv",
                "gender": "",
                "birth_year": "",
                "is_active": "on",
                "is_staff": "on",
                "is_superuser": "on",
            },
            holds=lambda w, role: (
                type(w.outsider)
                .objects.filter(pk=w.outsider.pk, is_staff=True, is_superuser=True)
                .exists()
            ),
        ),
        why="Only superusers change the admin flags; the admin sends everyone else to sign in.",
    ),
]
