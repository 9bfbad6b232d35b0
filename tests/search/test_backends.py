"""Which search backend and engine the configuration gives, and the health check's
``search.engines.backend_status()`` for each.

The settings cases run Django in a fresh process with a controlled environment, as a
deployment would (settings are read once, at start)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django.test import override_settings

import pytest

from search import engines
from search.analysis import cluster_index_settings
from search.engines import backend_status, engine_for
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.opensearch import OpenSearchEngine

from .clusters import FakeCluster

BASE_DIR = Path(__file__).resolve().parents[2]
PROBE = """
import copy, json, django
from django.conf import settings
django.setup()
from wagtail.search.backends import get_search_backend
from search.engines import get_engine
# As configured: creating the backend adds the timeout to OPTIONS (modelsearch).
configured = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS["default"])
backend = get_search_backend()
engine = get_engine()
print(json.dumps({
    "settings": configured,
    "backend": type(backend).__module__,
    "engine": type(engine).__name__,
    "client": type(getattr(backend, "es", None)).__module__,
    "index": getattr(engine, "index_name", None),
    "polish_stemmer": settings.SEARCH_POLISH_STEMMER,
}))
"""


def settings_with(extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV", "TMPDIR"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "hub.settings.base", "SECRET_KEY": "probe-" + "x" * 50}
    env |= extra_env
    return subprocess.run(  # noqa: S603 - fixed command, test-controlled input
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(extra_env):
    result = settings_with(extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_cluster_keeps_the_database_backend():
    config = probe({})
    assert config["settings"] == {"BACKEND": "wagtail.search.backends.database"}
    assert config["engine"] == "DatabaseEngine"


def test_opensearch_url_picks_wagtails_opensearch_backend():
    config = probe(
        {
            "OPENSEARCH_URL": "https://hub:secret@search-a.internal:9200,https://search-b.internal",
            "OPENSEARCH_INDEX_PREFIX": "hub_staging_",
            "OPENSEARCH_TIMEOUT": "4",
            # Elasticsearch's own variables do not leak into the OpenSearch configuration.
            "ELASTICSEARCH_INDEX_PREFIX": "not_this_",
            "ELASTICSEARCH_TIMEOUT": "99",
        }
    )
    assert config["settings"] == {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": ["https://hub:secret@search-a.internal:9200", "https://search-b.internal"],
        "INDEX_PREFIX": "hub_staging_",
        "TIMEOUT": 4,
        "OPTIONS": {},
        # The hub's analysis (English stems); update_index adds the synonym sets.
        "INDEX_SETTINGS": cluster_index_settings(),
    }
    assert config["backend"] == "modelsearch.backends.opensearch3"
    assert config["client"] == "opensearchpy.client"
    assert config["engine"] == "OpenSearchEngine"
    assert config["index"] == "hub_staging_search_searchdocument"


def test_opensearch_version_may_name_the_installed_clients_major():
    config = probe({"OPENSEARCH_URL": "http://search.internal:9200", "OPENSEARCH_VERSION": "3"})
    assert config["settings"]["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert config["settings"]["INDEX_PREFIX"] == "hub_"
    assert config["settings"]["TIMEOUT"] == 10


def test_opensearch_version_of_another_client_is_refused():
    """Wagtail's opensearch2 backend calls the 2.x client's positional API, which the
    installed 3.x client refuses: better a clear error at start than at the first save."""
    result = settings_with(
        {"OPENSEARCH_URL": "http://search.internal:9200", "OPENSEARCH_VERSION": "2"}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "OPENSEARCH_VERSION is 2 with opensearch-py 3." in result.stderr


def test_elasticsearch_url_still_picks_elasticsearch():
    config = probe({"ELASTICSEARCH_URL": "http://search.internal:9200"})
    assert config["settings"]["BACKEND"].startswith("wagtail.search.backends.elasticsearch")
    assert config["settings"]["INDEX_SETTINGS"] == cluster_index_settings()
    assert config["engine"] == "ElasticsearchEngine"


@pytest.mark.parametrize("service", ["ELASTICSEARCH", "OPENSEARCH"])
def test_each_cluster_stems_polish_only_when_its_variable_says_it_has_the_plugin(service):
    other = "OPENSEARCH" if service == "ELASTICSEARCH" else "ELASTICSEARCH"
    url = {f"{service}_URL": "http://search.internal:9200"}
    # The other service's variable does not count.
    config = probe(url | {f"{other}_POLISH_STEMMER": "true"})
    assert config["settings"]["INDEX_SETTINGS"] == cluster_index_settings()
    assert config["polish_stemmer"] is False
    config = probe(url | {f"{service}_POLISH_STEMMER": "true"})
    assert config["settings"]["INDEX_SETTINGS"] == cluster_index_settings(polish_stemmer=True)
    assert config["polish_stemmer"] is True


def test_both_clusters_named_is_an_error():
    result = settings_with(
        {
            "ELASTICSEARCH_URL": "http://elastic.internal:9200",
            "OPENSEARCH_URL": "http://opensearch.internal:9200",
        }
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: ELASTICSEARCH_URL and OPENSEARCH_URL are both set" in (
        result.stderr
    )


# --- the engine for each backend ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("backend", "engine_class"),
    [
        ("opensearch2", OpenSearchEngine),
        ("opensearch3", OpenSearchEngine),
        ("elasticsearch8", ElasticsearchEngine),
        ("elasticsearch9", ElasticsearchEngine),
    ],
)
def test_each_cluster_backend_gets_its_engine(backend, engine_class):
    from importlib import import_module

    module = import_module(f"wagtail.search.backends.{backend}")
    engine = engine_for(module.SearchBackend({"URLS": ["http://localhost:9200"]}))
    assert type(engine) is engine_class
    assert engine.index_name == "search_searchdocument"


DATABASE = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE)
def test_the_database_backend_gets_the_database_engine():
    from wagtail.search.backends import get_search_backend

    assert type(engine_for(get_search_backend())) is DatabaseEngine


# --- backend_status(): what /health/ reports ---------------------------------------------------


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE)
def test_status_of_the_database_backend():
    status = backend_status()
    assert (status.ok, status.status, status.backend, status.detail) == (
        True,
        "ok",
        "database",
        "",
    )


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE)
def test_status_of_a_database_without_the_index_table(monkeypatch):
    monkeypatch.setattr("search.engines.database.ENTRIES", "no_such_table")
    status = backend_status()
    assert (status.ok, status.status, status.backend) == (False, "error", "database")
    assert status.detail.startswith("search index unreadable: ")
    # The failed statement was rolled back on its own: the connection still works.
    from search.models import SearchDocument

    assert SearchDocument.objects.count() >= 0


@pytest.fixture(params=["opensearch", "elasticsearch"])
def cluster_settings(request):
    """Settings naming a fake cluster of each kind, as OPENSEARCH_URL or ELASTICSEARCH_URL
    would (``hub/settings/base.py``)."""
    backend = "opensearch3" if request.param == "opensearch" else "elasticsearch9"
    cluster = FakeCluster(product=request.param)
    backends = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{backend}",
            "URLS": [cluster.url],
            "INDEX_PREFIX": "hub_",
            "TIMEOUT": 10,
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield request.param, cluster
    cluster.stop()


def test_status_of_a_cluster(cluster_settings):
    product, cluster = cluster_settings
    status = backend_status()
    assert (status.ok, status.status, status.backend) == (True, "ok", product)
    # One cheap request: HEAD on the hub's index.
    assert [(request.method, request.path.split("?")[0]) for request in cluster.requests] == [
        ("HEAD", "/hub_search_searchdocument")
    ]


def test_status_of_a_cluster_without_the_index(cluster_settings):
    product, cluster = cluster_settings
    cluster.index_exists = False
    status = backend_status()
    assert (status.ok, status.backend) == (False, product)
    assert status.detail == "index hub_search_searchdocument missing: run manage.py update_index"


def test_status_of_a_cluster_that_hangs_gives_up_after_the_timeout(cluster_settings):
    product, cluster = cluster_settings
    cluster.delay = 2.0
    started = time.monotonic()
    status = backend_status(timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert (status.ok, status.backend) == (False, product)
    assert status.detail == "cluster request failed: ConnectionTimeout"


def test_status_of_a_cluster_that_is_gone(cluster_settings):
    product, cluster = cluster_settings
    url = cluster.url
    cluster.stop()
    status = backend_status()
    assert (status.ok, status.backend) == (False, product)
    assert status.detail == "cluster request failed: ConnectionError"
    assert url.split("//")[1] not in status.detail  # no address (or credential) shown


def test_status_when_the_backend_cannot_be_set_up(monkeypatch):
    def broken():
        raise ImportError("No module named 'opensearchpy'")

    monkeypatch.setattr(engines, "get_engine", broken)
    status = backend_status()
    assert (status.ok, status.backend) == (False, "unknown")
    assert status.detail == "search backend not set up: ImportError"
