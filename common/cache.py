"""Redis as the cache, where a Redis that cannot be reached is a cache that remembers nothing.

The cache holds nothing the service cannot do without: sign-in rate limits, used TOTP
codes and the pair page's reads. So that every page still works while Redis is down,
each call that cannot reach it is logged and answered as an empty cache would answer:
nothing found, nothing kept, and ``add`` succeeds (a lock or a "first use" check lets
the request through rather than refusing everyone). The database holds everything that
must not be lost.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


# After a failure the cache is not asked again for this long: a Redis that hangs would
# otherwise cost every cache call of a page its full socket time-out.
RETRY_AFTER_SECONDS = 5.0


def _or(answer: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def call(self: TolerantRedisCache, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self.unreachable_until:
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("The cache cannot be reached (%s); carrying on without it.", error)
                self.unreachable_until = time.monotonic() + RETRY_AFTER_SECONDS
                return answer(*args, **kwargs)

        return call

    return decorate


def _default(key: str, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


class TolerantRedisCache(RedisCache):
    unreachable_until = 0.0
    get = _or(_default)(RedisCache.get)
    get_many = _or(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _or(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _or(lambda *args, **kwargs: True)(RedisCache.add)
    set = _or(_nothing)(RedisCache.set)
    set_many = _or(lambda *args, **kwargs: [])(RedisCache.set_many)
    touch = _or(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _or(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _or(_nothing)(RedisCache.delete_many)
    incr = _or(lambda key, delta=1, *args, **kwargs: delta)(RedisCache.incr)
    clear = _or(lambda *args, **kwargs: False)(RedisCache.clear)
