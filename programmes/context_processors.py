from __future__ import annotations

from django.http import HttpRequest

from . import access


def navigation(request: HttpRequest) -> dict[str, object]:
    """The roles the navigation shows links for."""
    user = request.user
    if not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "administrator": access.is_administrator(user),
            "coordinator": access.is_coordinator(user) or access.is_administrator(user),
            "contact": access.is_contact(user),
            "participant": access.is_participant(user),
        }
    }
