"""Following topics and open data in a real browser: accessibility (axe) in English, Polish
and Urdu, the subscribe form's errors, and the whole double opt-in and unsubscribe journey
without JavaScript."""

import re

from django.core import mail

from playwright.sync_api import expect

from tests.browser.test_public_pages import describe, wcag_violations

PAGES = [
    ("/open-data/", "open-data"),
    ("/pl/open-data/", "open-data-pl"),
    ("/ur/open-data/", "open-data-ur"),
    ("/follow/", "follow"),
    ("/follow/?stream=type:events", "follow-chosen"),
    ("/pl/follow/", "follow-pl"),
    ("/ur/follow/", "follow-ur"),
    ("/follow/check-your-email/", "check-email"),
    ("/follow/confirm/forged/", "confirm-invalid"),
]


def test_pages_have_no_wcag_a_or_aa_violations(demo_server, browser, save_screenshot):
    problems = {}
    for width, label in ((1280, "desktop"), (390, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for path, name in PAGES:
                response = page.goto(demo_server.url + path)
                expected = 404 if "forged" in path else 200
                if response.status != expected:
                    problems[path] = f"HTTP {response.status}"
                    continue
                save_screenshot(page, f"{name}-{label}")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth > document.documentElement.clientWidth"
                )
                if overflow:
                    problems[f"{path} at {width}px"] = "scrolls sideways"
                violations = wcag_violations(page)
                if violations:
                    problems[f"{path} at {width}px"] = describe(violations)
        finally:
            context.close()
    assert not problems, "\n\n".join(f"{path}:\n{text}" for path, text in problems.items())


def test_subscribe_errors_are_accessible_and_keep_what_was_typed(
    demo_server, page, save_screenshot
):
    page.goto(demo_server.url + "/follow/")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Send me a confirmation email").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Choose what you would like to follow.")
    expect(summary).to_contain_text("Enter an email address like name@example.com.")
    expect(page.get_by_label("Email address")).to_have_value("not-an-email")
    expect(page).to_have_title(re.compile(r"^Error: "))
    save_screenshot(page, "errors")
    violations = wcag_violations(page)
    assert not violations, describe(violations)


def test_follow_confirm_and_unsubscribe_without_javascript(demo_server, browser, save_screenshot):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/case-studies/")
        page.get_by_role("link", name="Get emails when new ones are published").click()
        expect(page.get_by_label("What would you like to follow?")).to_have_value(
            "type:case-studies"
        )
        page.get_by_label("Once a week").check()
        page.get_by_label("Email address").fill("browser.follower@example.org")
        page.get_by_role("button", name="Send me a confirmation email").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

        (email,) = [m for m in mail.outbox if m.to == ["browser.follower@example.org"]]
        link = re.search(r"http://\S+/follow/confirm/\S+/", email.body).group(0)
        page.goto(link.replace("http://127.0.0.1:8000", demo_server.url))
        page.get_by_role("button", name="Yes, send me emails").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "You are now following Case studies"
        )
        save_screenshot(page, "confirmed")
        # (axe runs in the page's JavaScript, so it is not run in this context without it.)
    finally:
        context.close()
