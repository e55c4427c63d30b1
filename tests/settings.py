"""The settings pytest runs with: the development settings, whatever the shell or this
checkout's .env.local say.

Set in the environment, so that the processes tests start (a worker, gunicorn) inherit
them; the tests of production settings start theirs with a clean environment
(tests/foundation/subprocesses.py).
"""

from __future__ import annotations

import os

os.environ["DEBUG"] = "true"
os.environ["MENTORSHIP_ENV_FILE"] = ""

from mentorship.settings import *  # noqa: F403
