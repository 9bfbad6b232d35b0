"""Feedback in a real browser: "Was this page useful?" with and without JavaScript, the
comment step and the submitter survey, each checked with axe and at phone width."""

import re

import pytest
from playwright.sync_api import expect

from feedback import survey
from feedback.models import PageFeedbackComment, PageFeedbackCount, SubmitterSurvey
from tests.browser.test_public_pages import describe, wcag_violations

pytestmark = pytest.mark.browser

ABOUT = "/about/"


def check(page, problems, label):
    violations = wcag_violations(page)
    if violations:
        problems[label] = describe(violations)


def test_without_javascript_the_answer_and_the_comment_post_and_thank(
    demo_server, browser, save_screenshot
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + ABOUT)
        feedback = page.get_by_role("region", name="Was this page useful?")
        feedback.get_by_role("button", name="No this page was not useful").click()
        expect(page).to_have_url(re.compile(r"/feedback/page/thanks/\?page=\d+&answer=no$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
        # (axe cannot run where JavaScript is off: Playwright's evaluate waits for ever. The
        # thank-you page is in test_public_pages' axe list.)
        page.get_by_role("button", name="Send").click()  # nothing typed
        expect(page.locator(".nhsuk-error-summary")).to_contain_text(
            "Enter what was wrong with this page"
        )
        save_screenshot(page, "error-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        save_screenshot(page, "error-390")
        page.get_by_label("What was wrong with this page?").fill("Old phone number: 0115 496 0000")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("We read every comment")).to_be_visible()
        assert PageFeedbackComment.objects.filter(
            text="Old phone number: [number removed]"
        ).exists()
    finally:
        context.close()


def test_with_javascript_the_answer_is_thanked_in_place(demo_server, page, save_screenshot):
    page.goto(demo_server.url + ABOUT)
    before = sum(row.useful for row in PageFeedbackCount.objects.filter(language="en"))
    feedback = page.get_by_role("region", name="Was this page useful?")
    feedback.get_by_role("button", name="Yes this page was useful").click()
    expect(feedback.get_by_role("status")).to_have_text("Thank you for your feedback.")
    expect(page).to_have_url(demo_server.url + ABOUT)
    after = sum(row.useful for row in PageFeedbackCount.objects.filter(language="en"))
    assert after == before + 1
    save_screenshot(page, "1280")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_survey_and_the_form_in_urdu_are_accessible(
    demo_server, browser, save_screenshot, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    try:
        sent = SubmitterSurvey.objects.filter(answered_at__isnull=True).order_by("pk").first()
        url = f"{demo_server.url}/feedback/survey/{survey.token_for(sent)}/"
        page.goto(url)
        page.get_by_role("button", name="Send answers").click()
        expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select a score from 1 to 5")
        check(page, problems, "survey errors")
        save_screenshot(page, f"survey-{width}")
        page.goto(f"{demo_server.url}/ur/feedback/survey/not-a-link/")
        check(page, problems, "survey closed (ur)")
        page.goto(demo_server.url + "/ur/")
        expect(page.locator(".hub-page-feedback")).to_be_visible()
        check(page, problems, "home (ur)")
        save_screenshot(page, f"home-ur-{width}")
        page.goto(f"{demo_server.url}/pl/feedback/page/thanks/?answer=no")
        check(page, problems, "thanks (pl)")
        save_screenshot(page, f"thanks-pl-{width}")
    finally:
        context.close()
    assert not problems, "\n\n".join(f"{label}:\n{text}" for label, text in problems.items())
