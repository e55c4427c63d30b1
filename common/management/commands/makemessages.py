"""Django's makemessages, without fuzzy matching.

A new message that resembles an old one would otherwise arrive marked fuzzy with the old
one's translation ("Deactivate" as "aktiv"); such a guess is worse than no translation,
which tests/programmes/test_translations.py reports at once.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
