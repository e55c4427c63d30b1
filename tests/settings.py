"""The settings pytest runs with: the development settings, whatever the shell or this
checkout's .env.local say.

Set in the environment, so that the processes tests start (a worker, gunicorn) inherit
them; the tests of production settings start theirs with a clean environment
(tests/foundation/subprocesses.py).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

os.environ["DEBUG"] = "true"
os.environ["MENTORSHIP_ENV_FILE"] = ""


def redis_database_of_worker(url: str, worker: str) -> str:
    """The Redis URL that pytest-xdist's worker ``gwN`` uses: N × 2 databases below the
    configured one (modulo Redis's 16), so that the cache and the broker of one worker
    process are not the next one's (.ci/run gives the cache 14 and the broker 15: gw0
    keeps them, gw1 takes 12 and 13)."""
    if not url.startswith(("redis://", "rediss://")) or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    shifted = (database - 2 * int(worker[2:])) % 16
    return urlunsplit(parts._replace(path=f"/{shifted}"))


# Under pytest-xdist each worker process has Redis databases of its own: every test clears
# the cache first, and a test's tasks must reach its own process's Celery worker (which
# shares that process's test database), never another's. The processes a test starts (a
# worker, gunicorn) inherit the moved URLs and the mark, and move nothing again.
worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if worker and os.environ.get("TEST_REDIS_DATABASES_OF") != worker:
    os.environ["TEST_REDIS_DATABASES_OF"] = worker
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        if os.environ.get(name):
            os.environ[name] = redis_database_of_worker(os.environ[name], worker)

from mentorship.settings import *  # noqa: E402, F403
