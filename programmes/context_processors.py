from __future__ import annotations

from django.http import HttpRequest

from programmes import access


def navigation(request: HttpRequest) -> dict[str, object]:
    """The roles the navigation shows links for."""
    if not request.user.is_authenticated:
        return {"nav": {}}
    roles = access.request_roles(request)
    return {
        "nav": {
            "administrator": roles.administrator,
            "coordinator": roles.coordinator or roles.administrator,
            "contact": roles.contact,
            "participant": roles.participant,
            "in_pairs": roles.in_pairs,
            "in_groups": roles.in_groups,
            "in_sessions": roles.in_sessions,
            "nominator": roles.nominator,
        }
    }
