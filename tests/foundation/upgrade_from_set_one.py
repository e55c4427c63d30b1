"""Run as a script by test_migration_history.py, in a process of its own, on an empty
SQLite file: migrates to set 1 of migrations.lock, writes a small consortium with the
models as they were then, migrates to the newest migrations and reads it back with
today's models. Prints one line, "upgraded: <counts>", or fails."""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.utils import timezone  # noqa: E402

from common.migration_history import read_lock, set_leaves  # noqa: E402


def write_consortium(old: object) -> None:
    """Rows in the tables every later migration must carry along, as set 1 had them."""
    get = old.get_model  # type: ignore[attr-defined]
    municipality = get("programmes", "Municipality").objects.create(name="Håbo", code="0305")
    user = get("accounts", "User")
    mentor = user.objects.create(email="mentor@habo.se", full_name="Maria Mentor", password="!")
    adept = user.objects.create(email="adept@habo.se", full_name="Adam Adept", password="!")
    programme = get("programmes", "Programme").objects.create(name="Mentorprogram")
    cohort = get("programmes", "Cohort").objects.create(
        programme=programme,
        name="2027",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    enrolment = get("programmes", "Enrolment")
    as_mentor = enrolment.objects.create(
        person=mentor, cohort=cohort, role="mentor", municipality=municipality
    )
    as_adept = enrolment.objects.create(
        person=adept, cohort=cohort, role="adept", municipality=municipality
    )
    pair = get("pairs", "Pair").objects.create(cohort=cohort, mentor=as_mentor, adept=as_adept)
    get("pairs", "Meeting").objects.create(
        pair=pair, starts_at=timezone.now(), minutes=60, mode="in_person"
    )
    get("pairs", "Reflection").objects.create(pair=pair, author=adept, text="Ett bra möte.")
    get("notifications", "Delivery").objects.create(kind="admitted", key="1", recipient=adept)
    get("audit", "AuditEvent").objects.create(action="enrolment.admit")


def main() -> None:
    first = set_leaves(read_lock(), 1)
    executor = MigrationExecutor(connection)
    executor.migrate(first)
    write_consortium(executor.loader.project_state(first).apps)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    executor = MigrationExecutor(connection)  # reads what is applied afresh
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise SystemExit("migrations left to apply after migrating to the newest")

    from accounts.models import User
    from audit.models import AuditEvent
    from notifications.models import Delivery
    from pairs.models import Meeting, Pair, Reflection
    from programmes.models import Enrolment

    pair = Pair.objects.select_related("mentor__person", "adept__municipality").get()
    assert pair.mentor.person.full_name == "Maria Mentor"
    assert pair.adept.municipality.name == "Håbo"
    assert Reflection.objects.get().text == "Ett bra möte."
    counts = {
        "users": User.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "pairs": Pair.objects.count(),
        "meetings": Meeting.objects.count(),
        "deliveries": Delivery.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    print("upgraded:", json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    main()
