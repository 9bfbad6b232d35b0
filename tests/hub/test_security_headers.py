"""Content-Security-Policy (django-csp, per part of the site), Permissions-Policy, and the
CSP violation report endpoint."""

import base64
import hashlib
import json
import logging

from django.test import Client

import pytest

from hub.models import HubSettings

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_public_pages_have_a_strict_policy(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(policy["style-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["report-uri"] == ["/csp-report/"]
    assert "<script>" not in response.content.decode()  # no inline script anywhere


def test_the_header_colour_style_is_allowed_by_its_hash(client, home_page):
    """By hash, not nonce: the page cache serves the same page to many visitors."""
    settings_ = HubSettings.for_site(home_page.get_site())
    settings_.header_colour = "#330072"
    settings_.save()
    response = client.get(home_page.url)
    css = ":root { --hub-header-colour: #330072; }"
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in directives(response)["style-src"]
    assert not any(v.startswith("'nonce-") for v in directives(response)["style-src"])
    assert f"<style>{css}</style>" in response.content.decode()


def test_the_admin_has_its_own_working_policy(client):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_api_answers_carry_a_policy_too(client):
    policy = directives(client.get("/api/v3/taxonomies/"))
    assert policy["default-src"] == ["'self'"]


def test_error_pages_allow_only_their_own_inline_style(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_permissions_policy_turns_off_powerful_features(client, home_page):
    header = client.get(home_page.url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header
    assert client.get("/admin/login/")["Permissions-Policy"] == header


def test_csp_reports_are_logged_and_answered_204(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://hub.example/",
            "blocked-uri": "inline",
            "violated-directive": "script-src",
        }
    }
    with caplog.at_level(logging.WARNING, logger="hub.csp"):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert any("blocked inline" in r.getMessage() for r in caplog.records)
    assert client.post("/csp-report/", "not json", content_type="text/plain").status_code == 204
    assert client.get("/csp-report/").status_code == 405


def test_a_page_preview_may_be_framed_by_the_hub_only(rf, home_page, django_user_model):
    """Wagtail's page preview (the editor's preview and Checks panels frame it) runs the
    middleware on a made-up request for the page's public address."""
    request = rf.get("/admin/pages/1/edit/preview/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    preview = home_page.make_preview_request(request, home_page.default_preview_mode)
    policy = directives(preview)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # A real visit to the same address: no frame at all.
    assert directives(Client().get(home_page.url))["frame-ancestors"] == ["'none'"]
