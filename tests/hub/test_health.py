import json
from datetime import timedelta
from unittest import mock

from django.core.files.storage import FileSystemStorage
from django.db import OperationalError, connections
from django.utils import timezone

import pytest

from demo.factories import OutboxEmailFactory
from hub import outbox
from hub.enums import EmailStatus
from hub.models import OutboxEmail
from tests.hub.test_settings import run_django

pytestmark = pytest.mark.django_db

PARTS = {"database", "cache", "storage", "private_storage", "search", "email_queue"}
REQUIRED = {"database", "cache", "storage"}

CALL_HEALTH = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


class BrokenStorage(FileSystemStorage):
    """A storage whose server does not answer."""

    def exists(self, name):
        raise ConnectionRefusedError("s3.example.org:443 refused the connection")


def broken(settings, storage):
    settings.STORAGES = {
        **settings.STORAGES,
        storage: {"BACKEND": "tests.hub.test_health.BrokenStorage"},
    }


def health(client, expected_status=200):
    response = client.get("/health/")
    assert response.status_code == expected_status, response.content
    return response.json()


def test_health_reports_each_part(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == PARTS
    for name, check in body["checks"].items():
        assert check["status"] == "ok", (name, check)
        assert isinstance(check["ms"], float)
        assert check["required"] is (name in REQUIRED)
    assert body["checks"]["search"]["backend"] == "database"
    assert body["checks"]["email_queue"]["queues"] == {
        "outbox": {"backlog": 0, "oldest_age_seconds": None}
    }
    assert body["checks"]["email_queue"]["oldest_age_seconds"] is None


def test_health_is_not_redirected_into_a_language(client):
    assert client.get("/health/").status_code == 200
    assert client.get("/pl/health/").status_code == 404


def test_health_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "hub.redis_cache.RedisCache",
            "LOCATION": "redis://:cache-password@127.0.0.1:1/0",  # nothing listens on port 1
        }
    }

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"
    assert "cache-password" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_health_is_503_when_the_database_is_down(client):
    refused = OperationalError('connection to server at "10.0.0.5", port 5432 failed')
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=refused):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
        "required": True,
    }
    assert "10.0.0.5" not in response.content.decode()
    # What needs the database is not asked again (each attempt could wait for a timeout).
    for part in ("search", "email_queue"):
        assert body["checks"][part]["error"] == "not checked: the database is unavailable"
    assert body["checks"]["cache"]["status"] == "ok"


def test_health_is_503_when_the_media_storage_is_down(client, settings):
    broken(settings, "default")

    body = health(client, 503)

    assert body["checks"]["storage"] == {
        "status": "error",
        "error": "ConnectionRefusedError",
        "ms": body["checks"]["storage"]["ms"],
        "required": True,
    }


def test_private_storage_down_is_degraded_not_503(client, settings):
    broken(settings, "private")

    body = health(client, 200)

    assert body["status"] == "degraded"
    assert body["checks"]["private_storage"]["status"] == "error"
    assert body["checks"]["private_storage"]["required"] is False


def test_email_backlog_counts_what_waits_and_warns_when_it_is_old(client):
    waiting = OutboxEmailFactory(status=EmailStatus.PENDING)
    OutboxEmailFactory(status=EmailStatus.SENDING)
    OutboxEmailFactory(status=EmailStatus.SENT)
    OutboxEmailFactory(status=EmailStatus.FAILED)
    OutboxEmail.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(minutes=45)
    )

    body = health(client, 200)

    email = body["checks"]["email_queue"]
    assert body["status"] == "ok"  # a backlog is news, not an outage
    assert email["status"] == "ok"
    assert email["queues"]["outbox"]["backlog"] == 2
    assert 45 * 60 <= email["queues"]["outbox"]["oldest_age_seconds"] < 46 * 60
    assert email["oldest_age_seconds"] == email["queues"]["outbox"]["oldest_age_seconds"]
    assert "email worker" in email["warning"]


def test_a_recent_email_backlog_gives_no_warning(client):
    OutboxEmailFactory(status=EmailStatus.PENDING)

    email = health(client)["checks"]["email_queue"]

    assert email["queues"]["outbox"]["backlog"] == 1
    assert email["oldest_age_seconds"] < 60
    assert "warning" not in email


def test_email_backlog_includes_the_database_task_queue(client, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "email": {"BACKEND": "django_tasks_db.backend.DatabaseBackend", "QUEUES": ["email"]},
    }
    for email in OutboxEmailFactory.create_batch(2):
        outbox.enqueue(email.pk)  # what the commit does

    email = health(client)["checks"]["email_queue"]

    assert email["queues"]["tasks"]["backlog"] == 2
    assert email["queues"]["tasks"]["oldest_age_seconds"] < 60


# A search cluster: the real client, against a port where nothing listens.


@pytest.mark.parametrize(
    ("backend", "name"),
    [
        ("wagtail.search.backends.elasticsearch9", "elasticsearch"),
        ("wagtail.search.backends.opensearch3", "opensearch"),
    ],
)
def test_unreachable_search_cluster_is_degraded_not_503(client, settings, backend, name):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": backend,
            "URLS": ["http://search-user:search-secret@127.0.0.1:1"],
            "INDEX_PREFIX": "health_",
            "TIMEOUT": 2,
        }
    }

    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    search = body["checks"]["search"]
    assert search["status"] == "error"
    assert search["backend"] == name
    assert search["error"].startswith("cluster request failed:")
    assert "search-secret" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://postgres@127.0.0.1:1/unreachable",  # nothing listens on port 1
        "sqlite:////nonexistent-directory/db.sqlite3",
    ],
)
def test_health_is_503_when_the_database_is_unreachable(database_url, tmp_path):
    result = run_django(
        "hub.settings.test",
        {"DATABASE_URL": database_url},
        code=CALL_HEALTH,
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 503
    assert outcome["body"]["status"] == "error"
    assert outcome["body"]["checks"]["database"]["status"] == "error"
    assert outcome["body"]["checks"]["database"]["error"] == "OperationalError"
    assert outcome["body"]["checks"]["cache"]["status"] == "ok"
