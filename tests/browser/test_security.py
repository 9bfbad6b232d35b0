"""The Content-Security-Policy in a real browser: public pages, the coach directory, search
suggestions and the admin (dashboard, page explorer and editor with its preview, images,
snippets, settings, the huddle, sign-in lockouts, two-step sign-in) run with no violation.
``fail_on_csp_violations`` (conftest.py) fails any browser test that meets one; the first
test proves that check sees a violation when there is one."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_pages import PUBLIC_PAGES

DEMO_PASSWORD = "improve-together"

pytestmark = pytest.mark.browser


def sign_in(page, server, username):
    page.goto(server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).not_to_have_url(re.compile("/login/"))


def test_the_check_sees_an_inline_script_being_blocked(demo_server, page, fail_on_csp_violations):
    page.goto(demo_server.url + "/")
    ran = page.evaluate("() => { window.ranInline = false; return true; }")
    assert ran
    with pytest.raises(Exception):  # noqa: B017, PT011 - Playwright's error for a blocked tag
        page.add_script_tag(content="window.ranInline = true;")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ranInline") is False
    assert fail_on_csp_violations.found, "a blocked inline script was not reported"
    fail_on_csp_violations.found.clear()


def test_public_pages_run_under_the_strict_policy(demo_server, page):
    for path, status in PUBLIC_PAGES:
        response = page.goto(demo_server.url + path)
        assert response.status == status, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy + ";", (path, policy)
        assert "permissions-policy" in response.headers
    # Search suggestions fetch JSON from the page's own script.
    page.goto(demo_server.url + "/search/")
    page.get_by_role("combobox").first.fill("fal")
    page.wait_for_timeout(800)


ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/3/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/reports/aging-pages/",
    "/admin/spread_register/",
    "/admin/sign-in-lockouts/",
    "/admin/two-step/",
    "/admin/account/",
    "/admin/users/",
]


def test_the_admin_works_under_its_policy(demo_server, page):
    sign_in(page, demo_server, "admin")
    for path in ADMIN_PATHS:
        response = page.goto(demo_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "'unsafe-eval'" not in policy
        assert "frame-ancestors 'self'" in policy
        page.wait_for_load_state("networkidle")
    # The page editor (Draftail, StreamField, the side panels) and its live preview.
    page.goto(demo_server.url + "/admin/pages/3/edit/")
    page.wait_for_load_state("networkidle")
    preview = page.get_by_role("button", name=re.compile("Toggle preview|Preview", re.I)).first
    if preview.count():
        preview.click()
        page.wait_for_timeout(1500)
    expect(page.locator("h1").first).to_be_visible()


def test_the_huddle_and_a_partner_editor_work_under_the_policy(demo_server, page):
    sign_in(page, demo_server, "huddle.member")
    for path in ("/admin/huddle/", "/admin/huddle/dashboard/", "/admin/huddle/meetings/"):
        response = page.goto(demo_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
