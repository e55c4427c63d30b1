"""Who may see and change what, for the consortium's objects.

Every view and every queryset that shows programmes, cohorts, municipalities or
enrolments goes through these functions. A function named ``*_for_user`` returns
what the user may see; ``*_for_coordinator`` and ``*_for_contact`` what they may
change. The single-object forms raise Http404, so that an object the user may
not see is indistinguishable from one that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from accounts.middleware import SESSION_ROLES_KEY
from accounts.models import User
from programmes.models import (
    AgreementPeriod,
    Cohort,
    CohortFormat,
    CohortMessage,
    Enrolment,
    EnrolmentStatus,
    ImportBatch,
    Membership,
    Municipality,
    Nomination,
    Programme,
)

AnyUser = User | AnonymousUser
T = TypeVar("T", bound=Model)


def is_administrator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_coordinator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.coordinated_programmes.exists())


def is_contact(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.contact_for.exists())


def is_participant(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.enrolments.exists())


@dataclass(frozen=True)
class Roles:
    """What a person is, for the navigation and the second-factor rule."""

    administrator: bool = False
    coordinator: bool = False
    contact: bool = False
    participant: bool = False
    staff: bool = False
    # How the person's cohorts meet, for the participant's links: their pair, their mentor
    # group, their sessions. An applicant counts as soon as they have applied.
    in_pairs: bool = False
    in_groups: bool = False
    in_sessions: bool = False
    # Has nominated someone: the manager's own list of nominations is in the menu.
    nominator: bool = False

    @property
    def requires_second_factor(self) -> bool:
        """Coordinators, municipality contacts and administrators must sign in with MFA."""
        return self.administrator or self.staff or self.coordinator or self.contact


def roles_of(user: AnyUser) -> Roles:
    """The same answers as the ``is_*`` functions above, in one query."""
    if not user.is_authenticated:
        return Roles()
    person = OuterRef("pk")
    flags = (
        User.objects.filter(pk=user.pk)
        .annotate(
            coordinates=Exists(Programme.coordinators.through.objects.filter(user_id=person)),
            is_contact=Exists(Municipality.contacts.through.objects.filter(user_id=person)),
            enrolled=Exists(Enrolment.objects.filter(person_id=person)),
            nominated=Exists(Nomination.objects.filter(nominated_by_id=person)),
            **{
                f"in_{cohort_format}": Exists(
                    Enrolment.objects.filter(person_id=person, cohort__format=cohort_format)
                )
                for cohort_format in CohortFormat.values
            },
        )
        .values_list(
            "coordinates",
            "is_contact",
            "enrolled",
            "nominated",
            *(f"in_{cohort_format}" for cohort_format in CohortFormat.values),
        )
        .first()
    ) or (False,) * (4 + len(CohortFormat.values))
    return Roles(
        administrator=is_administrator(user),
        coordinator=flags[0],
        contact=flags[1],
        participant=flags[2],
        nominator=flags[3],
        staff=user.is_staff,
        **dict(zip((f"in_{f}" for f in CohortFormat.values), flags[4:], strict=True)),
    )


def request_roles(request: HttpRequest) -> Roles:
    """:func:`roles_of` the signed-in person, for the navigation and the second-factor
    rule: asked at most once per request, and kept in the session for a minute."""
    roles: Roles | None = getattr(request, "_mentorship_roles", None)
    if roles is not None:
        return roles
    session = getattr(request, "session", None)
    stored = session.get(SESSION_ROLES_KEY) if session is not None else None
    if stored is not None and request.user.is_authenticated:
        roles = Roles(**stored)
    else:
        roles = roles_of(request.user)
        if session is not None and request.user.is_authenticated:
            session[SESSION_ROLES_KEY] = asdict(roles)
    # A cache on the request, an attribute HttpRequest does not declare.
    request._mentorship_roles = roles  # type: ignore[attr-defined]
    return roles


# Programmes -------------------------------------------------------------------


# The rules below are written as "id in (subquery)" rather than joins with DISTINCT:
# a person who is both enrolled and a contact would otherwise multiply the rows, and
# the database would sort them all to take the duplicates out again.


def _coordinated(user: User) -> QuerySet[Programme, Mapping[str, Any]]:
    return Programme.objects.filter(coordinators=user).values("pk")


def _coordinated_or_member(user: User, field: str) -> Q:
    """``field`` is a programme the person coordinates or one a municipality they are a
    contact for is a member of."""
    as_contact = Membership.objects.filter(municipality__contacts=user).values("programme_id")
    return Q(**{f"{field}__in": _coordinated(user)}) | Q(**{f"{field}__in": as_contact})


def programmes_for_user(user: AnyUser) -> QuerySet[Programme]:
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_administrator(user):
        return Programme.objects.all()
    enrolled = Enrolment.objects.filter(person=user).values("cohort__programme_id")
    return Programme.objects.filter(_coordinated_or_member(user, "pk") | Q(pk__in=enrolled))


def programmes_for_coordinator(user: AnyUser) -> QuerySet[Programme]:
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_administrator(user):
        return Programme.objects.all()
    return Programme.objects.filter(coordinators=user)


def programme_for_user(user: AnyUser, pk: int) -> Programme:
    return get_or_404(programmes_for_user(user), pk)


def programme_for_coordinator(user: AnyUser, pk: int) -> Programme:
    return get_or_404(programmes_for_coordinator(user), pk)


def may_create_programme(user: AnyUser) -> bool:
    return is_administrator(user) or is_coordinator(user)


# Cohorts ----------------------------------------------------------------------


def cohorts_for_user(user: AnyUser) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_administrator(user):
        return Cohort.objects.all()
    enrolled = Enrolment.objects.filter(person=user).values("cohort_id")
    return Cohort.objects.filter(_coordinated_or_member(user, "programme") | Q(pk__in=enrolled))


def cohorts_for_coordinator(user: AnyUser) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if is_administrator(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(programme__coordinators=user)


def cohorts_run_by(user: AnyUser) -> QuerySet[Cohort]:
    """Cohorts of the programmes the user coordinates, administrators not included.

    The pairs' own figures (how they are doing, the evaluation) are for the people
    who run the programme; administrators run the system, not the pairs.
    """
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(programme__coordinators=user)


def cohort_run_by(user: AnyUser, pk: int) -> Cohort:
    return get_or_404(cohorts_run_by(user).select_related("programme"), pk)


def cohort_for_user(user: AnyUser, pk: int) -> Cohort:
    return get_or_404(cohorts_for_user(user).select_related("programme"), pk)


def cohort_for_coordinator(user: AnyUser, pk: int) -> Cohort:
    return get_or_404(cohorts_for_coordinator(user).select_related("programme"), pk)


# Municipalities ---------------------------------------------------------------


def municipalities_for_user(user: AnyUser) -> QuerySet[Municipality]:
    """Every signed-in person may see the list of municipalities (names and codes)."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.all()


def municipalities_for_contact(user: AnyUser) -> QuerySet[Municipality]:
    if not user.is_authenticated:
        return Municipality.objects.none()
    if is_administrator(user):
        return Municipality.objects.all()
    return Municipality.objects.filter(contacts=user)


def municipality_for_contact(user: AnyUser, pk: int) -> Municipality:
    return get_or_404(municipalities_for_contact(user), pk)


def may_invite_people(user: AnyUser) -> bool:
    return is_administrator(user) or is_coordinator(user)


def memberships_for_coordinator(user: AnyUser) -> QuerySet[Membership]:
    return Membership.objects.filter(programme__in=programmes_for_coordinator(user))


def membership_for_coordinator(user: AnyUser, pk: int) -> Membership:
    return get_or_404(
        memberships_for_coordinator(user).select_related("programme", "municipality"), pk
    )


def people_choosable_by(user: AnyUser) -> QuerySet[User]:
    """Whom the user may name as a coordinator or a municipality contact, and so find by
    name or address: administrators anyone; a coordinator the people who already hold a
    staff role (coordinators, municipality contacts) and those enrolled in the programmes
    they coordinate, never the rest of the accounts."""
    if not isinstance(user, User) or not may_create_programme(user):
        return User.objects.none()
    people = User.objects.filter(is_active=True)
    if is_administrator(user):
        return people
    return people.filter(
        Q(coordinated_programmes__isnull=False)
        | Q(contact_for__isnull=False)
        | Q(enrolments__cohort__programme__in=_coordinated(user))
    ).distinct()


def accounts_named_by(user: AnyUser) -> QuerySet[User]:
    """The accounts a coordinator or administrator may name by their exact address: any
    active one (they may have just been invited). Only the search, which lists people,
    is limited to :func:`people_choosable_by`."""
    if not isinstance(user, User) or not may_create_programme(user):
        return User.objects.none()
    return User.objects.filter(is_active=True)


def may_manage_municipalities(user: AnyUser) -> bool:
    """The consortium's register belongs to administrators and coordinators."""
    return is_administrator(user) or is_coordinator(user)


# Enrolments -------------------------------------------------------------------


def enrolments_for_user(user: AnyUser) -> QuerySet[Enrolment]:
    """Own enrolments; a coordinator's programmes; a contact's own municipality."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if is_administrator(user):
        return Enrolment.objects.all()
    return Enrolment.objects.filter(
        Q(person=user)
        | Q(cohort__programme__in=_coordinated(user))
        | Q(municipality__in=Municipality.objects.filter(contacts=user).values("pk"))
    )


def enrolments_for_coordinator(user: AnyUser) -> QuerySet[Enrolment]:
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if is_administrator(user):
        return Enrolment.objects.all()
    return Enrolment.objects.filter(cohort__programme__coordinators=user)


def enrolment_for_user(user: AnyUser, pk: int) -> Enrolment:
    return get_or_404(enrolments_for_user(user).select_related("cohort", "person"), pk)


def enrolment_for_coordinator(user: AnyUser, pk: int) -> Enrolment:
    return get_or_404(enrolments_for_coordinator(user).select_related("cohort", "person"), pk)


def own_enrolment(user: AnyUser, pk: int) -> Enrolment:
    if not user.is_authenticated:
        raise Http404
    return get_or_404(Enrolment.objects.filter(person=user).select_related("cohort"), pk)


def active_enrolments(user: AnyUser) -> QuerySet[Enrolment]:
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(person=user, status=EnrolmentStatus.ADMITTED).select_related(
        "cohort__programme", "municipality"
    )


def get_or_404(queryset: QuerySet[T], pk: int) -> T:
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Applications, nominations and imports -------------------------------------


def cohorts_taking_applications(user: AnyUser) -> QuerySet[Cohort]:
    """Any signed-in person may open the application page of a cohort that has a window."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    return Cohort.objects.filter(applications_open_on__isnull=False)


def cohort_taking_applications(user: AnyUser, pk: int) -> Cohort:
    return get_or_404(cohorts_taking_applications(user).select_related("programme"), pk)


def nominations_for_user(user: AnyUser) -> QuerySet[Nomination]:
    """The nominating manager, the nominee and the programme's coordinators."""
    if not user.is_authenticated:
        return Nomination.objects.none()
    if is_administrator(user):
        return Nomination.objects.all()
    return Nomination.objects.filter(
        Q(nominated_by=user)
        | Q(enrolment__person=user)
        | Q(enrolment__cohort__programme__coordinators=user)
    ).distinct()


def nomination_for_user(user: AnyUser, pk: int) -> Nomination:
    return get_or_404(
        nominations_for_user(user).select_related(
            "enrolment__person", "enrolment__cohort__programme", "nominated_by"
        ),
        pk,
    )


def own_nomination(user: AnyUser, pk: int) -> Nomination:
    """A nomination of the user, for the nominee's own answer."""
    if not user.is_authenticated:
        raise Http404
    return get_or_404(
        Nomination.objects.filter(enrolment__person=user).select_related(
            "enrolment__cohort__programme", "nominated_by"
        ),
        pk,
    )


def may_decide_nomination(user: AnyUser, nomination: Nomination) -> bool:
    return cohorts_for_coordinator(user).filter(pk=nomination.enrolment.cohort_id).exists()


def import_batch_for_coordinator(user: AnyUser, pk: int) -> ImportBatch:
    """Only the coordinator who uploaded a file confirms it, and only while they coordinate."""
    if not user.is_authenticated:
        return get_or_404(ImportBatch.objects.none(), pk)
    return get_or_404(
        ImportBatch.objects.filter(
            uploaded_by=user, cohort__in=cohorts_for_coordinator(user)
        ).select_related("cohort__programme"),
        pk,
    )


# Agreement periods ------------------------------------------------------------


def agreement_period_for_coordinator(user: AnyUser, pk: int) -> AgreementPeriod:
    return get_or_404(
        AgreementPeriod.objects.filter(
            programme__in=programmes_for_coordinator(user)
        ).select_related("programme"),
        pk,
    )


# Messages ---------------------------------------------------------------------


def cohort_messages_for_coordinator(user: AnyUser) -> QuerySet[CohortMessage]:
    if not user.is_authenticated:
        return CohortMessage.objects.none()
    return CohortMessage.objects.filter(
        cohort__programme__in=programmes_for_coordinator(user).values("pk")
    )
