"""The Celery application: settings come from Django's CELERY_* names.

Each project app keeps its tasks in ``<app>/tasks.py`` (discovered here). An app with
periodic work defines a task ``sweep`` named ``"<app>.sweep"`` (found by common/sweeps.py);
beat starts every such sweep each SWEEP_INTERVAL_SECONDS from the schedule written out in
settings (``CELERY_BEAT_SCHEDULE``, which a test holds to the sweeps found), and without a
broker ``manage.py runserver_with_sweeps`` (what ``make run`` starts) calls them in a
background thread instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")


app = Celery("mentorship", task_cls="celery.contrib.django.task:DjangoTask")
# Celery's Django fix-up has just put the working directory first on sys.path. Run from
# inside an app's folder (as `make messages` runs makemessages), that folder's modules
# would shadow others: common/http.py the standard library's http, an app's privacy.py
# the privacy app. The project's root goes in front and the app's folder out.
PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
_working_dir = os.getcwd()
if _working_dir != PROJECT_ROOT and sys.path[:1] == [_working_dir]:
    del sys.path[0]
if sys.path[:1] != [PROJECT_ROOT]:
    sys.path.insert(0, PROJECT_ROOT)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="mentorship.ping", ignore_result=False)
def ping() -> str:
    """Answers "pong": /healthz?worker=1 sends it to see that a worker takes work."""
    return "pong"
