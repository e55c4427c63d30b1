"""A person's roles, asked once per request for the navigation and the second-factor rule."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from programmes import access
from programmes.access import Roles
from tests.world import ROLES, World


@pytest.mark.parametrize("persona", [r for r in ROLES if r != "anonymous"])
def test_roles_of_agrees_with_each_role_question(world: World, persona: str) -> None:
    user = world.people[persona]
    roles = access.roles_of(user)
    assert roles.administrator == access.is_administrator(user)
    assert roles.coordinator == access.is_coordinator(user)
    assert roles.contact == access.is_contact(user)
    assert roles.participant == access.is_participant(user)
    staff_personas = {"contact_a", "contact_b", "coordinator", "other_coordinator", "administrator"}
    assert roles.requires_second_factor == (persona in staff_personas)


def test_an_anonymous_visitor_has_no_role_and_costs_no_query(db, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert access.roles_of(AnonymousUser()) == Roles()


def test_the_roles_are_asked_once_per_request(world: World, django_assert_num_queries) -> None:
    request = RequestFactory().get("/")
    request.user = world.coordinator
    with django_assert_num_queries(1):
        first = access.request_roles(request)
        second = access.request_roles(request)
    assert first is second and first.coordinator and first.requires_second_factor
