"""Settings for a worker started by tests/trust/test_faults.py: mail goes to files."""

from __future__ import annotations

import os

from mentorship.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["TRUST_EMAIL_FILE_PATH"]
