"""A huddle member's triage journey in a real browser: sign in, open the inbox, open an idea,
move it into triage, ask the submitter a question, leave a note for a colleague, assign the
suggested coach, and see it all in the timeline."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from submissions.enums import Status
from submissions.models import IdeaSubmission, InternalNote, SubmissionMessage

DEMO_PASSWORD = "improve-together"

pytestmark = pytest.mark.browser


def sign_in(page, server, username="huddle.member"):
    page.goto(server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).not_to_have_url(re.compile("/login/"))


def test_a_huddle_member_triages_an_idea(demo_server, page, save_screenshot):
    idea = IdeaSubmission.objects.filter(status=Status.SUBMITTED).order_by("submitted_at").first()
    assert idea is not None, "the demo has ideas waiting for triage"
    sign_in(page, demo_server)

    page.goto(demo_server.url + "/admin/huddle/")
    save_screenshot(page, "inbox")
    page.get_by_role("link", name=re.compile(re.escape(idea.reference))).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(idea.reference)
    save_screenshot(page, "idea")

    page.get_by_label("In triage").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messages")).to_contain_text("is now “In triage”")

    page.get_by_label("More information requested").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messages")).to_contain_text("More information requested")

    page.get_by_label("Message to the submitter").fill("Which wards would test it first?")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".messages")).to_contain_text("Message sent")

    page.get_by_label("Note for the huddle").fill("Looks promising. @huddle.member thoughts?")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messages")).to_contain_text("Note added")

    timeline = page.locator("#timeline-section")
    expect(timeline).to_contain_text("Moved from In triage to More information requested")
    expect(timeline).to_contain_text("Which wards would test it first?")
    expect(timeline).to_contain_text("Looks promising.")
    save_screenshot(page, "after")

    idea.refresh_from_db()
    assert idea.status == Status.MORE_INFO_REQUESTED
    assert SubmissionMessage.objects.filter(submission=idea, sender="huddle").exists()
    assert InternalNote.objects.filter(submission=idea).exists()
    assert any(idea.reference in message.subject for message in mail.outbox)


def test_a_partner_editor_cannot_open_the_inbox(demo_server, page):
    sign_in(page, demo_server, username="council.editor")
    response = page.goto(demo_server.url + "/admin/huddle/")
    assert response.status == 403
    expect(page.get_by_role("link", name="Huddle")).to_have_count(0)
