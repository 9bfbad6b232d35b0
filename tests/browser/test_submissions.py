"""The idea portal in a real browser: the whole journey with and without JavaScript, error
states, zero axe WCAG A/AA violations on every page, and a screenshot of each page in
var/screenshots/ (named test_idea_journey_*-NN-<page>.png)."""

import io
import re

from django.core import mail
from django.core.cache import cache

import pytest
from PIL import Image
from playwright.sync_api import expect

from submissions.enums import Status
from submissions.models import IdeaSubmission, SubmissionAttachment
from tests.browser.test_public_pages import describe, wcag_violations

TRUST = "Wealdshire University Hospitals NHS Foundation Trust"
TITLE = "Fewer falls at night on ward 7"


@pytest.fixture(autouse=True)
def _no_journey_idea_yet():
    """The module's tests share one demo database: each journey starts without the idea
    an earlier journey submitted."""
    IdeaSubmission.objects.filter(title=TITLE).delete()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploads go to a temporary private folder; rate limits start from zero."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "hub.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    cache.clear()
    yield tmp_path / "private"
    cache.clear()


def png_file(tmp_path):
    path = tmp_path / "run-chart.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (0, 94, 184)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


class Journey:
    """Walks the form, checking every page it lands on."""

    def __init__(self, page, base_url, save_screenshot, *, axe: bool):
        self.page = page
        self.base_url = base_url
        self.save_screenshot = save_screenshot
        self.axe = axe
        self.number = 0

    def look(self, name: str):
        """One h1, no WCAG A/AA violations (when JavaScript runs), and a screenshot."""
        self.number += 1
        expect(self.page.locator("h1")).to_have_count(1)
        if self.axe:
            violations = wcag_violations(self.page)
            assert not violations, f"axe: WCAG violations on {name}:\n" + describe(violations)
        self.save_screenshot(self.page, f"{self.number:02d}-{name}")

    def heading(self, text):
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(text)

    def progress(self, number):
        expect(self.page.locator("h1 .nhsuk-caption-l")).to_contain_text(f"Step {number} of 10")

    def press(self, name):
        self.page.get_by_role("button", name=name, exact=True).click()

    def group(self, legend):
        return self.page.get_by_role("group", name=legend)


def fill_about_you(journey):
    page = journey.page
    page.get_by_label("Your name").fill("Jo Bloggs")
    page.get_by_label("Your email address").fill("jo@example.org")
    page.get_by_label("Your job title or role").fill("Ward sister")
    journey.group("Which of these best describes you?").get_by_label("A member of staff").check()
    page.get_by_label("Which organisation are you part of?").select_option(label=TRUST)


def fill_idea(journey):
    page = journey.page
    page.get_by_label("Give your idea a short title").fill(TITLE)
    page.get_by_label("What is the problem or opportunity?").fill(
        "Falls at night have doubled on our ward this year. Improvement at Kingsmead "
        "huddles have started to test changes using PDSA cycles."
    )
    page.get_by_label("Who does it affect?").fill("Older patients on ward 7 👵🏽")


def fill_aim(journey):
    journey.page.get_by_label("What are you trying to accomplish?").fill(
        "Reduce falls at night by 30% by March."
    )


def fill_measures(journey):
    journey.page.get_by_label("Outcome measures").fill("Falls per 1,000 bed days")


def fill_changes(journey):
    journey.page.get_by_label("What changes could you make").fill("Intentional rounding at night")
    journey.page.get_by_label("What would you test first?").fill("One night shift, one bay")


def fill_scope(journey):
    journey.group("Does your idea involve one provider or several?").get_by_label(
        "One provider"
    ).check()
    journey.group("Which system priorities does it support?").get_by_label(
        "Patient safety (PSIRF)"
    ).check()


def fill_populations(journey):
    journey.group("Will it help people living in the most deprived 20% of areas?").get_by_label(
        "Not sure"
    ).check()
    groups = journey.group("Which other groups would it help?")
    groups.get_by_label("People with a learning disability and autistic people").check()
    groups.get_by_label("Coastal and rural communities").check()
    expect(groups.get_by_role("checkbox", checked=True)).to_have_count(2)


def fill_involvement(journey):
    journey.page.get_by_label("They will be involved").check()


def fill_support(journey, upload=None):
    journey.group("What support would help?").get_by_label("Quality improvement coaching").check()
    if upload:
        journey.page.get_by_label("Add files").set_input_files(str(upload))


def fill_consent(journey):
    journey.page.get_by_label("I have read the privacy notice").check()


STEPS = [
    ("about-you", "About you", fill_about_you),
    ("your-idea", "Your idea", fill_idea),
    ("aim", "Your aim", fill_aim),
    ("measures", "How you will know", fill_measures),
    ("changes", "Changes you could test", fill_changes),
    ("scope", "Scope and system priorities", fill_scope),
    ("populations", "Populations and inequalities", fill_populations),
    ("involvement", "Involvement and digital", fill_involvement),
    ("support", "Support and files", fill_support),
    ("consent", "Privacy notice", fill_consent),
]


def test_idea_journey_with_javascript(demo_server, page, save_screenshot, tmp_path):
    journey = Journey(page, demo_server.url, save_screenshot, axe=True)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(demo_server.url + "/")
    page.get_by_role("link", name="Submit an improvement idea").click()
    journey.heading("Submit an improvement idea")
    journey.look("start")
    page.get_by_role("button", name="Start now").click()

    # An error state first: nothing filled in.
    journey.progress(1)
    journey.press("Continue")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter your name")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: About you"))
    journey.look("about-you-errors")
    summary.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Your email address")).to_be_focused()

    for number, (slug, title, fill) in enumerate(STEPS, start=1):
        journey.heading(title)
        journey.progress(number)
        if slug == "support":
            fill(journey, upload=png_file(tmp_path))
            journey.look(slug)
            journey.press("Add these files")
            files = page.locator(".nhsuk-summary-list")
            expect(files).to_contain_text("run-chart.png")
            expect(files.get_by_role("button", name="Remove run-chart.png")).to_be_visible()
            journey.look("support-with-file")
        else:
            fill(journey)
            journey.look(slug)
        journey.press("Continue")

    journey.heading("Check your answers")
    expect(page.get_by_text("Jo Bloggs")).to_be_visible()
    expect(page.get_by_text("run-chart.png")).to_be_visible()
    similar = page.get_by_role("region", name="Similar work already on the hub")
    expect(similar.get_by_role("link").first).to_be_visible()
    journey.look("check")

    # Change an answer and come back to the check page.
    page.get_by_role("link", name="Change What are you trying to accomplish?").click()
    journey.heading("Your aim")
    page.get_by_label("What are you trying to accomplish?").fill("Halve falls at night by June.")
    journey.press("Save and go to check your answers")
    journey.heading("Check your answers")
    expect(page.get_by_text("Halve falls at night by June.")).to_be_visible()

    journey.press("Submit your idea")
    journey.heading("Idea submitted")
    submission = IdeaSubmission.objects.get(title=TITLE)  # the demo has ideas of its own
    expect(page.locator(".nhsuk-panel")).to_contain_text(submission.reference)
    journey.look("confirmation")
    assert SubmissionAttachment.objects.get().submission == submission
    assert sorted(m.to[0] for m in mail.outbox) == ["huddle@wealdshire.example", "jo@example.org"]

    page.get_by_role("link", name="Go to your private status page").click()
    journey.heading(TITLE)
    expect(page.get_by_text("Received", exact=True)).to_be_visible()
    journey.look("status")

    page.get_by_role("button", name="Withdraw your idea").click()
    journey.heading("Are you sure you want to withdraw your idea?")
    journey.look("withdraw")
    journey.press("Yes, withdraw my idea")
    expect(page.get_by_text("You have withdrawn your idea.")).to_be_visible()
    journey.look("withdrawn")
    submission.refresh_from_db()
    assert submission.status == Status.WITHDRAWN
    assert not problems, problems


def test_idea_journey_without_javascript(demo_server, browser, save_screenshot):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    journey = Journey(page, demo_server.url, save_screenshot, axe=False)
    try:
        page.goto(demo_server.url + "/submit-an-idea/")
        page.get_by_role("button", name="Start now").click()

        # Errors without JavaScript: the summary still takes focus (autofocus) and what
        # was typed is kept.
        page.get_by_label("Your name").fill("Jo <b>Bloggs</b>")
        page.get_by_label("Your email address").fill("not an email")
        journey.press("Continue")
        expect(page.locator(".nhsuk-error-summary")).to_be_focused()
        expect(page.get_by_label("Your name")).to_have_value("Jo <b>Bloggs</b>")
        expect(page.get_by_label("Your email address")).to_have_value("not an email")
        expect(page.locator(".nhsuk-error-message").first).to_be_visible()
        journey.look("about-you-errors")

        for number, (slug, _title, fill) in enumerate(STEPS[:3], start=1):
            journey.progress(number)
            fill(journey)
            journey.look(slug)
            journey.press("Continue")

        # Save and come back later, then continue in a new browser from the emailed link.
        journey.press("Save and come back later")
        journey.heading("Your answers have been saved")
        expect(page.get_by_label("Email address")).to_have_value("jo@example.org")
        journey.look("save")
        journey.press("Email me a link")
        journey.heading("Check your email")
        journey.look("save-sent")
        link = re.search(r"http\S+/continue/\S+/", mail.outbox[-1].body).group(0)
    finally:
        context.close()

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    journey.page = page
    try:
        page.goto(link)
        # Back where Jo left off: "Save and come back later" saved the (optional) measures.
        journey.heading("Changes you could test")
        for number, (_slug, _title, fill) in enumerate(STEPS[4:], start=5):
            journey.progress(number)
            fill(journey)
            journey.press("Continue")
        journey.heading("Check your answers")
        expect(page.get_by_text("Jo <b>Bloggs</b>", exact=False)).to_have_count(0)
        expect(page.get_by_text("Jo Bloggs")).to_be_visible()
        journey.look("check-no-js")
        journey.press("Submit your idea")
        journey.heading("Idea submitted")
        journey.look("confirmation-no-js")
        submission = IdeaSubmission.objects.get(title=TITLE)  # the demo has ideas of its own
        assert submission.plus_groups == ["learning_disability_autism", "coastal_rural"]
        assert submission.who_affected == "Older patients on ward 7 👵🏽"

        # The huddle asks a question; Jo replies from the status page.
        from django.contrib.auth import get_user_model

        from submissions.models import SubmissionMessage
        from submissions.transitions import transition

        member = get_user_model().objects.get(username="huddle.member")
        transition(submission, Status.IN_TRIAGE, by_user=member)
        transition(submission, Status.MORE_INFO_REQUESTED, by_user=member)
        SubmissionMessage.objects.create(
            submission=submission, sender="huddle", body="<i>How many</i> falls last month?"
        )
        page.get_by_role("link", name="Go to your private status page").click()
        expect(page.get_by_text("<i>How many</i> falls last month?")).to_be_visible()
        journey.press("Send reply")
        expect(page.locator(".nhsuk-error-summary")).to_be_focused()
        journey.look("status-reply-error")
        page.get_by_label("Your reply").fill("Twelve, all after 2am.")
        journey.press("Send reply")
        expect(page.get_by_text("Your reply has been sent to the huddle.")).to_be_visible()
        journey.look("status-replied")
        submission.refresh_from_db()
        assert submission.status == Status.SUBMITTER_REPLIED
    finally:
        context.close()


def test_every_idea_page_and_error_state_has_no_wcag_violations(
    demo_server, page, save_screenshot, settings
):
    """Each step's own error state (the journey above covers each step filled in), the
    rate-limit page and a status page that does not exist."""
    journey = Journey(page, demo_server.url, save_screenshot, axe=True)
    page.goto(demo_server.url + "/submit-an-idea/about-you/")
    fill_about_you(journey)
    journey.press("Continue")
    for slug, title, fill in STEPS[1:]:
        journey.heading(title)  # waits for the step, so Continue is pressed on this one
        with page.expect_navigation():  # the answer page, not the one being left
            journey.press("Continue")  # empty: errors where answers are required
        if page.locator(".nhsuk-error-summary").count():
            expect(page.locator(".nhsuk-error-summary")).to_be_focused()
            journey.look(f"{slug}-errors")
            fill(journey)
            journey.press("Continue")
    journey.heading("Check your answers")
    settings.SUBMISSIONS_RATE_LIMIT = 0
    journey.press("Submit your idea")
    journey.heading("too many attempts")
    journey.look("too-many-requests")
    assert not IdeaSubmission.objects.filter(title=TITLE).exists()
    page.goto(demo_server.url + "/submit-an-idea/status/no-such-token/")
    journey.look("status-not-found")
