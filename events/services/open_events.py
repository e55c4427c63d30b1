"""Open events: registration by anyone employed by one of the event's municipalities.

A person without an account gives their address on the event's public page; the
account is made then (without a password, the address unconfirmed), because
allauth sends sign-in codes only to accounts, as the invitation does. Entering the
code confirms the address and signs the person in; the registration form then
completes the account with the person's name and registers them.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import Event, EventRegistration
from events.services.events import event_register
from programmes.models import Enrolment, Municipality


def _validate_open(event: Event) -> None:
    if not event.is_open:
        raise ValidationError(_("This event is not open for registration."))
    if event.is_past:
        raise ValidationError(_("The event has already taken place."))


def _validate_address(event: Event, email: str) -> None:
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid email address.")}) from error
    if not event.accepts_email(email):
        raise ValidationError(
            {
                "email": _(
                    "Only addresses at %(domains)s may register for this event. "
                    "Use your work address."
                )
                % {"domains": ", ".join(event.domain_list)}
            }
        )


@transaction.atomic
def open_event_account_for(*, event: Event, email: str, language: str = "") -> User:
    """The account the sign-in code goes to: the person's own, or a new one without a name."""
    email = (email or "").strip().lower()
    _validate_open(event)
    _validate_address(event, email)
    person = User.objects.filter(email__iexact=email).first()
    if person is not None:
        if not person.is_active:
            raise ValidationError(
                {"email": _("This account is deactivated. Contact the event's coordinator.")}
            )
        return person
    fields = {"preferred_language": language} if language in dict(settings.LANGUAGES) else {}
    person = User.objects.create_user(email=email, password=None, full_name="", **fields)
    # Unconfirmed until the code is entered: allauth then marks it verified.
    EmailAddress.objects.create(user=person, email=email, primary=True, verified=False)
    return person


def municipality_of(person: User, event: Event) -> Municipality | None:
    """The person's municipality among the event's: enrolments, contact roles, past answers."""
    return (
        event.open_municipalities.filter(
            Q(enrolments__person=person)
            | Q(contacts=person)
            | Q(event_registrations__person=person)
        )
        .order_by("name")
        .first()
    )


@transaction.atomic
def open_event_register(
    *,
    event: Event,
    person: User,
    full_name: str,
    municipality: Municipality,
    workplace: str = "",
    gender: str = "",
    age_group: str = "",
    join_waiting_list: bool = False,
) -> EventRegistration:
    """Registers the signed-in person for an open event with their work place and answers."""
    _validate_open(event)
    full_name = " ".join((full_name or "").split())
    errors: dict[str, str] = {}
    if not full_name:
        errors["full_name"] = _("Enter your name.")
    if not event.open_municipalities.filter(pk=municipality.pk).exists():
        errors["municipality"] = _("The event is not open to this municipality's employees.")
    if not event.accepts_email(person.email):
        errors["__all__"] = _("Only addresses at %(domains)s may register for this event.") % {
            "domains": ", ".join(event.domain_list)
        }
    if errors:
        raise ValidationError(errors)
    if person.full_name != full_name:
        person.full_name = full_name
        person.save(update_fields=["full_name"])
    registration = event_register(event=event, person=person, join_waiting_list=join_waiting_list)
    registration.municipality = municipality
    registration.workplace = workplace.strip()
    registration.gender = gender
    registration.age_group = age_group
    registration.save(update_fields=["municipality", "workplace", "gender", "age_group"])
    return registration


def may_register_with_one_click(person: User, event: Event) -> bool:
    """A signed-in person whose municipality the event already knows needs no form."""
    return bool(person.full_name) and municipality_of(person, event) is not None


@transaction.atomic
def open_event_register_known(
    *, event: Event, person: User, join_waiting_list: bool = False
) -> EventRegistration:
    """One click: the municipality from the person's enrolment or earlier registration."""
    municipality = municipality_of(person, event)
    if municipality is None:
        raise ValidationError(_("Tell us where you work on the event's registration page."))
    earlier = (
        EventRegistration.objects.filter(person=person, municipality__isnull=False)
        .order_by("-registered_at")
        .first()
    )
    enrolment = Enrolment.objects.filter(person=person, municipality=municipality).first()
    return open_event_register(
        event=event,
        person=person,
        full_name=person.full_name,
        municipality=municipality,
        workplace=earlier.workplace if earlier else (enrolment.department if enrolment else ""),
        gender=earlier.gender if earlier else person.gender,
        age_group=earlier.age_group if earlier else "",
        join_waiting_list=join_waiting_list,
    )
