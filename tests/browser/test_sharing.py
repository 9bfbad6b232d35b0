""" "Share your work" in a real browser: the whole journey at desktop and phone widths with
JavaScript on, zero axe WCAG A/AA violations on every page, one Urdu page, and a screenshot
of each page in var/screenshots/."""

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from pages.models import CaseStudyPage
from sharing.models import SharedWork
from tests.browser.test_public_pages import describe, wcag_violations

TITLE = "Safety huddles on ward 9"
DATA = "\n".join(f"2025-{month:02d}-01, {12 - month * 0.5}" for month in range(1, 13))
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "hub.private_files.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    cache.clear()
    SharedWork.objects.all().delete()
    CaseStudyPage.objects.filter(title=TITLE).delete()
    yield
    cache.clear()


def _look(page, save_screenshot, name):
    expect(page.locator("h1")).to_have_count(1)
    violations = wcag_violations(page)
    assert not violations, f"axe: WCAG violations on {name}:\n" + describe(violations)
    save_screenshot(page, name)


def _continue(page):
    page.get_by_role("button", name="Continue", exact=True).click()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "390"])
def test_share_your_work_journey(demo_server, page, save_screenshot, viewport):
    page.set_viewport_size(viewport)
    page.goto(demo_server.url + "/")
    page.get_by_role("link", name="Share your work").click()
    _look(page, save_screenshot, "01-start")
    page.get_by_role("button", name="Start now").click()

    _continue(page)  # nothing typed: errors beside the fields
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    _look(page, save_screenshot, "02-about-you-errors")
    page.get_by_label("Your name").fill("Asha Patel")
    page.get_by_label("Your work email address").fill("asha.patel@wealdshire.example")
    page.get_by_label("Which partner organisation do you work for?").select_option(index=1)
    page.get_by_label("Your job title or role").fill("Ward manager")
    _continue(page)

    _look(page, save_screenshot, "03-the-work")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Falls fell after daily safety huddles.")
    page.get_by_label("The problem").fill("Patients fell at night.")
    page.get_by_label("What were you trying to achieve?").fill("Fewer falls by March.")
    page.get_by_label("What you did").fill("Daily huddles.")
    _continue(page)

    page.locator("#id_measure_name").fill("Falls per 1,000 bed days")
    page.locator("#id_measure_data").fill("yesterday, lots")
    _continue(page)
    expect(page.locator("#id_measure_data-error")).to_be_visible()
    page.locator("#id_measure_data").fill(DATA)
    page.get_by_role("button", name="Save and preview the chart").click()
    expect(page.get_by_role("heading", name="Preview of your chart")).to_be_visible()
    _look(page, save_screenshot, "04-measure-preview")
    _continue(page)

    _look(page, save_screenshot, "05-files")
    _continue(page)
    page.get_by_label("I agree that the hub may publish").check()
    page.get_by_label("No, do not name me").check()
    page.get_by_label("I have read the privacy notice").check()
    _look(page, save_screenshot, "06-consent")
    _continue(page)

    _look(page, save_screenshot, "07-check")
    page.get_by_role("button", name="Send your case study").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Case study sent")
    _look(page, save_screenshot, "08-confirmation")
    shared = SharedWork.objects.get()
    assert not shared.page.live


def test_share_your_work_start_page_in_urdu(demo_server, page, save_screenshot):
    page.goto(demo_server.url + "/ur/share-your-work/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("اپنا کام شیئر کریں")
    _look(page, save_screenshot, "ur-start")
