from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ROW_HEADER = "<th"


@register.filter
def with_row_scope(cell: SafeString) -> SafeString:
    """A changelist cell as Django writes it, with ``scope="row"`` if it is the row's header."""
    if not cell.startswith(ROW_HEADER):
        return cell
    # Only a fixed attribute goes in front of Django's already escaped markup.
    return mark_safe(f'{ROW_HEADER} scope="row"{cell[len(ROW_HEADER) :]}')
