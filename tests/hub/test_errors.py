"""Error pages that cannot fail, and a 503 (not a 500) while the database is unreachable.

The 404, 500 and 503 pages must render when the static files manifest is missing, the
database is down and the cache is unreachable: each of those is why a visitor would see them.
"""

import json
import logging
from unittest import mock

from django.db import OperationalError, connections
from django.http import Http404
from django.template import TemplateSyntaxError
from django.test import Client
from django.utils import translation

import pytest

from hub import views
from tests.hub.test_settings import run_django

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
# Nothing listens on port 1: connecting is refused at once.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "hub.redis_cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
CONNECTION_REFUSED = (
    'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused'
)


@pytest.fixture
def no_manifest(settings, tmp_path):
    """Production's manifest storage before collectstatic ran: `{% static %}` raises."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}


@pytest.fixture
def no_cache(settings):
    settings.CACHES = UNREACHABLE_REDIS


@pytest.fixture
def database_down(db):
    """Every query fails as it does when PostgreSQL cannot be reached."""
    with mock.patch.object(
        connections["default"],
        "ensure_connection",
        side_effect=OperationalError(CONNECTION_REFUSED),
    ):
        yield


def handler_client():
    """The client that sees what a visitor sees when a request fails: Django's own handler
    answers, instead of the exception being raised into the test."""
    return Client(raise_request_exception=False)


def assert_plain_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en" dir="ltr">' in html
    assert html.count("<h1") == 1
    assert f"<h1>{heading}</h1>" in html
    assert "Improvement Hub" in html
    assert 'href="#maincontent"' in html and 'id="maincontent"' in html
    # Nothing the missing manifest or an unreachable server would have to provide.
    assert "/static/" not in html
    assert "<link" not in html and "<script" not in html
    return html


# 500 -------------------------------------------------------------------------------------


def test_500_page_renders_without_the_static_files_manifest(home_page, no_manifest):
    response = handler_client().get("/")  # the home page's own template cannot render

    assert_plain_page(response, 500, "Sorry, there is a problem with the service")
    assert "Internal Server Error" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_500_under_the_api_is_a_problem_document(rf, no_manifest):
    response = views.server_error(rf.get("/api/v3/pages/"))

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 500


def test_error_page_is_still_served_when_its_template_is_broken(rf):
    with mock.patch.object(
        views.loader, "get_template", side_effect=TemplateSyntaxError("broken release")
    ):
        response = views.server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Sorry, there is a problem with the service</h1>" in html
    assert "Improvement Hub" in html
    assert "broken release" not in html


# 404 -------------------------------------------------------------------------------------


def test_404_is_the_full_site_page_when_everything_works(home_page, client):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert "/static/wagtailnhsukfrontend/css/" in html  # the site's own layout and header
    assert 'class="nhsuk-header__search-form"' in html


def test_404_without_the_static_files_manifest_is_the_plain_page(home_page, no_manifest):
    response = handler_client().get("/no-such-page/")

    html = assert_plain_page(response, 404, "Page not found")
    assert '<a href="/">go to the home page</a>' in html
    assert '<form action="/search/" method="get">' in html


def test_404_falls_back_to_the_plain_page_when_the_database_fails(rf, database_down, caplog):
    with caplog.at_level(logging.ERROR, logger="hub.views"):
        response = views.page_not_found(rf.get("/no-such-page/"), Http404())

    html = assert_plain_page(response, 404, "Page not found")
    assert 'name="q"' in html  # still a way to search
    assert "The full 404 page failed to render" in caplog.text


# Plain pages need nothing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("view", "status", "heading"),
    [
        (lambda request: views.page_not_found(request, Http404()), 404, "Page not found"),
        (views.server_error, 500, "Sorry, there is a problem with the service"),
        (views.service_unavailable, 503, "Sorry, the service is unavailable"),
    ],
    ids=["404", "500", "503"],
)
def test_error_pages_render_with_no_database_manifest_or_cache(
    rf, database_down, no_manifest, no_cache, view, status, heading
):
    assert_plain_page(view(rf.get("/somewhere/")), status, heading)


def test_error_pages_speak_the_visitors_language(rf, database_down):
    with translation.override("pl"):
        response = views.server_error(rf.get("/pl/somewhere/"))

    html = response.content.decode()
    assert '<html lang="pl" dir="ltr">' in html
    assert "<h1>Przepraszamy, wystąpił problem z usługą</h1>" in html
    assert "Centrum Doskonalenia" in html  # the site name, translated
    assert 'href="/pl/"' in html


def test_error_pages_use_the_configured_site_name(rf, settings):
    settings.WAGTAIL_SITE_NAME = "Kingsmead Improvement Network"

    html = views.service_unavailable(rf.get("/")).content.decode()

    assert "Kingsmead Improvement Network</span>" in html
    assert (
        "<title>Sorry, the service is unavailable – Kingsmead Improvement Network</title>" in html
    )


# 503 while the database is unreachable ---------------------------------------------------


def assert_logged_with_cause(caplog):
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.getMessage().startswith("Service Unavailable:")
    assert isinstance(record.exc_info[1], OperationalError)


def test_public_page_is_503_with_retry_after_while_the_database_is_down(
    home_page, database_down, client, caplog
):
    # The default client raises any exception Django did not turn into a response itself:
    # this one is answered by the middleware.
    response = client.get("/")

    assert_plain_page(response, 503, "Sorry, the service is unavailable")
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "5432" not in response.content.decode()
    assert_logged_with_cause(caplog)


def test_api_is_a_503_problem_document_while_the_database_is_down(database_down, client, caplog):
    response = client.get("/api/v3/pages/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["title"] == "Service Unavailable"
    assert "10.0.0.5" not in json.dumps(problem)
    assert_logged_with_cause(caplog)


def test_admin_login_is_503_while_the_database_is_down(database_down, client):
    response = client.post("/admin/login/", {"username": "hub.editor", "password": "secret"})

    assert_plain_page(response, 503, "Sorry, the service is unavailable")
    assert response["Retry-After"] == "30"


def test_database_failure_in_a_middleware_is_503_too(database_down, caplog):
    # No view here needs the database, but Wagtail's redirect middleware looks every 404 up
    # in the redirects table: it fails after the view, outside any view's exception handling.
    response = handler_client().get("/no.such.address/")

    assert_plain_page(response, 503, "Sorry, the service is unavailable")
    assert response["Retry-After"] == "30"
    assert_logged_with_cause(caplog)


CALL_PAGES = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in ("/", "/api/v3/pages/", "/health/"):
    response = client.get(path)
    answers[path] = [response.status_code, response.get("Retry-After"), response["Content-Type"]]
print(json.dumps(answers))
"""


def test_every_kind_of_request_is_503_when_postgresql_is_unreachable(tmp_path):
    result = run_django(
        "hub.settings.test",
        # Nothing listens on port 1: a real refused connection through psycopg.
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/unreachable"},
        code=CALL_PAGES,
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers == {
        "/": [503, "30", "text/html; charset=utf-8"],
        "/api/v3/pages/": [503, "30", "application/problem+json"],
        "/health/": [503, None, "application/json"],
    }
