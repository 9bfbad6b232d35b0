"""Booking a place at an event in a real browser: the event page with its booking box, the
booking form (and its errors), the confirmation, a booking's own page and cancelling it pass
axe (WCAG 2.x A and AA) at 1280 and 390 px, in English and Urdu; and the whole journey
works without JavaScript (a separate context, without axe: axe needs scripts)."""

import re

from playwright.sync_api import expect

from bookings.enums import BookingStatus
from bookings.models import Booking
from demo.bookings import UPCOMING
from pages.models import EventPage
from tests.browser.test_public_pages import describe, wcag_violations

WIDTHS = {"desktop": 1280, "phone": 390}
# The form's labels and buttons in each language, as a visitor reads them.
WORDS = {
    "en": {
        "name": "Your name",
        "email": "Your email address",
        "join": "Join the waiting list",
        "leave": "Leave the waiting list",
        "cancelled": "This booking is cancelled.",
        "problem": "There is a problem",
    },
}


def upcoming_event() -> EventPage:
    """The demo's workshop booked through the hub (full: new bookings join the waiting
    list)."""
    return EventPage.objects.get(slug=UPCOMING, locale__language_code="en")


def check(page, problems, what, width):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    if overflow:
        problems[f"{what} at {width}px"] = "scrolls sideways"
    violations = wcag_violations(page)
    if violations:
        problems[f"{what} at {width}px"] = describe(violations)


def test_booking_pages_pass_axe_at_both_widths_in_english_and_urdu(
    demo_server, browser, save_screenshot
):
    event = upcoming_event()
    problems = {}
    for label, width in WIDTHS.items():
        for language in ("en", "ur"):
            prefix = "" if language == "en" else f"/{language}"
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            try:
                # The event page with its booking box (English: the event is not translated).
                if language == "en":
                    page.goto(demo_server.url + event.url)
                    box = page.get_by_role("link", name="Join the waiting list")
                    expect(box).to_be_visible()
                    save_screenshot(page, f"event-{label}")
                    check(page, problems, "event page", width)
                    box.click()
                    expect(page).to_have_url(re.compile(rf"/events/{event.pk}/book/$"))
                else:
                    page.goto(f"{demo_server.url}{prefix}/events/{event.pk}/book/")
                    expect(page.locator("html")).to_have_attribute("dir", "rtl")
                save_screenshot(page, f"form-{language}-{label}")
                check(page, problems, f"booking form ({language})", width)

                # Sent empty: errors beside the fields, in an error summary.
                page.locator("form button[type=submit]").last.click()
                expect(page.locator(".nhsuk-error-summary")).to_be_visible()
                save_screenshot(page, f"form-errors-{language}-{label}")
                check(page, problems, f"booking form errors ({language})", width)

                email = f"browser.{language}.{label}@example.org"
                page.locator("input[name=name]").fill(f"Browser {language} {label}")
                page.locator("input[name=email]").fill(email)
                page.locator("form button[type=submit]").last.click()
                expect(page).to_have_url(re.compile(r"/book/done/\?outcome=waiting$"))
                save_screenshot(page, f"booked-{language}-{label}")
                check(page, problems, f"booked ({language})", width)

                # The booking's own page (the link in the confirmation email), then cancel.
                booking = Booking.objects.get(email=email)
                assert booking.status == BookingStatus.WAITING
                assert booking.language == language
                page.goto(f"{demo_server.url}{prefix}/events/bookings/{booking.token}/")
                save_screenshot(page, f"manage-{language}-{label}")
                check(page, problems, f"booking's page ({language})", width)
                page.locator("button[name=action][value=cancel]").click()
                expect(page.locator("button[name=action][value=cancel]")).to_have_count(0)
                booking.refresh_from_db()
                assert booking.status == BookingStatus.CANCELLED
                save_screenshot(page, f"cancelled-{language}-{label}")
                check(page, problems, f"cancelled ({language})", width)
            finally:
                context.close()
    assert not problems, "\n\n".join(f"{what}:\n{text}" for what, text in problems.items())


def test_book_and_cancel_without_javascript(demo_server, browser, save_screenshot):
    """No axe here: it cannot run with scripts off (it would hang)."""
    event = upcoming_event()
    words = WORDS["en"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + event.url)
        page.get_by_role("link", name=words["join"]).click()
        page.get_by_label(words["name"]).fill("No Script")
        page.get_by_label(words["email"]).fill("not-an-email")
        page.get_by_role("button", name=words["join"]).click()
        # The error is next to the field, and what was typed is kept.
        expect(page.locator(".nhsuk-error-summary")).to_contain_text(words["problem"])
        expect(page.get_by_label(words["name"])).to_have_value("No Script")
        expect(page.get_by_label(words["email"])).to_have_value("not-an-email")
        page.get_by_label(words["email"]).fill("no.script@example.org")
        page.get_by_role("button", name=words["join"]).click()
        expect(page).to_have_url(re.compile(r"/book/done/\?outcome=waiting$"))
        booking = Booking.objects.get(email="no.script@example.org")
        page.goto(f"{demo_server.url}/events/bookings/{booking.token}/")
        page.get_by_role("button", name=words["leave"]).click()
        expect(page.locator("main")).to_contain_text(words["cancelled"])
        save_screenshot(page, "cancelled-no-js")
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
    finally:
        context.close()
