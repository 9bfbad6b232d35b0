"""The translated journeys in a real browser: axe on the Urdu idea form (right to left, with
an error state), on Urdu search results that fall back to English, and on a Polish case study
with its SPC charts."""

import re

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


# An Urdu journey through every step of the idea form ---------------------------------------

URDU_ANSWERS = {
    "about-you": {
        "submitter_name": "عائشہ خان",
        "submitter_email": "ayesha@example.org",
        "submitter_type": "carer",
    },
    "your-idea": {
        "title": "رات کو گرنے کے واقعات کم کرنا",
        "problem": "وارڈ 7 پر رات کو گرنے کے واقعات دگنے ہو گئے ہیں۔",
    },
    "aim": {"aim": "مارچ تک رات کو گرنے کے واقعات میں 30% کمی۔"},
    "measures": {"outcome_measures": "فی 1,000 بستر دن گرنے کے واقعات"},
    "changes": {"change_ideas": "رات کو باقاعدہ چکر"},
    "scope": {"proposed_route": "single_provider", "priorities": None},
    "populations": {"core20": "not_sure"},
    "involvement": {"involvement": "leading"},
    "support": {"support_wanted": "coaching"},
    "consent": {"privacy_consent": None},
}


def test_urdu_idea_journey_through_every_step(demo_server, page, save_screenshot):
    """Every step in Urdu, right to left, with no English on the page but the visitor's own
    answers: refused once empty (errors in Urdu), then filled, checked and submitted; the
    priorities are offered by their Urdu names and the back link's chevron points right."""
    from django.utils import translation

    from submissions.models import IdeaSubmission

    IdeaSubmission.objects.filter(title=URDU_ANSWERS["your-idea"]["title"]).delete()
    with translation.override("ur"):
        check_heading = translation.gettext("Check your answers")
        submit_label = translation.gettext("Submit your idea")
        submitted_heading = translation.gettext("Idea submitted")
    heading = page.get_by_role("heading", level=1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_server.url + "/ur/submit-an-idea/about-you/")
    for number, (slug, answers) in enumerate(URDU_ANSWERS.items(), start=1):
        expect(page).to_have_url(re.compile(f"/ur/submit-an-idea/{slug}/"))
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        main = page.locator("main")
        if slug != "measures":  # every answer on that step is optional
            # Refused when empty: the error summary is in Urdu.
            page.locator("button[name=action][value=continue]").click()
            summary = page.locator(".nhsuk-error-summary")
            expect(summary).to_be_visible()
            assert not re.search(r"[A-Za-z]{4,}", summary.inner_text()), summary.inner_text()
        for name, value in answers.items():
            field = main.locator(f"[name={name}]")
            if name == "priorities":  # offered by their Urdu names
                main.get_by_label("فالج", exact=True).check()
            elif value is None:
                field.first.check()
            elif field.first.get_attribute("type") in ("radio", "checkbox"):
                main.locator(f"[name={name}][value={value}]").check()
            else:
                field.fill(value)
        if number == 2:
            expect(page.locator(".nhsuk-back-link")).to_be_visible()
            rotation = page.evaluate(
                """() => getComputedStyle(document.querySelector('.nhsuk-back-link'),
                    '::before').transform"""
            )
            # rotate(45deg) points the chevron right: matrix(0.707, 0.707, -0.707, ...).
            a, b = (float(part) for part in rotation[7:-1].split(",")[:2])
            assert a > 0 and b > 0, rotation
        save_screenshot(page, f"{number:02d}-{slug}")
        page.locator("button[name=action][value=continue]").click()
    expect(heading).to_contain_text(check_heading)
    expect(page.locator("main")).to_contain_text("فالج")
    save_screenshot(page, "11-check-your-answers")
    page.get_by_role("button", name=submit_label, exact=True).click()
    expect(heading).to_contain_text(submitted_heading)
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    idea = IdeaSubmission.objects.get(title=URDU_ANSWERS["your-idea"]["title"])
    assert idea.language == "ur"
    save_screenshot(page, "12-confirmation")


def test_polish_dates_and_taxonomy_names_on_public_pages(demo_server, page, save_screenshot):
    """A Polish case study: genitive dates, Polish priority, method and topic names, the
    chart's title and unit in Polish; the partners' page in Polish."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(demo_server.url + "/pl" + TRUST + "halving-inpatient-falls/")
        main = page.locator("main").inner_text()
        assert "Bezpieczeństwo pacjentów (PSIRF)" in main or "Niesprawność" in main, main[:500]
        assert "Patient safety (PSIRF)" not in main
        assert "upadki na 1000 osobodni" in main
        assert re.search(
            r"\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|"
            r"sierpnia|września|października|listopada|grudnia) \d{4}",
            main,
        ), main
        assert not re.search(
            r"\d{1,2} (styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|"
            r"sierpień|wrzesień|październik|listopad|grudzień) \d{4}",
            main,
        )
        save_screenshot(page, f"case-study-{width}")
        page.goto(demo_server.url + "/pl/partners/")
        expect(page.locator("h1")).to_contain_text("Nasi partnerzy")
        save_screenshot(page, f"partners-{width}")
        page.goto(demo_server.url + "/ur/partners/")
        expect(page.locator("h1")).to_contain_text("ہمارے شراکت دار")
        save_screenshot(page, f"partners-ur-{width}")
        page.goto(demo_server.url + "/ur/case-studies/?page=2")
        save_screenshot(page, f"case-studies-ur-{width}")
