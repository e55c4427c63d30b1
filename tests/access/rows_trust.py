from __future__ import annotations

from .table import Row

ROWS: list[Row] = []
