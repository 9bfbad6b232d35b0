"""The huddle's day in a real browser: a member signs in to the dashboard's huddle panel,
opens the inbox (which fits a 1280 px screen, titles linking to ideas), moves a new idea into
triage in one click, works on an idea through its tabs (by keyboard too; a refused form keeps
its tab open), and every huddle screen passes axe (WCAG 2.x A and AA) at 1280 and 390 px."""

import re

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from submissions.enums import Status
from submissions.huddle.home_panel import huddle_day
from submissions.models import HuddleMeeting, IdeaSubmission, InternalNote, SubmissionMessage
from tests.browser.test_public_pages import describe, wcag_violations

DEMO_PASSWORD = "improve-together"
WIDTHS = (1280, 390)

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
    page.get_by_role("link", name=idea.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(idea.reference)
    save_screenshot(page, "idea")

    page.get_by_role("tab", name="Decision").click()
    page.get_by_label("In triage").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messages")).to_contain_text("is now “In triage”")

    # Back on the Decision tab, where the form was.
    expect(page.get_by_role("tab", name="Decision")).to_have_attribute("aria-selected", "true")
    page.get_by_label("More information requested").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".messages")).to_contain_text("More information requested")

    page.get_by_role("tab", name="Conversation").click()
    page.get_by_label("Message to the submitter").fill("Which wards would test it first?")
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".messages")).to_contain_text("Message sent")

    page.get_by_label("Note for the huddle").fill("Looks promising. @huddle.member thoughts?")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messages")).to_contain_text("Note added")
    expect(page.locator("#thread-section")).to_contain_text("Looks promising.")

    page.get_by_role("tab", name="History").click()
    timeline = page.locator("#timeline-section")
    expect(timeline).to_be_visible()
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


def member_page(browser, server, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, server)
    return page


def assert_no_wcag_violations(page, what):
    violations = wcag_violations(page)
    assert not violations, f"{what}:\n{describe(violations)}"


# The landing page ---------------------------------------------------------------------------


def test_a_member_lands_on_the_huddle_day(demo_server, browser, save_screenshot):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username="huddle.member")
    for width in WIDTHS:
        day = huddle_day(member)
        page = member_page(browser, demo_server, width, height=1600)
        panel = page.locator("#huddle-day-section")
        expect(panel.get_by_role("heading", name="Your huddle day")).to_be_visible()
        expect(panel.get_by_role("heading", name=f"{day.new_count} new ideas")).to_be_visible()
        expect(panel).to_contain_text(f"{day.overdue_count} ideas past a target")
        expect(panel).to_contain_text("you lead or coach")
        for idea in day.new_ideas:
            expect(panel.get_by_role("link", name=idea.title, exact=True)).to_be_visible()
            expect(
                panel.get_by_role("button", name=f"Start triage ({idea.reference}: {idea.title})")
            ).to_be_visible()
        if day.next_meeting:
            expect(panel).to_contain_text("Next meeting:")
        assert_no_wcag_violations(page, f"dashboard at {width} px")
        save_screenshot(page, f"{width}")
        panel.get_by_role("link", name="Open the inbox").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Huddle inbox")
        page.context.close()


# The inbox ----------------------------------------------------------------------------------

TABLE_FITS = """() => {
    const table = document.querySelector("table.listing");
    const width = document.documentElement.clientWidth;
    const cut = [...table.querySelectorAll("th, td")]
        .filter((cell) => cell.getBoundingClientRect().right > width + 0.5)
        .map((cell) => cell.textContent.trim().slice(0, 40));
    const scrolling = [];
    for (let box = table; box; box = box.parentElement) {
        if (box.scrollWidth > box.clientWidth + 1) scrolling.push(box.className);
    }
    return {cut, scrolling, columns: table.querySelectorAll("thead th").length};
}"""


@pytest.mark.parametrize("query", ["", "?status=all", "?overdue=yes"])
def test_the_inbox_fits_a_1280_screen_and_titles_link_to_ideas(
    demo_server, browser, save_screenshot, query
):
    page = member_page(browser, demo_server, 1280, height=1000)
    page.goto(demo_server.url + "/admin/huddle/" + query)
    fit = page.evaluate(TABLE_FITS)
    assert fit["columns"] == 8
    assert fit["cut"] == [], f"cells past the right edge: {fit['cut']}"
    assert fit["scrolling"] == [], f"boxes scrolling sideways: {fit['scrolling']}"
    expect(page.get_by_role("columnheader", name="Overdue")).to_be_in_viewport()
    save_screenshot(page, "1280")

    first_title = page.locator("tbody th[scope=row] a").first
    title = first_title.inner_text()
    first_title.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    page.context.close()


def test_a_member_moves_a_new_idea_into_triage_in_one_click(demo_server, browser, save_screenshot):
    idea = IdeaSubmission.objects.filter(status=Status.SUBMITTED).order_by("-submitted_at").first()
    assert idea is not None, "the demo has new ideas"
    page = member_page(browser, demo_server)
    page.goto(demo_server.url + "/admin/huddle/?status=submitted")
    row = page.get_by_role("row").filter(has_text=idea.reference)
    row.get_by_role("button", name=f"Start triage ({idea.reference}: {idea.title})").click()

    expect(page.locator(".messages")).to_contain_text(f"{idea.reference} ({idea.title}) is now")
    expect(page).to_have_url(re.compile(r"/admin/huddle/\?status=submitted$"))
    expect(page.get_by_role("row").filter(has_text=idea.reference)).to_have_count(0)
    save_screenshot(page, "after")
    idea.refresh_from_db()
    assert idea.status == Status.IN_TRIAGE
    change = idea.status_changes.get(to_status=Status.IN_TRIAGE)
    assert change.changed_by.username == "huddle.member"
    page.context.close()


# The idea page ------------------------------------------------------------------------------

TABS = ["What was submitted", "Decision", "People", "Conversation", "History"]


def test_the_idea_page_tabs_work_by_keyboard_and_pass_axe(demo_server, browser, save_screenshot):
    idea = IdeaSubmission.objects.filter(status=Status.IN_COACHING).order_by("pk").first()
    for width in WIDTHS:
        page = member_page(browser, demo_server, width, height=1400)
        page.goto(f"{demo_server.url}/admin/huddle/ideas/{idea.reference}/")
        tabs = page.get_by_role("tab")
        expect(tabs).to_contain_text(TABS)
        first = page.get_by_role("tab", name=TABS[0])
        expect(first).to_have_attribute("aria-selected", "true")
        first.focus()
        for index, name in enumerate(TABS):
            if index:
                page.keyboard.press("ArrowRight")
            tab = page.get_by_role("tab", name=name)
            expect(tab).to_have_attribute("aria-selected", "true")
            expect(tab).to_be_focused()
            panel = page.get_by_role("tabpanel", name=name)
            expect(panel).to_be_visible()
            expect(page.get_by_role("tabpanel")).to_have_count(1)  # the others are hidden
            assert_no_wcag_violations(page, f"idea page, {name} tab, {width} px")
            save_screenshot(page, f"{width}-{index}-{name.split()[0].lower()}")
        page.keyboard.press("Home")
        expect(first).to_be_focused()
        page.keyboard.press("End")
        expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
        # The address names the open tab, so a reload or a shared link opens it again.
        expect(page).to_have_url(re.compile("#tab-history$"))
        page.reload()
        expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
        page.context.close()


def test_a_refused_form_keeps_its_tab_open_with_the_error(demo_server, browser, save_screenshot):
    idea = IdeaSubmission.objects.filter(status=Status.IN_TRIAGE).order_by("-pk").first()
    page = member_page(browser, demo_server, height=1400)
    page.goto(f"{demo_server.url}/admin/huddle/ideas/{idea.reference}/")

    page.get_by_role("tab", name="Decision").click()
    page.get_by_label("Declined").check()
    page.get_by_role("button", name="Change status").click()

    decision = page.get_by_role("tab", name=re.compile("^Decision"))
    expect(decision).to_have_attribute("aria-selected", "true")
    expect(decision).to_contain_text("1")  # Wagtail's error count on the tab
    panel = page.get_by_role("tabpanel", name=re.compile("^Decision"))
    expect(panel.get_by_text("Give a reason for moving an idea to Declined.")).to_be_visible()
    expect(page.get_by_label("Declined")).to_be_checked()  # what was chosen is kept
    assert_no_wcag_violations(page, "idea page with an error")
    save_screenshot(page, "decision")

    page.get_by_role("tab", name="Conversation").click()
    page.get_by_role("button", name="Add note").click()  # empty
    conversation = page.get_by_role("tab", name=re.compile("^Conversation"))
    expect(conversation).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name=re.compile("^Conversation"))).to_contain_text(
        "This field is required"
    )
    idea.refresh_from_db()
    assert idea.status == Status.IN_TRIAGE
    page.context.close()


# Every huddle screen: axe at both widths ---------------------------------------------------


def test_every_huddle_screen_passes_axe(demo_server, browser, save_screenshot):
    today = timezone.localdate()
    upcoming = HuddleMeeting.objects.filter(date__gte=today).order_by("date").first()
    past = HuddleMeeting.objects.filter(date__lt=today).order_by("-date").first()
    idea = IdeaSubmission.objects.filter(status=Status.COMPLETED).order_by("pk").first()
    screens = {
        "dashboard": "/admin/",
        "inbox": "/admin/huddle/?status=all",
        "inbox-filtered": "/admin/huddle/?overdue=yes&ordering=-days_in_status",
        "idea": f"/admin/huddle/ideas/{idea.reference}/#tab-decision",
        "meetings": "/admin/huddle/meetings/",
        "meeting-upcoming": f"/admin/huddle/meetings/{upcoming.pk}/",
        "meeting-past": f"/admin/huddle/meetings/{past.pk}/",
        "minutes": f"/admin/huddle/meetings/{past.pk}/minutes/",
        "new-meeting": "/admin/huddle/meetings/add/",
        "measures": "/admin/huddle/dashboard/",
    }
    for width in WIDTHS:
        page = member_page(browser, demo_server, width, height=1400)
        for name, path in screens.items():
            response = page.goto(demo_server.url + path)
            assert response.status == 200, path
            assert_no_wcag_violations(page, f"{name} at {width} px")
            save_screenshot(page, f"{name}-{width}")
        page.context.close()
