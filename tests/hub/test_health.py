import json

import pytest

from tests.hub.test_settings import run_django

pytestmark = pytest.mark.django_db

CALL_HEALTH = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_health_reports_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_not_redirected_into_a_language(client):
    assert client.get("/health/").status_code == 200
    assert client.get("/pl/health/").status_code == 404


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
    assert outcome == {"status": 503, "body": {"status": "error", "database": "unavailable"}}
