"""Phones: listings show their results first, with the filters folded behind a "Filter"
control, and SPC charts keep their text readable and whole (issue 20)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_pages import LEARNING_PAGES, describe, wcag_violations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

LISTINGS = [
    "/case-studies/",
    "/projects/",
    "/resources/",
    "/training/",
    "/coaches/",
    "/search/?q=falls",
]

TRUST = "/partners/wealdshire-university-hospitals-nhs-foundation-trust/"
CASE_STUDY = TRUST + "halving-inpatient-falls/"

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def first_result(page):
    return page.locator(".hub-results > li").first


def first_filter(page):
    return page.locator(".hub-filter-toggle__panel input[type=checkbox]").first


@pytest.mark.parametrize("path", LISTINGS)
def test_on_a_phone_the_results_come_first_and_filters_open_from_a_control(
    demo_server, browser, path
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(demo_server.url + path)
        toggle = page.locator(".hub-filter-toggle__summary")
        expect(toggle).to_be_visible()
        expect(toggle).to_contain_text("Filter")
        # The filters are folded: the results follow the control at once, no filter before.
        expect(first_filter(page)).to_be_hidden()
        expect(first_result(page)).to_be_visible()
        control = toggle.bounding_box()
        assert 0 < first_result(page).bounding_box()["y"] - control["y"] - control["height"] < 120
        assert page.evaluate(SIDEWAYS) == 0

        toggle.click()
        expect(first_filter(page)).to_be_visible()
        assert page.evaluate(SIDEWAYS) == 0
        violations = wcag_violations(page)
        assert not violations, describe(violations)

        # Choosing a filter and applying it keeps the folded layout and counts the choice.
        first_filter(page).check()
        page.locator(".hub-filter-toggle__panel button[type=submit]").click()
        expect(page.locator(".hub-filter-toggle__count")).to_contain_text("1 selected")
        expect(first_filter(page)).to_be_hidden()
    finally:
        context.close()


def test_the_learning_pages_have_no_wcag_violations_on_a_phone(demo_server, browser):
    """The collaborative, its shared view, a team, both projects, the projects listing, the
    benefits summary and the spread view, in every language, at 390 px."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = {}
    try:
        paths = [path for path, _status in LEARNING_PAGES]
        for path in [*paths, "/benefits/", "/case-studies/spread/"]:
            page.goto(demo_server.url + path)
            violations = wcag_violations(page)
            if violations:
                problems[path] = describe(violations)
            if page.evaluate(SIDEWAYS) > 0:
                problems[path] = "scrolls sideways"
    finally:
        context.close()
    assert not problems, "\n\n".join(f"{path}:\n{text}" for path, text in problems.items())


@pytest.mark.parametrize("path", ["/case-studies/", "/coaches/", "/search/?q=falls"])
def test_on_a_desktop_the_filters_stand_beside_the_results(demo_server, browser, path):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(demo_server.url + path)
        expect(page.locator(".hub-filter-toggle__summary")).to_be_hidden()
        expect(first_filter(page)).to_be_visible()
        filters = page.locator(".hub-filter-toggle__panel").bounding_box()
        results = first_result(page).bounding_box()
        assert filters["x"] + filters["width"] <= results["x"]  # beside, on the left
        assert abs(filters["y"] - results["y"]) < 120  # level with the results, not above
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_the_filters_stay_reachable(demo_server, browser, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/case-studies/")
        if viewport is PHONE:
            expect(first_filter(page)).to_be_hidden()
            page.locator(".hub-filter-toggle__summary").click()
        expect(first_filter(page)).to_be_visible()
    finally:
        context.close()


# SPC charts ----------------------------------------------------------------------------------

# Each visible chart drawing: its box, and for each of its texts the rendered font size in
# CSS pixels, whether it lies inside the drawing, and its text.
MEASURE_CHART_TEXT = """() => [
  ...document.querySelectorAll('figure.hub-spc-chart .hub-spc-chart__plot svg')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const box = svg.getBoundingClientRect();
    return {
      width: box.width,
      texts: [...svg.querySelectorAll('text')].map(text => {
        const r = text.getBoundingClientRect();
        return {
          text: text.textContent,
          size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
          inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5
            && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
        };
      }),
    };
  })"""


def test_chart_text_is_readable_on_a_phone(demo_server, browser, save_screenshot):
    """At 390 px every label in a chart is drawn at 12 px or more (the wide drawing, scaled
    to the phone, once drew them at about 5 px), and none is cut off."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(demo_server.url + CASE_STUDY)
        charts = page.evaluate(MEASURE_CHART_TEXT)
        assert len(charts) == page.locator("figure.hub-spc-chart").count() >= 2
        for chart in charts:
            assert chart["width"] <= PHONE["width"]
            small = [text for text in chart["texts"] if text["size"] < 12]
            assert not small, small
            outside = [text["text"] for text in chart["texts"] if not text["inside"]]
            assert not outside, outside
        assert page.evaluate(SIDEWAYS) == 0
        violations = wcag_violations(page)
        assert not violations, describe(violations)
        page.locator("figure.hub-spc-chart").first.scroll_into_view_if_needed()
        save_screenshot(page, "390")
    finally:
        context.close()


def test_chart_labels_are_never_cut_off_on_a_desktop(demo_server, browser, save_screenshot):
    """At 1280 px no text runs off a chart, and each PDSA cycle is a number in the drawing
    with its whole label in the list below ("Safety huddle sta…" was cut short)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(demo_server.url + CASE_STUDY)
        charts = page.evaluate(MEASURE_CHART_TEXT)
        assert charts
        for chart in charts:
            outside = [text["text"] for text in chart["texts"] if not text["inside"]]
            assert not outside, outside
            assert not [text for text in chart["texts"] if text["size"] < 12]
            assert not [text for text in chart["texts"] if "…" in text["text"]]
        first = page.locator("figure.hub-spc-chart").first
        expect(first.locator(".hub-spc-chart__annotations li").first).to_have_text(
            "March 2025: Safety huddle starts"
        )
        badges = first.locator(".hub-spc-chart__svg .hub-spc-chart__marker--annotation text")
        expect(badges).to_have_text(["1", "2"])
        # The step in level is explained under the first chart too.
        expect(first.locator(".hub-spc-chart__note")).to_contain_text("The level changed in")
        save_screenshot(page, "1280")
    finally:
        context.close()
