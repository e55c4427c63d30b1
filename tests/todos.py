"""Reading the start page's to-do list in tests."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from programmes.todo import Todo


def todos_on_start_page(client: Client) -> list[Todo]:
    """The to-dos the start page shows ``client``'s person; each must be a link on the page."""
    page = client.get(reverse("programmes:home"))
    assert page.status_code == 200
    html = page.content.decode()
    todos: list[Todo] = page.context["todos"]
    for todo in todos:
        assert f'href="{escape(todo.url)}"' in html
    return todos


def find(todos: list[Todo], label: str) -> list[Todo]:
    return [todo for todo in todos if todo.label == label]


def url(name: str, pk: int, query: str = "") -> str:
    """The page ``name`` of object ``pk``, with a query string if given."""
    return reverse(name, args=[pk]) + (f"?{query}" if query else "")
