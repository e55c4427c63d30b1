"""Settings for bench/load.py: production settings, tables made straight from the models."""

from __future__ import annotations

from mentorship.settings import *  # noqa: F403
from mentorship.settings import INSTALLED_APPS

# A throw-away database: no migration history needed, so the bench runs on any checkout.
MIGRATION_MODULES = {name.rsplit(".", 1)[-1]: None for name in INSTALLED_APPS}
