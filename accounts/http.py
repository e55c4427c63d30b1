"""The request a view sees once `@login_required` has let it through."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """For type checking only: a view behind `@login_required` annotates its request with
    this, so that `request.user` is a `User` and never `AnonymousUser`."""

    user: User
