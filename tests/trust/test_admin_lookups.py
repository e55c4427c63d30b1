"""No admin filter or search reads text: a changelist's count would give it away letter by
letter."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from pairs.models import Reflection
from privacy.admin_site import AdminSite
from privacy.registry import admin_searchable_text
from tests.pairs.factories import MeetingFactory, ReflectionFactory
from tests.world import World

LOOKUPS = ["", "__exact", "__contains", "__startswith", "__regex", "__isnull"]
SECRET = "Jag tvivlar på min chef"

# What people write for few eyes: none of it may ever be searchable in the admin.
PRIVATE_TEXT = {
    "pairs.reflection": ["text"],
    "pairs.meeting": ["notes", "questions", "place", "link"],
    "pairs.preparation": ["text"],
    "pairs.agreement": ["adept_wishes", "confidentiality", "meeting_place"],
    "pairs.fitanswer": ["comment"],
    "pairs.answer": ["text"],
    "pairs.goal": ["title"],
    "pairs.homework": ["title"],
    "matching.profileanswer": ["text", "choices"],
    "matching.exclusion": ["comment"],
    "programmes.enrolment": ["development", "wished_work_area", "languages", "status_reason"],
    "programmes.nomination": ["motivation"],
    "programmes.stagedecision": ["comment"],
    "programmes.consentrequest": ["comment"],
    "privacy.personanonymisation": ["reason"],
    "accounts.user": ["password"],
    "mfa.authenticator": ["data"],
    "usersessions.usersession": ["session_key", "data"],
}


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    searchable = admin_searchable_text().get(model._meta.label_lower, ())
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        and not f.choices
        and f.name not in searchable
    ]


def _text_paths(model: type[models.Model]) -> list[str]:
    """The model's own text fields, and the text fields one relation away."""
    paths = [f.name for f in _text_fields(model)]
    for relation in model._meta.get_fields():
        if relation.is_relation and relation.related_model is not None:
            paths += [f"{relation.name}__{f.name}" for f in _text_fields(relation.related_model)]
    return paths


def _changelist(model: type[models.Model]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_filter_on_text_is_refused_for_an_administrator(
    model: type[models.Model], world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("administrator")
    url = _changelist(model)
    assert client.get(url).status_code == 200
    for path in _text_paths(model):
        for lookup in LOOKUPS:
            response = client.get(url, {f"{path}{lookup}": "a"})
            assert response.status_code == 400, f"{url}?{path}{lookup}=a"


@pytest.mark.parametrize(
    ("model", "path"),
    [(Reflection, "text__contains"), (Reflection, "meeting__notes__contains")],
)
def test_a_filter_answers_the_same_whether_the_text_matches_or_not(
    model: type[models.Model], path: str, world: World, client_for: Callable[[str], Client]
) -> None:
    meeting = MeetingFactory(pair=world.pair, notes=SECRET)
    ReflectionFactory(pair=world.pair, author=world.adept, meeting=meeting, text=SECRET)
    client = client_for("administrator")

    matching = client.get(_changelist(model), {path: SECRET[:3]})
    other = client.get(_changelist(model), {path: "Xyz"})

    assert matching.status_code == other.status_code == 400
    assert matching.content == other.content
    assert SECRET not in matching.content.decode()


def test_the_private_texts_are_never_searchable_and_exist() -> None:
    searchable = admin_searchable_text()
    for label, names in PRIVATE_TEXT.items():
        model = apps.get_model(label)
        for name in names:
            assert model._meta.get_field(name) in _text_fields(model), f"{label}.{name}"
            assert name not in searchable.get(label, ()), f"{label}.{name}"


def test_only_short_text_is_searchable() -> None:
    for label, names in admin_searchable_text().items():
        for name in names:
            model_field = apps.get_model(label)._meta.get_field(name)
            assert type(model_field) in (models.CharField, models.EmailField), f"{label}.{name}"


def test_no_admin_searches_or_filters_on_closed_text() -> None:
    errors = [
        error
        for model_admin in admin.site._registry.values()
        for error in model_admin.check()
        if error.id == "programmes.E001"
    ]
    assert errors == []


@pytest.mark.parametrize(
    "model",
    [m for m, model_admin in admin.site._registry.items() if model_admin.search_fields],
    ids=lambda m: m._meta.label,
)
def test_every_admin_search_on_names_still_answers(
    model: type[models.Model], world: World, client_for: Callable[[str], Client]
) -> None:
    response = client_for("administrator").get(_changelist(model), {"q": "Ada"})
    assert response.status_code == 200


def test_an_admin_searching_or_filtering_on_text_fails_the_check_and_is_refused(
    world: World,
) -> None:
    site = AdminSite(name="scratch")
    site.register(
        Reflection,
        type(
            "SearchingReflectionAdmin",
            (admin.ModelAdmin,),
            {"search_fields": ["^text"], "list_filter": ["meeting__notes"]},
        ),
    )
    model_admin = site._registry[Reflection]

    errors = [e for e in model_admin.check() if e.id == "programmes.E001"]
    request = RequestFactory().get("/", {"q": "Jag"})
    request.user = world.administrator

    assert len(errors) == 2
    with pytest.raises(DisallowedModelAdminLookup):
        model_admin.get_search_results(request, Reflection.objects.all(), "Jag")
