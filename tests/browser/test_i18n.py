"""The translated journeys in a real browser: axe on the Urdu idea form (right to left, with
an error state), on Urdu search results that fall back to English, and on a Polish case study
with its SPC charts."""

import pytest
from playwright.sync_api import expect

from .test_public_pages import describe, wcag_violations

pytestmark = pytest.mark.browser

TRUST = "/partners/wealdshire-university-hospitals-nhs-foundation-trust/"


def test_urdu_idea_form_and_polish_case_study_have_no_wcag_violations(demo_server, page):
    problems = {}

    def check(label):
        violations = wcag_violations(page)
        if violations:
            problems[label] = describe(violations)

    # The Urdu idea form: start page, first step, then the step refused with its errors.
    page.goto(demo_server.url + "/ur/submit-an-idea/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    check("/ur/submit-an-idea/")
    page.goto(demo_server.url + "/ur/submit-an-idea/about-you/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check("/ur/submit-an-idea/about-you/")
    page.locator("button[name=action][value=continue]").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    # The error summary and the messages are in Urdu, not English.
    assert "Enter your name" not in summary.inner_text()
    check("/ur/submit-an-idea/about-you/ (errors)")

    # Urdu search: the Urdu case study, then English results marked as English; every
    # control inside its column (NHS.UK sizes selects in ex, which Arabic-script fonts make
    # twice as wide: the sort select once covered the results).
    page.goto(demo_server.url + "/ur/search/?q=falls")
    expect(page.locator(".hub-search-result [lang=en]").first).to_be_visible()
    check("/ur/search/?q=falls")
    outside = page.evaluate(
        """() => [...document.querySelectorAll('main input, main select, main button')]
        .filter((control) => {
            const column = control.closest('[class*="nhsuk-grid-column"]');
            const box = control.getBoundingClientRect();
            if (!column || !box.width) return false;
            const edges = column.getBoundingClientRect();
            return box.left < edges.left - 1 || box.right > edges.right + 1;
        })
        .map((control) => control.id || control.name)"""
    )
    assert outside == [], f"controls wider than their column: {outside}"

    # A Polish case study with its charts.
    response = page.goto(demo_server.url + "/pl" + TRUST + "halving-inpatient-falls/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("figure.hub-spc-chart").first).to_be_visible()
    check("Polish case study")

    assert not problems, "\n\n".join(f"{label}:\n{text}" for label, text in problems.items())
