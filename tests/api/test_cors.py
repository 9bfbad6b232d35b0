"""CORS: browser origins may call the API only when named (``API_CORS_ALLOWED_ORIGINS``);
none are by default, and nothing outside ``/api/`` is ever shared."""

from django.test import Client

import pytest

from hub.settings.env import env_list

ALLOWED = "https://intranet.example.nhs.uk"
OTHER = "https://elsewhere.example.com"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"
API_READS = ["/api/v3/taxonomies/", "/api/v3/directory/coaches/", "/api/v3/pages/"]


@pytest.fixture
def client(db):
    return Client(HTTP_HOST="localhost")


def preflight(client, path, origin, method="GET"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


@pytest.fixture
def intranet_allowed(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def test_no_origin_is_allowed_by_default(client):
    from django.conf import settings

    assert settings.CORS_ALLOWED_ORIGINS == []
    for path in API_READS:
        for origin in (ALLOWED, OTHER):
            response = client.get(path, HTTP_ORIGIN=origin)
            assert response.status_code == 200
            assert ALLOW_ORIGIN not in response, (path, origin)
            assert ALLOW_ORIGIN not in preflight(client, path, origin), (path, origin)


def test_the_allowed_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("API_CORS_ALLOWED_ORIGINS", f"{ALLOWED}, {OTHER}")
    assert env_list("API_CORS_ALLOWED_ORIGINS") == [ALLOWED, OTHER]
    monkeypatch.delenv("API_CORS_ALLOWED_ORIGINS")
    assert env_list("API_CORS_ALLOWED_ORIGINS") == []


@pytest.mark.usefixtures("intranet_allowed")
def test_a_named_origin_may_read_the_api(client):
    for path in API_READS:
        response = client.get(path, HTTP_ORIGIN=ALLOWED)
        assert response.status_code == 200
        assert response[ALLOW_ORIGIN] == ALLOWED, path
        # Cookies are never shared: the API's rights come from bearer tokens only.
        assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.usefixtures("intranet_allowed")
def test_a_named_origin_s_preflight_is_answered(client):
    response = preflight(client, "/api/v3/submissions/", ALLOWED, method="POST")
    assert response.status_code == 200
    assert response[ALLOW_ORIGIN] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers
    assert "content-type" in allowed_headers
    assert "idempotency-key" in allowed_headers
    assert "if-none-match" in allowed_headers


@pytest.mark.usefixtures("intranet_allowed")
def test_a_named_origin_may_send_an_idempotency_key_and_read_retry_after_and_links(client):
    response = client.options(
        "/api/v3/submissions/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, idempotency-key",
    )
    assert response.status_code == 200
    assert "idempotency-key" in response["Access-Control-Allow-Headers"].lower()
    read = client.get("/api/v3/pages/", HTTP_ORIGIN=ALLOWED)
    exposed = {name.strip().lower() for name in read["Access-Control-Expose-Headers"].split(",")}
    assert {"retry-after", "link", "etag", "last-modified"} <= exposed


@pytest.mark.usefixtures("intranet_allowed")
def test_an_origin_not_named_gets_no_cors_header(client):
    response = client.get("/api/v3/taxonomies/", HTTP_ORIGIN=OTHER)
    assert response.status_code == 200
    assert ALLOW_ORIGIN not in response
    assert ALLOW_ORIGIN not in preflight(client, "/api/v3/taxonomies/", OTHER)
    assert ALLOW_ORIGIN not in preflight(client, "/api/v3/submissions/", OTHER, method="POST")


@pytest.mark.usefixtures("intranet_allowed")
def test_paths_outside_the_api_never_get_cors_headers(client):
    for path in ("/", "/en/", "/search/", "/coaches/", "/health/", "/admin/login/", "/apix/"):
        response = client.get(path, HTTP_ORIGIN=ALLOWED, follow=True)
        assert ALLOW_ORIGIN not in response, path
        assert ALLOW_ORIGIN not in preflight(client, path, ALLOWED), path
