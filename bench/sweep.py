"""Benchmark of the pairs sweep: 10,000 meetings due for a reminder (a script, not a test).

    .venv/bin/python bench/sweep.py                      # 10,000 due meetings, batches of 500
    .venv/bin/python bench/sweep.py --meetings 2000 --batch 200 --repeat 5

Builds one pair per meeting in a throw-away in-memory SQLite database (emails go to
Django's in-memory outbox), then, ``--repeat`` times: sends the same reminders directly
(the baseline: rendering and the calendar file, no sweep), and runs the sweep over them
(the claims of earlier runs removed first). Prints the medians, the sweep's time per
email against the baseline's, the queries, the batches, and the queries that reading a
batch costs (which must not grow with the batch). A second sweep right after must send
nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(meetings: int) -> None:
    from accounts.models import User
    from pairs.models import Meeting, MeetingMode, Pair
    from programmes.models import Cohort, Enrolment, EnrolmentStatus, Municipality, Programme, Role

    today = timezone.localdate()
    municipality = Municipality.objects.create(name="Håbo", code="0305")
    programme = Programme.objects.create(name="Mentorprogrammet")
    cohort = Cohort.objects.create(
        programme=programme,
        name="Bänk",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=300),
    )
    users = User.objects.bulk_create(
        [User(email=f"p{n}@example.se", full_name=f"Person {n}") for n in range(2 * meetings)]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                person=user,
                cohort=cohort,
                role=Role.MENTOR if n % 2 == 0 else Role.ADEPT,
                status=EnrolmentStatus.ADMITTED,
                municipality=municipality,
            )
            for n, user in enumerate(users)
        ]
    )
    pairs = Pair.objects.bulk_create(
        [
            Pair(cohort=cohort, mentor=enrolments[2 * n], adept=enrolments[2 * n + 1])
            for n in range(meetings)
        ]
    )
    soon = timezone.now() + datetime.timedelta(hours=3)
    Meeting.objects.bulk_create(
        [
            Meeting(
                pair=pair, starts_at=soon, minutes=90, mode=MeetingMode.IN_PERSON, place="Bålsta"
            )
            for pair in pairs
        ],
        batch_size=2000,
    )


def batch_read_queries(batch_size: int) -> int:
    """Queries to read one batch of due meetings and the deliveries already claimed for it."""
    from notifications.services import sent_or_queued
    from pairs.services import notify
    from pairs.services.sweep import due_reminders

    with CaptureQueriesContext(connection) as queries:
        batch = list(due_reminders(timezone.now())[:batch_size])
        sent_or_queued(kind=notify.MEETING_REMINDER, keys=[notify.meeting_key(m) for m in batch])
        # The recipients come with the batch (select_related): no query per meeting.
        recipients = [(m.pair.mentor.person.email, m.pair.adept.person.email) for m in batch]
    assert len(recipients) == len(batch)
    return len(queries)


def baseline_seconds() -> float:
    """The same reminders sent straight through meeting_send: no batches, no claims."""
    from pairs.services import notify
    from pairs.services.sweep import due_reminders

    mail.outbox = []
    started = time.perf_counter()
    for meeting in due_reminders(timezone.now()):
        for person in (meeting.pair.mentor.person, meeting.pair.adept.person):
            notify.meeting_send(meeting=meeting, recipient=person, template=notify.MEETING_REMINDER)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    connection.settings_dict["TEST"]["MIGRATE"] = False
    connection.creation.create_test_db(verbosity=0, keepdb=False)
    from notifications.models import Delivery
    from pairs.services import notify
    from pairs.services.sweep import sweep_run

    build(args.meetings)
    reads = {size: batch_read_queries(size) for size in (10, args.batch)}
    kinds: Counter[str] = Counter()

    def count(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        kinds[sql.split()[0].upper()] += 1
        return execute(sql, params, many, context)

    baselines, sweeps = [], []
    for run in range(args.repeat):
        baselines.append(baseline_seconds())
        Delivery.objects.filter(kind=notify.MEETING_REMINDER).delete()
        mail.outbox = []
        kinds.clear()
        with connection.execute_wrapper(count):
            started = time.perf_counter()
            result = sweep_run(batch_size=args.batch)
            sweeps.append(time.perf_counter() - started)
        print(
            f"run {run + 1}: baseline {baselines[-1]:.1f} s, sweep {sweeps[-1]:.1f} s", flush=True
        )
    total = sum(kinds.values())
    again = sweep_run(batch_size=args.batch)
    emails = max(result.reminders, 1)
    baseline, elapsed = statistics.median(baselines), statistics.median(sweeps)
    print(f"due meetings            {args.meetings:,}")
    print(f"reminders sent          {result.reminders:,} (emails in outbox: {len(mail.outbox):,})")
    print(f"batches                 {result.batches} of up to {args.batch}")
    per_email = 1000 * elapsed / emails
    print(f"sweep (median of {args.repeat})    {elapsed:.1f} s ({per_email:.2f} ms per email)")
    print(f"baseline (median)       {baseline:.1f} s ({1000 * baseline / emails:.2f} ms per email)")
    print(f"sweep / baseline        {elapsed / baseline:.2f}")
    print(f"queries                 {total:,} ({dict(kinds)})")
    print(f"queries per email       {total / emails:.2f}")
    print(
        f"queries to read a batch {reads[10]} for 10 meetings, {reads[args.batch]} for {args.batch}"
    )
    print(f"second sweep sends      {again.sent}")
    if reads[10] != reads[args.batch] or again.sent or result.reminders != 2 * args.meetings:
        sys.exit(1)


if __name__ == "__main__":
    main()
