"""The Celery application: settings come from Django's CELERY_* names.

Each project app keeps its tasks in ``<app>/tasks.py`` (discovered here). An app with
periodic work defines a task ``sweep`` named ``"<app>.sweep"``; beat starts every such
sweep each SWEEP_INTERVAL_SECONDS, and without a broker ``manage.py runserver_with_sweeps``
(what ``make run`` starts) calls them in a background thread instead.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

from celery import Celery, Task
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")


app = Celery("mentorship", task_cls="celery.contrib.django.task:DjangoTask")
# Celery's Django fix-up has just put the working directory first on sys.path. Run from
# inside an app's folder (as `make messages` runs makemessages), an app's own privacy.py
# would then shadow the privacy app: the project's root goes back in front.
PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
if sys.path[0] != PROJECT_ROOT:
    sys.path.insert(0, PROJECT_ROOT)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="mentorship.ping", ignore_result=False)
def ping() -> str:
    """Answers "pong": /healthz?worker=1 sends it to see that a worker takes work."""
    return "pong"


def sweep_tasks() -> list[Task]:
    """The ``sweep`` task of every project app whose tasks module has one, in app order."""
    tasks: list[Task] = []
    from django.conf import settings

    for app_name in settings.PROJECT_APPS:
        module_name = f"{app_name}.tasks"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        sweep = getattr(module, "sweep", None)
        if sweep is not None:
            tasks.append(sweep)
    return tasks


def sweep_schedule(interval_seconds: int) -> dict[str, dict[str, Any]]:
    return {
        task.name: {"task": task.name, "schedule": float(interval_seconds)}
        for task in sweep_tasks()
    }


@beat_init.connect
def _schedule_sweeps(sender: Any, **kwargs: Any) -> None:
    """Beat (exactly one per installation) starts every app's sweep on a fixed interval."""
    import django
    from django.apps import apps
    from django.conf import settings

    if not apps.ready:  # setting Django up again would replace Celery's logging
        django.setup()
    schedule = sweep_schedule(settings.SWEEP_INTERVAL_SECONDS)
    schedule.update(settings.CELERY_BEAT_SCHEDULE)
    # The beat service has built its scheduler by now: add the entries to it.
    sender.scheduler.update_from_dict(schedule)
