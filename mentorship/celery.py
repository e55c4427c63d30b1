"""The Celery application: settings come from Django's CELERY_* names.

Each project app keeps its tasks in ``<app>/tasks.py`` (discovered here). An app with
periodic work defines a task ``sweep`` named ``"<app>.sweep"``; beat starts every such
sweep each SWEEP_INTERVAL_SECONDS from the schedule written out in settings
(``CELERY_BEAT_SCHEDULE``, which a test holds to the sweeps found here), and without a
broker ``manage.py runserver_with_sweeps`` (what ``make run`` starts) calls them in a
background thread instead.
"""

from __future__ import annotations

import importlib
import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

PROJECT_APPS = ("programmes", "pairs", "matching", "reports")

app = Celery("mentorship", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="mentorship.ping", ignore_result=False)
def ping() -> str:
    """Answers "pong": /healthz?worker=1 sends it to see that a worker takes work."""
    return "pong"


def sweep_tasks() -> list[Task]:
    """The ``sweep`` task of every project app whose tasks module has one, in app order."""
    tasks: list[Task] = []
    for app_name in PROJECT_APPS:
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
