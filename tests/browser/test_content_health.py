"""Content health in a real browser: the report (as the demo seeds it: overdue reviews, a
closed account's pages, broken links) and the editor's panel pass axe (WCAG 2.x A and AA)
at 1280 and 390 px, for a hub editor and a partner editor."""

import re

from wagtail.models import Page

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.factories import StandardPageFactory
from pages.models import CaseStudyPage
from tests.browser.test_huddle import WIDTHS, assert_no_wcag_violations, sign_in
from tests.browser.test_public_pages import WCAG_TAGS, describe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ["hub.editor", "trust.editor"])
def test_the_report_and_the_editor_panel_pass_axe(demo_server, browser, save_screenshot, username):
    study = CaseStudyPage.objects.filter(locale__language_code="en").order_by("path").first()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 1400})
        page = context.new_page()
        sign_in(page, demo_server, username)
        page.goto(demo_server.url + "/admin/content-health/")
        summary = page.locator("[data-content-health-summary]")
        expect(summary.locator('[data-count="overdue"] strong')).not_to_have_text("0")
        assert_no_wcag_violations(page, f"content health at {width} px for {username}")
        save_screenshot(page, f"report-{username}-{width}")
        page.goto(demo_server.url + "/admin/content-health/?problem=owner_gone")
        assert_no_wcag_violations(page, f"owner gone at {width} px for {username}")
        if username == "hub.editor":
            page.goto(f"{demo_server.url}/admin/pages/{study.pk}/edit/")
            expect(page.locator("[data-upkeep-panel]")).to_be_visible()
            # The panel only: Wagtail's own rich text fields (Draftail) fail
            # aria-input-field-name, which is Wagtail's to fix.
            results = Axe().run(page, context="[data-upkeep-panel]")
            violations = [
                violation
                for violation in results.response["violations"]
                if WCAG_TAGS.intersection(violation["tags"])
            ]
            assert not violations, describe(violations)
            save_screenshot(page, f"editor-{width}")
        context.close()


def test_the_editors_checks_panel_runs_on_the_preview(demo_server, browser, save_screenshot):
    """Wagtail's Checks panel runs its accessibility checker inside the framed preview: the
    preview must allow the hub's own admin to frame it (it once sent frame-ancestors 'none',
    and the panel stayed blank). fail_on_csp_violations catches a refused frame too."""
    study = CaseStudyPage.objects.filter(locale__language_code="en").order_by("path").first()
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        sign_in(page, demo_server, "hub.editor")
        page.goto(f"{demo_server.url}/admin/pages/{study.pk}/edit/")
        page.get_by_role("button", name=re.compile("checks", re.I)).first.click()
        panel = page.locator("[data-side-panel='checks']")
        # The content metrics are read from the preview: a number once it has loaded.
        expect(panel).to_contain_text(re.compile(r"Words\s*\d+"), timeout=20_000)
        expect(panel).to_contain_text("Issues found")
        save_screenshot(page, "checks-panel")
    finally:
        context.close()


def test_a_skipped_heading_level_is_flagged_in_the_editor_and_on_the_draft(demo_server, browser):
    """Wagtail's checker with the hub's rules (upkeep.wagtail_hooks.HubAccessibilityItem)
    flags an h2 followed by an h4 in a draft: in the editor's Checks panel (axe run on the
    framed preview) and in the userbar on the draft. Its rules are rule ids, not tags, so
    axe's best-practice ``heading-order`` runs (a list mixing ids and tags makes axe refuse
    to run at all)."""
    home = Page.objects.get(depth=2, locale__language_code="en")
    draft = StandardPageFactory(
        parent=home,
        title="Heading order draft",
        slug="heading-order-draft",
        live=False,
        body=[("paragraph", "<h2>Aim</h2><p>Fewer falls.</p><h4>Skipped</h4><p>Why.</p>")],
    )
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        sign_in(page, demo_server, "hub.editor")
        page.goto(f"{demo_server.url}/admin/pages/{draft.pk}/edit/")
        page.get_by_role("button", name=re.compile("checks", re.I)).first.click()
        panel = page.locator("[data-side-panel='checks']")
        expect(panel).to_contain_text("Incorrect heading hierarchy", timeout=20_000)
        expect(panel).to_contain_text("h4")

        page.goto(f"{demo_server.url}/admin/pages/{draft.pk}/view_draft/")
        userbar = page.locator("wagtail-userbar")
        expect(userbar).to_contain_text(re.compile(r"Issues found\s*1"), timeout=20_000)
    finally:
        context.close()
        draft.delete()
