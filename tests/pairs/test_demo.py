"""The demo gives the demo adept and mentor a pair with a year to look at."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from demo import consortium as programmes_demo
from demo import for_pairs as demo
from pairs.models import Meeting, Pair, Questionnaire, Reflection

pytestmark = pytest.mark.django_db


def test_the_demo_pairs_the_running_cohort_once_and_fills_the_first_pairs_year(client) -> None:
    programmes_demo.build(stdout=io.StringIO())
    demo.build(stdout=io.StringIO())
    demo.build(stdout=io.StringIO())
    pairs = Pair.objects.active()
    assert pairs.count() == 20
    assert all(p.mentor.municipality_id != p.adept.municipality_id for p in pairs)
    assert Questionnaire.objects.count() == 1
    first = pairs.order_by("pk").first()
    assert Meeting.objects.filter(pair=first).count() >= 2
    assert Reflection.objects.filter(pair=first, shared=False).count() == 2
    adept_login = next(login for login in programmes_demo.LOGINS if login.role == "adept")
    assert first.adept.person.email == adept_login.email
    client.force_login(first.adept.person)
    page = client.get(reverse("pairs:pair_detail", kwargs={"pk": first.pk}))
    assert "Gå hem i tid tre dagar i veckan" in page.content.decode()
