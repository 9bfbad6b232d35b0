"""The coach directory in a real browser: accessibility (axe), no JavaScript, the contact
form's error state and confirmation."""

import re

from django.core import mail

from playwright.sync_api import expect

from tests.browser.test_public_pages import describe, wcag_violations

DIRECTORY_PAGES = [
    ("/coaches/", "index"),
    ("/coaches/?skill=measurement-and-spc&mode=online&capacity=open", "filtered"),
    ("/coaches/?q=stroke", "search"),
    ("/coaches/?q=nobody-matches-this", "no-results"),
    ("/coaches/hannah-lowe/", "profile"),
    ("/coaches/tunde-afolabi/", "profile-not-now"),
    ("/coaches/hannah-lowe/contact/", "contact"),
    ("/coaches/tunde-afolabi/contact/", "contact-closed"),
    ("/pl/coaches/", "index-pl"),
    ("/pl/coaches/kasia-nowak/", "profile-pl"),
]


def test_directory_pages_have_no_wcag_a_or_aa_violations(demo_server, page, save_screenshot):
    problems = {}
    for path, name in DIRECTORY_PAGES:
        response = page.goto(demo_server.url + path)
        if response.status != 200:
            problems[path] = f"HTTP {response.status}"
            continue
        if page.locator("h1").count() != 1:
            problems[path] = f"{page.locator('h1').count()} h1 elements"
        save_screenshot(page, name)
        violations = wcag_violations(page)
        if violations:
            problems[path] = describe(violations)
    assert not problems, "\n\n".join(f"{path}:\n{text}" for path, text in problems.items())


def test_contact_form_errors_are_accessible_then_the_message_goes(
    demo_server, page, save_screenshot
):
    page.goto(demo_server.url + "/coaches/hannah-lowe/")
    page.get_by_role("link", name="Contact this coach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact this coach")

    page.get_by_label("Your name").fill("Grace Mensah")
    page.get_by_label("Your email address").fill("not-an-email")
    page.get_by_role("button", name="Send message").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Choose what you would like help with.")
    expect(summary).to_contain_text("Enter your message.")
    expect(page.get_by_label("Your name")).to_have_value("Grace Mensah")
    expect(page.get_by_label("Your email address")).to_have_value("not-an-email")
    expect(page).to_have_title(re.compile(r"^Error: "))
    save_screenshot(page, "errors")
    violations = wcag_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Coaching for our improvement project").check()
    page.get_by_label("Your message").fill("Could you coach our falls huddle on ward 7?")
    page.get_by_label("Your email address").fill("grace.mensah@example.org")
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your message is on its way")
    save_screenshot(page, "sent")
    violations = wcag_violations(page)
    assert not violations, describe(violations)
    (email,) = mail.outbox
    assert email.to == ["coach@wealdshire.example"]
    assert email.reply_to == ["grace.mensah@example.org"]


def test_directory_filters_and_contact_work_without_javascript(demo_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/coaches/")
        page.get_by_label(re.compile(r"^Polish \(\d+\)$")).check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"/coaches/\?q=&language=polish$"))
        expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*2 coaches\s*$"))

        page.get_by_label("Search by name, skill, priority or place").fill("data")
        page.get_by_role("button", name="Search coaches").click()
        expect(page).to_have_url(re.compile(r"q=data&language=polish"))
        expect(page.get_by_role("link", name="Zofia Wiśniewska")).to_be_visible()

        page.get_by_role("link", name="Zofia Wiśniewska").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Zofia Wiśniewska")
        expect(page.get_by_role("link", name="Contact this coach")).to_be_visible()
    finally:
        context.close()


def test_coach_keeps_only_their_own_profile_in_the_admin(demo_server, page, save_screenshot):
    page.goto(demo_server.url + "/admin/login/")
    page.get_by_label("Username").fill("coach")
    page.get_by_label("Password").fill("improve-together")
    page.get_by_role("button", name="Sign in").click()

    page.goto(demo_server.url + "/admin/snippets/directory/coachprofile/")
    expect(page.get_by_role("link", name="Hannah Lowe")).to_be_visible()
    expect(page.get_by_text("Kasia Nowak")).to_have_count(0)
    save_screenshot(page, "list")

    page.get_by_role("link", name="Hannah Lowe").click()
    try:
        expect(page.get_by_label("Role")).to_have_value("Improvement coach")
        expect(page.locator("[name=user]")).to_have_count(0)
        save_screenshot(page, "edit")
    finally:
        # The edit view pings the server (editing sessions) while it is open; leave it, so
        # no request writes to the database while the live server's data is flushed.
        page.goto("about:blank")


def test_a_coach_without_an_address_offers_no_form_and_says_where_to_go(demo_server, browser):
    """The journey that lost messages: a profile saying it takes requests, with nowhere to
    send them. The visitor is never offered the form, is told why, and is sent on."""
    from demo.factories import CoachProfileFactory
    from directory.enums import Capacity
    from directory.models import CoachProfile
    from hub import page_cache

    coach = CoachProfileFactory(display_name="Rhiannon Unreachable")
    # As a profile saved before the editor's check existed (the editor now refuses it).
    CoachProfile.objects.filter(pk=coach.pk).update(
        contact_email="", user=None, capacity=Capacity.OPEN
    )
    page_cache.invalidate()  # an update() sends no signal
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            page.goto(f"{demo_server.url}/coaches/{coach.slug}/")
            expect(page.get_by_role("heading", level=1)).to_have_text("Rhiannon Unreachable")
            expect(page.get_by_text("Not taking requests now")).to_be_visible()
            expect(page.get_by_text("Taking new requests")).to_have_count(0)
            expect(page.get_by_role("link", name="Contact this coach")).to_have_count(0)
            expect(page.get_by_text("cannot be contacted through the hub yet")).to_be_visible()
            page.get_by_role("link", name="Find a coach who is taking requests").click()
            expect(page).to_have_url(re.compile(r"/coaches/\?capacity=open$"))
            expect(page.get_by_role("link", name="Rhiannon Unreachable")).to_have_count(0)

            # The form's address, typed or bookmarked: closed, and nothing can be sent.
            page.goto(f"{demo_server.url}/coaches/{coach.slug}/contact/")
            expect(page.get_by_role("button", name="Send message")).to_have_count(0)
            violations = wcag_violations(page)
            assert not violations, describe(violations)
        finally:
            context.close()
