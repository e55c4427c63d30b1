#!/usr/bin/env python
from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # Django defers an error in the settings, and some commands (makemigrations) then fail
    # with another one; a missing production value is named here instead.
    settings.INSTALLED_APPS  # noqa: B018
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
