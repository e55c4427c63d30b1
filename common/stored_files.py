"""Opening a file the storage should hold: uploaded documents and produced reports.

A file can be missing although its row exists, e.g. after a database was restored without
its media folder (docs/operations.md). The views then answer 404 with a page that says what
to do, never a 500.
"""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile

logger = logging.getLogger(__name__)


def stored_file_open(field: FieldFile) -> FieldFile | None:
    """The file opened for reading, or None (logged for the operator) when storage lacks it."""
    if not field:
        return None
    try:
        return field.open("rb")
    except FileNotFoundError:
        instance = field.instance
        logger.warning(
            "%s %s: the file %s is missing from storage",
            type(instance).__name__,
            instance.pk,
            field.name,
        )
        return None
