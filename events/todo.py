"""The start page's to-dos of events (programmes.todo): invitations not yet answered."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from programmes.access import Roles
from programmes.todo import Todo

from .access import events_to_answer


def todos(user: User, roles: Roles) -> Iterable[Todo]:
    yield Todo(
        label=_("Events to register for"),
        count=events_to_answer(user).count(),
        url=reverse("events:event_list"),
    )
