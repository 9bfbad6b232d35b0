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
