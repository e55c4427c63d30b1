"""Routes for inviting people and for the invitation's landing page."""

from __future__ import annotations

from django.urls import path

from .views import account

urlpatterns = [
    path("people/invite/", account.person_invite, name="person_invite"),
    path("invitation/", account.invitation, name="invitation"),
]
