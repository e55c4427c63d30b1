"""A person's roles, asked once per request for the navigation and the second-factor rule."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from accounts.middleware import SESSION_RENEWED_KEY, SESSION_ROLES_KEY
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


def test_an_anonymous_visitor_has_no_role_and_costs_no_query(db, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        assert access.roles_of(AnonymousUser()) == Roles()


def test_the_roles_are_asked_once_per_request(world: World, django_assert_num_queries) -> None:
    request = RequestFactory().get("/")
    request.user = world.coordinator
    with django_assert_num_queries(1):
        first = access.request_roles(request)
        second = access.request_roles(request)
    assert first is second and first.coordinator and first.requires_second_factor


def test_the_roles_are_kept_in_the_session_until_it_is_renewed(
    world: World, client_for, django_assert_num_queries
) -> None:
    client = client_for("mentor")
    home = reverse("programmes:home")
    assert client.get(home).status_code == 200
    session = client.session
    assert session[SESSION_ROLES_KEY]["participant"] is True  # loads the session
    request = RequestFactory().get("/")
    request.user = world.mentor
    request.session = session
    with django_assert_num_queries(0):
        assert access.request_roles(request).participant

    # Made a coordinator: the second-factor rule applies once the session is renewed.
    world.programme.coordinators.add(world.mentor)
    session = client.session
    session[SESSION_RENEWED_KEY] = int(time.time()) - settings.SESSION_RENEW_SECONDS - 1
    session.save()
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.session[SESSION_ROLES_KEY]["coordinator"] is True


@pytest.mark.parametrize(
    ("cohort_format", "shown", "not_shown"),
    [
        ("pairs", "pairs:pair_list", "events:my_sessions"),
        ("groups", "pairs:pair_list", "events:my_sessions"),
        ("sessions", "events:my_sessions", "pairs:pair_list"),
    ],
)
def test_the_participants_link_leads_to_how_their_cohort_meets(
    world: World, client, cohort_format: str, shown: str, not_shown: str
) -> None:
    from programmes.models import CohortFormat
    from tests.factories import CohortFactory, EnrolmentFactory, UserFactory

    person = UserFactory()
    cohort = CohortFactory(programme=world.programme, format=CohortFormat(cohort_format))
    EnrolmentFactory(person=person, cohort=cohort)
    client.force_login(person)
    roles = access.roles_of(person)
    assert (roles.in_pairs, roles.in_groups, roles.in_sessions) == (
        cohort_format == "pairs",
        cohort_format == "groups",
        cohort_format == "sessions",
    )
    nav = client.get(reverse("programmes:home")).content.decode().split("</nav>")[0]
    assert f'href="{reverse(shown)}"' in nav
    assert f'href="{reverse(not_shown)}"' not in nav
    # A member of a mentor group is told it is their group, not a pair.
    assert ("Vår mentorsgrupp" in nav) == (cohort_format == "groups")
