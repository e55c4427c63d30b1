"""Every grant and revocation of a role or of access, and who may make it.

:func:`may_grant` is the one rule of who may give (or take away) what
(README, "Who does what"; the administrator grants access to personal data):

- a municipality's contact person, who sees its participants, invoices and reports:
  administrators only;
- a programme's coordinator: administrators and the programme's own coordinators, who
  set up their programme with co-coordinators. A programme with neither coordinators nor
  cohorts (one being created, which holds nobody's data) gets its first coordinators from
  whoever may set up programmes;
- the admin site's flags (staff, superuser), groups and permissions: superusers only.

Every grant and every revocation writes one audit entry: the actor is who, the entry's
object is the person (whom), and the summary says what (the role and its object).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import person_invite
from audit.services import audit_record
from programmes.access import AnyUser, is_administrator, may_create_programme
from programmes.models import Municipality, Programme

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager


class Access(StrEnum):
    CONTACT = "contact"  # of a Municipality
    COORDINATOR = "coordinator"  # of a Programme
    STAFF = "staff"  # may use the admin site
    SUPERUSER = "superuser"
    GROUP = "group"  # of the admin site (a Group)
    PERMISSION = "permission"  # of the admin site (a Permission)


Target = Municipality | Programme | Group | Permission | None

# What the audit summary calls each kind of access (stored text, read by administrators).
_WORDS = {
    Access.CONTACT: "municipality contact",
    Access.COORDINATOR: "programme coordinator",
    Access.STAFF: "admin site access (staff)",
    Access.SUPERUSER: "superuser",
    Access.GROUP: "admin group",
    Access.PERMISSION: "admin permission",
}


def may_grant(granter: AnyUser | None, what: Access, target: Target = None) -> bool:
    """Whether ``granter`` may give ``what`` on ``target`` to anyone, or take it away."""
    if granter is None or not (granter.is_authenticated and granter.is_active):
        return False
    if is_administrator(granter):
        return True
    if what == Access.COORDINATOR and isinstance(target, Programme) and target.pk:
        if target.coordinators.filter(pk=granter.pk).exists():
            return True
        unclaimed = not target.coordinators.exists() and not target.cohorts.exists()
        return unclaimed and may_create_programme(granter)
    return False


def _check(granter: AnyUser | None, what: Access, target: Target) -> User:
    """The granter, once it is clear that they may give or take away ``what`` on ``target``
    (which also means they are signed in)."""
    if not may_grant(granter, what, target) or not isinstance(granter, User):
        raise ValidationError(_("You may not give or take away this access."), code="not_allowed")
    return granter


def _holds(person: User, what: Access, target: Target) -> bool:
    if what == Access.STAFF:
        return person.is_staff
    if what == Access.SUPERUSER:
        return person.is_superuser
    return _people(what, target).filter(pk=person.pk).exists()


def _people(what: Access, target: Target) -> models.QuerySet[User]:
    """Who holds ``what`` on ``target``."""
    if isinstance(target, Municipality) and what == Access.CONTACT:
        return target.contacts.all()
    if isinstance(target, Programme) and what == Access.COORDINATOR:
        return target.coordinators.all()
    if isinstance(target, Group) and what == Access.GROUP:
        return User.objects.filter(groups=target)
    if isinstance(target, Permission) and what == Access.PERMISSION:
        return User.objects.filter(user_permissions=target)
    raise ValueError(f"{what} cannot be held on {target!r}")


def _related(person: User, what: Access) -> ManyRelatedManager[Any, Any]:
    managers: dict[Access, ManyRelatedManager[Any, Any]] = {
        Access.CONTACT: person.contact_for,
        Access.COORDINATOR: person.coordinated_programmes,
        Access.GROUP: person.groups,
        Access.PERMISSION: person.user_permissions,
    }
    return managers[what]


def _change(*, granter: User, person: User, what: Access, target: Target, on: bool) -> bool:
    """Applies one grant (``on``) or revocation and audits it; False when nothing changed."""
    if _holds(person, what, target) == on:
        return False
    if what in (Access.STAFF, Access.SUPERUSER):
        setattr(person, f"is_{what}", on)
        person.save(update_fields=[f"is_{what}"])
    elif on:
        _related(person, what).add(target)
    else:
        _related(person, what).remove(target)
    audit_record(
        actor=granter,
        action="access.grant" if on else "access.revoke",
        target=person,
        summary=_summary(what, target),
    )
    return True


def _summary(what: Access, target: Target) -> str:
    if target is None:
        return _WORDS[what]
    return f"{_WORDS[what]}: {target} ({target._meta.label_lower} #{target.pk})"


@transaction.atomic
def access_grant(
    *, granter: AnyUser | None, person: User, what: Access, target: Target = None
) -> bool:
    """Gives ``person`` ``what`` on ``target``; returns False when they held it already."""
    actor = _check(granter, what, target)
    return _change(granter=actor, person=person, what=what, target=target, on=True)


@transaction.atomic
def access_revoke(
    *, granter: AnyUser | None, person: User, what: Access, target: Target = None
) -> bool:
    """Takes ``what`` on ``target`` from ``person``; returns False when they did not hold it."""
    actor = _check(granter, what, target)
    return _change(granter=actor, person=person, what=what, target=target, on=False)


@transaction.atomic
def access_set(
    *, granter: AnyUser | None, what: Access, target: Target, people: Iterable[User]
) -> None:
    """Makes ``people`` exactly those who hold ``what`` on ``target`` (a form's list)."""
    actor = _check(granter, what, target)
    wanted = {person.pk: person for person in people}
    held = {person.pk: person for person in _people(what, target)}
    for pk in sorted(wanted.keys() - held.keys()):
        _change(granter=actor, person=wanted[pk], what=what, target=target, on=True)
    for pk in sorted(held.keys() - wanted.keys()):
        _change(granter=actor, person=held[pk], what=what, target=target, on=False)


@transaction.atomic
def person_access_set(
    *, granter: AnyUser | None, person: User, what: Access, targets: Iterable[Group | Permission]
) -> None:
    """Makes ``targets`` exactly the groups or permissions ``person`` holds (the admin's lists)."""
    _check(granter, what, None)
    wanted = set(targets)
    held = set(_related(person, what).all())
    for target in wanted - held:
        access_grant(granter=granter, person=person, what=what, target=target)
    for target in held - wanted:
        access_revoke(granter=granter, person=person, what=what, target=target)


@transaction.atomic
def person_access_revoke_all(*, granter: AnyUser | None, person: User) -> None:
    """Takes every role and access from ``person`` (anonymisation), one audit entry each."""
    held: list[tuple[Access, Target]] = [(Access.STAFF, None), (Access.SUPERUSER, None)]
    for what in (Access.CONTACT, Access.COORDINATOR, Access.GROUP, Access.PERMISSION):
        held += [(what, target) for target in _related(person, what).all()]
    for what, target in held:
        access_revoke(granter=granter, person=person, what=what, target=target)


__all__ = [
    "Access",
    "access_grant",
    "access_revoke",
    "access_set",
    "may_grant",
    "person_access_revoke_all",
    "person_access_set",
]


@transaction.atomic
def person_invite_from_page(
    *,
    invited_by: User,
    email: str,
    full_name: str,
    language: str,
    contact_for: Municipality | None = None,
) -> User:
    """The "Invite a person" page: invites, and optionally names a municipality contact.

    Only administrators may name a contact person (``grants.may_grant``); the page offers
    the choice only to them, and anyone else's request invites nobody.
    """
    if contact_for is not None and not may_grant(invited_by, Access.CONTACT, contact_for):
        raise ValidationError(_("Only administrators can name municipality contacts."))
    person = person_invite(
        invited_by=invited_by, email=email, full_name=full_name, language=language
    )
    if contact_for is not None:
        access_grant(granter=invited_by, person=person, what=Access.CONTACT, target=contact_for)
    return person
