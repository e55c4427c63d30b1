"""Lists that find and act: search, filters, sort and page size, then a bulk action on a selection.

A list is a :class:`ListFilterSet` (django-filter) over the rows the user may see, read from
plain GET parameters, so that any page can link to a filtered list (``?municipality=3``):
``q`` searches names and addresses, ``sort`` orders by one column ("-" in front for
descending), ``per_page`` is one of :data:`PAGE_SIZES` and ``page`` the page.

The filter form works without JavaScript (a GET form with a button); with htmx it asks
for the results alone (``includes/_list_results.html``) and swaps them in place.

A bulk action is posted by the results' form: the ticked rows, or every row that matches
the filter (the form carries the filter along). The first post answers with a page that
says what will happen to how many people and names them; an export answers at once with
the file. Confirming runs the action once, on exactly the rows named: the action's
service runs in one transaction and writes one audit entry listing their ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.forms.utils import pretty_name
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.csvexport import Cell
from common.spreadsheets import spreadsheet_response

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")

# The largest keeps a page well under 150 KiB with the heaviest rows (an application with
# its decision form is about 1.3 KiB); more rows at once are an export's job.
PAGE_SIZES = (25, 50, 100)
# The confirmation page names this many of the chosen and says how many more there are.
NAMES_SHOWN = 50
# What a bulk form posts: the ticked rows, or every row that matches the carried filter.
SCOPE_CHOSEN = "chosen"
SCOPE_ALL = "all"
# Filters and links carry these parameters; the page number is dropped when a filter changes.
PAGE_PARAM = "page"


class ListFilterForm(forms.Form):
    """The filter form's fields, styled small, with ids apart from the page's other forms."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class SortFilter(django_filters.OrderingFilter):
    """``sort``: one column, "-" in front for descending; ties go by id, so pages never overlap."""

    def build_choices(self, fields: Any, labels: Any) -> list[tuple[str, Any]]:
        # The choices are built once, with the list's class: the labels stay lazy, so that
        # each request reads them in its own language (django-filter's own format is not).
        ascending = [
            (param, labels.get(field, pretty_name(param))) for field, param in fields.items()
        ]
        descending = [
            (f"-{param}", format_lazy(gettext_lazy("{label}, descending"), label=label))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        ordering = [self.get_ordering_value(param) for param in value if param]
        return qs.order_by(*ordering, "pk")


class ListFilterSet(django_filters.FilterSet):
    """Search and page size for every list; each list adds its filters and a ``sort``."""

    # The text fields ``q`` searches, each word in any of them.
    search_fields: ClassVar[tuple[str, ...]] = ("person__full_name", "person__email")

    q = django_filters.CharFilter(
        label=gettext_lazy("Name or email"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    per_page = django_filters.ChoiceFilter(
        label=gettext_lazy("Rows per page"),
        choices=[(str(size), str(size)) for size in PAGE_SIZES],
        empty_label=None,
        method="filter_nothing",
    )

    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        return type(form_class.__name__, (ListFilterForm, form_class), {})

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # A NUL character is no part of a name or an address (and no database takes it).
        for word in value.replace("\x00", "").split():
            matches = Q()
            for text_field in self.search_fields:
                matches |= Q(**{f"{text_field}__icontains": word})
            queryset = queryset.filter(matches)
        return queryset

    def filter_nothing(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset

    @property
    def page_size(self) -> int:
        if self.is_valid() and self.form.cleaned_data.get("per_page"):
            return int(self.form.cleaned_data["per_page"])
        return PAGE_SIZES[0]

    def sort_value(self) -> str:
        """The column the list is sorted by, "-" in front when descending; "" for the default."""
        if "sort" not in self.filters or not self.is_valid():
            return ""
        chosen = self.form.cleaned_data.get("sort") or []
        return chosen[0] if chosen else ""


@dataclass(frozen=True)
class Column:
    label: str | Promise
    # The value of ``sort`` that orders the list by this column; "" for a column that does not sort.
    sort: str = ""


@dataclass(frozen=True)
class Header:
    label: str | Promise
    url: str = ""
    # aria-sort of the column the list is sorted by: "ascending" or "descending".
    direction: str = ""


def query_string(data: QueryDict, **changes: str | None) -> str:
    """``data`` as a query string without empty values or the page, with ``changes`` made."""
    kept = QueryDict(mutable=True)
    for key, values in data.lists():
        if key != PAGE_PARAM and key not in changes:
            kept.setlist(key, [value for value in values if value])
    for key, value in changes.items():
        if value:
            kept[key] = value
    return kept.urlencode()


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a plain list (no filter form), and the query string its links carry."""

    page: Page[T]
    # The request's other parameters (a filter, a sort), without the page.
    query: str


def paginate(data: QueryDict, rows: Sequence[T] | QuerySet[Any, T], per_page: int) -> Paged[T]:
    """The page of ``rows`` that ``data`` asks for; a page number out of range gives the last."""
    page = Paginator(rows, per_page).get_page(data.get(PAGE_PARAM))
    return Paged(page=page, query=query_string(data))


def headers_for(filters: ListFilterSet, columns: Sequence[Column]) -> list[Header]:
    current = filters.sort_value()
    headers = []
    for column in columns:
        if not column.sort:
            headers.append(Header(column.label))
            continue
        direction = ""
        next_sort = column.sort
        if current == column.sort:
            direction, next_sort = "ascending", f"-{column.sort}"
        elif current == f"-{column.sort}":
            direction = "descending"
        url = "?" + query_string(filters.data, sort=next_sort)
        headers.append(Header(column.label, url=url, direction=direction))
    return headers


@dataclass
class ListPage(Generic[M]):
    """One page of a filtered list, with what its template needs."""

    filters: ListFilterSet
    page: Page[M]
    headers: list[Header]
    # The filters as a query string (no page): for the links and the bulk form.
    query: str

    @property
    def rows(self) -> list[M]:
        return list(self.page.object_list)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def is_filtered(self) -> bool:
        return any(
            value for key, value in self.filters.data.items() if key not in ("sort", "per_page")
        )


@dataclass(frozen=True)
class BulkAction(Generic[M]):
    key: str
    # In the list's menu of actions: "Admit".
    label: str | Promise
    # What the confirmation page says it will do, for a count: "Admit 30 applicants".
    describe: Callable[[int], str] = lambda count: ""
    # Does the action, on the chosen rows, in one transaction with one audit entry, and says
    # what was done; raises ValidationError (and changes nothing) when it cannot.
    run: Callable[..., str] | None = None
    # What the action asks on the confirmation page (a reason, a message).
    form_class: type[forms.Form] | None = None
    # "csv" or "xlsx": the action is a download of the chosen rows, without a confirmation.
    export: str = ""


@dataclass(frozen=True)
class Export(Generic[M]):
    filename: str
    header: Sequence[str | Promise]
    row: Callable[[M], Sequence[Cell]]
    # Records that the rows left the system: (actor, rows).
    record: Callable[..., object] | None = None


def export_actions() -> list[BulkAction[Any]]:
    return [
        BulkAction(key="export_csv", label=gettext_lazy("Export as CSV"), export="csv"),
        BulkAction(key="export_xlsx", label=gettext_lazy("Export as Excel"), export="xlsx"),
    ]


@dataclass(frozen=True)
class ListDefinition(Generic[M]):
    """A list: its filters over the rows the user may see, its columns and its bulk actions."""

    # The filter set bound to a query, over the rows the user may see.
    filters: Callable[[QueryDict], ListFilterSet]
    columns: Sequence[Column]
    # The list page's own address, to come back to.
    url: str
    # How the confirmation page names a row: the person's name.
    name_of: Callable[[M], str]
    # The template of the rows (a table that includes _list_head and _list_choose).
    table_template: str
    # What the list says when it has no rows at all.
    empty_text: str | Promise = ""
    actions: Sequence[BulkAction[M]] = field(default_factory=list)
    # Where the bulk form posts (a view that calls :func:`bulk_respond`).
    bulk_url: str = ""
    export: Export[M] | None = None

    def context(self, data: QueryDict) -> dict[str, Any]:
        """What the list's templates need, for the page ``data`` asks for."""
        return {
            "listing": self.page(data),
            "bulk_actions": self.actions,
            "bulk_url": self.bulk_url,
            "table_template": self.table_template,
            "empty_text": self.empty_text,
        }

    def page(self, data: QueryDict) -> ListPage[M]:
        filters = self.filters(data)
        page = Paginator(filters.qs, filters.page_size).get_page(data.get(PAGE_PARAM))
        return ListPage(
            filters=filters,
            page=page,
            headers=headers_for(filters, self.columns),
            query=query_string(data),
        )

    def action(self, key: str | None) -> BulkAction[M] | None:
        return next((action for action in self.actions if action.key == key), None)

    def back(self, query: str = "") -> str:
        return f"{self.url}?{query}" if query else self.url


def list_response(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
    fragment: str = "includes/_list_results.html",
) -> HttpResponse:
    """The whole page, or for htmx's filter form the results alone (not for a history restore)."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        response = render(request, fragment, context)
    else:
        response = render(request, template, context)
    # A cache between the two must not hand the results to a visit or the page to htmx.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _ids(values: Sequence[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def chosen_rows(definition: ListDefinition[M], post: QueryDict) -> QuerySet[M]:
    """The rows a bulk form chose, always among those the list shows the user."""
    if post.get("scope") == SCOPE_ALL:
        return definition.filters(QueryDict(post.get("query", ""))).qs
    everyone = definition.filters(QueryDict()).qs
    return everyone.filter(pk__in=_ids(post.getlist("chosen")))


def bulk_respond(
    request: HttpRequest,
    definition: ListDefinition[M],
    *,
    context: dict[str, Any],
    template: str = "common/list_bulk_confirm.html",
) -> HttpResponse:
    """The bulk form's post: a file for an export, else the confirmation, then the action."""
    post = request.POST
    query = post.get("query", "")
    action = definition.action(post.get("action"))
    if action is None:
        messages.error(request, _("Choose what to do with the chosen rows."))
        return redirect(definition.back(query))
    ids: list[int] = []
    if "confirm" in post:
        ids = _ids(post.get("ids", "").split(","))
        rows = list(definition.filters(QueryDict()).qs.filter(pk__in=ids))
    else:
        rows = list(chosen_rows(definition, post))
    if not rows:
        messages.error(
            request, _("Nothing was chosen: tick some rows, or choose all that match the filter.")
        )
        return redirect(definition.back(query))
    if action.export and definition.export is not None:
        return _export(request, definition.export, action.export, rows)
    form = action.form_class(post if "confirm" in post else None) if action.form_class else None
    error = ""
    if "confirm" in post and len(rows) != len(ids):
        error = _("Some of the chosen rows are no longer in the list. Nothing was changed.")
    elif "confirm" in post and (form is None or form.is_valid()) and action.run is not None:
        data = form.cleaned_data if form is not None else {}
        try:
            with transaction.atomic():
                done = action.run(rows=rows, actor=request.user, data=data)
        except ValidationError as problem:
            error = _("Nothing was changed: %(problem)s") % {"problem": " ".join(problem.messages)}
        else:
            messages.success(request, done)
            return redirect(definition.back(query))
    return render(
        request,
        template,
        {
            **context,
            "action": action,
            "description": action.describe(len(rows)),
            "names": [definition.name_of(row) for row in rows[:NAMES_SHOWN]],
            "more": max(len(rows) - NAMES_SHOWN, 0),
            "ids": ",".join(str(row.pk) for row in rows),
            "form": form,
            "error": error,
            "query": query,
            "back": definition.back(query),
        },
        status=400 if error or (form is not None and form.errors) else 200,
    )


def _export(request: HttpRequest, export: Export[M], kind: str, rows: Sequence[M]) -> HttpResponse:
    if export.record is not None:
        export.record(actor=request.user, rows=rows)
    return spreadsheet_response(
        kind, export.filename, [str(label) for label in export.header], map(export.row, rows)
    )
