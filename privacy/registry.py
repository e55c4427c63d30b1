"""What the system holds about a person, and how long: the framework and the consortium's part.

Each app that stores personal data has a ``privacy`` module with

- ``HOLDINGS``: a list of :class:`Holding`, one per model that refers to a person,
  saying which of its rows belong in that person's register extract and why they are held;
- ``RETENTION``: a list of :class:`RetentionHandler`, one per kind of record the app
  removes or anonymises when a municipality's retention period has passed;
- optionally ``RETENTION_BY_DATE``: a list of :class:`DatedRetentionHandler` for records
  that belong to no enrolment, whose time runs from their own day (an open event's
  registration from the event);
- optionally ``people_within_time(kind)``: the people the app still holds records of
  whose period for ``kind`` has not passed; nobody among them loses their contact details;
- optionally ``anonymise_person(person)``, run when a person is anonymised.

The framework finds these modules through the app registry, so this module imports
nothing from the other apps. A model that refers to a person and is in no holding
must be in ``LEFT_OUT`` below, with the reason; tests/trust/test_register_extract.py
fails otherwise.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import ModuleType
from typing import Any, TypedDict

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from privacy.models import RecordKind, RetentionDecision
from privacy.selectors import past_enrolments
from programmes.models import Enrolment

# Models whose rows belong to one person (or, for a pair, to two): a model with a
# relation to one of these holds personal data.
PERSON_ANCHORS = ("accounts.user", "programmes.enrolment", "pairs.pair")

# The one list of models that refer to a person but are deliberately not in the extract.
LEFT_OUT: dict[str, Promise] = {
    "pairs.pairnudge": _(
        "A record that the system reminded a quiet pair once; it holds no content and the "
        "reminder email itself reached the person."
    ),
    "programmes.mailtemplate": _(
        "A programme's own text of an automatic mail; the person is only the coordinator who "
        "last changed it, which the audit log records as well."
    ),
}

# The only text an administrator may filter and search on in the admin: names, addresses
# and titles the admin lists anyway. Every other text field, here and in the account
# libraries (reflections, notes, answers, comments, secrets), is closed to the admin's
# filters and search (privacy/admin_site.py), since a filter's count gives text away.
ADMIN_SEARCHABLE_TEXT: dict[str, tuple[str, ...]] = {
    "accounts.user": ("full_name", "email"),
    "programmes.municipality": ("name", "code"),
    "programmes.programme": ("name",),
    "programmes.cohort": ("name",),
    "programmes.workarea": ("name",),
    "programmes.approvalstage": ("name",),
    "audit.auditevent": ("action", "target_id"),
    "programmes.consentrequest": ("manager_name", "manager_email"),
    "programmes.importbatch": ("filename", "role"),
    "programmes.cohortmessage": ("subject",),
    "notifications.delivery": ("kind",),
    "auth.group": ("name",),
    "account.emailaddress": ("email",),
    "socialaccount.socialaccount": ("provider", "uid"),
    "socialaccount.socialapp": ("provider", "name"),
}

# Fields never shown in an extract because they are secrets, not information about the person.
SECRET_FIELDS = {"password", "secret", "data", "token", "token_secret", "key", "nonce"}


@dataclass(frozen=True)
class Holding:
    """One model's rows about a person, with the reason the system holds them."""

    model: str
    rows: Callable[[User], QuerySet[Any]]
    purpose: Promise
    # Only these fields, e.g. dates without the text of a reflection someone else wrote.
    fields: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    # A heading of its own where one model has two holdings (own and shared reflections).
    title: Promise | None = None
    # Labels for fields whose own names are not translated (the account libraries' models).
    labels: Mapping[str, Promise] = field(default_factory=dict)


@dataclass(frozen=True)
class RetentionHandler:
    """Removes or anonymises one kind of record of the given enrolments; returns how many."""

    kind: RecordKind
    apply: Callable[[QuerySet[Enrolment]], int]
    description: Promise


@dataclass(frozen=True)
class DatedRetentionHandler:
    """Removes or anonymises one kind of record that belongs to no enrolment.

    ``apply(decision, cutoff)`` handles the records of the decision's municipality whose
    own day is before ``cutoff`` and returns how many it changed.
    """

    kind: RecordKind
    apply: Callable[[RetentionDecision, datetime.date], int]
    description: Promise


class ExtractField(TypedDict):
    name: str
    label: str


class ExtractSection(TypedDict):
    model: str
    title: str
    purpose: str
    fields: list[ExtractField]
    rows: list[dict[str, Any]]


class RegisterExtract(TypedDict):
    generated_at: str
    person: str
    sections: list[ExtractSection]


# Discovery -----------------------------------------------------------------------


def privacy_modules() -> list[ModuleType]:
    """This module (the declarations of the apps below the privacy app), then the ``privacy``
    module of every installed app that has one, in INSTALLED_APPS order."""
    found = [sys.modules[__name__]]
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "privacy"):
            found.append(importlib.import_module(f"{config.name}.privacy"))
    return found


def all_holdings() -> list[Holding]:
    return [holding for module in privacy_modules() for holding in getattr(module, "HOLDINGS", [])]


@functools.cache
def admin_searchable_text() -> dict[str, tuple[str, ...]]:
    """Every app's ``ADMIN_SEARCHABLE_TEXT``: model label -> text fields the admin may search."""
    found: dict[str, tuple[str, ...]] = {}
    for module in privacy_modules():
        for label, names in getattr(module, "ADMIN_SEARCHABLE_TEXT", {}).items():
            found[label] = found.get(label, ()) + tuple(names)
    return found


def retention_handlers(kind: str | None = None) -> list[RetentionHandler]:
    handlers = [h for module in privacy_modules() for h in getattr(module, "RETENTION", [])]
    return [h for h in handlers if kind is None or h.kind == kind]


def dated_retention_handlers(kind: str | None = None) -> list[DatedRetentionHandler]:
    handlers = [h for module in privacy_modules() for h in getattr(module, "RETENTION_BY_DATE", [])]
    return [h for h in handlers if kind is None or h.kind == kind]


def people_past_their_time(candidates: QuerySet[User]) -> QuerySet[User]:
    """Those of ``candidates`` whose contact details may go: every enrolment of theirs and
    every record an app holds of them is past its period, and they do not work here (staff,
    coordinators and contacts keep their accounts). The anonymised are left out."""
    still_kept = Enrolment.objects.exclude(
        pk__in=past_enrolments(kind=RecordKind.CONTACT_DETAILS).values("pk")
    )
    people = (
        candidates.exclude(enrolments__in=still_kept.values("pk"))
        .exclude(email__endswith="@" + ANONYMISED_EMAIL_DOMAIN)
        .filter(is_staff=False, is_superuser=False)
        .exclude(coordinated_programmes__isnull=False)
        .exclude(contact_for__isnull=False)
    )
    for module in privacy_modules():
        within_time = getattr(module, "people_within_time", None)
        if callable(within_time):
            people = people.exclude(pk__in=within_time(RecordKind.CONTACT_DETAILS))
    return people.distinct()


def people_anonymise(people: QuerySet[User]) -> int:
    count = 0
    for person in people:
        user_anonymise(person)
        count += 1
    return count


def person_anonymisers() -> list[Callable[[User], None]]:
    return [
        module.anonymise_person
        for module in privacy_modules()
        if callable(getattr(module, "anonymise_person", None))
    ]


def models_referring_to_people() -> list[type[models.Model]]:
    """Every model of the project's apps and allauth with a relation to a person's rows."""
    checked_apps = set(settings.PROJECT_APPS)
    found = []
    for model in apps.get_models():
        config = model._meta.app_config
        if config.label not in checked_apps and not config.name.startswith("allauth"):
            continue
        if model._meta.label_lower == "accounts.user":
            found.append(model)
            continue
        for model_field in model._meta.get_fields(include_hidden=True):
            if model_field.auto_created and not model_field.concrete:
                continue
            related = getattr(model_field, "related_model", None)
            if related is not None and related._meta.label_lower in PERSON_ANCHORS:
                found.append(model)
                break
    return found


# The register extract ------------------------------------------------------------


def _json_value(obj: models.Model, model_field: models.Field) -> Any:
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return str(related) if related is not None else None
    value = model_field.value_from_object(obj)
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (str, int, float, bool, dict, list)) or value is None:
        return value
    return str(value)


def _section_fields(holding: Holding, model: type[models.Model]) -> list[models.Field]:
    concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
    if holding.fields is not None:
        by_name = {f.name: f for f in concrete}
        return [by_name[name] for name in holding.fields]
    return [f for f in concrete if f.name not in holding.exclude and f.name not in SECRET_FIELDS]


def holding_section(holding: Holding, person: User) -> ExtractSection:
    model = apps.get_model(holding.model)
    fields = _section_fields(holding, model)
    related = [f.name for f in fields if f.is_relation]
    rows = holding.rows(person)
    if related:
        rows = rows.select_related(*related)
    return ExtractSection(
        model=model._meta.label_lower,
        title=str(holding.title or model._meta.verbose_name_plural.capitalize()),
        purpose=str(holding.purpose),
        fields=[
            ExtractField(name=f.name, label=str(holding.labels.get(f.name, f.verbose_name)))
            for f in fields
        ],
        rows=[{f.name: _json_value(obj, f) for f in fields} for obj in rows.order_by("pk")],
    )


def extract_holdings(holdings: Iterable[Holding], person: User) -> list[ExtractSection]:
    return [holding_section(holding, person) for holding in holdings]


def register_extract(person: User) -> RegisterExtract:
    """Everything every app holds about the person, section by section."""
    sections: list[ExtractSection] = []
    for module in privacy_modules():
        sections.extend(module.extract(person))
    return RegisterExtract(
        generated_at=timezone.localtime().isoformat(),
        person=person.email,
        sections=sections,
    )


# The consortium's own holdings ---------------------------------------------------


def _own_enrolments(person: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(person=person)


# Callers reach the rows through _default_manager, which is `objects` on every model here
# and, unlike `objects`, is declared on Model for the type checker.
def model_of(label: str) -> type[models.Model]:
    return apps.get_model(label)


def by_user(label: str, field_name: str = "user") -> Callable[[User], QuerySet[Any]]:
    return lambda person: model_of(label)._default_manager.filter(**{field_name: person})


HOLDINGS: list[Holding] = [
    Holding(
        "accounts.user",
        lambda person: User.objects.filter(pk=person.pk),
        _("Your account: how you sign in, how we reach you, and optional figures for statistics."),
        exclude=("groups", "user_permissions"),
    ),
    Holding(
        "programmes.enrolment",
        _own_enrolments,
        _("Your applications and participation in programmes, used for admission and matching."),
    ),
    Holding(
        "programmes.municipality",
        lambda person: model_of("programmes.municipality")._default_manager.filter(contacts=person),
        _("Municipalities for which you are the contact person."),
        fields=("name", "code"),
    ),
    Holding(
        "programmes.programme",
        lambda person: model_of("programmes.programme")._default_manager.filter(
            coordinators=person
        ),
        _("Programmes you coordinate."),
        fields=("name", "kind"),
    ),
    Holding(
        "notifications.delivery",
        by_user("notifications.delivery", "recipient"),
        _("Emails the system has sent you, so that none is sent twice."),
    ),
    Holding(
        "audit.auditevent",
        by_user("audit.auditevent", "actor"),
        _("What you have done with other people's data (the audit log)."),
    ),
    Holding(
        "privacy.retentiondecision",
        by_user("privacy.retentiondecision", "recorded_by"),
        _("Retention decisions you recorded for a municipality."),
        fields=("municipality", "decided_on", "reference", "recorded_at"),
    ),
    Holding(
        "privacy.personanonymisation",
        lambda person: model_of("privacy.personanonymisation")._default_manager.filter(
            Q(person=person) | Q(performed_by=person)
        ),
        _("Anonymisations of people on request, yours or ones you performed."),
        fields=("performed_at",),
    ),
    Holding(
        "programmes.consentrequest",
        lambda person: model_of("programmes.consentrequest")._default_manager.filter(
            enrolment__person=person
        ),
        _("Your nearest manager's consent that you take part on working time."),
    ),
    Holding(
        "programmes.nomination",
        lambda person: model_of("programmes.nomination")._default_manager.filter(
            Q(enrolment__person=person) | Q(nominated_by=person)
        ),
        _("Nominations of you, or by you, with the motivation."),
    ),
    Holding(
        "programmes.stagedecision",
        lambda person: model_of("programmes.stagedecision")._default_manager.filter(
            Q(nomination__enrolment__person=person) | Q(decided_by=person)
        ),
        _("The approval stages of a nomination of you, or decisions you took."),
    ),
    Holding(
        "programmes.importbatch",
        by_user("programmes.importbatch", "uploaded_by"),
        _("Lists of participants you imported (the rows are in each person's own extract)."),
        fields=("cohort", "role", "filename", "created_at"),
    ),
    Holding(
        "programmes.cohortmessage",
        by_user("programmes.cohortmessage", "sent_by"),
        _("Messages you sent to a cohort."),
    ),
    Holding(
        "account.emailaddress",
        by_user("account.emailaddress"),
        _("Your email addresses and whether they are verified."),
        fields=("email", "verified", "primary"),
        title=_("Email addresses"),
        labels={"email": _("Email"), "verified": _("Verified"), "primary": _("Primary")},
    ),
    Holding(
        "mfa.authenticator",
        by_user("mfa.authenticator"),
        _("Your second factors for signing in (their secrets are never shown)."),
        fields=("type", "created_at", "last_used_at"),
        title=_("Second factors"),
        labels={"type": _("Kind"), "created_at": _("Added"), "last_used_at": _("Last used")},
    ),
    Holding(
        "socialaccount.socialaccount",
        by_user("socialaccount.socialaccount"),
        _("Accounts with your organisation's sign-in service linked to yours."),
        fields=("provider", "uid", "last_login", "date_joined", "extra_data"),
        title=_("Linked sign-in accounts"),
        labels={
            "provider": _("Sign-in service"),
            "uid": _("Your id there"),
            "last_login": _("Last sign-in"),
            "date_joined": _("Linked"),
            "extra_data": _("What the sign-in service told us"),
        },
    ),
    Holding(
        "usersessions.usersession",
        by_user("usersessions.usersession"),
        _("Where and when you are signed in."),
        fields=("ip", "created_at", "last_seen_at", "user_agent"),
        title=_("Sign-ins"),
        labels={
            "ip": _("IP address"),
            "created_at": _("Signed in"),
            "last_seen_at": _("Last seen"),
            "user_agent": _("Browser"),
        },
    ),
]


def extract(person: User) -> list[ExtractSection]:
    return extract_holdings(HOLDINGS, person)


# Retention and anonymisation of the consortium's own records -------------------

ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"
# Free text of an application: what a person wrote about themselves. The age group is not
# among them: like gender and year of birth, it remains for statistics.
APPLICATION_TEXT_FIELDS = (
    "development",
    "wished_work_area",
    "languages",
    "status_reason",
    "school",
    "wants_from_mentor",
)


def is_anonymised(person: User) -> bool:
    return person.email.endswith("@" + ANONYMISED_EMAIL_DOMAIN)


def _applications_empty(enrolments: QuerySet[Enrolment]) -> int:
    with_text = Q()
    for name in APPLICATION_TEXT_FIELDS:
        with_text |= ~Q(**{name: ""})
    return (
        Enrolment.objects.filter(pk__in=enrolments.values("pk"))
        .filter(with_text)
        .update(**dict.fromkeys(APPLICATION_TEXT_FIELDS, ""))
    )


def user_anonymise(person: User) -> None:
    """Replaces what identifies the person; keeps gender and birth year for statistics."""
    person.full_name = f"Anonymised person {person.pk}"
    person.email = f"anonymised-{person.pk}@{ANONYMISED_EMAIL_DOMAIN}"
    person.phone = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.contact_for.clear()
    person.coordinated_programmes.clear()
    for label in (
        "account.emailaddress",
        "mfa.authenticator",
        "socialaccount.socialaccount",
        "usersessions.usersession",
    ):
        model_of(label)._default_manager.filter(user=person).delete()
    for anonymiser in person_anonymisers():
        anonymiser(person)


def _contact_details_anonymise(enrolments: QuerySet[Enrolment]) -> int:
    """Anonymises participants once everything the system holds of them is past its time."""
    return people_anonymise(
        people_past_their_time(User.objects.filter(enrolments__in=enrolments.values("pk")))
    )


def _nominations_empty(enrolments: QuerySet[Enrolment]) -> int:
    past = enrolments.values("pk")
    count = (
        model_of("programmes.consentrequest")
        ._default_manager.filter(enrolment__in=past)
        .exclude(manager_name="", manager_email="", comment="")
        .update(manager_name="", manager_email="", comment="")
    )
    count += (
        model_of("programmes.nomination")
        ._default_manager.filter(enrolment__in=past)
        .exclude(motivation="")
        .update(motivation="")
    )
    count += (
        model_of("programmes.stagedecision")
        ._default_manager.filter(nomination__enrolment__in=past)
        .exclude(comment="", message="")
        .update(comment="", message="")
    )
    return count


def _imports_empty(enrolments: QuerySet[Enrolment]) -> int:
    """An imported list copies many people's details; it goes with the cohort's applications."""
    still_kept = Enrolment.objects.exclude(
        pk__in=past_enrolments(kind=RecordKind.APPLICATIONS).values("pk")
    )
    batches = (
        model_of("programmes.importbatch")
        ._default_manager.filter(cohort__enrolments__in=enrolments.values("pk"))
        .exclude(cohort__enrolments__in=still_kept.values("pk"))
    )
    return (
        model_of("programmes.importbatch")
        ._default_manager.filter(pk__in=batches.values("pk"))
        .exclude(rows=[])
        .update(rows=[])
    )


RETENTION: list[RetentionHandler] = [
    RetentionHandler(
        RecordKind.APPLICATIONS,
        _nominations_empty,
        _(
            "Nomination motivations, the manager's consent details and approval comments "
            "are emptied."
        ),
    ),
    RetentionHandler(
        RecordKind.APPLICATIONS,
        _imports_empty,
        _("Imported lists of participants are emptied once the whole cohort is past its time."),
    ),
    RetentionHandler(
        RecordKind.APPLICATIONS,
        _applications_empty,
        _("The free text of applications is emptied; role, status and municipality remain."),
    ),
    RetentionHandler(
        RecordKind.CONTACT_DETAILS,
        _contact_details_anonymise,
        _(
            "Name, email address, phone and sign-in details are replaced once all of a "
            "person's enrolments are past their time; gender and year of birth remain "
            "for statistics."
        ),
    ),
]
