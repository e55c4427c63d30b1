"""Charts drawn by the project as SVG, so a PDF stays vector and needs no chart library.

Every chart is also printed as a table next to it; the SVG carries a title for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 480
BAR_HEIGHT = 18
BAR_GAP = 8
LABEL_WIDTH = 170
VALUE_WIDTH = 50
PALETTE = ("#1f5f8b", "#e0812d")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # A second series drawn under the first (e.g. the plan against what was held).
    reference: float | None = None


def _number(value: float) -> str:
    """A bar's value in the active language's number format, as the tables print it."""
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(value, 1, force_grouping=True)


def bar_chart(title: str, bars: Sequence[Bar], *, unit: str = "") -> SafeString:
    """A horizontal bar chart; an empty chart says so instead of drawing nothing."""
    peak = max([b.value for b in bars] + [b.reference or 0 for b in bars] + [1])
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    rows = []
    for index, bar in enumerate(bars):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = plot * bar.value / peak
        reference = ""
        if bar.reference is not None:
            reference = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="none" '
                'stroke="{}" stroke-dasharray="3 2"/>',
                LABEL_WIDTH,
                y,
                f"{plot * bar.reference / peak:.1f}",
                BAR_HEIGHT,
                PALETTE[1],
            )
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="10">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>{}'
                '<text x="{}" y="{}" font-size="10">{}{}</text>',
                LABEL_WIDTH - 6,
                y + BAR_HEIGHT - 5,
                bar.label[:32],
                LABEL_WIDTH,
                y,
                f"{width:.1f}",
                BAR_HEIGHT,
                PALETTE[0],
                reference,
                f"{LABEL_WIDTH + width + 4:.1f}",
                y + BAR_HEIGHT - 5,
                _number(bar.value),
                unit,
            )
        )
    body = format_html_join("", "{}", ((row,) for row in rows))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{}" '
        'height="{}" viewBox="0 0 {} {}" aria-label="{}"><title>{}</title>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        title,
        title,
        body,
    )
