"""The request a view sees once `@login_required` has let it through."""

from __future__ import annotations

from accounts.models import User
from common.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """For type checking only: a view behind `@login_required` annotates its request with
    this, so that `request.user` is a `User` and never `AnonymousUser`."""

    user: User
