"""Booking a place in a real browser, without JavaScript: the event page's places, the form
(and its errors), the booking's own page and the feedback form; axe finds nothing, and each
page reads at 390 px (screenshots in var/screenshots/)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from bookings.models import Booking

from .test_public_pages import WCAG_TAGS, describe

UPCOMING = "/training/qi-coaching-skills-workshop/"
PAST = "/training/learning-from-patient-safety-events/"


def violations(page):
    return [v for v in Axe().run(page).response["violations"] if WCAG_TAGS.intersection(v["tags"])]


@pytest.mark.parametrize("width", [1280, 390])
def test_booking_without_javascript(demo_server, browser, save_screenshot, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    problems = {}

    def check(name):
        save_screenshot(page, f"{name}-{width}")
        found = violations(page)
        if found:
            problems[name] = describe(found)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(demo_server.url + UPCOMING)
    assert "fully booked" in page.content()
    check("event")
    page.get_by_role("link", name="Join the waiting list").click()
    assert page.locator("h1").inner_text() == "Join the waiting list"
    check("form")
    page.get_by_role("button", name="Join the waiting list").click()
    assert "There is a problem" in page.content()
    save_screenshot(page, f"form-errors-{width}")
    page.get_by_label("Your name").fill("Browser Person")
    page.get_by_label("Your email address").fill(f"browser{width}@example.org")
    page.get_by_role("button", name="Join the waiting list").click()
    assert page.locator("h1").inner_text() == "You are on the waiting list"
    save_screenshot(page, f"booked-{width}")

    booking = Booking.objects.get(email=f"browser{width}@example.org")
    page.goto(demo_server.url + f"/events/bookings/{booking.token}/")
    check("manage")
    page.get_by_role("button", name="Leave the waiting list").click()
    assert "This booking is cancelled" in page.content()

    past = Booking.objects.filter(event__slug="learning-from-patient-safety-events").first()
    page.goto(demo_server.url + f"/ur/events/bookings/{past.token}/feedback/")
    check("feedback-ur")
    context.close()
    assert not problems, "\n\n".join(f"{name}:\n{text}" for name, text in problems.items())
