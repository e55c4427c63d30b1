"""Administrators search the audit log; it never holds a reflection's or a note's text."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from pairs.models import Meeting, Reflection
from privacy.models import RetentionDecision
from privacy.services.retention import retention_run
from tests.world import World

SECRET_REFLECTION = "Jag är orolig för min chef"
SECRET_NOTE = "Vi pratade om omorganisationen"


def test_administrators_search_by_actor_action_date_and_object(
    world: World, client_for: Callable[[str], Client], django_assert_max_num_queries
) -> None:
    audit_record(actor=world.coordinator, action="enrolment.admit", target=world.adept_enrolment)
    audit_record(actor=world.contact_a, action="report.download", target=world.cohort)
    old = audit_record(actor=world.coordinator, action="enrolment.admit", target=world.cohort)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    client = client_for("administrator")
    url = reverse("privacy:audit_log")
    with django_assert_max_num_queries(12):
        page = client.get(
            url, {"actor": "Samordnare", "action": "enrolment.admit"}
        ).content.decode()
    assert page.count("<code>enrolment.admit</code>") == 2
    assert "<code>report.download</code>" not in page
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    page = client.get(url, {"action": "enrolment.admit", "date_from": since}).content.decode()
    assert page.count("<code>enrolment.admit</code>") == 1
    page = client.get(
        url, {"target_type": "programmes.enrolment", "target_id": world.adept_enrolment.pk}
    ).content.decode()
    assert page.count("<code>enrolment.admit</code>") == 1


def test_an_invalid_search_shows_the_error_and_all_events(
    world: World, client_for: Callable[[str], Client]
) -> None:
    audit_record(actor=world.coordinator, action="pair.publish", target=world.pair)
    response = client_for("administrator").get(
        reverse("privacy:audit_log"), {"date_from": "not-a-date"}
    )
    assert response.status_code == 200
    assert "pair.publish" in response.content.decode()
    assert response.context["form"].errors["date_from"]


def test_an_administrator_opening_a_person_in_the_admin_is_logged(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("admin:accounts_user_change", args=[world.adept.pk])
    response = client_for("administrator").get(url)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="admin.view")
    assert event.actor == world.administrator and event.target_id == str(world.adept.pk)


def test_no_audit_summary_ever_contains_reflection_or_note_text(
    world: World, client_for: Callable[[str], Client]
) -> None:
    Reflection.objects.create(pair=world.pair, author=world.adept, text=SECRET_REFLECTION)
    Meeting.objects.create(
        pair=world.pair, starts_at=timezone.now(), minutes=60, mode="digital", notes=SECRET_NOTE
    )
    client_for("adept").get(reverse("privacy:my_data"))
    client_for("mentor").get(reverse("privacy:my_data_json"))
    client_for("administrator").get(reverse("admin:accounts_user_change", args=[world.adept.pk]))
    for municipality in (world.municipality_a, world.municipality_b):
        RetentionDecision.objects.create(
            municipality=municipality, decided_on=datetime.date(2020, 1, 1), reference="KS 1"
        )
    retention_run()
    client_for("administrator").post(
        reverse("privacy:person_anonymise", kwargs={"pk": world.adept.pk}),
        {"reason": f"Begäran: {SECRET_REFLECTION}", "confirm": "on"},
    )
    assert AuditEvent.objects.count() >= 4
    for summary in AuditEvent.objects.values_list("summary", flat=True):
        assert SECRET_REFLECTION not in summary and SECRET_NOTE not in summary
    page = client_for("administrator").get(reverse("privacy:audit_log")).content.decode()
    assert SECRET_REFLECTION not in page and SECRET_NOTE not in page


def test_the_log_says_each_action_and_object_in_words(
    world: World, client_for: Callable[[str], Client]
) -> None:
    audit_record(actor=world.coordinator, action="enrolment.admit", target=world.adept_enrolment)
    page = client_for("administrator").get(reverse("privacy:audit_log")).content.decode()
    assert "Deltagare antagen" in page  # the Swedish words, with the code beside them
    from django.utils import translation

    from programmes.models import Enrolment

    with translation.override("sv"):
        kind = str(Enrolment._meta.verbose_name).capitalize()
    assert f"{kind} #{world.adept_enrolment.pk}" in page
    assert "programmes.enrolment #" not in page
    form = client_for("administrator").get(reverse("privacy:audit_log")).context["form"]
    assert ("enrolment.admit", "Deltagare antagen") in form.fields["action"].choices
    assert "programmes.enrolment" in dict(form.fields["target_type"].choices)


def test_every_action_the_code_records_has_words_in_the_log() -> None:
    """A new audit_record(action=...) without a label in ACTION_LABELS fails here."""
    import re
    from pathlib import Path

    from audit.actions import ACTION_LABELS

    root = Path(__file__).resolve().parents[2]
    recorded = set()
    for app in settings.PROJECT_APPS:
        for path in (root / app).rglob("*.py"):
            text = path.read_text()
            if "audit_record" in text:
                recorded |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
    assert recorded, "no actions found: the pattern no longer matches the code"
    assert sorted(recorded - set(ACTION_LABELS)) == []
