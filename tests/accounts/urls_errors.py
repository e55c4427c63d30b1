"""A URLconf for the error page tests: the project's URLs plus one view that fails."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from mentorship.urls import urlpatterns as project_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Something broke on purpose")


urlpatterns = [path("broken/", broken), *project_urlpatterns]
