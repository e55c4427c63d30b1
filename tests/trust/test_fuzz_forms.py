"""Every form of the project, fed generated input: no 500, nothing saved from a refused form."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.db import IntegrityError, connection, models, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access.table import ROWS
from tests.world import ROLES, World

PROJECT_APPS = tuple(django_settings.PROJECT_APPS)
# Logs written when a page is merely opened; they are not what a form saves.
NOT_COUNTED = {"audit.auditevent", "usersessions.usersession"}
# allauth's pages that render one of the project's forms.
ALLAUTH_PAGES = [("account_signup", "anonymous")]
# Forms that no page of the access table renders, with the reason.
NOT_ON_A_PAGE: dict[str, str] = {
    "programmes.forms.enrolment.NominationForm": (
        "shown only while a nomination programme's cohort is open; the world's programme "
        "admits by selection (tests/programmes cover its bad input)"
    ),
    "events.forms.OpenEventEmailForm": (
        "shown only to anonymous visitors of an open event's page, where the table's most "
        "privileged persona sees the registration form (tests/events cover its bad input)"
    ),
    "programmes.forms.enrolment.StageDecisionForm": (
        "shown only to the member of a pending approval stage, which the world does not have"
    ),
    "pairs.forms.PulseSurveyForm": (
        "shown on a pulse survey's page, which the table opens for the end-of-year evaluation "
        "(its QuestionnaireForm); tests/pairs/test_surveys.py covers a pulse survey's bad input"
    ),
    "programmes.forms.lists.ChosenMessageForm": (
        "shown on a list's confirmation page, which only a POST of the chosen rows opens; "
        "tests/programmes/test_participant_list.py covers its bad input"
    ),
    "programmes.forms.lists.DeclineReasonForm": (
        "shown on the applications list's confirmation page, which only a POST of the chosen "
        "rows opens; tests/programmes/test_application_list.py covers declining many"
    ),
}

NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "2026-02-30",
        "31/12/2026",
        "9" * 40,
        "<script>x</script>",
        "' OR 1=1 --",
        "\u0000",
        "a\u0000b",
        "å" * 300,
        "1e309",
        "NaN",
        "http://",
        "a@b",
        "2026-13-01",
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=40), st.integers(-(10**12), 10**12).map(str))


def project_form_classes() -> set[type[forms.BaseForm]]:
    found: set[type[forms.BaseForm]] = set()
    for app in PROJECT_APPS:
        try:
            package = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        modules = [package]
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
        for module in modules:
            for _name, obj in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(obj, forms.BaseForm)
                    and obj.__module__ == module.__name__
                    and obj not in (forms.Form, forms.ModelForm)
                ):
                    found.add(obj)
    return found


def _counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if (model._meta.app_label in PROJECT_APPS or model._meta.label_lower == "accounts.user")
        and model._meta.label_lower not in NOT_COUNTED
    }


def _form_pages(world: World, client_for: Callable[[str], Client]):
    """(form class, url, persona, context key) for every GET page that shows a form."""
    pages = {}
    for name, role in ALLAUTH_PAGES:
        response = client_for(role).get(reverse(name))
        pages.setdefault(type(response.context["form"]), (reverse(name), role, "form"))
    for row in ROWS:
        if row.method != "get":
            continue
        # The most privileged persona that may open the page, anonymous only if nobody else may.
        allowed = [role for role in ROLES if row.outcomes[role] == 200]
        if not allowed:
            continue
        try:
            # Some rows build objects that clash with another row's in the same test.
            with transaction.atomic():
                url = reverse(row.name, kwargs=row.kwargs(world))
        except IntegrityError:
            continue
        response = client_for(allowed[-1]).get(url)
        if response.status_code != 200 or not response.context:
            continue
        context = response.context
        keys = context.keys() if hasattr(context, "keys") else context.flatten().keys()
        for key in keys:
            value = context[key]
            if isinstance(value, forms.BaseForm) and type(value) not in pages:
                pages[type(value)] = (url, allowed[-1], key)
    return pages


def _field_value(field: forms.Field, draw) -> str | list[str]:
    choices = [str(value) for value, _label in getattr(field, "choices", []) or [] if value != ""]
    # Drawn by position, so the strategy keeps its shape however many choices there are.
    strategy = (
        st.one_of(VALUE, st.integers(0, 99).map(lambda i: choices[i % len(choices)]))
        if choices
        else VALUE
    )
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return draw(st.lists(strategy, max_size=3))
    return draw(strategy)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_input_never_breaks_a_form_or_saves_from_a_refused_one(
    data, world: World, client_for: Callable[[str], Client]
) -> None:
    # Rows build their objects when asked for kwargs, so the pages are found once per test.
    if "form_pages" not in world.extra:
        world.extra["form_pages"] = _form_pages(world, client_for)
    pages = world.extra["form_pages"]
    # Each example starts from the same data: what one example saved is rolled back.
    with transaction.atomic():
        _post_generated_input(pages, data, client_for)
        transaction.set_rollback(True)


def _post_generated_input(pages, data, client_for) -> None:
    for form_class, (url, role, key) in sorted(pages.items(), key=lambda item: item[1][0]):
        client = client_for(role)
        form = client.get(url).context[key]
        payload = {
            form.add_prefix(name): _field_value(field, data.draw)
            for name, field in form.fields.items()
        }
        before = _counts()
        response = client.post(url, payload)
        assert response.status_code < 500, (url, payload)
        refused = (
            response.status_code == 200
            and response.context is not None
            and isinstance(response.context.get(key), forms.BaseForm)
            and bool(response.context[key].errors)
        )
        if refused:
            assert _counts() == before, f"{form_class.__name__} saved something it refused: {url}"


def test_every_form_class_is_fuzzed_through_a_page_or_excused(
    world: World, client_for: Callable[[str], Client]
) -> None:
    on_pages = set(_form_pages(world, client_for))
    # allauth builds its sign-up form as a subclass of the project's form.
    covered = {
        cls for cls in project_form_classes() if any(issubclass(page, cls) for page in on_pages)
    }
    missing = sorted(
        f"{cls.__module__}.{cls.__name__}"
        for cls in project_form_classes() - covered
        if f"{cls.__module__}.{cls.__name__}" not in NOT_ON_A_PAGE
    )
    assert missing == [], (
        f"Add a page for these forms to the access table or excuse them: {missing}"
    )


def _text_holding_nul() -> list[str]:
    """Project text columns holding a NUL character (PostgreSQL refuses them outright)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        # Read in Python: SQLite's LIKE and INSTR stop at a NUL in the pattern.
        for row in model._default_manager.values_list(*names) if names else []:
            found += [
                f"{model._meta.label}.{name}"
                for name, value in zip(names, row, strict=True)
                if value and "\x00" in value
            ]
    return found


# Values that one of the two databases cannot take: PostgreSQL stores no NUL in text, and
# SQLite cannot bind an integer above 2**63-1 (an id in a list of choices, say).
UNHOLDABLE = ["a\x00b", str(2**64)]


@pytest.mark.parametrize("value", UNHOLDABLE, ids=["nul", "huge-id"])
def test_a_value_no_database_can_hold_is_refused_in_every_field(
    world: World, client_for: Callable[[str], Client], value: str
) -> None:
    """Each field refuses it with a message before the database sees it: never a 500."""
    pages = _form_pages(world, client_for)
    for form_class, (url, role, key) in sorted(pages.items(), key=lambda item: item[1][0]):
        client = client_for(role)
        form = client.get(url).context[key]
        for name in form.fields:
            payload = {form.add_prefix(other): "x" for other in form.fields}
            payload[form.add_prefix(name)] = value
            with transaction.atomic():
                response = client.post(url, payload)
                assert response.status_code < 500, (form_class.__name__, name)
                if connection.vendor != "postgresql":
                    assert _text_holding_nul() == [], (form_class.__name__, name)
                transaction.set_rollback(True)


def test_a_chosen_id_beyond_any_database_integer_is_refused_with_a_message(
    world: World, client_for
) -> None:
    from programmes.models import Programme

    client = client_for("coordinator")
    client.raise_request_exception = True
    before = Programme.objects.count()
    response = client.post(
        reverse("programmes:programme_create"),
        {"name": "Ny", "coordinators": [str(2**64)], "planned_meetings": 8},
    )
    assert response.status_code == 200
    assert "coordinators" in response.context["form"].errors
    assert Programme.objects.count() == before
