"""The search engines, and which one the configured backend gets.

``WAGTAILSEARCH_BACKENDS["default"]`` (set from the environment in ``hub/settings/base.py``)
picks Wagtail's backend; the engine follows it:

- ``wagtail.search.backends.database`` → :class:`~search.engines.database.DatabaseEngine`
  (SQLite FTS5 or PostgreSQL full text, by connection);
- ``wagtail.search.backends.elasticsearch8``/``9`` →
  :class:`~search.engines.elasticsearch.ElasticsearchEngine`;
- ``wagtail.search.backends.opensearch2``/``3`` →
  :class:`~search.engines.opensearch.OpenSearchEngine`.

The cluster engines share one request builder; only their clients differ.
"""

from functools import lru_cache

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend

from .base import BackendStatus, Engine

HEALTH_TIMEOUT = 2.0


def engine_for(backend) -> Engine:
    """The engine for a Wagtail search backend instance.

    Each engine module is imported only when configured: the cluster clients are heavy, and
    a database deployment never needs them."""
    module = type(backend).__module__
    if ".opensearch" in module:
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(backend)
    if ".elasticsearch" in module:
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(backend)
    if connection.vendor in ("sqlite", "postgresql"):
        from .database import DatabaseEngine

        return DatabaseEngine(backend)
    raise NotImplementedError(f"No hub search engine for {module} on {connection.vendor}")


@lru_cache(maxsize=4)
def _engine_for_settings(backend_settings: str) -> Engine:
    return engine_for(get_search_backend())


def get_engine() -> Engine:
    """The engine for the configured search backend (one per configuration, so a cluster
    client and its connections are reused)."""
    return _engine_for_settings(repr(settings.WAGTAILSEARCH_BACKENDS.get("default")))


def backend_status(timeout: float = HEALTH_TIMEOUT) -> BackendStatus:
    """Whether the configured search backend answers, cheaply, for ``/health/``.

    Returns a :class:`~search.engines.base.BackendStatus`: ``ok`` (bool), ``status``
    (``"ok"`` or ``"error"``), ``backend`` (``"database"``, ``"elasticsearch"`` or
    ``"opensearch"``) and ``detail`` (why not, safe to show: no URL or credential).

    - database: one ``SELECT 1 ... LIMIT 1`` on Wagtail's index table;
    - Elasticsearch/OpenSearch: one ``HEAD`` request for the hub's index, given up after
      ``timeout`` seconds (2 by default), so a missing index (``manage.py update_index``
      never ran) counts as an error as well as an unreachable cluster.

    It never raises: a backend that cannot even be set up is reported as an error.
    """
    try:
        engine = get_engine()
    except Exception as exc:  # the health check reports, never crashes
        return BackendStatus(False, "unknown", f"search backend not set up: {type(exc).__name__}")
    return engine.status(timeout)
