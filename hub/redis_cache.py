"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` for every cache
operation, and redis-py builds its table of response callbacks (some 170 entries) in each
one. A public page the page cache misses reads the cache about a dozen times (the
generation, the parts every page repeats), which made building clients several
milliseconds of CPU per request (measured for issue 19, bench/pages.py). A ``redis.Redis``
may be shared: each command borrows a connection from the pool and gives it back.

Settings name it by its dotted path (``hub/settings/base.py``), with the same ``LOCATION``
and ``OPTIONS`` as Django's backend.
"""

from django.core.cache import caches
from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a pool (kept for good in self._pools): its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def add_one(key: str, timeout: int, *, alias: str = "default") -> None:
    """Add one to the counter at ``key`` in the cache ``alias``, starting from 0, kept ``timeout``
    seconds after its last count. On Redis that is one round trip (``INCR`` and ``EXPIRE``
    in a pipeline) where Django's ``add`` then ``incr`` cost three (``incr`` asks first
    whether the key exists); any other backend gets the two calls. Django's Redis serializer
    stores integers as they are, so ``get`` and ``decr`` read what ``INCR`` wrote."""
    cache = caches[alias]
    if isinstance(cache, django_redis.RedisCache):
        key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(key, write=True)
        with client.pipeline(transaction=False) as pipe:
            pipe.incr(key)
            pipe.expire(key, timeout)
            pipe.execute()
        return
    try:
        cache.add(key, 0, timeout=timeout)
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
