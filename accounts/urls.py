"""Routes of a person's own settings and of the invitation's landing page."""

from __future__ import annotations

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("invitation/", views.invitation, name="invitation"),
]
