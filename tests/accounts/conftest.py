from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters and used TOTP codes live in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()
